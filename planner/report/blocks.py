"""Building blocks the layouts compose: wrapped text, rows of cells, bars, chips, ruled space.

Every block measures its height for a width and paints in its own box, so the same block
serves as a page block or as a cell inside a :class:`Row`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from planner.domain.progress import GradeBand
from planner.report import style
from planner.report.document import Block, PageContext
from planner.report.style import BAND_INK, CHIP, INK, LIGHT_RULE, MUTED, REGULAR, SEMIBOLD, mm, pt
from planner.report.text import trim_lines, wrap

Align = Qt.AlignmentFlag


class Text(Block):
    """Text wrapped to the box width; it grows downwards and is never clipped."""

    def __init__(
        self,
        text: str,
        size: float = 9.5,
        weight: QFont.Weight = REGULAR,
        *,
        italic: bool = False,
        color: QColor = INK,
        align: Align = Align.AlignLeft,
        space_after: float = 0.0,
        keep_with_next: bool = False,
        max_lines: int | None = None,
    ) -> None:
        self.text = text
        self.font = style.font(size, weight, italic)
        self.fm = style.metrics(size, weight, italic)
        self.color = color
        self.align = align
        self.space_after = space_after
        self.keep_with_next = keep_with_next
        self.max_lines = max_lines
        self._lines: dict[float, list[str]] = {}

    def lines(self, width: float) -> list[str]:
        if width not in self._lines:
            lines = wrap(self.text, self.fm, width)
            if self.max_lines is not None:
                lines = trim_lines(lines, self.max_lines, self.fm, width)
            self._lines[width] = lines
        return self._lines[width]

    def height(self, width: float) -> float:
        return len(self.lines(width)) * self.fm.lineSpacing()

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        painter.setFont(self.font)
        painter.setPen(self.color)
        y = self.fm.ascent()
        for line in self.lines(width):
            advance = self.fm.horizontalAdvance(line)
            if self.align & Align.AlignRight:
                x = width - advance
            elif self.align & Align.AlignHCenter:
                x = (width - advance) / 2
            else:
                x = 0.0
            painter.drawText(QPointF(x, y), line)
            y += self.fm.lineSpacing()


class Spacer(Block):
    def __init__(self, size: float) -> None:
        self.size = size

    def height(self, width: float) -> float:
        return self.size

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        return None


class Stack(Block):
    """Blocks one under the other, with ``gap`` between them."""

    def __init__(self, parts: Sequence[Block], gap: float = 0.0, **options: object) -> None:
        self.parts = list(parts)
        self.gap = gap
        for key, value in options.items():
            setattr(self, key, value)

    def height(self, width: float) -> float:
        if not self.parts:
            return 0.0
        return sum(p.height(width) for p in self.parts) + self.gap * (len(self.parts) - 1)

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        y = 0.0
        for part in self.parts:
            tall = part.height(width)
            painter.save()
            painter.translate(0, y)
            part.draw(painter, width, tall, ctx)
            painter.restore()
            y += tall + self.gap


class Row(Block):
    """Cells side by side; ``widths`` are shares of the row (the last cell takes the rest)."""

    def __init__(
        self,
        cells: Sequence[Block],
        widths: Sequence[float],
        *,
        gutter: float = mm(3),
        padding: float = mm(1.2),
        rule: QColor | None = LIGHT_RULE,
        fill: QColor | None = None,
        **options: object,
    ) -> None:
        self.cells = list(cells)
        self.widths = list(widths)
        self.gutter = gutter
        self.padding = padding
        self.rule = rule
        self.background = fill
        for key, value in options.items():
            setattr(self, key, value)

    def columns(self, width: float) -> list[tuple[float, float]]:
        usable = width - self.gutter * (len(self.cells) - 1)
        result, x = [], 0.0
        for index, share in enumerate(self.widths):
            span = usable * share if index < len(self.widths) - 1 else width - x
            result.append((x, span))
            x += span + self.gutter
        return result

    def height(self, width: float) -> float:
        tallest = max(
            (
                cell.height(span)
                for cell, (_, span) in zip(self.cells, self.columns(width), strict=True)
            ),
            default=0.0,
        )
        return tallest + 2 * self.padding

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        if self.background is not None:
            painter.fillRect(QRectF(0, 0, width, height), self.background)
        for cell, (x, span) in zip(self.cells, self.columns(width), strict=True):
            painter.save()
            painter.translate(x, self.padding)
            cell.draw(painter, span, cell.height(span), ctx)
            painter.restore()
        if self.rule is not None:
            painter.setPen(QPen(self.rule, pt(0.5)))
            painter.drawLine(QPointF(0, height), QPointF(width, height))


class Panel(Block):
    """A block on a light background with padding, e.g. the team's header band."""

    def __init__(
        self,
        inner: Block,
        fill: QColor,
        padding: float = mm(3),
        accent: QColor | None = None,
        **options: object,
    ) -> None:
        self.inner = inner
        self.background = fill
        self.padding = padding
        self.accent = accent
        for key, value in options.items():
            setattr(self, key, value)

    def _inner_width(self, width: float) -> float:
        return width - 2 * self.padding - (mm(2) if self.accent is not None else 0)

    def height(self, width: float) -> float:
        return self.inner.height(self._inner_width(width)) + 2 * self.padding

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        painter.fillRect(QRectF(0, 0, width, height), self.background)
        left = self.padding
        if self.accent is not None:
            painter.fillRect(QRectF(0, 0, mm(2), height), self.accent)
            left += mm(2)
        painter.save()
        painter.translate(left, self.padding)
        inner_width = self._inner_width(width)
        self.inner.draw(painter, inner_width, self.inner.height(inner_width), ctx)
        painter.restore()


def paint_bar(
    painter: QPainter, rect: QRectF, fraction: float | None, band: GradeBand | None
) -> None:
    """A progress bar whose fill pattern tells the band without colour: solid is green,
    diagonal lines yellow, crossed lines red. The outline shows the whole 100 %."""
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillRect(rect, style.WHITE)
    if fraction is not None and band is not None and fraction > 0:
        filled = QRectF(rect.left(), rect.top(), rect.width() * min(fraction, 1.0), rect.height())
        paint_pattern(painter, filled, band)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(INK, pt(0.6)))
    painter.drawRect(rect)
    painter.restore()


def paint_pattern(painter: QPainter, rect: QRectF, band: GradeBand) -> None:
    ink = BAND_INK[band]
    if band is GradeBand.GREEN:
        painter.fillRect(rect, ink)
        return
    # Hatching drawn as lines rather than Qt's pattern brushes, whose cells are device pixels
    # and shrink to a grey haze at 1200 dpi.
    painter.save()
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
    painter.fillRect(rect, QColor(ink.red(), ink.green(), ink.blue(), 40))
    painter.setPen(QPen(ink, pt(0.9)))
    step = mm(1.1)
    h = rect.height()
    x = rect.left() - h
    while x < rect.right():
        painter.drawLine(QPointF(x, rect.bottom()), QPointF(x + h, rect.top()))
        if band is GradeBand.RED:
            painter.drawLine(QPointF(x, rect.top()), QPointF(x + h, rect.bottom()))
        x += step
    painter.restore()


class Bar(Block):
    """A progress bar as a cell, vertically centred on a text line of ``line_size`` points."""

    def __init__(
        self, fraction: float | None, band: GradeBand | None, line_size: float = 10
    ) -> None:
        self.fraction = fraction
        self.band = band
        self.line = style.metrics(line_size, SEMIBOLD).lineSpacing()

    def height(self, width: float) -> float:
        return self.line

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        bar = min(mm(3.4), self.line * 0.8)
        paint_bar(painter, QRectF(0, (self.line - bar) / 2, width, bar), self.fraction, self.band)


class Chips(Block):
    """Labels in boxes that flow onto as many lines as needed. A missing item is drawn in a
    heavy black box with its word "Missing", so it shows without colour."""

    def __init__(
        self, items: Sequence[tuple[str, bool]], size: float = 8.5, space_after: float = 0.0
    ) -> None:
        self.items = list(items)  # (text, missing)
        self.size = size
        self.space_after = space_after
        self.pad = mm(1.4)
        self.gap = mm(1.5)

    def _weight(self, missing: bool) -> QFont.Weight:
        return style.BOLD if missing else REGULAR

    def _place(self, width: float) -> list[tuple[QRectF, str, bool]]:
        chip_h = style.metrics(self.size).lineSpacing() + self.pad
        placed, x, y = [], 0.0, 0.0
        for text, missing in self.items:
            fm = style.metrics(self.size, self._weight(missing))
            label = fm.elidedText(text, Qt.TextElideMode.ElideRight, width - 2 * self.pad)
            chip_w = fm.horizontalAdvance(label) + 2 * self.pad
            if x > 0 and x + chip_w > width:
                x, y = 0.0, y + chip_h + self.gap
            placed.append((QRectF(x, y, chip_w, chip_h), label, missing))
            x += chip_w + self.gap
        return placed

    def height(self, width: float) -> float:
        placed = self._place(width)
        return placed[-1][0].bottom() + pt(1) if placed else 0.0

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        for rect, label, missing in self._place(width):
            inner = rect.adjusted(pt(0.6), pt(0.6), -pt(0.6), -pt(0.6))
            if missing:
                painter.setBrush(style.WHITE)
                painter.setPen(QPen(INK, pt(1.4)))
            else:
                painter.setBrush(CHIP)
                painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(inner, mm(0.8), mm(0.8))
            painter.setFont(style.font(self.size, self._weight(missing)))
            painter.setPen(INK)
            fm = style.metrics(self.size, self._weight(missing))
            baseline = rect.top() + (rect.height() - fm.height()) / 2 + fm.ascent()
            painter.drawText(QPointF(rect.left() + self.pad, baseline), label)


class RuledArea(Block):
    """Lines to write on in the workshop, filling the rest of the page."""

    fill = True

    def __init__(self, title: str, min_height: float = mm(32), spacing: float = mm(8)) -> None:
        self.title = Text(title, 10, SEMIBOLD)
        self.min_height = min_height
        self.spacing = spacing

    def height(self, width: float) -> float:
        return self.min_height

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        self.title.draw(painter, width, self.title.height(width), ctx)
        painter.setPen(QPen(LIGHT_RULE, pt(0.5)))
        y = self.title.height(width) + self.spacing
        while y <= height:
            painter.drawLine(QPointF(0, y), QPointF(width, y))
            y += self.spacing


class Legend(Block):
    """What the bar patterns mean, printed where the bars are."""

    def __init__(self, size: float = 7.5, align_right: bool = True) -> None:
        self.size = size
        self.align_right = align_right
        self.items = [
            (GradeBand.GREEN, "green 0.7–1.0"),
            (GradeBand.YELLOW, "yellow 0.4–0.6"),
            (GradeBand.RED, "red 0.0–0.3"),
        ]

    def height(self, width: float) -> float:
        return style.metrics(self.size).lineSpacing()

    def _width(self) -> float:
        fm = style.metrics(self.size)
        return fm.horizontalAdvance("Grade:") + sum(
            mm(2) + mm(5) + mm(1) + fm.horizontalAdvance(text) for _, text in self.items
        )

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        fm = style.metrics(self.size)
        painter.setFont(style.font(self.size))
        x = width - self._width() if self.align_right else 0.0
        painter.setPen(MUTED)
        painter.drawText(QPointF(x, fm.ascent()), "Grade:")
        x += fm.horizontalAdvance("Grade:") + mm(2)
        swatch = fm.ascent() * 0.8
        for band, text in self.items:
            paint_bar(painter, QRectF(x, fm.ascent() - swatch, mm(5), swatch), 1.0, band)
            x += mm(6)
            painter.setPen(MUTED)
            painter.drawText(QPointF(x, fm.ascent()), text)
            x += fm.horizontalAdvance(text) + mm(2)
