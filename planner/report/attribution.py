"""The attribution report: who earned credit for customer outcomes in the period, and the
stories behind it."""

from __future__ import annotations

import uuid

from planner.domain.text import number, plural
from planner.domain.values import OutcomeCategory, TouchKind
from planner.report.blocks import Align, Panel, Row, Stack, Text
from planner.report.chart import TOUCH_NAMES, SvgBlock, credit_chart
from planner.report.data import Attribution, Selection, attribution
from planner.report.document import Block, Document, Section
from planner.report.style import BAND, BOLD, INK, MUTED, REGULAR, RULE, SEMIBOLD, mm
from planner.report.text import day, period_label
from planner.services.journal import JournalEntry
from planner.services.plan import Plan

OUTCOME_NAMES = {
    OutcomeCategory.ONBOARDING_COMPLETED: "onboarding completed",
    OutcomeCategory.RENEWAL: "renewal",
    OutcomeCategory.UPGRADE: "upgrade",
    OutcomeCategory.REFERRAL: "referral",
    OutcomeCategory.CHURN_PREVENTED: "churn prevented",
    OutcomeCategory.OTHER: "other outcome",
}
# More bars than this make the chart a wall; the table below it lists every team.
CHART_TEAMS = 15
STORY_LINES = 3
CREDIT_COLUMNS = (0.3, 0.2, 0.12, 0.38)


def attribution_report(document: Document, plan: Plan, selection: Selection) -> None:
    for section in attribution_sections(attribution(plan, selection), selection):
        document.add(section)


def attribution_sections(data: Attribution, selection: Selection) -> list[Section]:
    title = f"Customer attribution · {period_label(selection.period)}"

    def header(continued: bool) -> Block:
        text = f"{title} (continued)" if continued else title
        return Panel(Text(text, 15, BOLD), BAND, accent=RULE, space_after=mm(4))

    if not data.entries:
        period = selection.period.name if selection.period else "this plan"
        text = (
            f"No attribution notes credit the teams chosen in {period}"
            if selection.subset
            else f"No attribution notes for {period} yet"
        )
        return [Section([_quiet(text)], header=header)]
    blocks: list[Block] = [
        Text(
            f"{plural(len(data.entries), 'customer outcome')}. Each outcome shares 100 points "
            "of credit among the teams and kinds of touch that earned it; what nobody earned "
            "is counted as unattributed.",
            9.5,
            color=MUTED,
            space_after=mm(4),
        ),
        *_summary(data),
        Text("Notes", 13, BOLD, keep_with_next=True, space_after=mm(2)),
        *(_note(entry) for entry in data.entries),
    ]
    return [Section(blocks, header=header)]


def _quiet(text: str) -> Block:
    return Text(text, 10, italic=True, color=MUTED, space_after=mm(4))


def _summary(data: Attribution) -> list[Block]:
    summary = data.summary
    ranked = sorted(summary.by_team.items(), key=lambda item: (-item[1], _name(data, item[0])))
    blocks: list[Block] = [Text("Credit by team", 13, BOLD, keep_with_next=True, space_after=mm(2))]
    chart_rows = [
        (_name(data, team_id), summary.by_team_and_touch.get(team_id, {}))
        for team_id, _ in ranked[:CHART_TEAMS]
    ]
    if chart_rows:
        blocks.append(SvgBlock(credit_chart(chart_rows, 7.0), mm(170), space_after=mm(2)))
        if len(ranked) > CHART_TEAMS:
            blocks.append(
                _quiet(
                    f"The chart shows the {CHART_TEAMS} teams with most credit; "
                    "the table lists them all."
                )
            )
    blocks.append(_credit_row(("Team", "Stage", "Credit", "By kind of touch"), labels=True))
    stage_of: dict[uuid.UUID, str] = {}
    for entry in data.entries:
        for share in entry.shares:
            if share.team_id is not None and share.stage_id is not None:
                stage_of[share.team_id] = data.stage_names.get(share.stage_id, "")
    for team_id, points in ranked:
        touches = summary.by_team_and_touch.get(team_id, {})
        blocks.append(
            _credit_row(
                (_name(data, team_id), stage_of.get(team_id, ""), number(points), _touches(touches))
            )
        )
    if summary.deleted_teams:
        blocks.append(_credit_row(("Teams deleted since", "", number(summary.deleted_teams), "")))
    blocks.append(_credit_row(("Unattributed", "", number(summary.unattributed), "")))
    blocks.append(
        _credit_row(("Total", "", number(summary.total), _touches(summary.by_touch)), total=True)
    )
    blocks[-1].space_after = mm(6)
    return blocks


def _name(data: Attribution, team_id: uuid.UUID) -> str:
    return data.team_names.get(team_id, "(deleted team)")


def _touches(touches: dict[TouchKind, float]) -> str:
    parts = sorted(touches.items(), key=lambda item: -item[1])
    return " · ".join(f"{TOUCH_NAMES[kind]} {number(points)}" for kind, points in parts)


def _credit_row(
    cells: tuple[str, str, str, str], labels: bool = False, total: bool = False
) -> Block:
    size = 7.5 if labels else 9.5
    texts: list[Block] = [
        Text(
            value,
            size if index < 3 else min(size, 8.5),
            SEMIBOLD if labels or total or index == 0 else REGULAR,
            color=MUTED if labels else INK,
            align=Align.AlignRight if index == 2 else Align.AlignLeft,
        )
        for index, value in enumerate(cells)
    ]
    return Row(
        texts,
        CREDIT_COLUMNS,
        padding=mm(0.8 if labels else 1.1),
        rule=RULE if labels or total else None,
        keep_with_next=labels,
    )


def _note(entry: JournalEntry) -> Block:
    shares = [
        f"{row.team_name or '(deleted team)'} {row.share:g} % ({TOUCH_NAMES[row.touch]})"
        for row in entry.shares
    ]
    if entry.unattributed_share:
        shares.append(f"unattributed {entry.unattributed_share:g} %")
    body: list[Block] = [
        Text(f"{entry.customer} · {OUTCOME_NAMES[entry.outcome_category]}", 10, SEMIBOLD),
        Text(entry.outcome, 10),
        Text("Credit: " + (" · ".join(shares) if shares else "no team credited yet"), 8.5),
    ]
    if entry.story:
        body.append(Text(entry.story, 9, italic=True, color=MUTED, max_lines=STORY_LINES))
    facts = [f"confidence {entry.confidence.value}"]
    if entry.key_result:
        facts.append(f"key result: {entry.key_result}")
    body.append(Text(" · ".join(facts), 8, color=MUTED))
    return Row(
        [Text(day(entry.on_date), 9.5, SEMIBOLD), Stack(body, gap=mm(0.6))],
        (0.16, 0.84),
        padding=mm(2),
        space_after=0,
    )
