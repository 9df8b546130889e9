"""The colours and text size of matplotlib figures on screen, from a widget's palette and font."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFontInfo, QPalette
from PySide6.QtWidgets import QWidget

from planner.report.figures import Colours, Style


def _mix(a: QColor, b: QColor, share: float) -> str:
    """``a`` moved ``share`` of the way to ``b``, as "#rrggbb"."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    ).name()


def style_for(widget: QWidget) -> Style:
    """The figures' colours and text size from the widget's palette and font."""
    palette = widget.palette()
    base = palette.color(QPalette.ColorRole.Base)
    ink = palette.color(QPalette.ColorRole.WindowText)
    dark = base.lightnessF() < 0.5
    colours = Colours(
        background=base.name(),
        ink=ink.name(),
        muted=_mix(ink, base, 0.4),
        grid=_mix(base, ink, 0.2),
        track=_mix(base, ink, 0.1),
        heat="#5B8FE6" if dark else "#2F6BD0",
    )
    return Style(colours=colours, font_size=QFontInfo(widget.font()).pointSizeF())
