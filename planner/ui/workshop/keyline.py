"""Reading a key result typed on one line during a workshop.

Two forms are understood:

* a sentence: ``Reduce time to demo from 24 to 1 h`` (title, start, target, unit);
* fields separated by semicolons: ``Reduce time to demo; 24; 1; h`` (the unit may be left out).

Numbers are read as everywhere in the app: a decimal comma (``2,5``), and thousands grouped
as the locale groups them (``10,000`` is ten thousand where the decimal sign is a point). No
widgets: it is tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale

from planner.domain.validation import ValidationError, parse_number
from planner.domain.values import KeyResultKind

_NUMBER = r"[-+\u2212]?\d+(?:[.,]\d+)*(?:[eE][-+]?\d+)?"
# Where the locale groups thousands with a space or an apostrophe (fr_FR "1 250", de_CH
# "1'250"), a group of three digits after one belongs to the number, not to the unit.
_GROUPED_NUMBER = r"[-+\u2212]?\d{1,3}(?:[ '\u2019]\d{3})+(?:[.,]\d+)?(?![\d.,])"
_SENTENCE_FORM = (
    r"^(?P<title>.*?)\s+from\s+(?P<start>{number})\s*(?P<start_unit>[^\s\d]*)"
    r"\s+to\s+(?P<target>{number})\s*(?P<unit>.*?)\s*$"
)
_SENTENCE = re.compile(_SENTENCE_FORM.format(number=_NUMBER), re.IGNORECASE)
_GROUPED_SENTENCE = re.compile(
    _SENTENCE_FORM.format(number=f"(?:{_GROUPED_NUMBER}|{_NUMBER})"), re.IGNORECASE
)
_ANY_DIGIT = re.compile(r"\d")

EXAMPLE = "Grow sign-ups from 400 to 900"
FIELDS_EXAMPLE = "title; start; target; unit"


def _tr(text: str) -> str:
    return QCoreApplication.translate("workshop", text)


class LineError(ValueError):
    """The line cannot be read as a key result; the message says how to type it."""


@dataclass(frozen=True)
class KeyResultLine:
    title: str
    start: float
    target: float
    unit: str = ""

    @property
    def kind(self) -> KeyResultKind:
        """Increase or decrease, from the direction of the numbers (start > target
        decreases)."""
        return KeyResultKind.DECREASE if self.start > self.target else KeyResultKind.INCREASE


def parse_key_result_line(text: str, decimal_separator: str | None = None) -> KeyResultLine:
    """Read ``text`` as a key result; numbers with ``decimal_separator`` (default: the app's
    locale's), as the app's other number fields read them.

    Raises:
        LineError: No title, no numbers, or numbers in neither form; nothing is guessed.
    """
    decimal = decimal_separator or QLocale().decimalPoint()
    line = " ".join(text.split())
    if not line:
        raise LineError(_tr("Type a key result, e.g. '{example}'").format(example=EXAMPLE))
    if ";" in line:
        return _fields(line, decimal)
    if not _ANY_DIGIT.search(line):
        raise LineError(
            _tr(
                "No numbers found: say where it starts and where it should end, "
                "e.g. '{example}' or '{fields}'"
            ).format(example=EXAMPLE, fields=FIELDS_EXAMPLE)
        )
    group = QLocale().groupSeparator()
    grouped = group.isspace() or group in ("'", "\u2019")
    match = (_GROUPED_SENTENCE if grouped else _SENTENCE).match(line)
    if match is None:
        raise LineError(
            _tr(
                "Say where it starts and where it should end: '… from 400 to 900', or '{fields}'"
            ).format(fields=FIELDS_EXAMPLE)
        )
    title = match["title"].strip(" ,:-")
    if not title:
        raise LineError(
            _tr("Name the key result before 'from', e.g. '{example}'").format(example=EXAMPLE)
        )
    unit = match["unit"].strip() or match["start_unit"].strip()
    start, target = (
        _number(match["start"], "Start", decimal),
        _number(match["target"], "Target", decimal),
    )
    return KeyResultLine(title, start, target, unit)


def _fields(line: str, decimal: str) -> KeyResultLine:
    parts = [part.strip() for part in line.split(";")]
    if len(parts) not in (3, 4):
        raise LineError(
            _tr("Separate the fields with ';': '{fields}' (the unit may be left out)").format(
                fields=FIELDS_EXAMPLE
            )
        )
    title, start, target = parts[:3]
    unit = parts[3] if len(parts) == 4 else ""
    if not title:
        raise LineError(
            _tr("The first field is the title: '{fields}'").format(fields=FIELDS_EXAMPLE)
        )
    if not start or not target:
        raise LineError(
            _tr("No numbers found for start and target: '{fields}'").format(fields=FIELDS_EXAMPLE)
        )
    return KeyResultLine(
        title, _number(start, "Start", decimal), _number(target, "Target", decimal), unit
    )


def _number(text: str, field: str, decimal: str) -> float:
    try:
        return parse_number(text, field, decimal)
    except ValidationError as error:
        raise LineError(str(error)) from None
