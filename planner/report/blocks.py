"""Building blocks the layouts compose: wrapped text, rows of cells, bars, chips, ruled space.

Every block measures its height for a width and paints in its own box, so the same block
serves as a page block or as a cell inside a :class:`Row`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from planner.domain.progress import GradeBand
from planner.report import style
from planner.report.document import Block, DirectBlock, PageContext
from planner.report.style import BAND_INK, CHIP, INK, LIGHT_RULE, MUTED, REGULAR, SEMIBOLD, mm, pt
from planner.report.text import trim_lines

Align = Qt.AlignmentFlag


_pens: dict[tuple[int, float], QPen] = {}
# Where a line starts in its box, as a share of the room left: flag arithmetic on Qt's enums
# costs more than drawing the text, so it is looked up rather than worked out per block.
_SHIFTS: dict[Align, float] = {}


def _shift(align: Align) -> float:
    found = _SHIFTS.get(align)
    if found is None:
        right, centre = align & Align.AlignRight, align & Align.AlignHCenter
        found = _SHIFTS[align] = 1.0 if right else 0.5 if centre else 0.0
    return found


def _pen(color: QColor, width: float) -> QPen:
    """A shared solid pen (never change it): made once rather than for every line drawn."""
    key = (color.rgba(), width)
    found = _pens.get(key)
    if found is None:
        found = _pens[key] = QPen(color, width)
    return found


class Text(DirectBlock):
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
        suffix: str = "",
    ) -> None:
        self.text = text
        # Kept whole after the text, even where ``max_lines`` cuts the text short.
        self.suffix = suffix
        self.font = style.font(size, weight, italic)
        self.measure = style.measure(size, weight, italic)
        self.fm = self.measure.fm
        self.color = color
        self.align = align
        self._shift = _shift(align)
        self.space_after = space_after
        self.keep_with_next = keep_with_next
        self.max_lines = max_lines
        self._lines: dict[float, list[str]] = {}

    def lines(self, width: float) -> list[str]:
        found = self._lines.get(width)
        if found is None:
            found = self.measure.wrap(self.text + self.suffix, width)
            if self.max_lines is not None and len(found) > self.max_lines:
                found = self.measure.wrap(self.text, width)
                found = trim_lines(found, self.max_lines, self.fm, width, self.suffix)
            self._lines[width] = found
        return found

    def height(self, width: float) -> float:
        return len(self.lines(width)) * self.measure.line_spacing

    def draw_at(
        self, painter: QPainter, x: float, y: float, width: float, height: float, ctx: PageContext
    ) -> None:
        # Glyph runs carry their font, but what is drawn next may use the painter's (an SVG
        # figure sets its text in it), so the painter still gets it.
        painter.setFont(self.font)
        painter.setPen(self.color)
        measure = self.measure
        shift = self._shift
        baseline = y + measure.ascent
        for line in self.lines(width):
            left = x + (width - measure.advance(line)) * shift if shift else x
            measure.draw(painter, left, baseline, line)
            baseline += measure.line_spacing


class Spacer(DirectBlock):
    """Room between blocks; none where it would start a page (the break is room enough)."""

    collapses = True

    def __init__(self, size: float) -> None:
        self.size = size

    def height(self, width: float) -> float:
        return self.size

    def draw_at(
        self, painter: QPainter, x: float, y: float, width: float, height: float, ctx: PageContext
    ) -> None:
        return None


class Stack(DirectBlock):
    """Blocks one under the other, with ``gap`` between them."""

    def __init__(self, parts: Sequence[Block], gap: float = 0.0, **options: object) -> None:
        self.parts = list(parts)
        self.gap = gap
        for key, value in options.items():
            setattr(self, key, value)
        self._heights: dict[float, float] = {}

    def height(self, width: float) -> float:
        found = self._heights.get(width)
        if found is None:
            found = (
                sum(p.height(width) for p in self.parts) + self.gap * (len(self.parts) - 1)
                if self.parts
                else 0.0
            )
            self._heights[width] = found
        return found

    def draw_at(
        self, painter: QPainter, x: float, y: float, width: float, height: float, ctx: PageContext
    ) -> None:
        for part in self.parts:
            tall = part.height(width)
            part.draw_at(painter, x, y, width, tall, ctx)
            y += tall + self.gap


class Row(DirectBlock):
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
        self._columns: dict[float, list[tuple[float, float]]] = {}
        self._heights: dict[float, float] = {}

    def columns(self, width: float) -> list[tuple[float, float]]:
        found = self._columns.get(width)
        if found is not None:
            return found
        usable = width - self.gutter * (len(self.cells) - 1)
        result, x = [], 0.0
        for index, share in enumerate(self.widths):
            span = usable * share if index < len(self.widths) - 1 else width - x
            result.append((x, span))
            x += span + self.gutter
        self._columns[width] = result
        return result

    def height(self, width: float) -> float:
        found = self._heights.get(width)
        if found is None:
            tallest = max(
                (
                    cell.height(span)
                    for cell, (_, span) in zip(self.cells, self.columns(width), strict=True)
                ),
                default=0.0,
            )
            found = self._heights[width] = tallest + 2 * self.padding
        return found

    def draw_at(
        self, painter: QPainter, x: float, y: float, width: float, height: float, ctx: PageContext
    ) -> None:
        if self.background is not None:
            painter.fillRect(QRectF(x, y, width, height), self.background)
        top = y + self.padding
        for cell, (left, span) in zip(self.cells, self.columns(width), strict=True):
            cell.draw_at(painter, x + left, top, span, cell.height(span), ctx)
        if self.rule is not None:
            painter.setPen(_pen(self.rule, pt(0.5)))
            painter.drawLine(QPointF(x, y + height), QPointF(x + width, y + height))


class Panel(DirectBlock):
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

    def draw_at(
        self, painter: QPainter, x: float, y: float, width: float, height: float, ctx: PageContext
    ) -> None:
        painter.fillRect(QRectF(x, y, width, height), self.background)
        left = x + self.padding
        if self.accent is not None:
            painter.fillRect(QRectF(x, y, mm(2), height), self.accent)
            left += mm(2)
        inner_width = self._inner_width(width)
        self.inner.draw_at(
            painter, left, y + self.padding, inner_width, self.inner.height(inner_width), ctx
        )


def paint_bar(
    painter: QPainter, rect: QRectF, fraction: float | None, band: GradeBand | None
) -> None:
    """A progress bar whose fill pattern tells the band without colour: solid is green,
    diagonal lines yellow, crossed lines red. The outline shows the whole 100 %.

    It leaves the brush empty and the outline's pen set."""
    painter.fillRect(rect, style.WHITE)
    if fraction is not None and band is not None and fraction > 0:
        filled = QRectF(rect.left(), rect.top(), rect.width() * min(fraction, 1.0), rect.height())
        paint_pattern(painter, filled, band)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(INK, pt(0.6)))
    painter.drawRect(rect)


def paint_pattern(painter: QPainter, rect: QRectF, band: GradeBand) -> None:
    ink = BAND_INK[band]
    if band is GradeBand.GREEN:
        painter.fillRect(rect, ink)
        return
    # Hatching drawn as lines rather than Qt's pattern brushes, whose cells are device pixels
    # and shrink to a grey haze at 1200 dpi.
    painter.save()
    painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)
    painter.fillRect(rect, _TINTS[band])
    painter.setPen(_pen(ink, pt(0.9)))
    # One call for all of a bar's lines: a PDF then strokes them as one path, instead of a
    # path per line.
    painter.drawLines(_hatching(rect, band is GradeBand.RED))
    painter.restore()


_TINTS = {band: QColor(ink.red(), ink.green(), ink.blue(), 40) for band, ink in BAND_INK.items()}
_HATCH_STEP = mm(1.1)


def _hatching(rect: QRectF, crossed: bool) -> list[QLineF]:
    """Lines rising left to right across ``rect`` (and falling too when ``crossed``)."""
    top, bottom, right, h = rect.top(), rect.bottom(), rect.right(), rect.height()
    lines = []
    x = rect.left() - h
    while x < right:
        lines.append(QLineF(x, bottom, x + h, top))
        if crossed:
            lines.append(QLineF(x, top, x + h, bottom))
        x += _HATCH_STEP
    return lines


class Bar(DirectBlock):
    """A progress bar as a cell, vertically centred on a text line of ``line_size`` points."""

    def __init__(
        self, fraction: float | None, band: GradeBand | None, line_size: float = 10
    ) -> None:
        self.fraction = fraction
        self.band = band
        self.line = style.measure(line_size, SEMIBOLD).line_spacing

    def height(self, width: float) -> float:
        return self.line

    def draw_at(
        self, painter: QPainter, x: float, y: float, width: float, height: float, ctx: PageContext
    ) -> None:
        bar = min(mm(3.4), self.line * 0.8)
        rect = QRectF(x, y + (self.line - bar) / 2, width, bar)
        paint_bar(painter, rect, self.fraction, self.band)


class Chips(DirectBlock):
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
        self._placed: dict[float, list[tuple[QRectF, str, bool]]] = {}

    def _weight(self, missing: bool) -> QFont.Weight:
        return style.BOLD if missing else REGULAR

    def _place(self, width: float) -> list[tuple[QRectF, str, bool]]:
        found = self._placed.get(width)
        if found is not None:
            return found
        chip_h = style.measure(self.size).line_spacing + self.pad
        placed, x, y = [], 0.0, 0.0
        for text, missing in self.items:
            measure = style.measure(self.size, self._weight(missing))
            label = measure.elided(text, width - 2 * self.pad)
            chip_w = measure.advance(label) + 2 * self.pad
            if x > 0 and x + chip_w > width:
                x, y = 0.0, y + chip_h + self.gap
            placed.append((QRectF(x, y, chip_w, chip_h), label, missing))
            x += chip_w + self.gap
        self._placed[width] = placed
        return placed

    def height(self, width: float) -> float:
        placed = self._place(width)
        return placed[-1][0].bottom() + pt(1) if placed else 0.0

    def draw_at(
        self, painter: QPainter, x: float, y: float, width: float, height: float, ctx: PageContext
    ) -> None:
        inset = pt(0.6)
        for rect, label, missing in self._place(width):
            box = rect.translated(x, y)
            inner = box.adjusted(inset, inset, -inset, -inset)
            if missing:
                painter.setBrush(style.WHITE)
                painter.setPen(_pen(INK, pt(1.4)))
            else:
                painter.setBrush(CHIP)
                painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(inner, mm(0.8), mm(0.8))
            weight = self._weight(missing)
            painter.setFont(style.font(self.size, weight))
            painter.setPen(INK)
            fm = style.metrics(self.size, weight)
            baseline = box.top() + (box.height() - fm.height()) / 2 + fm.ascent()
            style.measure(self.size, weight).draw(painter, box.left() + self.pad, baseline, label)
        painter.setBrush(Qt.BrushStyle.NoBrush)


class RuledArea(DirectBlock):
    """Lines to write on in the workshop, filling the rest of the page."""

    fill = True

    def __init__(self, title: str, min_height: float = mm(32), spacing: float = mm(8)) -> None:
        self.title = Text(title, 10, SEMIBOLD)
        self.min_height = min_height
        self.spacing = spacing

    def height(self, width: float) -> float:
        return self.min_height

    def draw_at(
        self, painter: QPainter, x: float, y: float, width: float, height: float, ctx: PageContext
    ) -> None:
        title = self.title.height(width)
        self.title.draw_at(painter, x, y, width, title, ctx)
        painter.setPen(_pen(LIGHT_RULE, pt(0.5)))
        line = title + self.spacing
        while line <= height:
            painter.drawLine(QPointF(x, y + line), QPointF(x + width, y + line))
            line += self.spacing


class Legend(DirectBlock):
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
        return style.measure(self.size).line_spacing

    def _width(self) -> float:
        measure = style.measure(self.size)
        return measure.advance("Grade:") + sum(
            mm(2) + mm(5) + mm(1) + measure.advance(text) for _, text in self.items
        )

    def draw_at(
        self, painter: QPainter, x: float, y: float, width: float, height: float, ctx: PageContext
    ) -> None:
        measure = style.measure(self.size)
        baseline = y + measure.ascent
        painter.setFont(style.font(self.size))
        x += width - self._width() if self.align_right else 0.0
        painter.setPen(MUTED)
        measure.draw(painter, x, baseline, "Grade:")
        x += measure.advance("Grade:") + mm(2)
        swatch = measure.ascent * 0.8
        for band, text in self.items:
            paint_bar(painter, QRectF(x, baseline - swatch, mm(5), swatch), 1.0, band)
            x += mm(6)
            painter.setPen(MUTED)
            measure.draw(painter, x, baseline, text)
            x += measure.advance(text) + mm(2)
