"""Qt set-up, units, fonts and inks shared by every printed page.

Pages are laid out in a fixed 1200-dpi coordinate space ("units") whatever the device: fonts are
sized in pixels of that space, so text measures the same for the preview's page count, a PDF
and a 600-dpi printer, and the painter is scaled to the device only when painting.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QLoggingCategory
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QGuiApplication

from planner.domain.progress import GradeBand
from planner.report.text import Measure
from planner.report.text import measure as text_measure
from planner.resources import font_files

UNIT_DPI = 1200
FAMILY = "Inter"

REGULAR = QFont.Weight.Normal
SEMIBOLD = QFont.Weight.DemiBold
BOLD = QFont.Weight.Bold

# Inks chosen to stay distinct on a black-and-white laser printer: near-black text, a mid grey
# for secondary text that still photocopies, and light greys for fills only.
INK = QColor("#1a1a1a")
MUTED = QColor("#4d4d4d")
RULE = QColor("#8c8c8c")
LIGHT_RULE = QColor("#c8c8c8")
BAND = QColor("#ececec")
CHIP = QColor("#e2e2e2")
WHITE = QColor("#ffffff")
# Dark enough that a hatched bar still reads when printed in grey.
BAND_INK = {
    GradeBand.GREEN: QColor("#2e7d32"),
    GradeBand.YELLOW: QColor("#9a7400"),
    GradeBand.RED: QColor("#c62828"),
}

_app: QGuiApplication | None = None
_fonts_registered = False


def mm(value: float) -> float:
    return value * UNIT_DPI / 25.4


def pt(value: float) -> float:
    return value * UNIT_DPI / 72


def ensure_gui_app() -> QGuiApplication:
    """The running QGuiApplication (a QApplication counts), creating one only when no Qt
    application exists yet; fonts need one, widgets do not, so the CLI prints without them."""
    global _app
    existing = QCoreApplication.instance()
    if existing is None:
        # A command line on a Linux box without a display still prints.
        if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        ):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([sys.argv[0] if sys.argv else "planner"])
        # Qt notes every fallback font it tries for a script such as Devanagari ("OpenType
        # support missing for …"): dozens of lines on the terminal of a command whose text
        # prints all the same.
        QLoggingCategory.setFilterRules("qt.text.font.db=false")
        existing = _app
    if not isinstance(existing, QGuiApplication):
        raise RuntimeError(
            "printing needs a QGuiApplication, but a plain QCoreApplication is running"
        )
    register_fonts()
    return existing


def register_fonts() -> list[str]:
    """Register the bundled Inter files once, so paper never depends on installed fonts."""
    global _fonts_registered
    families: list[str] = []
    if _fonts_registered:
        return families
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    _fonts_registered = True
    return families


@lru_cache(maxsize=64)
def font(size: float, weight: QFont.Weight = REGULAR, italic: bool = False) -> QFont:
    """Inter at ``size`` points (of the 1200-dpi unit space)."""
    result = QFont(FAMILY)
    result.setPixelSize(max(1, round(pt(size))))
    result.setWeight(weight)
    result.setItalic(italic)
    # Unhinted outlines measure the same on every device, so a line that fits here fits on paper.
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    if hasattr(result, "setFeature"):
        # Inter's contextual alternates swap dashes, hyphens and arrows next to capitals and
        # digits for glyphs the PDF cannot map back to characters: "2026-11-16" would copy and
        # search as "2026 11 16". Plain forms keep the PDF's text what was printed.
        result.setFeature(QFont.Tag("calt"), 0)
    return result


@lru_cache(maxsize=64)
def metrics(size: float, weight: QFont.Weight = REGULAR, italic: bool = False) -> QFontMetricsF:
    return QFontMetricsF(font(size, weight, italic))


@lru_cache(maxsize=64)
def measure(size: float, weight: QFont.Weight = REGULAR, italic: bool = False) -> Measure:
    """Measuring, wrapping and drawing in :func:`font`, each string worked out once."""
    return text_measure(metrics(size, weight, italic), font(size, weight, italic))
