"""Credit per team, stacked by kind of touch: a matplotlib chart in the summary panel.

matplotlib takes about a second to import, so it is loaded when the chart is first shown,
never when the journal is imported or the page is built; only ``Figure`` and the Qt canvas are
used (pyplot would keep global figures alive behind the app's back).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from planner.domain.values import TouchKind
from planner.ui.journal.labels import touch_name
from planner.ui.texts import format_number
from planner.ui.widgets import Hint

# Each kind of touch has a pattern as well as a colour, so the bars read on a black-and-white
# printout or for a colour-blind reader; the colours are the attribution report's.
HATCHES = {
    TouchKind.PRODUCT_UX: "",
    TouchKind.CUSTOMER_SUPPORT: "//",
    TouchKind.SALES: "..",
    TouchKind.EDUCATION_CONTENT: "xx",
    TouchKind.MARKETING: "\\\\",
    TouchKind.OTHER: "--",
}
BAR_INCHES = 0.36
FRAME_INCHES = 1.0
# A segment narrower than this share of the widest bar gets no label: it would not fit.
LABEL_MIN_SHARE = 0.06

ChartRows = Sequence[tuple[str, dict[TouchKind, float]]]


class CreditChart(QWidget):
    """One horizontal bar per team, stacked by kind of touch, with a legend and values.

    ``set_rows`` may be called at any time; the drawing (and matplotlib's import) waits until
    the chart is on screen.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, dict[TouchKind, float]]] = []
        self._drawn: list[tuple[str, dict[TouchKind, float]]] | None = None
        self.canvas: Any = None  # FigureCanvasQTAgg, made on first show
        self.figure: Any = None
        self.empty = Hint(self.tr("No team has credit in the notes shown."))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.empty)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_rows(self, rows: ChartRows) -> None:
        self._rows = [(name, dict(touches)) for name, touches in rows]
        if self.isVisible():
            self._draw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._draw()

    def _draw(self) -> None:
        rows = self._rows
        self.empty.setVisible(not rows)
        if self.canvas is not None:
            self.canvas.setVisible(bool(rows))
            if not rows:
                self.setMinimumHeight(0)
        if not rows or rows == self._drawn:
            return
        if self.canvas is None:
            self._make_canvas()
        self._drawn = [(name, dict(touches)) for name, touches in rows]
        self._plot(rows)
        height = int(self._inches(len(rows)) * self.figure.dpi)
        self.canvas.setFixedHeight(height)
        # Said on the chart itself too: the page around it grows to the new height at once,
        # rather than squeezing the canvas drawn during the show.
        self.setMinimumHeight(height)
        self.updateGeometry()
        self.canvas.draw_idle()

    def _make_canvas(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        _register_fonts()
        self.figure = Figure(layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setObjectName("creditChart")
        self.canvas.setParent(self)
        self._layout.addWidget(self.canvas)

    @staticmethod
    def _inches(rows: int) -> float:
        return FRAME_INCHES + BAR_INCHES * max(rows, 1)

    def _plot(self, rows: ChartRows) -> None:
        from matplotlib import rc_context

        from planner.report.chart import DARK_FILLS, TOUCH_COLORS

        figure = self.figure
        figure.clear()
        palette = self.palette()
        ink = palette.windowText().color().name()
        paper = palette.base().color().name()
        figure.set_facecolor(palette.window().color().name())
        kinds = [kind for kind in TouchKind if any(kind in touches for _, touches in rows)]
        names = [name for name, _ in rows][::-1]  # matplotlib draws the first row at the bottom
        widest = max((sum(touches.values()) for _, touches in rows), default=0.0) or 1.0
        # The app's own font when matplotlib knows it, as in the rest of the page.
        family = _known_family(self.fontInfo().family()) or "sans-serif"
        with rc_context(
            {"font.size": 9, "font.family": family, "hatch.linewidth": 0.8, "text.color": ink}
        ):
            axes = figure.add_subplot()
            axes.set_facecolor(paper)
            left = [0.0] * len(names)
            for kind in kinds:
                values = [touches.get(kind, 0.0) for _, touches in rows][::-1]
                dark = kind in DARK_FILLS
                axes.barh(
                    names,
                    values,
                    left=left,
                    color=TOUCH_COLORS[kind],
                    edgecolor="#1a1a1a",
                    hatch=HATCHES[kind],
                    hatchcolor="#ffffff" if dark else "#1a1a1a",
                    linewidth=0.6,
                    height=0.62,
                    label=touch_name(kind),
                )
                for y, (start, value) in enumerate(zip(left, values, strict=True)):
                    if value >= widest * LABEL_MIN_SHARE:
                        # A small white box keeps the number readable over any pattern.
                        axes.text(
                            start + value / 2,
                            y,
                            format_number(round(value, 1)),
                            va="center",
                            ha="center",
                            color="#1a1a1a",
                            fontsize=8,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"},
                        )
                left = [a + b for a, b in zip(left, values, strict=True)]
            for y, total in enumerate(left):
                axes.annotate(
                    format_number(round(total, 1)),
                    (total, y),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    fontweight="bold",
                    color=ink,
                )
            axes.set_xlim(0, widest * 1.1)
            axes.set_xlabel(self.tr("Credit (percentage points)"), color=ink)
            axes.tick_params(colors=ink)
            for side in ("top", "right"):
                axes.spines[side].set_visible(False)
            axes.legend(
                loc="lower left",
                bbox_to_anchor=(0, 1.02),
                ncol=min(len(kinds), 3),
                frameon=False,
                borderaxespad=0,
                handlelength=2.2,
                handleheight=1.2,
            )


_fonts_registered = False


def _register_fonts() -> None:
    """Let matplotlib use the bundled fonts (the app's), once per process."""
    global _fonts_registered
    if _fonts_registered:
        return
    from matplotlib import font_manager

    from planner.resources import font_files

    for path in font_files():
        font_manager.fontManager.addfont(str(path))
    _fonts_registered = True


def _known_family(family: str) -> str:
    from matplotlib import font_manager

    names = {entry.name for entry in font_manager.fontManager.ttflist}
    return family if family in names else ""
