"""CSV and XLSX exports: round trips, formula escaping, and refusing hostile workbooks."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from planner.io import FileImportError, export_plan, import_file
from planner.io.flat_sheet import COLUMNS, export_csv, export_xlsx, read_sheet
from planner.services.newplan import create_plan
from planner.services.plan import Plan
from tests.io.helpers import contents, okr_view, write
from tests.plans import SAMPLE_DAY

PERIOD = "2026 Q4"


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plan]:
    """An empty plan for files that must be refused before they touch it."""
    plan = create_plan(tmp_path_factory.mktemp("blank") / "blank.okrplan", today=SAMPLE_DAY)
    yield plan
    plan.close()


def period_id(plan: Plan, name: str = PERIOD) -> uuid.UUID:
    return next(period.id for period in plan.periods.list() if period.name == name)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_into_a_new_plan(sample_plan: Plan, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"sheet{suffix}"
    export_plan(sample_plan, out, period_id(sample_plan))
    with create_plan(tmp_path / "new.okrplan", today=SAMPLE_DAY) as target:
        summary = import_file(target, out)
        assert summary.imported == 14
        assert okr_view(target, PERIOD) == okr_view(sample_plan, PERIOD)
        # The same file again: everything is found, nothing changes.
        before = contents(target)
        again = import_file(target, out)
        assert contents(target) == before
        assert again.unchanged == 14
    assert sorted(t.name for t in target.teams.list()) == sorted(
        t.name for t in sample_plan.teams.list()
    )


def test_reimporting_into_the_source_changes_nothing(sample_plan: Plan, tmp_path: Path) -> None:
    export_csv(sample_plan, tmp_path / "sheet.csv", period_id(sample_plan))
    before = contents(sample_plan)
    summary = import_file(sample_plan, tmp_path / "sheet.csv")
    assert contents(sample_plan) == before
    assert summary.describe() == "Imported 14 key results (14 key results already in the plan)"


def test_csv_layout(sample_plan: Plan, tmp_path: Path) -> None:
    export_csv(sample_plan, tmp_path / "sheet.csv", period_id(sample_plan))
    data = (tmp_path / "sheet.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfTeam,Stage,Objective,Key result,Start,Target,Current,")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    plan_level = rows[1]
    assert plan_level[:2] == ["", ""]  # a plan-level objective has no team and no stage
    churn = next(row for row in rows if row[3] == "Keep monthly churn at most 2 %")
    assert churn[4:8] == ["", "2", "1.9", "%"]
    assert churn[12] == "threshold"
    tour = next(row for row in rows if row[3] == "Ship the guided first-timer tour")
    assert (tour[4], tour[5], tour[6], tour[12]) == ("", "1", "0", "milestone")


def tricky_plan(plan: Plan) -> None:
    stage = plan.stages.list()[0]
    period = plan.periods.list()[0]
    team = plan.apply(plan.teams.create(stage.id, '=HYPERLINK("http://x","y")'))
    objective = plan.apply(plan.objectives.create(period.id, "+1 for everyone", team.id))
    owner = plan.apply(plan.people.create("@ann"))
    plan.apply(
        plan.key_results.create(
            objective.id, "-10 % churn", "increase", -5, 5, "'quoted", owner_id=owner.id
        )
    )


def test_formulas_are_escaped_in_csv(empty_plan: Plan, tmp_path: Path) -> None:
    tricky_plan(empty_plan)
    period = empty_plan.periods.list()[0].id
    export_csv(empty_plan, tmp_path / "sheet.csv", period)
    rows = list(csv.reader(io.StringIO((tmp_path / "sheet.csv").read_text("utf-8-sig"))))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Team"] == """'=HYPERLINK("http://x","y")"""
    assert row["Objective"] == "'+1 for everyone"
    assert row["Key result"] == "'-10 % churn"
    assert row["Owner"] == "'@ann"
    assert row["Unit"] == "''quoted"
    assert (row["Start"], row["Target"], row["Current"]) == ("-5", "5", "-5")  # numbers stay
    assert read_sheet(tmp_path / "sheet.csv").rows[0].values["Team"] == (
        '=HYPERLINK("http://x","y")'
    )


def test_formulas_are_escaped_in_xlsx_and_round_trip(empty_plan: Plan, tmp_path: Path) -> None:
    tricky_plan(empty_plan)
    period = empty_plan.periods.list()[0]
    export_xlsx(empty_plan, tmp_path / "sheet.xlsx", period.id)
    sheet = openpyxl.load_workbook(tmp_path / "sheet.xlsx").worksheets[0]
    cells = {head.value: cell for head, cell in zip(sheet[1], sheet[2], strict=True)}
    assert cells["Team"].value == """'=HYPERLINK("http://x","y")"""
    assert all(cell.data_type != "f" for cell in sheet[2])
    assert cells["Key result"].value == "'-10 % churn"
    assert (cells["Start"].value, cells["Start"].data_type) == (-5, "n")
    with create_plan(tmp_path / "copy.okrplan", today=SAMPLE_DAY) as copy:
        import_file(copy, tmp_path / "sheet.xlsx")
        assert okr_view(copy, period.name) == okr_view(empty_plan, period.name)


def rewrite_xlsx(source: Path, target: Path, member: str, text: str) -> Path:
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = original.read(info.filename)
            copy.writestr(info, text.encode() if info.filename == member else data)
    return target


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + "]>\n"
)


@pytest.mark.parametrize(
    ("member", "body"),
    [
        (
            "xl/worksheets/sheet1.xml",
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
            "</sheetData></worksheet>",
        ),
        (
            "xl/workbook.xml",
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            "<sheets><sheet name='&lol9;' sheetId='1' r:id='rId1' xmlns:r='http://schemas."
            "openxmlformats.org/officeDocument/2006/relationships'/></sheets></workbook>",
        ),
    ],
)
def test_billion_laughs_workbook_is_refused(
    empty_plan: Plan, tmp_path: Path, member: str, body: str
) -> None:
    assert openpyxl.DEFUSEDXML, "openpyxl must parse workbooks through defusedxml"
    export_xlsx(empty_plan, tmp_path / "plain.xlsx")
    bomb = rewrite_xlsx(tmp_path / "plain.xlsx", tmp_path / "bomb.xlsx", member, LAUGHS + body)
    before = contents(empty_plan)
    with pytest.raises(FileImportError, match="declares XML entities"):
        import_file(empty_plan, bomb)
    assert contents(empty_plan) == before


@pytest.mark.parametrize(
    "data", [b"not a zip at all", b"PK\x03\x04broken", b"", b"PK\x05\x06" + b"\x00" * 18]
)
def test_damaged_workbooks_are_refused(blank: Plan, tmp_path: Path, data: bytes) -> None:
    with pytest.raises(FileImportError, match="XLSX"):
        import_file(blank, write(tmp_path / "bad.xlsx", data))


def test_a_zip_that_is_no_workbook_is_refused(blank: Plan, tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "other.xlsx", "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(FileImportError, match="not a readable XLSX workbook"):
        import_file(blank, tmp_path / "other.xlsx")


def test_non_text_csv_is_refused(blank: Plan, tmp_path: Path) -> None:
    with pytest.raises(FileImportError, match="not a text file"):
        import_file(blank, write(tmp_path / "bad.csv", b"\x00\x01\x02Team"))
    with pytest.raises(FileImportError, match="is empty"):
        import_file(blank, write(tmp_path / "empty.csv", b"\n\n"))


def test_control_characters_and_escape_lookalikes_round_trip_through_xlsx(
    empty_plan: Plan, tmp_path: Path
) -> None:
    stage = empty_plan.stages.list()[0]
    period = empty_plan.periods.list()[0]
    team = empty_plan.apply(empty_plan.teams.create(stage.id, "Growth"))
    # A soft line break pasted from a slide, and text that looks like the workbook's own
    # escape for one.
    objective = empty_plan.apply(
        empty_plan.objectives.create(period.id, "Win new\x0bfreelancers", team.id)
    )
    empty_plan.apply(
        empty_plan.key_results.create(
            objective.id, "Grow weekly\x0bsign\x1fups", "increase", 1, 2, "per_x000B_week"
        )
    )
    export_xlsx(empty_plan, tmp_path / "sheet.xlsx", period.id)
    before = contents(empty_plan)
    summary = import_file(empty_plan, tmp_path / "sheet.xlsx")
    assert contents(empty_plan) == before
    assert summary.unchanged == 1
    with create_plan(tmp_path / "copy.okrplan", today=SAMPLE_DAY) as copy:
        import_file(copy, tmp_path / "sheet.xlsx")
        assert okr_view(copy, period.name) == okr_view(empty_plan, period.name)
