"""Credit per team, stacked by kind of touch: the summary's chart of the notes shown."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.domain.values import TouchKind
from planner.ui.credit_chart import CreditChart as PaintedCreditChart
from planner.ui.journal.labels import touch_name
from planner.ui.texts import format_number

ChartRows = Sequence[tuple[str, dict[TouchKind, float]]]
# Lines of text the chart needs besides its bars: the legend (up to two lines) and the axis
# with its label; and per bar, so the numbers on the segments fit.
FRAME_LINES = 5.5
BAR_LINES = 1.9
CHART_TEAMS = 20  # the most bars the summary draws: those with most credit


class CreditChart(PaintedCreditChart):
    """One horizontal bar per team, stacked by kind of touch, with a legend and values; as
    tall as its bars need (the summary scrolls), never squeezed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("creditChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.show_rows(())

    def show_rows(self, rows: ChartRows) -> None:
        self.set_rows(
            rows,
            touch_names={kind: touch_name(kind) for kind in TouchKind},
            number=lambda value: format_number(round(value, 1)),
            axis_label=self.tr("Credit (percentage points)"),
            empty_text=self.tr("No team has credit in the notes shown."),
        )
        line = self.fontMetrics().height()
        bars = BAR_LINES * len(rows) if rows else 0.0
        self.setFixedHeight(round(line * (FRAME_LINES + bars)) if rows else 3 * line)
