"""How the journal's closed vocabularies and credit figures read on screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

from planner.domain.values import Confidence, OutcomeCategory, TouchKind
from planner.ui.texts import format_number


def _tr(text: str) -> str:
    return QCoreApplication.translate("journal", text)


def outcome_name(category: OutcomeCategory) -> str:
    names = {
        OutcomeCategory.ONBOARDING_COMPLETED: _tr("Onboarding completed"),
        OutcomeCategory.RENEWAL: _tr("Renewal"),
        OutcomeCategory.UPGRADE: _tr("Upgrade"),
        OutcomeCategory.REFERRAL: _tr("Referral"),
        OutcomeCategory.CHURN_PREVENTED: _tr("Churn prevented"),
        OutcomeCategory.OTHER: _tr("Other outcome"),
    }
    return names[category]


def touch_name(touch: TouchKind) -> str:
    names = {
        TouchKind.PRODUCT_UX: _tr("Product / UX"),
        TouchKind.CUSTOMER_SUPPORT: _tr("Customer support"),
        TouchKind.SALES: _tr("Sales"),
        TouchKind.EDUCATION_CONTENT: _tr("Education content"),
        TouchKind.MARKETING: _tr("Marketing"),
        TouchKind.OTHER: _tr("Other touch"),
    }
    return names[touch]


def confidence_name(confidence: Confidence) -> str:
    names = {
        Confidence.LOW: _tr("Low"),
        Confidence.MEDIUM: _tr("Medium"),
        Confidence.HIGH: _tr("High"),
    }
    return names[confidence]


# Sorting by confidence means low → high, not alphabetically.
CONFIDENCE_RANK = {Confidence.LOW: 0, Confidence.MEDIUM: 1, Confidence.HIGH: 2}


def deleted_team() -> str:
    return _tr("(deleted team)")


def points(value: float) -> str:
    """Summed shares: "80 points" (percentage points; 100 is one whole outcome's credit)."""
    if value == 1:
        return _tr("1 point")
    return _tr("{value} points").format(value=format_number(round(value, 2)))


def note_count(count: int) -> str:
    return _tr("1 note") if count == 1 else _tr("{count} notes").format(count=format_number(count))


def percent(value: float) -> str:
    return format_number(round(value, 2), "%")


def points_tooltip() -> str:
    return _tr(
        "Credit in percentage points: each note shares 100 points among the teams that earned "
        "the outcome, so 250 points is two and a half outcomes' worth."
    )


def status_style(widget: QWidget, ok: bool | None, bold: bool = False) -> str:
    """A style sheet colouring text as fine (green), a problem (rust) or neutral (None), legible
    on the light and the dark palette. Colour only repeats what the words say."""
    if ok is None:
        return "font-weight: bold;" if bold else ""
    dark = widget.palette().color(QPalette.ColorRole.Window).lightness() < 128
    colours = {(True, False): "#2E7D4F", (True, True): "#7CCB98"}
    colours |= {(False, False): "#A5481F", (False, True): "#F0A07A"}
    colour = colours[(ok, dark)]
    return f"color: {colour};" + (" font-weight: bold;" if bold else "")
