"""How plan values read on screen: names of closed vocabularies, dates, numbers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from planner.domain.progress import format_progress
from planner.domain.text import decimals_apart
from planner.domain.values import Commitment, TopologyType
from planner.services.records import PeriodRecord


def _tr(text: str) -> str:
    return QCoreApplication.translate("texts", text)


def as_written(text: str) -> str:
    """``text`` for a button, a check box or a menu, where "&" marks a shortcut key: a name
    such as "Plans & Billing" shows as written, not as "Plans _Billing"."""
    return text.replace("&", "&&")


def topology_name(topology: TopologyType | None) -> str:
    names = {
        TopologyType.STREAM_ALIGNED: _tr("Stream-aligned"),
        TopologyType.ENABLING: _tr("Enabling"),
        TopologyType.PLATFORM: _tr("Platform"),
        TopologyType.COMPLICATED_SUBSYSTEM: _tr("Complicated subsystem"),
    }
    return names.get(topology, _tr("Type not set")) if topology else _tr("Type not set")


def commitment_name(commitment: Commitment) -> str:
    if commitment is Commitment.ASPIRATIONAL:
        return _tr("Aspirational")
    return _tr("Committed")


def format_date(day: date, pattern: str = "d MMM yyyy") -> str:
    """``day`` in the person's language; by default day, short month and year, unambiguous
    in every locale (a chart's axis asks for less: "d MMM", or the month alone, "MMM")."""
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def format_number(value: float, unit: str = "", beside: float | None = None) -> str:
    """A number as the person's locale writes it ("14,800", "2.5"), with its unit; read
    against ``beside`` (a target), with the decimals that tell the two apart."""
    locale = QLocale()
    # Thousands grouped even where the locale omits it by default (Qt's "C" locale): 14,800
    # reads at a glance, 14800 does not.
    locale.setNumberOptions(locale.numberOptions() & ~QLocale.NumberOption.OmitGroupSeparator)
    if float(value).is_integer() and abs(value) < 1e15:
        text = locale.toString(int(value))
    else:
        # Without trailing zeros: 2.5, not 2.50; 0.0025, not 0.
        decimals = decimals_apart(value, beside)
        zero = locale.zeroDigit()  # "٠" where Arabic-Indic digits are written
        text = (
            locale.toString(float(value), "f", decimals).rstrip(zero).rstrip(locale.decimalPoint())
        )
    if not unit:
        return text
    # Units of one or two symbols follow a space ("12 %", "3 h"); words do too.
    return f"{text} {unit}"


def period_dates(period: PeriodRecord) -> str:
    return _tr("{start} – {end}").format(
        start=format_date(period.start_date), end=format_date(period.end_date)
    )


def elapsed_text(elapsed: float) -> str:
    return _tr("{share} of the period elapsed").format(share=format_progress(elapsed))


def number_for_editing(value: float | None) -> str:
    """A number as the person would type it in their locale: no thousands separators, the
    locale's decimal sign, every decimal it has and no more ("12,5" in German, "12000",
    "0.0000008"): what an editor shows is stored again when another field changes."""
    if value is None:
        return ""
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    if float(value).is_integer() and abs(value) < 1e15:
        return locale.toString(int(value))
    shortest = QLocale.FloatingPointPrecisionOption.FloatingPointShortest.value
    return locale.toString(float(value), "f", shortest)
