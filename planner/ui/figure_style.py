"""The colours of the charts on screen, from a widget's palette (print uses the light default)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFontInfo, QPalette
from PySide6.QtWidgets import QWidget

from planner.report.figures import Colours, Style


def mix(a: QColor, b: QColor, share: float) -> str:
    """``a`` moved ``share`` of the way to ``b``, as "#rrggbb"."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    ).name()


def style_for(widget: QWidget) -> Style:
    """The charts' colours (and text size) from the widget's palette and font."""
    palette = widget.palette()
    base = palette.color(QPalette.ColorRole.Base)
    ink = palette.color(QPalette.ColorRole.WindowText)
    dark = base.lightnessF() < 0.5
    colours = Colours(
        background=base.name(),
        ink=ink.name(),
        muted=mix(ink, base, 0.4),
        grid=mix(base, ink, 0.2),
        track=mix(base, ink, 0.1),
        heat="#5B8FE6" if dark else "#2F6BD0",
    )
    return Style(colours=colours, font_size=QFontInfo(widget.font()).pointSizeF())
