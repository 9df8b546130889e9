"""Charts on paper: matplotlib figures as SVG, painted by QSvgRenderer, so print gets vectors.

matplotlib is imported inside :func:`credit_chart` only: it costs a second to load, and the
layouts without a chart (sheets, poster) must never pay for it.
"""

from __future__ import annotations

import io

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer

from planner.report.document import Block, PageContext
from planner.report.figures import (
    DARK_FILLS,
    FAMILY,
    TOUCH_COLORS,
    TOUCH_NAMES,
    CreditRows,
    Style,
    credit_by_touch,
    glyphs_unsaid,
)

__all__ = ["DARK_FILLS", "TOUCH_COLORS", "TOUCH_NAMES", "SvgBlock", "credit_chart"]


def credit_chart(rows: CreditRows, width_in: float, font_size: float = 8) -> bytes:
    """Credit per team stacked by kind of touch (:func:`figures.credit_by_touch`), as SVG."""
    from matplotlib import rc_context

    # Text stays text ("svg.fonttype" none): QSvgRenderer sets it in Inter, and the PDF can be
    # searched. A fixed salt keeps the SVG's ids, and so the PDF, the same from run to run.
    # Inter for every text while laying out too, so the SVG's measures are Inter's.
    out = io.BytesIO()
    with (
        rc_context(
            {
                "font.family": FAMILY,
                "font.size": font_size,
                "svg.fonttype": "none",
                "svg.hashsalt": "okr-planner",
            }
        ),
        glyphs_unsaid(),
    ):
        figure = credit_by_touch(rows, Style(font_size=font_size, width_in=width_in))
        figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    return out.getvalue()


class SvgBlock(Block):
    """An SVG drawing scaled to the page width (at most ``max_width``), keeping its shape."""

    def __init__(
        self, svg: bytes, max_width: float, space_after: float = 0.0, inset: float = 0.0
    ) -> None:
        self.renderer = QSvgRenderer(QByteArray(svg))
        box = self.renderer.viewBoxF()
        self.aspect = box.height() / box.width() if box.width() else 0.0
        self.max_width = max_width
        self.space_after = space_after
        # Room on both sides: Qt may set a label a little wider than matplotlib measured it,
        # and a right-aligned label then reaches past the drawing's left edge.
        self.inset = inset

    def _drawn_width(self, width: float) -> float:
        return min(width, self.max_width) - 2 * self.inset

    def height(self, width: float) -> float:
        return self._drawn_width(width) * self.aspect

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        self.renderer.render(painter, QRectF(self.inset, 0, self._drawn_width(width), height))
