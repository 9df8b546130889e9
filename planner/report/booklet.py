"""The offsite booklet: cover with the funnel at a glance, contents, stages, team sheets and
the attribution summary, with page numbers in the contents."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPen

from planner.domain.text import plural
from planner.report import style
from planner.report.attribution import attribution_sections
from planner.report.blocks import Align, Bar, Legend, Panel, Row, Spacer, Stack, Text
from planner.report.chart import SvgBlock
from planner.report.data import Selection, TeamSheet, attribution, funnel, team_sheets
from planner.report.document import Block, Document, PageContext, Section
from planner.report.sheets import sheet_section
from planner.report.style import BAND, BOLD, INK, MUTED, RULE, SEMIBOLD, mm, pt
from planner.report.text import (
    TOPOLOGY_NAMES,
    band_of,
    day,
    grade_text,
    percent,
    period_label,
    stage_teams,
)
from planner.services.plan import Plan
from planner.services.rollup import PeriodProgress
from planner.services.topology import StageColumn

STAGE_COLUMNS = (0.2, 0.16, 0.06, 0.20, 0.05, 0.12, 0.08, 0.13)  # type fits "Stream-aligned"


def booklet(document: Document, plan: Plan, selection: Selection) -> None:
    columns, summary = funnel(plan, selection)
    sheets = team_sheets(plan, selection)
    entries: list[tuple[int, str, str]] = [
        (0, "The plan at a glance", "glance"),
        (0, "Funnel stages", "stages"),
    ]
    entries += [(1, column.name, f"stage:{column.id}") for column in columns]
    entries.append((0, "Team sheets", "teams"))
    for column in columns:
        teams = [sheet for sheet in sheets if sheet.stage.id == column.id]
        if teams:
            # Grouped by stage: a leader looks a team up by where it sits in the funnel.
            entries.append((1, column.name, f"team:{teams[0].team.id}"))
            entries += [(2, sheet.team.name, f"team:{sheet.team.id}") for sheet in teams]
    entries.append((0, "Customer attribution", "attribution"))

    document.add(Section(_cover(selection, columns, summary.plan if summary else None)))
    document.add(
        Section(
            [_TocLine(*entry) for entry in entries],
            header=lambda continued: _heading("Contents (continued)" if continued else "Contents"),
        )
    )
    document.add(
        Section(
            _glance(plan, selection, summary),
            header=lambda continued: _chapter("The plan at a glance", continued),
            anchors=("glance",),
        )
    )
    document.add(
        Section(
            _stages(columns, sheets, selection),
            header=lambda continued: _chapter("Funnel stages", continued),
            anchors=("stages",),
        )
    )
    if not sheets:
        document.add(Section([_quiet("No teams to show")], anchors=("teams",)))
    for index, sheet in enumerate(sheets):
        first = ("teams",) if index == 0 else ()
        document.add(sheet_section(sheet, selection, (*first, f"team:{sheet.team.id}")))
    found = attribution(plan, selection)
    for index, section in enumerate(attribution_sections(found, selection)):
        if index == 0:
            section.anchors = ("attribution",)
        document.add(section)


def _glance(plan: Plan, selection: Selection, summary: PeriodProgress | None) -> list[Block]:
    """The dashboard's progress and skills figures, as vectors: the same pictures as on screen.

    matplotlib is imported here, when a booklet is printed, and never for the other layouts.
    """
    from planner.report import dashboard_data, figures

    coverage = dashboard_data.coverage(plan)
    wanted = selection.team_ids
    chosen = {stage.id for stage in selection.stages}
    coverage = replace(
        coverage,
        teams=tuple(t for t in coverage.teams if t[0] in wanted),
        stages=tuple(s for s in coverage.stages if s[0] in chosen),
    )
    limit = dashboard_data.CHART_TEAMS
    stages = dashboard_data.stage_progress(coverage, summary, limit)
    grid = dashboard_data.skills_grid(coverage, limit)
    shown, total = min(len(coverage.teams), limit), len(coverage.teams)
    note = f"The {shown} teams furthest behind, of {total}." if total > limit else ""
    grid_note = f"The {shown} teams missing the most skills, of {total}." if total > limit else ""
    width = mm(180)
    blocks: list[Block] = [
        Text("Progress by stage and team", 11, BOLD, space_after=mm(1), keep_with_next=True)
    ]
    if note:  # under the heading, with the chart it describes
        blocks.append(_quiet(note, keep_with_next=True))
    blocks += [
        SvgBlock(
            figures.figure_svg(figures.progress_by_stage_and_team(stages)), width, inset=mm(6)
        ),
        Spacer(mm(4)),
        Text("Skills by team", 11, BOLD, space_after=mm(1), keep_with_next=True),
    ]
    if grid_note:
        blocks.append(_quiet(grid_note, keep_with_next=True))
    blocks.append(SvgBlock(figures.figure_svg(figures.skills_heat_grid(grid)), width, inset=mm(6)))
    return blocks


def _heading(text: str) -> Block:
    return Text(text, 16, BOLD, space_after=mm(4), keep_with_next=True)


def _quiet(text: str, keep_with_next: bool = False) -> Block:
    return Text(
        text, 10, italic=True, color=MUTED, space_after=mm(4), keep_with_next=keep_with_next
    )


def _chapter(title: str, continued: bool) -> Block:
    text = f"{title} (continued)" if continued else title
    return Panel(Text(text, 16, BOLD), BAND, accent=RULE, space_after=mm(4))


def _cover(
    selection: Selection, columns: list[StageColumn], plan_progress: float | None
) -> list[Block]:
    blocks: list[Block] = [
        Spacer(mm(30)),
        Text("OKR booklet", 14, SEMIBOLD, color=MUTED, space_after=mm(2)),
        Text(selection.plan_name, 28, BOLD, space_after=mm(4)),
        Text(period_label(selection.period), 14, space_after=mm(1.5)),
        Text(f"Printed {day(selection.today)}", 10, color=MUTED, space_after=mm(18)),
        Text("The funnel at a glance", 13, BOLD, keep_with_next=True, space_after=mm(1)),
        Row(
            [
                Text(
                    f"Plan progress {percent(plan_progress)} · grade {grade_text(plan_progress)}",
                    9.5,
                    color=MUTED,
                ),
                Legend(),
            ],
            (0.5, 0.5),
            padding=0,
            rule=None,
            keep_with_next=True,
            space_after=mm(3),
        ),
    ]
    if not columns:
        blocks.append(_quiet("No stages in this plan yet"))
    for column in columns:
        teams = stage_teams(column)
        blocks.append(
            Row(
                [
                    Stack([Text(column.name, 12, SEMIBOLD), Text(teams, 8.5, color=MUTED)]),
                    Bar(column.progress, band_of(column.progress), 12),
                    Text(percent(column.progress), 12, BOLD, align=Align.AlignRight),
                    Text(grade_text(column.progress), 10),
                ],
                (0.22, 0.53, 0.1, 0.15),
                padding=mm(2.2),
            )
        )
    return blocks


def _stages(
    columns: list[StageColumn], sheets: list[TeamSheet], selection: Selection
) -> list[Block]:
    by_team = {sheet.team.id: sheet for sheet in sheets}
    blocks: list[Block] = []
    if not columns:
        return [_quiet("No stages in this plan yet")]
    for column in columns:
        objectives = sum(_objective_count(by_team[t.id]) for t in column.teams)
        heading = Text(column.name, 14, BOLD, keep_with_next=True, space_after=mm(1))
        heading.anchor = f"stage:{column.id}"
        facts = (
            f"Progress {percent(column.progress)} · grade {grade_text(column.progress)} · "
            f"{stage_teams(column)} · {plural(objectives, 'objective')}"
        )
        blocks += [heading, Text(facts, 9.5, color=MUTED, keep_with_next=True, space_after=mm(2))]
        if not column.teams:
            blocks.append(_quiet(f"No teams in {column.name} yet"))
            continue
        blocks.append(_stage_labels())
        for card in column.teams:
            count = _objective_count(by_team[card.id])
            blocks.append(
                Row(
                    [
                        Text(card.name, 9.5, SEMIBOLD),
                        Text(TOPOLOGY_NAMES.get(card.topology, "—") if card.topology else "—", 8.5),
                        Text(str(card.headcount), 9.5, align=Align.AlignRight),
                        Text(
                            ", ".join(card.missing) or "none",
                            8.5,
                            style.BOLD if card.missing else style.REGULAR,
                        ),
                        Text(str(count), 9.5, align=Align.AlignRight),
                        Bar(card.progress, band_of(card.progress), 9.5),
                        Text(percent(card.progress), 9.5, SEMIBOLD, align=Align.AlignRight),
                        Text(grade_text(card.progress), 8.5),
                    ],
                    STAGE_COLUMNS,
                    gutter=mm(2),
                )
            )
        blocks[-1].space_after = mm(7)
    return blocks


def _objective_count(sheet: TeamSheet) -> int:
    return len(sheet.tree.objectives) if sheet.tree is not None else 0


def _stage_labels() -> Block:
    names = ("Team", "Type", "People", "Missing disciplines", "OKRs", "Progress", "%", "Grade")
    right = {"People", "OKRs", "%"}
    return Row(
        [
            Text(
                n,
                7.5,
                SEMIBOLD,
                color=MUTED,
                align=Align.AlignRight if n in right else Align.AlignLeft,
            )
            for n in names
        ],
        STAGE_COLUMNS,
        gutter=mm(2),
        padding=mm(0.8),
        rule=RULE,
        keep_with_next=True,
    )


class _TocLine(Block):
    """A contents line; its page number is looked up when painted, after pagination."""

    def __init__(self, level: int, title: str, anchor: str) -> None:
        self.level = level
        self.target = anchor
        self.size = (11, 10, 9.5)[min(level, 2)]
        self.weight = SEMIBOLD if level == 0 else style.REGULAR
        self.text = Text(title, self.size, self.weight)
        self.indent = mm(6) * level
        self.number_width = mm(14)
        self.space_after = mm(2.5) if level == 0 else mm(1)

    def _text_width(self, width: float) -> float:
        return width - self.indent - self.number_width

    def height(self, width: float) -> float:
        return self.text.height(self._text_width(width))

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        text_width = self._text_width(width)
        painter.save()
        painter.translate(self.indent, 0)
        self.text.draw(painter, text_width, height, ctx)
        painter.restore()
        fm = style.metrics(self.size, self.weight)
        page = ctx.anchors.get(self.target)
        number = str(page + 1) if page is not None else "—"
        lines = self.text.lines(text_width)
        baseline = fm.ascent() + fm.lineSpacing() * (len(lines) - 1)
        end = self.indent + fm.horizontalAdvance(lines[-1]) + mm(2)
        start = width - fm.horizontalAdvance(number) - mm(2)
        if start > end:
            # Dot leaders guide the eye from the title to its page.
            painter.setPen(QPen(MUTED, pt(0.8), Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(end, baseline), QPointF(start, baseline))
        painter.setFont(style.font(self.size, self.weight))
        painter.setPen(INK)
        painter.drawText(QPointF(width - fm.horizontalAdvance(number), baseline), number)
