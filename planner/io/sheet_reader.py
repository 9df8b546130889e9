"""Reading the flat sheet (CSV or XLSX) into rows of named cells, as spreadsheets write them.

Only the file is read here; nothing about the plan. Real files come from many spreadsheet apps
and locales, so the reader accepts UTF-8 with or without a byte order mark, UTF-16 with one
(Excel's "Unicode text"), Windows-1252 when the bytes are not UTF-8, a comma, semicolon or tab
between cells (sniffed from the header), blank lines, extra columns in any order and empty
trailing columns. Numbers stay text here; the importer reads them with the decimal separator
the file was found to use (:attr:`SheetRows.decimal_separator`).

XLSX files are read with openpyxl in read-only mode, each cell as it shows: a number formatted
as a percentage (stored 0.45, shown 45 %) is read as 45, as the text "45 %" would be, and a
cell under a merged range reads the range's value. The sheet read is the active one, or the
first visible one when it is hidden. A formula saved without its value is refused. openpyxl
parses their XML through defusedxml when it is installed (a dependency of this app), which
refuses entity declarations, so a "billion laughs" workbook is refused instead of filling
memory; the reader checks this and also refuses archives that would unpack to more than any
plan needs.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Any

from planner.io.errors import FileImportError, ImportRefused, RowError, UnsupportedFormat

# The flat sheet's columns, in the order exports write them.
COLUMNS = (
    "Team",
    "Stage",
    "Objective",
    "Key result",
    "Start",
    "Target",
    "Current",
    "Unit",
    "Owner",
    "Confidence",
    "Period",
    "Weight",
    "Type",
)
REQUIRED = COLUMNS[:8]
NUMERIC = ("Start", "Target", "Current", "Weight", "Confidence")
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")
# How many non-blank rows may stand above the header: a title, notes, Excel's "sep=;" line.
HEADER_SEARCH = 10

# A sheet of key results is kilobytes; these bound what a hostile or mistaken file can cost.
MAX_BYTES = 32 * 1024 * 1024
MAX_UNPACKED = 256 * 1024 * 1024
MAX_ROWS = 100_000
# Characters that make a spreadsheet read a cell as a formula; exports put a ' before them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# How a workbook's text stores a character XML cannot hold: _x000B_ is U+000B.
XML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
ESCAPE_LOOKALIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")

Cell = str | float


@dataclass(frozen=True)
class SheetRow:
    """One row of key result data.

    Attributes:
        number: The row number as the spreadsheet shows it (the header is row 1 when it is the
            first line).
        values: Cells by column name as :data:`COLUMNS` spells it; text is stripped, ``""`` when
            empty; XLSX number cells are floats.
    """

    number: int
    values: Mapping[str, Cell]

    def text(self, column: str) -> str:
        value = self.values.get(column, "")
        return value if isinstance(value, str) else _number_text(value)


@dataclass(frozen=True)
class SheetRows:
    """A sheet as read: its columns (canonical names), its rows and how it writes numbers."""

    source: str
    columns: tuple[str, ...]
    rows: tuple[SheetRow, ...] = ()
    # "," or "." when the file shows which one it uses; None when it cannot tell.
    decimal_separator: str | None = None
    header_row: int = 1
    # The workbook sheet read, named in messages; "" for a file with one table (CSV).
    sheet: str = ""


def read_sheet(path: Path) -> SheetRows:
    """Read a flat sheet (``.csv``, ``.tsv``, ``.txt`` or ``.xlsx``).

    Raises:
        UnsupportedFormat: The suffix is none of those.
        ImportRefused: A required column is missing or a column appears twice.
        FileImportError: The file cannot be read as a sheet.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        workbook = _read_xlsx(path)
        return _sheet(path.name, workbook.records, None, workbook.title, workbook.unsaved)
    if suffix in SUFFIXES:
        records, delimiter = _read_csv(path)
        return _sheet(path.name, records, delimiter)
    raise UnsupportedFormat(path, SUFFIXES, "read a sheet from")


# ---- CSV ---------------------------------------------------------------------------------


def _read_csv(path: Path) -> tuple[list[tuple[int, list[Cell]]], str]:
    text = _decode(_read_bytes(path, MAX_BYTES), path.name)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records: list[tuple[int, list[Cell]]] = []
    try:
        # Each record is one spreadsheet row, blank ones included, so numbers match.
        for number, record in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise FileImportError(f"{path.name} has more than {MAX_ROWS} rows")
            records.append((number, list(record)))
    except csv.Error as error:
        raise FileImportError(f"{path.name} is not a readable CSV file ({error})") from None
    return records, delimiter


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise FileImportError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise FileImportError(f"{path.name} is larger than any sheet of key results")
    return data


def _decode(data: bytes, name: str) -> str:
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                # Excel on Windows saves "CSV" in the ANSI code page, Windows-1252 in the west.
                text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise FileImportError(f"{name} is not text in UTF-8 or Windows-1252") from None
    if "\x00" in text:
        raise FileImportError(f"{name} is not a text file")
    return text


def _sniff_delimiter(text: str) -> str:
    """The delimiter of the first line that holds one: whichever of tab, ``;`` and ``,`` it
    holds most (a header of eight or more columns holds seven or more). A title above the
    table holds none, so the header still decides."""
    for line in islice((line for line in text.splitlines() if line.strip()), HEADER_SEARCH):
        counts = {delimiter: line.count(delimiter) for delimiter in ("\t", ";", ",")}
        best = max(counts, key=lambda delimiter: counts[delimiter])
        if counts[best]:
            return best
    return ","


# ---- XLSX --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ShownSheet:
    """The sheet of a workbook that is read: its title, its rows (merged cells filled in) and
    the (row, column) of formulas saved without their value."""

    title: str
    records: list[tuple[int, list[Cell]]]
    unsaved: frozenset[tuple[int, int]]


def _read_xlsx(path: Path) -> _ShownSheet:
    _check_archive(path)
    try:
        import openpyxl  # type: ignore[import-untyped]
        from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - both are dependencies of the app
        raise FileImportError("reading XLSX needs the openpyxl and defusedxml packages") from None
    if not openpyxl.DEFUSEDXML:
        # Set off by OPENPYXL_DEFUSEDXML=False; without it a workbook could exhaust memory.
        raise FileImportError("XLSX reading is switched off: openpyxl is not using defusedxml")
    try:
        return _xlsx_records(openpyxl, path)
    except FileImportError:
        raise
    except Exception as error:
        # openpyxl raises anything from KeyError to ParseError on a damaged workbook, and
        # wraps some (defusedxml's refusal among them) in a ValueError of its own.
        if _caused_by(error, DefusedXmlException):
            raise FileImportError(
                f"{path.name} was refused: it declares XML entities, which a workbook never "
                "needs and which can be used to exhaust memory"
            ) from None
        raise FileImportError(
            f"{path.name} is not a readable XLSX workbook ({error.__class__.__name__})"
        ) from None


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _check_archive(path: Path) -> None:
    _read_bytes(path, MAX_BYTES)  # existence, readability and size in one place
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileImportError(f"{path.name} is not an XLSX workbook (not a ZIP archive)") from None
    if unpacked > MAX_UNPACKED:
        raise FileImportError(f"{path.name} unpacks to more than any sheet of key results")


def _xlsx_records(openpyxl: Any, path: Path) -> _ShownSheet:
    """The title and rows of the sheet a person sees on opening the workbook."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        sheet = _shown_sheet(workbook, path.name)
        # The stored dimensions may be wrong (some writers never update them): read what is
        # there, row by row, rather than trust them.
        sheet.reset_dimensions()
        records: list[tuple[int, list[Cell]]] = []
        for number, row in enumerate(sheet.iter_rows(), start=1):
            if number > MAX_ROWS:
                raise FileImportError(f"{path.name} has more than {MAX_ROWS} rows")
            records.append((number, [_cell(cell.value, cell.number_format) for cell in row]))
        merged, unsaved = _layout(sheet)
        _fill_merged(records, merged)
        return _ShownSheet(sheet.title, records, unsaved)
    finally:
        workbook.close()


def _layout(sheet: Any) -> tuple[list[tuple[int, int, int, int]], frozenset[tuple[int, int]]]:
    """The merged ranges (first column, first row, last column, last row) and the formulas
    with no saved value of a read-only sheet, which openpyxl reads as empty cells in this
    mode; one streaming pass over the sheet's XML, through defusedxml as openpyxl's own."""
    from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries  # type: ignore[import-untyped]
    from openpyxl.xml.constants import SHEET_MAIN_NS  # type: ignore[import-untyped]
    from openpyxl.xml.functions import iterparse  # type: ignore[import-untyped]

    row_tag, cell, formula, value, merge = (
        f"{{{SHEET_MAIN_NS}}}{tag}" for tag in ("row", "c", "f", "v", "mergeCell")
    )
    merged, unsaved = [], set()
    row = column = 0
    # The read-only sheet has no public way to its XML; this is how it reads its own rows.
    with sheet._get_source() as source:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                if element.tag == row_tag:  # rows and cells may leave out where they are
                    row, column = int(element.get("r") or row + 1), 0
            elif element.tag == cell:
                reference = element.get("r")
                row, column = coordinate_to_tuple(reference) if reference else (row, column + 1)
                if element.find(formula) is not None and not element.findtext(value):
                    unsaved.add((row, column))
                element.clear()
            elif element.tag == merge:
                merged.append(range_boundaries(element.get("ref", "")))
    return merged, frozenset(unsaved)


def _fill_merged(
    records: list[tuple[int, list[Cell]]], merged: list[tuple[int, int, int, int]]
) -> None:
    """Give every cell of a merged range the value of its first cell, which is the one
    spreadsheets store and show across the range (a Team merged down over its rows)."""
    rows = dict(records)
    for first_column, first_row, last_column, last_row in merged:
        top = rows.get(first_row, [])
        value = top[first_column - 1] if first_column <= len(top) else ""
        for number in range(first_row, min(last_row, len(records)) + 1):
            cells = rows[number]
            # Only as wide as the rows read: a range may name all 16,384 columns.
            width = min(last_column, max(len(cells), len(top)))
            cells.extend([""] * (width - len(cells)))
            for index in range(first_column - 1, width):
                cells[index] = value


def _shown_sheet(workbook: Any, name: str) -> Any:
    """The active sheet, unless it is hidden (a stale copy kept out of sight, say), or a chart;
    then the first visible one."""
    visible = [sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible"]
    if not visible:
        raise FileImportError(f"{name} has no visible sheet to read")
    active = workbook.active
    return active if any(sheet is active for sheet in visible) else visible[0]


def _cell(value: Any, number_format: str | None) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            return str(value)
        return _as_percent(number) if _shows_percent(number_format) else number
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return XML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), str(value))


def _shows_percent(number_format: str | None) -> bool:
    """Whether a cell's format shows its number times 100 with a % sign ("0%", "0.0%"); a %
    in quotes or after a backslash is a plain sign that does not scale the number."""
    literal = re.sub(r'"[^"]*"|\\.', "", number_format or "")
    return "%" in literal


def _as_percent(value: float) -> float:
    # Scaled in decimal, so 0.45 reads 45 as the cell shows it, not 45.00000000000001.
    return float(Decimal(repr(value)) * 100)


# ---- rows --------------------------------------------------------------------------------


def _sheet(
    name: str,
    records: list[tuple[int, list[Cell]]],
    delimiter: str | None,
    sheet: str = "",
    unsaved: frozenset[tuple[int, int]] = frozenset(),
) -> SheetRows:
    header_row, header = _header(records, name, sheet)
    positions = _columns(header_row, header, sheet)
    _refuse_unsaved_formulas(unsaved, header_row, positions, sheet)
    # Rows are numbered from 1 without gaps, so those after the header follow its index.
    rows = tuple(_rows(records[header_row:], positions))
    columns = tuple(column for column in COLUMNS if column in positions)
    return SheetRows(
        source=name,
        columns=columns,
        rows=rows,
        decimal_separator=_decimal_separator(rows, delimiter),
        header_row=header_row,
        sheet=sheet,
    )


def _header(records: list[tuple[int, list[Cell]]], name: str, sheet: str) -> tuple[int, list[Cell]]:
    """The first row naming a column of the sheet format, among the first non-blank ones: a
    title, a note or Excel's "sep=;" line may stand above it."""
    filled = islice(((n, cells) for n, cells in records if not _blank(cells)), HEADER_SEARCH)
    first = next(filled, None)
    if first is None:
        raise FileImportError(f"{name} is empty: it needs a header row with {_needed()}")
    for number, cells in (first, *filled):
        if any(_column_of(cell) for cell in cells):
            return number, cells
    where = f"sheet '{sheet}' of {name}" if sheet else name
    raise FileImportError(f"no header row found in {where}: expected columns {_needed()}")


def _column_of(cell: Cell) -> str | None:
    """The column a header cell names, as :data:`COLUMNS` spells it, forgiving case and
    spaces; ``None`` for any other text."""
    text = cell if isinstance(cell, str) else _number_text(cell)
    return _WANTED.get(" ".join(text.split()).casefold())


_WANTED = {column.casefold(): column for column in COLUMNS}


def _columns(header_row: int, header: list[Cell], sheet: str) -> dict[str, int]:
    positions: dict[str, int] = {}
    errors = []
    for index, cell in enumerate(header):
        name = _column_of(cell)
        if name is None:
            continue  # a column the sheet format does not use
        if name in positions:
            errors.append(RowError(header_row, name, "appears twice in the header", sheet))
        positions[name] = index
    for name in REQUIRED:
        if name not in positions:
            errors.append(
                RowError(
                    header_row, name, f"the column is missing; a sheet needs {_needed()}", sheet
                )
            )
    if errors:
        raise ImportRefused(errors)
    return positions


def _refuse_unsaved_formulas(
    unsaved: frozenset[tuple[int, int]], header_row: int, positions: dict[str, int], sheet: str
) -> None:
    """Refuse formulas saved without their value in the columns read: such a cell reads as
    empty, so a Current the sheet computes would be dropped without a word."""
    names = {index + 1: name for name, index in positions.items()}
    errors = [
        RowError(row, names[column], _UNSAVED_FORMULA, sheet)
        for row, column in sorted(unsaved)
        if row > header_row and column in names
    ]
    if errors:
        raise ImportRefused(errors)


_UNSAVED_FORMULA = (
    "a formula with no saved value: open and save the file in your spreadsheet app first"
)


def _needed() -> str:
    return ", ".join(REQUIRED)


def _rows(lines: Iterable[tuple[int, list[Cell]]], positions: dict[str, int]) -> Iterator[SheetRow]:
    for number, cells in lines:
        if _blank(cells):
            continue
        values = {
            name: _clean(cells[index]) if index < len(cells) else ""
            for name, index in positions.items()
        }
        yield SheetRow(number, values)


def _blank(cells: list[Cell]) -> bool:
    return all(isinstance(cell, str) and not cell.strip() for cell in cells)


def _clean(cell: Cell) -> Cell:
    if not isinstance(cell, str):
        return cell
    cell = cell.strip()
    # Exports escape text that would run as a formula (or starts with ') with a leading ';
    # take it off again.
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "".join(FORMULA_STARTS) + "'":
        cell = cell[1:]
    return cell.strip()


def _decimal_separator(rows: tuple[SheetRow, ...], delimiter: str | None) -> str | None:
    """ "," or "." when the numbers of the file show which one it uses, else what the delimiter
    suggests (a ";" file comes from a decimal-comma locale)."""
    seen = set()
    for row in rows:
        for column in NUMERIC:
            value = row.values.get(column, "")
            if isinstance(value, str) and value:
                found = _separator_in(value)
                if found:
                    seen.add(found)
    if len(seen) == 1:
        return seen.pop()
    return {";": ",", ",": "."}.get(delimiter or "")


def _separator_in(text: str) -> str | None:
    digits = re.sub(r"[\s%\u00a0\u202f']", "", text)
    if "," in digits and "." in digits:
        return "," if digits.rfind(",") > digits.rfind(".") else "."
    for mark in (",", "."):
        # One mark before exactly three digits could be either; anything else tells.
        if digits.count(mark) == 1 and not re.fullmatch(rf"-?\d{{1,3}}\{mark}\d{{3}}", digits):
            return mark
    return None


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
