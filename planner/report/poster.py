"""The funnel poster: one large landscape page, stages left to right, a card per team.

Cards are laid out at their natural size, stages split into as many sub-columns as make the
whole board fit best, then the board is scaled to fill the printable area: six teams come out
large, two hundred small but complete.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from planner.domain.text import plural
from planner.report import style
from planner.report.blocks import Align, Bar, Chips, Legend, Row, Stack, Text
from planner.report.data import Selection, funnel
from planner.report.document import Block, Document, PageContext, Section
from planner.report.style import BAND, BOLD, INK, LIGHT_RULE, MUTED, SEMIBOLD, mm, pt
from planner.report.text import (
    TOPOLOGY_NAMES,
    band_of,
    grade_text,
    percent,
    period_label,
    stage_teams,
)
from planner.services.plan import Plan
from planner.services.topology import StageColumn, TeamCard

CARD_WIDTH = mm(62)
CARD_PADDING = mm(2.5)
CARD_GAP = mm(3)
COLUMN_GAP = mm(7)  # room for the funnel's arrow between stages
HEAD_PADDING = mm(2.2)
MAX_SCALE = 1.6  # a few teams should fill the poster, not turn into billboard type
COMPACT_BELOW = 0.6


def poster(document: Document, plan: Plan, selection: Selection) -> None:
    columns, summary = funnel(plan, selection)
    title = Stack(
        [
            Text(selection.plan_name, 20, BOLD),
            Row(
                [
                    Text(
                        f"Funnel board · {period_label(selection.period)} · plan progress "
                        f"{percent(summary.plan if summary else None)}",
                        11,
                        color=MUTED,
                    ),
                    Legend(8.5),
                ],
                (0.55, 0.45),
                padding=0,
                rule=None,
            ),
        ],
        gap=mm(1),
        space_after=mm(5),
    )
    missions = {team.id: team.mission for team in selection.teams}
    document.add(Section([title, _Board(columns, missions)]))


class _Card(Block):
    def __init__(self, card: TeamCard, mission: str) -> None:
        kind = TOPOLOGY_NAMES.get(card.topology, "") if card.topology else "No team type"
        people = plural(card.headcount, "person", "people")
        chips = [(name, False) for name in card.disciplines]
        chips += [(f"Missing: {name}", True) for name in card.missing]
        figures = (
            Row(
                [
                    Bar(card.progress, band_of(card.progress), 10),
                    Text(percent(card.progress), 10, BOLD, align=Align.AlignRight),
                    Text(grade_text(card.progress), 8.5, align=Align.AlignRight),
                ],
                (0.5, 0.2, 0.3),
                gutter=mm(1.5),
                padding=0,
                rule=None,
            )
            if card.progress is not None
            else Text("No objectives with progress yet", 8.5, italic=True, color=MUTED)
        )
        parts: list[Block] = [
            Text(card.name, 12, BOLD),
            Text(f"{kind} · {people}", 8.5, color=MUTED),
        ]
        if mission:
            # Who does what is the poster's question; three lines answer it, the sheet says more.
            parts.append(Text(mission, 8.5, italic=True, max_lines=3))
        if chips:
            parts.append(Chips(chips, 7.5))
        parts.append(figures)
        self.inner = Stack(parts, gap=mm(1.2))
        self.color = card.color
        self._heights: dict[float, float] = {}

    def height(self, width: float) -> float:
        # Fitting the board measures every card once per candidate arrangement.
        if width not in self._heights:
            inner = self.inner.height(width - 2 * CARD_PADDING - mm(1.5))
            self._heights[width] = inner + 2 * CARD_PADDING
        return self._heights[width]

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        painter.setPen(QPen(INK, pt(0.7)))
        painter.setBrush(style.WHITE)
        painter.drawRoundedRect(QRectF(0, 0, width, height), mm(1.5), mm(1.5))
        # The team's colour as a stripe: it helps on a colour print, and nothing depends on it.
        accent = QColor(self.color) if self.color else LIGHT_RULE
        painter.fillRect(QRectF(pt(0.7), mm(1.5), mm(1.5), height - mm(3)), accent)
        painter.save()
        painter.translate(CARD_PADDING + mm(1.5), CARD_PADDING)
        inner = width - 2 * CARD_PADDING - mm(1.5)
        self.inner.draw(painter, inner, self.inner.height(inner), ctx)
        painter.restore()


@dataclass
class _Column:
    stage: StageColumn
    cards: list[_Card]
    split: int = 1  # sub-columns

    def chunks(self) -> list[list[_Card]]:
        size = math.ceil(len(self.cards) / self.split) if self.cards else 0
        return [self.cards[i : i + size] for i in range(0, len(self.cards), size)] if size else []

    def width(self) -> float:
        return self.split * CARD_WIDTH + (self.split - 1) * CARD_GAP

    def head(self) -> Stack:
        stage = self.stage
        facts = f"{percent(stage.progress)} · {stage_teams(stage)}"
        return Stack([Text(stage.name, 14, BOLD), Text(facts, 9.5, SEMIBOLD)], gap=mm(0.8))

    def head_height(self) -> float:
        return self.head().height(self.width() - 2 * HEAD_PADDING) + 2 * HEAD_PADDING

    def cards_height(self) -> float:
        stacks = [
            sum(card.height(CARD_WIDTH) for card in chunk) + CARD_GAP * (len(chunk) - 1)
            for chunk in self.chunks()
        ]
        return max(stacks, default=mm(12))


class _Board(Block):
    """Every stage column, scaled as one so cards keep one size across the board."""

    fill = True

    def __init__(self, stages: list[StageColumn], missions: dict[uuid.UUID, str]) -> None:
        self.stages = stages
        self.missions = missions
        self.columns = self._columns(with_missions=True)
        self._fitted: tuple[float, float] | None = None
        self._scale = 1.0

    def _columns(self, with_missions: bool) -> list[_Column]:
        return [
            _Column(
                stage,
                [
                    _Card(card, self.missions.get(card.id, "") if with_missions else "")
                    for card in stage.teams
                ],
            )
            for stage in self.stages
        ]

    def height(self, width: float) -> float:
        return mm(40)

    def _fit(self, width: float, height: float) -> float:
        """Arrange the board for the largest scale that fits; returns that scale."""
        if self._fitted == (width, height):
            return self._scale
        scale = self._arrange(width, height)
        if scale < COMPACT_BELOW:
            # A crowded board drops the missions: legible names beat a sentence nobody can read.
            full = self.columns
            self.columns = self._columns(with_missions=False)
            compact = self._arrange(width, height)
            if compact > scale:
                scale = compact
            else:
                self.columns = full
                self._arrange(width, height)
        self._fitted, self._scale = (width, height), min(scale, MAX_SCALE)
        return self._scale

    def _arrange(self, width: float, height: float) -> float:
        """Choose each stage's sub-columns for the largest scale that fits; returns it."""
        best_scale, best_splits = 0.0, [1] * len(self.columns)
        tallest = max([1, *(len(c.cards) for c in self.columns)])
        for rows in range(1, tallest + 1):
            for column in self.columns:
                column.split = max(1, math.ceil(len(column.cards) / rows))
            scale = self._scale_for(width, height)
            if scale > best_scale:
                best_scale, best_splits = scale, [c.split for c in self.columns]
        for column, split in zip(self.columns, best_splits, strict=True):
            column.split = split
        return best_scale

    def _head_height(self) -> float:
        # One height for every stage head, so the cards start on one line.
        return max((c.head_height() for c in self.columns), default=0.0)

    def _scale_for(self, width: float, height: float) -> float:
        natural_w = sum(c.width() for c in self.columns) + COLUMN_GAP * (len(self.columns) - 1)
        cards = max((c.cards_height() for c in self.columns), default=0.0)
        natural_h = self._head_height() + CARD_GAP + cards
        return min(width / max(natural_w, 1.0), height / natural_h)

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        if not self.columns:
            Text("No stages in this plan yet", 12, italic=True, color=MUTED).draw(
                painter, width, height, ctx
            )
            return
        scale = self._fit(width, height)
        painter.scale(scale, scale)
        natural_w = sum(c.width() for c in self.columns) + COLUMN_GAP * (len(self.columns) - 1)
        # Centred left to right, so a small board does not hug one edge.
        x = max(0.0, (width / scale - natural_w) / 2)
        head = self._head_height()
        for index, column in enumerate(self.columns):
            last = index == len(self.columns) - 1
            self._draw_head(painter, QRectF(x, 0, column.width(), head), column, last, ctx)
            sub_x = x
            if not column.cards:
                painter.save()
                painter.translate(x, head + CARD_GAP)
                Text("No teams yet", 10, italic=True, color=MUTED).draw(
                    painter, column.width(), 0, ctx
                )
                painter.restore()
            for chunk in column.chunks():
                y = head + CARD_GAP
                for card in chunk:
                    tall = card.height(CARD_WIDTH)
                    painter.save()
                    painter.translate(sub_x, y)
                    card.draw(painter, CARD_WIDTH, tall, ctx)
                    painter.restore()
                    y += tall + CARD_GAP
                sub_x += CARD_WIDTH + CARD_GAP
            x += column.width() + COLUMN_GAP

    def _draw_head(
        self, painter: QPainter, rect: QRectF, column: _Column, last: bool, ctx: PageContext
    ) -> None:
        """The stage as a chevron pointing to the next one: the funnel reads left to right."""
        tip = 0.0 if last else COLUMN_GAP * 0.8
        path = QPainterPath(rect.topLeft())
        path.lineTo(rect.topRight())
        path.lineTo(QPointF(rect.right() + tip, rect.center().y()))
        path.lineTo(rect.bottomRight())
        path.lineTo(rect.bottomLeft())
        path.closeSubpath()
        painter.setPen(QPen(INK, pt(0.7)))
        painter.setBrush(BAND)
        painter.drawPath(path)
        painter.save()
        painter.translate(rect.left() + HEAD_PADDING, rect.top() + HEAD_PADDING)
        head = column.head()
        inner = rect.width() - 2 * HEAD_PADDING
        head.draw(painter, inner, head.height(inner), ctx)
        painter.restore()
