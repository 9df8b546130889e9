"""The one page engine every printout uses: blocks flowed onto pages, then painted.

A layout (sheets, booklet, poster, attribution) only builds :class:`Section` s of
:class:`Block` s. The :class:`Document` breaks them into pages first, without painting, so the
page count ("n / N", the preview, the table of contents) is known before the first page is
drawn, and then paints every page with the same header and footer on any
``QPagedPaintDevice``: a ``QPdfWriter`` for files, the app's ``QPrinter`` for paper.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPen

from planner.report import style
from planner.report.style import INK, MUTED, RULE, SEMIBOLD, UNIT_DPI, mm, pt
from planner.report.text import day

HEADER_HEIGHT = mm(9)
FOOTER_HEIGHT = mm(8)
FURNITURE_SIZE = 8


@dataclass(frozen=True)
class PageSpec:
    """A sheet of paper: its size, orientation and the margins every word stays inside."""

    size: QPageSize.PageSizeId
    landscape: bool = False
    margin_mm: float = 15.0

    def page_layout(self) -> QPageLayout:
        orientation = (
            QPageLayout.Orientation.Landscape
            if self.landscape
            else QPageLayout.Orientation.Portrait
        )
        margins = QMarginsF(self.margin_mm, self.margin_mm, self.margin_mm, self.margin_mm)
        return QPageLayout(QPageSize(self.size), orientation, margins, QPageLayout.Unit.Millimeter)

    def paint_size(self) -> tuple[float, float]:
        """Width and height inside the margins, in units."""
        rect = self.page_layout().paintRect(QPageLayout.Unit.Point)
        return rect.width() * UNIT_DPI / 72, rect.height() * UNIT_DPI / 72


@dataclass
class PageContext:
    """What a block may need when it is painted: where it is, and where anchors landed."""

    number: int
    total: int
    anchors: dict[str, int]


class Block:
    """Something of a fixed width and a measured height, painted at (0, 0) of its own box."""

    space_after: float = 0.0
    # Measured together with the next block, so a heading never ends a page alone.
    keep_with_next: bool = False
    # Drawn first when this block opens a page mid-section (e.g. "Objective … (continued)").
    repeat: Block | None = None
    # Takes the rest of the page, or a new page when less than ``min_height`` is left.
    fill: bool = False
    min_height: float = 0.0
    # Names the page this block lands on, for the table of contents.
    anchor: str | None = None
    # Blank space, dropped where it would start a new page.
    collapses: bool = False

    def height(self, width: float) -> float:
        raise NotImplementedError

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        raise NotImplementedError

    def draw_at(
        self, painter: QPainter, x: float, y: float, width: float, height: float, ctx: PageContext
    ) -> None:
        """Paint with the box's top left at (``x``, ``y``), leaving the painter as it was."""
        painter.save()
        painter.translate(x, y)
        self.draw(painter, width, height, ctx)
        painter.restore()


class DirectBlock(Block):
    """A block that paints at any offset without moving the painter.

    On a PDF every change of the painter's transform is written out again with the pen and
    brush before the next stroke, so blocks that make up most pages place what they paint
    themselves instead. They set the pen, brush and font they use, and leave the brush empty.
    """

    def draw(self, painter: QPainter, width: float, height: float, ctx: PageContext) -> None:
        self.draw_at(painter, 0.0, 0.0, width, height, ctx)

    def draw_at(
        self, painter: QPainter, x: float, y: float, width: float, height: float, ctx: PageContext
    ) -> None:
        raise NotImplementedError


class PrintError(OSError):
    """The printer or the PDF file refused the pages: said to the person, never a crash."""


@dataclass
class Section:
    """Blocks that belong together; ``header(continued)`` opens each of its pages.

    ``content`` is the blocks, or what makes them when first laid out: a long printout is
    split between two processes before its pages are laid out, and each then makes only its
    own half's blocks."""

    content: list[Block] | Callable[[], list[Block]]
    header: Callable[[bool], Block] | None = None
    new_page: bool = True
    anchors: tuple[str, ...] = ()  # names of the page the section starts on

    @property
    def blocks(self) -> list[Block]:
        if callable(self.content):
            self.content = self.content()
        return self.content


@dataclass
class Placed:
    block: Block
    rect: QRectF
    scale: float = 1.0


@dataclass
class Page:
    placed: list[Placed] = field(default_factory=list)


class _Flow:
    """Cursor state while blocks are laid onto pages."""

    def __init__(self, width: float, height: float) -> None:
        self.width = width
        self.height = height
        self.pages: list[Page] = []
        self.anchors: dict[str, int] = {}
        self.y = 0.0
        self.fresh = True  # nothing but headers on the page yet

    @property
    def remaining(self) -> float:
        return self.height - self.y

    def new_page(self, section: Section, continued: bool) -> None:
        self.pages.append(Page())
        self.y = 0.0
        if section.header is not None:
            self.put(section.header(continued), keeps_fresh=True)
        self.fresh = True

    def put(self, block: Block, height: float | None = None, keeps_fresh: bool = False) -> None:
        wanted = block.height(self.width) if height is None else height
        if block.anchor is not None:
            self.anchors.setdefault(block.anchor, len(self.pages) - 1)
        room = max(self.remaining, 0.0)
        # A block taller than a whole page is shrunk to fit rather than clipped (the floor
        # only guards the division when headers alone fill a page).
        scale = 1.0 if wanted <= room or wanted <= 0 else max(room / wanted, 1e-3)
        rect = QRectF(0, self.y, self.width, wanted * scale)
        self.pages[-1].placed.append(Placed(block, rect, scale))
        self.y += wanted * scale + block.space_after
        # Headers and repeated context do not count: a page holding only them takes any block.
        self.fresh = self.fresh and keeps_fresh


def paginate(
    sections: list[Section], width: float, height: float
) -> tuple[list[Page], dict[str, int]]:
    flow = _Flow(width, height)
    for section in sections:
        if section.new_page or not flow.pages:
            flow.new_page(section, continued=False)
        elif section.header is not None:
            head = section.header(False)
            if head.height(width) + _group_height(section.blocks[:1], width) > flow.remaining:
                flow.new_page(section, continued=False)
            else:
                flow.put(head)
        for anchor in section.anchors:
            flow.anchors.setdefault(anchor, len(flow.pages) - 1)
        _flow_blocks(flow, section)
    if not flow.pages:
        flow.pages.append(Page())
    return flow.pages, flow.anchors


def _flow_blocks(flow: _Flow, section: Section) -> None:
    blocks = section.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.collapses and block.height(flow.width) > flow.remaining and not flow.fresh:
            index += 1
            continue
        if block.fill:
            if flow.remaining < block.min_height and not flow.fresh:
                flow.new_page(section, continued=True)
            flow.put(block, max(flow.remaining, block.min_height))
            index += 1
            continue
        group = [block]
        while group[-1].keep_with_next and index + len(group) < len(blocks):
            group.append(blocks[index + len(group)])
        if _group_height(group, flow.width) > flow.remaining and not flow.fresh:
            flow.new_page(section, continued=True)
            if block.repeat is not None:
                flow.put(block.repeat, keeps_fresh=True)
        # A group too tall even for a fresh page (a heading over a page-high chart) stays
        # together when its last block need only shrink a little, rather than leaving the
        # heading alone on a page.
        together = flow.fresh and len(group) > 1
        for member in group:
            needed = member.height(flow.width)
            shrinks_a_little = together and flow.remaining >= KEPT_TOGETHER_SCALE * needed
            if needed > flow.remaining and not flow.fresh and not shrinks_a_little:
                flow.new_page(section, continued=True)
                if member.repeat is not None:
                    flow.put(member.repeat, keeps_fresh=True)
            flow.put(member, needed)
        index += len(group)


# The least a block is shrunk to so that the blocks kept with it share its page.
KEPT_TOGETHER_SCALE = 0.75


def _group_height(group: list[Block], width: float) -> float:
    heights = [b.height(width) for b in group]
    return sum(heights) + sum(b.space_after for b in group[:-1])


class Document:
    """Sections on pages of one :class:`PageSpec`, with a header and footer on every page."""

    def __init__(self, spec: PageSpec, plan_name: str, title: str, printed: date) -> None:
        self.spec = spec
        self.plan_name = plan_name
        self.title = title
        self.printed = printed
        self.sections: list[Section] = []
        self._pages: list[Page] | None = None
        self._anchors: dict[str, int] = {}
        # Set on a part of a longer document (:meth:`split`): the pages before its first, the
        # whole's page count and the whole's anchors, so its pages are numbered as the whole's.
        self._before = 0
        self._total: int | None = None
        self._whole_anchors: dict[str, int] | None = None

    @property
    def title_line(self) -> str:
        return f"{self.plan_name} — {self.title}"

    @property
    def content_size(self) -> tuple[float, float]:
        width, height = self.spec.paint_size()
        return width, height - HEADER_HEIGHT - FOOTER_HEIGHT

    def add(self, section: Section) -> None:
        self.sections.append(section)
        self._pages = None

    def pages(self) -> list[Page]:
        if self._pages is None:
            self._pages, self._anchors = paginate(self.sections, *self.content_size)
        return self._pages

    def page_count(self) -> int:
        return len(self.pages())

    def anchors(self) -> dict[str, int]:
        """The page (from 0) each anchor of this document landed on."""
        self.pages()
        return dict(self._anchors)

    def split(self) -> tuple[Document, Document] | None:
        """This document as two, each about half its sections, cut before a section that
        starts a new page (so each part breaks into the same pages as the whole would); None
        when there is no such cut. Give each part its place with :meth:`place`."""
        middle = len(self.sections) // 2
        cuts = [i for i, s in enumerate(self.sections) if i > 0 and s.new_page]
        if not cuts:
            return None
        cut = min(cuts, key=lambda i: abs(i - middle))
        parts = []
        for sections in (self.sections[:cut], self.sections[cut:]):
            part = Document(self.spec, self.plan_name, self.title, self.printed)
            part.sections = sections
            parts.append(part)
        return parts[0], parts[1]

    def place(self, before: int, total: int, anchors: dict[str, int]) -> None:
        """Number this part's pages after ``before`` others, of ``total``, with the whole's
        ``anchors`` (pages from 0) for what refers to other pages."""
        self._before, self._total, self._whole_anchors = before, total, anchors

    def render(self, device: QPagedPaintDevice, only: range | None = None) -> int:
        """Paint every page on ``device`` (its page layout is set to this document's), or
        the pages numbered ``only`` (a range a print dialog gave; each keeps its number);
        returns how many were painted."""
        pages = self.pages()
        if not device.setPageLayout(self.spec.page_layout()):
            raise PrintError("the printer refused the page size or margins")
        painter = QPainter()
        if not painter.begin(device):
            raise PrintError("cannot write there (is the folder writable?)")
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            # The painter's (0, 0) is the top left of the printable box, inside the margins.
            scale = device.logicalDpiX() / UNIT_DPI
            total = len(pages) if self._total is None else self._total
            anchors = self._anchors if self._whole_anchors is None else self._whole_anchors
            painted = 0
            for number, page in enumerate(pages, start=self._before + 1):
                if only is not None and number not in only:
                    continue
                if painted and not device.newPage():
                    raise PrintError("the printer refused a new page")
                painter.save()
                try:
                    painter.scale(scale, scale)
                    self._paint_page(painter, page, PageContext(number, total, anchors))
                finally:
                    painter.restore()
                painted += 1
        finally:
            painter.end()
        return painted

    def _paint_page(self, painter: QPainter, page: Page, ctx: PageContext) -> None:
        self._paint_furniture(painter, ctx)
        # Other blocks start from the page's own pen, brush and font, as if nothing had been
        # painted before them: an SVG figure, for one, sets its text in the painter's font.
        painter.save()
        changed = False
        for placed in page.placed:
            rect = placed.rect
            block = placed.block
            if isinstance(block, DirectBlock) and placed.scale == 1.0:
                block.draw_at(
                    painter,
                    rect.left(),
                    rect.top() + HEADER_HEIGHT,
                    rect.width(),
                    rect.height(),
                    ctx,
                )
                changed = True
                continue
            if changed:
                painter.restore()
                painter.save()
                changed = False
            painter.save()
            try:
                painter.translate(rect.left(), rect.top() + HEADER_HEIGHT)
                painter.scale(placed.scale, placed.scale)
                block.draw(painter, rect.width() / placed.scale, rect.height() / placed.scale, ctx)
            finally:
                painter.restore()
        painter.restore()

    def _paint_furniture(self, painter: QPainter, ctx: PageContext) -> None:
        """Plan name, title, print date and "n / N": who printed what, when, and in what order."""
        width, height = self.spec.paint_size()
        regular = style.measure(FURNITURE_SIZE)
        bold = style.measure(FURNITURE_SIZE, SEMIBOLD)
        baseline = bold.ascent
        right = regular.elided(self.title, width * 0.45, Qt.TextElideMode.ElideMiddle)
        left = bold.elided(self.plan_name, width - regular.advance(right) - mm(6))
        painter.setPen(INK)
        painter.setFont(style.font(FURNITURE_SIZE, SEMIBOLD))
        bold.draw(painter, 0, baseline, left)
        painter.setFont(style.font(FURNITURE_SIZE))
        painter.setPen(MUTED)
        regular.draw(painter, width - regular.advance(right), baseline, right)
        painter.setPen(QPen(RULE, pt(0.5)))
        rule = bold.fm.height() + mm(1.5)
        painter.drawLine(QPointF(0, rule), QPointF(width, rule))
        footer_top = height - regular.fm.height()
        painter.drawLine(QPointF(0, footer_top - mm(1.5)), QPointF(width, footer_top - mm(1.5)))
        painter.setPen(MUTED)
        regular.draw(painter, 0, footer_top + regular.ascent, f"Printed {day(self.printed)}")
        number = f"{ctx.number} / {ctx.total}"
        painter.setPen(INK)
        regular.draw(painter, width - regular.advance(number), footer_top + regular.ascent, number)
