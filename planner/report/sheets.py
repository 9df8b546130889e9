"""Team OKR sheets: one page per team to tape to the wall, with room for workshop notes."""

from __future__ import annotations

from planner.domain.text import number
from planner.domain.values import Commitment
from planner.report.blocks import (
    Align,
    Bar,
    Chips,
    Legend,
    Panel,
    Row,
    RuledArea,
    Spacer,
    Stack,
    Text,
)
from planner.report.data import Selection, TeamSheet, team_sheets
from planner.report.document import Block, Document, Section
from planner.report.style import BAND, BOLD, MUTED, RULE, SEMIBOLD, mm
from planner.report.text import (
    TOPOLOGY_NAMES,
    band_of,
    confidence_text,
    current_text,
    grade_text,
    percent,
    period_label,
    target_text,
)
from planner.services.okr_tree import KeyResultNode, ObjectiveNode
from planner.services.plan import Plan
from planner.services.topology import MemberRow

# Shares of the row: title, bar, %, grade, confidence. Shared by the labels and every row so
# the figures line up in columns down the sheet.
COLUMNS = (0.5, 0.18, 0.08, 0.13, 0.11)
TITLE_SIZE = 10
DETAIL_SIZE = 8
MEMBER_COLUMNS = 3


def sheets(document: Document, plan: Plan, selection: Selection) -> None:
    """One sheet per selected team, in funnel order."""
    found = team_sheets(plan, selection)
    if not found:
        text = "No teams in the stages chosen" if selection.subset else "No teams in this plan yet"
        document.add(Section([_empty(f"{text}: nothing to print")]))
    for sheet in found:
        document.add(sheet_section(sheet, selection))


def sheet_section(sheet: TeamSheet, selection: Selection, anchors: tuple[str, ...] = ()) -> Section:
    """A team's sheet; it continues on further pages when its objectives need them. Its
    blocks are made when it is first laid out."""

    def blocks() -> list[Block]:
        return [*_members(sheet), *_okrs(sheet, selection), RuledArea("Workshop notes")]

    return Section(
        blocks, header=lambda continued: _band(sheet, selection, continued), anchors=anchors
    )


def _band(sheet: TeamSheet, selection: Selection, continued: bool) -> Block:
    team = sheet.team
    name = f"{team.name} (continued)" if continued else team.name
    kind = TOPOLOGY_NAMES.get(team.topology) if team.topology else None
    facts = " · ".join(
        part for part in (f"{sheet.stage.name} stage", kind, period_label(selection.period)) if part
    )
    left: list[Block] = [Text(name, 18 if not continued else 14, BOLD), Text(facts, 9.5)]
    if team.mission and not continued:
        left.append(Text(f"Mission: {team.mission}", 9.5, italic=True))
    if team.persona and not continued:
        left.append(Text(f"For: {team.persona}", 8.5, color=MUTED))
    progress = sheet.tree.progress if sheet.tree else None
    figures: list[Block] = [
        Text("Team progress", 8, color=MUTED, align=Align.AlignRight),
        Text(percent(progress), 16 if not continued else 12, BOLD, align=Align.AlignRight),
    ]
    if progress is not None:
        figures.append(Text(grade_text(progress), 8.5, align=Align.AlignRight))
    right = Stack(figures)
    row = Row([Stack(left, gap=mm(1)), right], (0.78, 0.22), padding=0, rule=None)
    return Panel(row, BAND, accent=RULE, space_after=mm(4))


def _members(sheet: TeamSheet) -> list[Block]:
    count = len(sheet.members)
    people = "person" if sheet.card.headcount == 1 else "people"
    heading = Text(
        f"Team · {sheet.card.headcount} {people}",
        11,
        SEMIBOLD,
        keep_with_next=True,
        space_after=mm(1),
    )
    blocks: list[Block] = [heading]
    if not count:
        blocks.append(Text("No members yet", 9.5, italic=True, color=MUTED, space_after=mm(2)))
    for start in range(0, count, MEMBER_COLUMNS):
        chunk = sheet.members[start : start + MEMBER_COLUMNS]
        cells: list[Block] = [_member(member) for member in chunk]
        cells += [Spacer(0)] * (MEMBER_COLUMNS - len(cells))
        blocks.append(Row(cells, [1 / MEMBER_COLUMNS] * MEMBER_COLUMNS, padding=mm(0.6), rule=None))
    chips = [(name, False) for name in sheet.card.disciplines]
    chips += [(f"Missing: {name}", True) for name in sheet.card.missing]
    if chips:
        blocks.append(Spacer(mm(1.5)))
        blocks.append(Chips(chips, space_after=mm(4)))
    else:
        blocks.append(Spacer(mm(3)))
    return blocks


def _member(member: MemberRow) -> Block:
    what = member.discipline_name or "no discipline"
    return Stack(
        [
            Text(member.person_name, 9.5, SEMIBOLD),
            Text(f"{what} · {member.allocation:g} %", DETAIL_SIZE, color=MUTED),
        ]
    )


def _labels() -> Block:
    names = ("Key result", "Progress", "%", "Grade", "Confidence")
    cells = [
        Text(
            name,
            7.5,
            SEMIBOLD,
            color=MUTED,
            align=Align.AlignRight if name in ("%",) else Align.AlignLeft,
        )
        for name in names
    ]
    return Row(cells, COLUMNS, padding=mm(0.8), rule=RULE, keep_with_next=True)


def _okrs(sheet: TeamSheet, selection: Selection) -> list[Block]:
    period = selection.period
    heading = Row(
        [Text("Objectives and key results", 11, SEMIBOLD), Legend()],
        (0.45, 0.55),
        padding=0,
        rule=None,
        keep_with_next=True,
        space_after=mm(1),
    )
    if period is None:
        return [heading, _empty("No period in this plan yet: add one to set objectives")]
    objectives = sheet.tree.objectives if sheet.tree else ()
    if not objectives:
        return [heading, _empty(f"No objectives for {period.name} yet")]
    blocks: list[Block] = [heading, _labels()]
    for objective in objectives:
        blocks.extend(_objective(objective))
    blocks.append(Spacer(mm(4)))
    return blocks


def _empty(message: str) -> Block:
    return Text(message, 10, italic=True, color=MUTED, space_after=mm(5))


def _objective(node: ObjectiveNode) -> list[Block]:
    record = node.record
    meta = [f"Owner: {node.owner}" if node.owner else "No owner"]
    meta.append("aspirational" if record.commitment is Commitment.ASPIRATIONAL else "committed")
    if node.aligned_to:
        meta.append(f"aligned to: {node.aligned_to}")
    title = Stack(
        [Text(record.title, 11, BOLD), Text(" · ".join(meta), DETAIL_SIZE, color=MUTED)],
        gap=mm(0.5),
    )
    header = _figures_row(
        title,
        node.progress,
        grade_text(node.progress),
        confidence_text(node.confidence),
        size=11,
    )
    header.keep_with_next = True
    header.padding = mm(1.6)
    labels = _labels()
    header.repeat = labels
    if not node.key_results:
        return [header, _empty("No key results yet")]
    repeat = Stack(
        [Text(record.title, 9, SEMIBOLD, color=MUTED, max_lines=1, suffix=" (continued)"), labels]
    )
    rows: list[Block] = []
    for result in node.key_results:
        row = _key_result(result)
        row.repeat = repeat
        rows.append(row)
    rows[-1].space_after = mm(3)
    return [header, *rows]


def _key_result(node: KeyResultNode) -> Row:
    record, status = node.record, node.status
    details = [target_text(record), current_text(record, status)]
    if status.progress.over_achieved or status.progress.regressed:
        # Bound by no-break spaces: "raw" never ends a line without its figure.
        details.append(f"raw\u00a0{number(status.progress.raw_percent)}\u00a0%")
    if node.owner:
        details.append(f"owner {node.owner}")
    title = Stack(
        [
            Text(record.title, TITLE_SIZE, SEMIBOLD),
            Text(" · ".join(details), DETAIL_SIZE, color=MUTED),
        ],
        gap=mm(0.4),
    )
    indented = Row([Spacer(0), title], (0.03, 0.97), gutter=mm(1), padding=0, rule=None)
    value = status.progress.clamped
    return _figures_row(
        indented, value, grade_text(value), confidence_text(status.confidence), TITLE_SIZE
    )


def _figures_row(
    title: Block, value: float | None, grade: str, confidence: str, size: float
) -> Row:
    """Title and its figures; every figure sits on the title's first line."""
    return Row(
        [
            title,
            Bar(value, band_of(value), size),
            Text(percent(value), size, SEMIBOLD, align=Align.AlignRight),
            Text(grade, size),
            Text(confidence, size),
        ],
        COLUMNS,
        padding=mm(1.3),
    )
