"""Charts: drawn by matplotlib as SVG and painted by QSvgRenderer, so paper gets vectors.

matplotlib is imported inside :func:`credit_chart` only: it costs a second to load, and the
layouts without a chart (sheets, poster) must never pay for it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer

from planner.domain.values import TouchKind
from planner.report.document import Block, PageContext
from planner.report.style import FAMILY
from planner.resources import font_files

TOUCH_NAMES = {
    TouchKind.PRODUCT_UX: "Product / UX",
    TouchKind.CUSTOMER_SUPPORT: "Customer support",
    TouchKind.SALES: "Sales",
    TouchKind.EDUCATION_CONTENT: "Education & content",
    TouchKind.MARKETING: "Marketing",
    TouchKind.OTHER: "Other",
}
# Different hues for colour printers, each of a clearly different lightness so the kinds of
# touch stay apart as greys on a black-and-white one (dark to light in this order). Hatching
# would say it better, but QSvgRenderer rasterises SVG patterns at the device's resolution
# (13 s and 2 MB for one chart).
TOUCH_COLORS = {
    TouchKind.PRODUCT_UX: "#332288",  # CIE lightness 22
    TouchKind.CUSTOMER_SUPPORT: "#7b3294",  # 35
    TouchKind.SALES: "#d55e00",  # 54
    TouchKind.EDUCATION_CONTENT: "#56b4e9",  # 70
    TouchKind.MARKETING: "#ddcc77",  # 82
    TouchKind.OTHER: "#eeeeee",  # 94
}
DARK_FILLS = {TouchKind.PRODUCT_UX, TouchKind.CUSTOMER_SUPPORT}
_registered = False


def credit_chart(
    rows: Sequence[tuple[str, dict[TouchKind, float]]], width_in: float, font_size: float = 8
) -> bytes:
    """Credit per team as horizontal bars stacked by kind of touch, as SVG bytes."""
    from matplotlib import font_manager, rc_context
    from matplotlib.figure import Figure

    global _registered
    if not _registered:
        for path in font_files():
            font_manager.fontManager.addfont(str(path))
        _registered = True
    kinds = [kind for kind in TouchKind if any(kind in touches for _, touches in rows)]
    names = [name for name, _ in rows][::-1]  # matplotlib draws the first row at the bottom
    # Text stays text ("svg.fonttype" none): QSvgRenderer sets it in Inter, and the PDF can be
    # searched. A fixed salt keeps the SVG's ids, and so the PDF, the same from run to run.
    with rc_context(
        {
            "font.family": FAMILY,
            "font.size": font_size,
            "svg.fonttype": "none",
            "svg.hashsalt": "okr-planner",
        }
    ):
        figure = Figure(figsize=(width_in, 0.9 + 0.3 * max(len(rows), 1)))
        axes = figure.add_subplot()
        left = [0.0] * len(names)
        widest = max((sum(touches.values()) for _, touches in rows), default=0.0) or 1.0
        for kind in kinds:
            values = [touches.get(kind, 0.0) for _, touches in rows][::-1]
            axes.barh(
                names,
                values,
                left=left,
                color=TOUCH_COLORS[kind],
                edgecolor="#1a1a1a",
                linewidth=0.6,
                label=TOUCH_NAMES[kind],
                height=0.62,
            )
            # Points written on the segment: the figure reads without telling greys apart.
            ink = "#ffffff" if kind in DARK_FILLS else "#1a1a1a"
            for y, (start, value) in enumerate(zip(left, values, strict=True)):
                if value >= widest * 0.07:
                    axes.text(
                        start + value / 2, y, f"{value:g}", va="center", ha="center", color=ink
                    )
            left = [a + b for a, b in zip(left, values, strict=True)]
        for y, total in enumerate(left):
            axes.annotate(
                f"{total:g}",
                (total, y),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                ha="left",
                fontweight="bold",
            )
        axes.set_xlim(0, widest * 1.12)
        axes.set_xlabel("credit (percentage points)")
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.legend(
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            ncol=min(len(kinds), 3),
            frameon=False,
            borderaxespad=0,
            handlelength=1.4,
        )
        out = io.BytesIO()
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
