"""The entry points: build the document a layout asks for, count or paint its pages."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QPdfWriter

from planner import APP_NAME
from planner.report.data import select_content
from planner.report.document import Document
from planner.report.options import PrintOptions
from planner.report.style import UNIT_DPI, ensure_gui_app
from planner.services.plan import Plan

TITLES = {
    "sheets": "OKR sheets",
    "booklet": "OKR booklet",
    "poster": "Funnel board",
    "attribution": "Customer attribution",
}


@contextmanager
def _collect_afterwards() -> Iterator[None]:
    """Hold the cycle collector off while a printout is built and painted.

    A printout makes several hundred thousand small objects (rows, blocks, lines) that live
    until it is written; the collector would traverse them again and again for no garbage,
    which cost a tenth of the time. What cycles there are get collected when it is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_document(plan: Plan, options: PrintOptions) -> Document:
    """The laid-out document (not yet painted) for ``options``."""
    ensure_gui_app()
    selection = select_content(plan, options)
    period = selection.period.name if selection.period else "no period"
    document = Document(
        options.page_spec(),
        selection.plan_name,
        f"{TITLES[options.layout]} · {period}",
        selection.today,
    )
    # Imported here so that printing one layout never loads another's (or matplotlib).
    if options.layout == "sheets":
        from planner.report.sheets import sheets

        sheets(document, plan, selection)
    elif options.layout == "booklet":
        from planner.report.booklet import booklet

        booklet(document, plan, selection)
    elif options.layout == "poster":
        from planner.report.poster import poster

        poster(document, plan, selection)
    else:
        from planner.report.attribution import attribution_report

        attribution_report(document, plan, selection)
    return document


def render(plan: Plan, device: QPagedPaintDevice, options: PrintOptions) -> int:
    """Paint the printout on ``device`` (a QPdfWriter or a QPrinter); returns the pages.

    The device's page layout is set from ``options`` (size, orientation, 15 mm margins), so a
    preview shows exactly what the options describe."""
    with _collect_afterwards():
        return build_document(plan, options).render(device)


def page_count(plan: Plan, options: PrintOptions) -> int:
    """How many pages :func:`render` will paint, without painting them."""
    return build_document(plan, options).page_count()


def print_to_pdf(plan: Plan, out: Path, options: PrintOptions) -> int:
    """Write the printout to the PDF file ``out``; returns the number of pages."""
    with _collect_afterwards():
        document = build_document(plan, options)
        out = Path(out)
        if not out.parent.is_dir():
            raise FileNotFoundError(f"{out.parent}: no such folder")
        writer = QPdfWriter(str(out))
        writer.setResolution(UNIT_DPI)
        writer.setCreator(APP_NAME)
        writer.setTitle(document.title_line)
        return document.render(writer)
