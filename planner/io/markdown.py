"""The plan as Markdown for wikis: one period's objectives by stage and team, and the credit.

Every piece of text a person typed is escaped, so a team called ``<b>Growth</b>`` reads as
exactly that (not bold, and no HTML reaches the wiki) and a ``|`` in a title cannot break a
table. Figures are those the app shows: progress as "78 %" or "—" when there is none, grades on
the 0.0-1.0 scale, confidence out of 10.
"""

from __future__ import annotations

import html
import re
import uuid
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

from planner.domain.progress import NO_PROGRESS, format_progress
from planner.domain.values import Commitment, KeyResultKind, ThresholdDirection, TouchKind
from planner.io.files import write_atomically
from planner.services.journal import JournalFilter, journal
from planner.services.okr_tree import KeyResultNode, ObjectiveNode
from planner.services.plan import Plan
from planner.services.records import PeriodRecord
from planner.services.rollup import PeriodProgress, period_progress

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# What would start a heading, quote, list or rule at the start of a paragraph line.
_BLOCK_START = re.compile(r"^([#>+=-]|\d+(?=[.)]))")
_TOUCHES = {
    TouchKind.PRODUCT_UX: "Product & UX",
    TouchKind.CUSTOMER_SUPPORT: "Customer support",
    TouchKind.SALES: "Sales",
    TouchKind.EDUCATION_CONTENT: "Education & content",
    TouchKind.MARKETING: "Marketing",
    TouchKind.OTHER: "Other",
}
_TABLE_HEAD = (
    "| Key result | Start → Target | Current | Progress | Grade | Confidence |\n"
    "| --- | --- | ---: | ---: | ---: | ---: |"
)


def export_markdown(
    plan: Plan, out: Path, period_id: uuid.UUID | None = None, today: date | None = None
) -> None:
    """Write one period of the plan (default: the current period) to ``out`` as Markdown."""
    write_atomically(Path(out), render_markdown(plan, period_id, today).encode("utf-8"), plan.path)


def render_markdown(
    plan: Plan, period_id: uuid.UUID | None = None, today: date | None = None
) -> str:
    """The Markdown :func:`export_markdown` writes."""
    info = plan.info.current()
    lines = [f"# {inline(info.name)}", ""]
    if info.description:
        lines += [paragraph(info.description), ""]
    period = plan.periods.get(period_id) if period_id else plan.periods.current(today)
    if period is None:
        lines.append("The plan has no period yet.")
        return "\n".join(lines) + "\n"
    summary = period_progress(plan, period.id, today)
    lines += [
        f"**Period:** {inline(period.name)} ({period.start_date.isoformat()} – "
        f"{period.end_date.isoformat()})  ",
        f"**Plan progress:** {format_progress(summary.plan)}",
        "",
    ]
    trees = _objectives_by_team(plan, period, summary)
    if trees.get(None):
        lines += ["## Plan-level objectives", ""]
        for objective in trees[None]:
            lines += _objective(objective, "###")
    lines += _stages(plan, summary, trees)
    lines += _attribution(plan, period)
    return "\n".join(lines).rstrip("\n") + "\n"


def _objectives_by_team(
    plan: Plan, period: PeriodRecord, summary: PeriodProgress
) -> dict[uuid.UUID | None, list[ObjectiveNode]]:
    """The period's objectives with their key results, by team (``None``: plan level).

    The same nodes :func:`~planner.services.okr_tree.okr_tree` builds, from one roll-up of the
    period rather than one per team, so a plan of hundreds of teams exports in a moment.
    """
    people = {person.id: person.name for person in plan.people.list()}
    objectives = plan.objectives.list(period_id=period.id)
    titles = {objective.id: objective.title for objective in objectives}
    results: dict[uuid.UUID, list[KeyResultNode]] = defaultdict(list)
    for result in plan.key_results.in_period(period.id):
        status = summary.key_results.get(result.id)
        if status is not None:
            owner = people.get(result.owner_id, "") if result.owner_id else ""
            on_track = summary.on_track(status.progress.clamped)
            results[result.objective_id].append(KeyResultNode(result, status, owner, on_track))
    trees: dict[uuid.UUID | None, list[ObjectiveNode]] = defaultdict(list)
    for objective in objectives:
        value = summary.objectives.get(objective.id)
        trees[objective.team_id].append(
            ObjectiveNode(
                record=objective,
                progress=value,
                owner=people.get(objective.owner_id, "") if objective.owner_id else "",
                aligned_to=titles.get(objective.parent_id, "") if objective.parent_id else "",
                on_track=summary.on_track(value),
                key_results=tuple(results[objective.id]),
            )
        )
    return trees


def _stages(
    plan: Plan, summary: PeriodProgress, trees: dict[uuid.UUID | None, list[ObjectiveNode]]
) -> list[str]:
    lines: list[str] = []
    teams = plan.teams.list()
    for stage in plan.stages.list():
        lines += [f"## {inline(stage.name)} — {format_progress(summary.stage(stage.id))}", ""]
        members = [team for team in teams if team.stage_id == stage.id]
        if not members:
            lines += ["_No teams._", ""]
        for team in members:
            lines += [f"### {inline(team.name)} — {format_progress(summary.team(team.id))}", ""]
            if team.mission:
                lines += [paragraph(team.mission), ""]
            objectives = trees.get(team.id, [])
            if not objectives:
                lines += ["_No objectives this period._", ""]
            for objective in objectives:
                lines += _objective(objective, "####")
    return lines


def _objective(node: ObjectiveNode, level: str) -> list[str]:
    grade = "" if node.grade is None else f" (grade {node.grade:.1f})"
    lines = [f"{level} {inline(node.record.title)} — {format_progress(node.progress)}{grade}", ""]
    facts = []
    if node.record.commitment is Commitment.ASPIRATIONAL:
        facts.append("Aspirational")
    if node.owner:
        facts.append(f"Owner: {inline(node.owner)}")
    if node.aligned_to:
        facts.append(f"Aligned to: {inline(node.aligned_to)}")
    if facts:
        lines += [" · ".join(facts), ""]
    if not node.key_results:
        return [*lines, "_No key results yet._", ""]
    lines.append(_TABLE_HEAD)
    lines += [_key_result_row(result) for result in node.key_results]
    return [*lines, ""]


def _key_result_row(node: KeyResultNode) -> str:
    record, status = node.record, node.status
    unit = record.unit
    if record.kind is KeyResultKind.MILESTONE:
        span = "done"
        if status.current is None:
            current = NO_PROGRESS
        else:
            current = "done" if status.current >= 1 else "not done"
    else:
        if record.kind is KeyResultKind.THRESHOLD:
            words = "at most" if record.direction is ThresholdDirection.AT_MOST else "at least"
            span = f"{words} {_amount(record.target_value, unit)}"
        else:
            span = f"{_amount(record.start_value, '')} → {_amount(record.target_value, unit)}"
        # Not "0 USD": a key result nobody checked in on has no figure yet, only a start.
        current = NO_PROGRESS if status.last_check_in is None else _amount(status.current, unit)
    confidence = NO_PROGRESS if status.confidence is None else f"{status.confidence}/10"
    cells = [
        cell(record.title),
        span,
        current,
        f"{status.progress.raw_percent:,} %",  # unbounded, so grouped like the amounts
        f"{node.grade:.1f}",
        confidence,
    ]
    return "| " + " | ".join(cells) + " |"


def _amount(value: float | None, unit: str) -> str:
    if value is None:
        return NO_PROGRESS
    text = format(Decimal(repr(float(value))).normalize(), ",f")
    return f"{text} {cell(unit)}" if unit else text


def _attribution(plan: Plan, period: PeriodRecord) -> list[str]:
    found = journal(plan, JournalFilter(start=period.start_date, end=period.end_date))
    credit = found.summary
    lines = ["## Customer attribution", ""]
    if not credit.notes:
        return [*lines, "No attribution notes in this period."]
    notes = "1 note" if credit.notes == 1 else f"{credit.notes} notes"
    lines += [
        f"{notes} in this period. Credit is in percentage points of a customer outcome: "
        "100 points is one outcome's worth.",
        "",
        "| Team | Credit |",
        "| --- | ---: |",
    ]
    names = {team.id: team.name for team in plan.teams.list()}
    by_team = sorted(credit.by_team.items(), key=lambda item: (-item[1], names.get(item[0], "")))
    lines += [f"| {cell(names.get(team, '?'))} | {_points(points)} |" for team, points in by_team]
    if credit.deleted_teams:
        lines.append(f"| _Teams since deleted_ | {_points(credit.deleted_teams)} |")
    lines.append(f"| _Unattributed_ | {_points(credit.unattributed)} |")
    lines += ["", "| Touch | Credit |", "| --- | ---: |"]
    by_touch = sorted(credit.by_touch.items(), key=lambda item: (-item[1], item[0].value))
    lines += [f"| {_TOUCHES[touch]} | {_points(points)} |" for touch, points in by_touch]
    return lines


def _points(points: float) -> str:
    return f"{_amount(round(points, 2), '')} pts"


def inline(text: str) -> str:
    """User text for a heading or a sentence: one line, with HTML and Markdown escaped."""
    return _escape(" ".join(text.split()))


def cell(text: str) -> str:
    """User text for a table cell: escaped like :func:`inline`, ``|`` included."""
    return inline(text)


def paragraph(text: str) -> str:
    """User text as paragraphs: its line breaks kept, nothing in it read as Markdown."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(
        "  \n".join(_line_start(_escape(line.strip())) for line in block.splitlines())
        for block in blocks
    )


def _line_start(line: str) -> str:
    """``line`` with what would open a heading, list or rule escaped: "\\#", "\\-", "1\\."."""
    found = _BLOCK_START.match(line)
    if found is None:
        return line
    mark = found.group(1)
    if mark.isdigit():
        return f"{mark}\\{line[len(mark) :]}"
    return f"\\{line}"


def _escape(text: str) -> str:
    # HTML first (it adds no Markdown specials), then the Markdown specials, backslash first.
    return _INLINE_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
