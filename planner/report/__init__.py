"""Paper: team OKR sheets, the offsite booklet, the funnel poster and the attribution report.

Every output goes through one page engine (:mod:`planner.report.document`) onto any
``QPagedPaintDevice``: :func:`print_to_pdf` for files, :func:`render` for the app's QPrinter
and print preview (:func:`page_count` tells the preview how many pages to expect).
Only QtCore, QtGui and QtSvg are used, never widgets, so printing works from the command line
(:func:`ensure_gui_app` makes a QGuiApplication when none runs); matplotlib is loaded only
when a chart is drawn.
"""

from planner.report.options import LAYOUTS, PAGE_SIZES, PrintOptions, default_page_size
from planner.report.render import page_count, print_to_pdf, render
from planner.report.style import ensure_gui_app

__all__ = [
    "LAYOUTS",
    "PAGE_SIZES",
    "PrintOptions",
    "default_page_size",
    "ensure_gui_app",
    "page_count",
    "print_to_pdf",
    "render",
]
