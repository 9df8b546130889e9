"""Paper: team OKR sheets, the offsite booklet, the funnel poster and the attribution report.

Every output goes through one page engine (:mod:`planner.report.document`) onto any
``QPagedPaintDevice``: :func:`print_to_pdf` for files, :func:`planner.report.render.render` for
the app's QPrinter and print preview (:func:`page_count` tells the preview how many pages to
expect).
Only QtCore, QtGui and QtSvg are used, never widgets, so printing works from the command line
(:func:`ensure_gui_app` makes a QGuiApplication when none runs); matplotlib is loaded only
when a chart is drawn.

The names below are imported from their modules when first asked for: the screen's charts
share this package's figure data (:mod:`planner.report.figures`) and must not load the page
engine to get it. (``render``, the function, is imported from :mod:`planner.report.render`:
as a name of the package it would be confused with the module.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.lazy import names_from

if TYPE_CHECKING:
    from planner.report.options import LAYOUTS, PAGE_SIZES, PrintOptions, default_page_size
    from planner.report.render import page_count, print_to_pdf
    from planner.report.style import ensure_gui_app

_MODULES = {
    "LAYOUTS": "options",
    "PAGE_SIZES": "options",
    "PrintOptions": "options",
    "default_page_size": "options",
    "page_count": "render",
    "print_to_pdf": "render",
    "ensure_gui_app": "style",
}

__all__ = [
    "LAYOUTS",
    "PAGE_SIZES",
    "PrintOptions",
    "default_page_size",
    "ensure_gui_app",
    "page_count",
    "print_to_pdf",
]


__getattr__ = names_from(__name__, _MODULES)
