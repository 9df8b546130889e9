"""Broken and hostile flat sheets (CSV and XLSX) never crash an import or change a plan halfway.

Hypothesis writes files a person might be sent: random bytes, random delimiters, byte order
marks, stray quotes, huge numbers, formula strings, missing headers, NaN and inf, very long
cells; and workbooks with random cell types, formulas, dates and empty sheets. Importing one
either succeeds whole or raises one of the io errors (FileImportError, ImportRefused,
UnsupportedFormat), and then the plan is exactly as it was. Successful imports are reverted so
every example starts from the same plan.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.io import FileImportError, ImportRefused, UnsupportedFormat
from planner.io.sheet_import import import_sheet
from planner.io.sheet_reader import COLUMNS
from planner.services.plan import Plan
from tests.plans import SAMPLE_DAY, open_copy
from tests.services.test_undo_property import contents

REFUSALS = (FileImportError, ImportRefused, UnsupportedFormat)

cells = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "=1+1",
            '=HYPERLINK("http://x")',
            "+1",
            "-1",
            "@SUM(A1)",
            "nan",
            "NaN",
            "inf",
            "-inf",
            "1e309",
            "-0",
            "12,5",
            "1.234,5",
            "20 %",
            '"',
            '""',
            'a"b',
            "'",
            "",
            " ",
            "Acquisition",
            "Team A",
            "Objective",
            "increase",
            "%",
        ]
    ),
    st.integers(-(10**40), 10**40).map(str),
    st.floats().map(repr),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "9", '"', ","]), st.integers(1, 70_000)),
)
headers = st.one_of(
    st.just(list(COLUMNS[:8])),
    st.just(list(COLUMNS)),
    st.permutations(list(COLUMNS)).map(list),
    st.lists(st.sampled_from(list(COLUMNS) + ["", "Team", "Extra"]), max_size=14),
    st.lists(st.text(max_size=10), max_size=6),
)
delimiters = st.sampled_from([",", ";", "\t", "|", " ", ":"])
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])


@pytest.fixture(scope="module")
def plan(sample_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plan]:
    plan = open_copy(sample_file, tmp_path_factory.mktemp("fuzz-sheets"))
    yield plan
    plan.close()


def import_or_refuse(plan: Plan, path: Path) -> None:
    before = contents(plan)
    try:
        summary = import_sheet(plan, path, today=SAMPLE_DAY)
    except REFUSALS:
        assert contents(plan) == before
        return
    plan.revert(summary.edit)
    assert contents(plan) == before


FUZZ = settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".tsv", ".txt", ".xlsx"]))
def test_random_bytes(plan: Plan, tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    import_or_refuse(plan, path)


@FUZZ
@given(
    header=headers,
    rows=st.lists(st.lists(cells, max_size=14), max_size=8),
    delimiter=delimiters,
    encoding=encodings,
    bom=st.booleans(),
    blank_lines=st.booleans(),
    quote_all=st.booleans(),
)
def test_hostile_csv(
    plan: Plan,
    tmp_path: Path,
    header: list[str],
    rows: list[list[str]],
    delimiter: str,
    encoding: str,
    bom: bool,
    blank_lines: bool,
    quote_all: bool,
) -> None:
    def line(values: list[str]) -> str:
        if quote_all:
            values = ['"' + v.replace('"', '""') + '"' for v in values]
        return delimiter.join(values)

    lines = [line(header)] + [line(row) for row in rows]
    if blank_lines:
        lines.insert(1, "")
    text = "\r\n".join(lines)
    data = text.encode(encoding, errors="replace")
    if bom and encoding == "utf-8":
        data = codecs.BOM_UTF8 + data
    path = tmp_path / "hostile.csv"
    path.write_bytes(data)
    import_or_refuse(plan, path)


xlsx_values = st.one_of(
    cells,
    st.none(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.times(),
    st.sampled_from(["=1/0", "=NA()", "=A1", "=SUM(A:A)", '="x"&"y"']),
)


@FUZZ
@given(
    header=headers,
    rows=st.lists(st.lists(xlsx_values, max_size=14), max_size=8),
    empty_first=st.booleans(),
    offset=st.integers(0, 3),
)
def test_hostile_xlsx(
    plan: Plan,
    tmp_path: Path,
    header: list[str],
    rows: list[list[Any]],
    empty_first: bool,
    offset: int,
) -> None:
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if empty_first:
        sheet.title = "Empty"
        sheet = book.create_sheet("Key results")
    try:
        for number, values in enumerate([header, *rows], start=1 + offset):
            for column, value in enumerate(values, start=1):
                sheet.cell(row=number, column=column, value=value)
    except (IllegalCharacterError, ValueError):
        return  # openpyxl itself refuses to write such a cell: no file to import
    path = tmp_path / "hostile.xlsx"
    book.save(path)
    import_or_refuse(plan, path)


@pytest.mark.parametrize("cells_in_sheet", [0, 1])
def test_empty_workbooks(plan: Plan, tmp_path: Path, cells_in_sheet: int) -> None:
    from openpyxl import Workbook

    book = Workbook()
    if cells_in_sheet:
        book.active["A1"] = time(12, 0)  # type: ignore[index]
    path = tmp_path / "empty.xlsx"
    book.save(path)
    import_or_refuse(plan, path)
