"""Why a file could not be imported or exported, worded for the person who chose the file.

Every import error is raised before the plan changes, so "nothing was changed" is always true
when one of these reaches the person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# How many problems a message lists before it says "and N more": enough to fix a file in one
# go, few enough to read in a dialog or a terminal.
MAX_LISTED = 20


class FileImportError(Exception):
    """A file that cannot be imported; the message says why. Nothing was changed."""


# The design names these two (the app and the CLI catch them by name), hence no "Error" suffix.
class UnsupportedFormat(ValueError):  # noqa: N818
    """A file name whose suffix names no format the app reads or writes."""

    def __init__(self, path: object, suffixes: Iterable[str], doing: str) -> None:
        listed = ", ".join(suffixes)
        super().__init__(f"{path}: cannot {doing} this kind of file; use one of {listed}")


class JsonImportError(FileImportError):
    """A JSON document that is not a valid OKR Planner export, or does not fit the plan."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(_listing(self.problems))


@dataclass(frozen=True)
class RowError:
    """One problem with one cell of a sheet.

    Attributes:
        row: The row number as the spreadsheet shows it (the header is row 1).
        column: The column's name as the sheet format spells it (e.g. ``Target``).
        message: What is wrong, e.g. ``'abc' is not a number``.
        sheet: The workbook sheet the row is on; ``""`` for a file with one table (CSV).
    """

    row: int
    column: str
    message: str
    sheet: str = ""

    def __str__(self) -> str:
        where = f"sheet '{self.sheet}', " if self.sheet else ""
        return f"{where}row {self.row}, column {self.column}: {self.message}"


class ImportRefused(FileImportError):  # noqa: N818
    """A sheet with at least one bad row: no row of it was imported."""

    def __init__(self, errors: Iterable[RowError]) -> None:
        self.errors = tuple(errors)
        super().__init__(_listing([str(error) for error in self.errors]))


def _listing(problems: tuple[str, ...] | list[str]) -> str:
    if len(problems) == 1:
        return f"{problems[0]}; nothing was imported"
    lines = [f"nothing was imported; {len(problems)} problems:"]
    lines += [f"  {problem}" for problem in problems[:MAX_LISTED]]
    if len(problems) > MAX_LISTED:
        lines.append(f"  … and {len(problems) - MAX_LISTED} more")
    return "\n".join(lines)
