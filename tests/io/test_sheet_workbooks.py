"""Workbooks as spreadsheet apps save them: what a cell shows is what the import reads.

Each workbook here is written with openpyxl the way Excel and LibreOffice store a sheet a
person edited: formatted numbers, text typed into cells, hidden sheets, merged cells.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from planner.io import ImportRefused, import_file
from planner.services.plan import Plan
from planner.services.records import KeyResultRecord
from tests.io.helpers import contents, write

HEADER = ["Team", "Stage", "Objective", "Key result", "Start", "Target", "Current", "Unit"]


def key_result(plan: Plan, title: str) -> KeyResultRecord:
    return next(result for result in plan.key_results.list() if result.title == title)


def check_in_values(plan: Plan, title: str) -> list[float]:
    return [c.value for c in plan.check_ins.list(key_result_id=key_result(plan, title).id)]


def sheet_of(*rows: list[object]) -> tuple[openpyxl.Workbook, Any]:
    """A workbook whose one sheet holds the header and ``rows``, and that sheet."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (HEADER, *rows):
        sheet.append(row)
    return workbook, sheet


def test_percent_formatted_cells_are_read_as_the_percent_shown(
    empty_plan: Plan, tmp_path: Path
) -> None:
    # Typing "35%" into a cell stores 0.35 and shows it through the format "0%".
    workbook, sheet = sheet_of(
        ["Core", "Retention", "Keep users", "Week-4 retention", 0.35, 0.5, 0.45, "%"],
        ["Core", "Retention", "Keep users", "Trial share", 0.125, 0.3, None, "%"],
    )
    for cell in sheet[2][4:7]:
        cell.number_format = "0%"
    sheet["E3"].number_format = "0.0%"
    # A % in quotes or after a backslash is a plain sign: these cells show 30% and 20%.
    sheet["F3"].value = 30
    sheet["F3"].number_format = '0"%"'
    sheet["G3"].value = 20
    sheet["G3"].number_format = "0\\%"
    workbook.save(tmp_path / "sheet.xlsx")
    import_file(empty_plan, tmp_path / "sheet.xlsx")
    retention = key_result(empty_plan, "Week-4 retention")
    assert (retention.start_value, retention.target_value) == (35.0, 50.0)
    assert check_in_values(empty_plan, "Week-4 retention") == [45.0]
    share = key_result(empty_plan, "Trial share")
    assert (share.start_value, share.target_value) == (12.5, 30.0)
    assert check_in_values(empty_plan, "Trial share") == [20.0]


def text_number_workbook(path: Path, current: str, start: object = 12000) -> Path:
    # A number pasted from a web page, or typed into a cell formatted as text, stays text.
    workbook, _ = sheet_of(
        ["Core", "Activation", "Win", "Weekly actives", start, 20000, current, "users"]
    )
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("typed", "grouped", "decimal"),
    [("15,200", "15200", "15.2"), ("1.250", "1250", "1.25"), ("-2,500", "-2500", "-2.5")],
)
def test_a_text_number_with_one_ambiguous_separator_is_refused(
    empty_plan: Plan, tmp_path: Path, typed: str, grouped: str, decimal: str
) -> None:
    before = contents(empty_plan)
    with pytest.raises(ImportRefused) as raised:
        import_file(empty_plan, text_number_workbook(tmp_path / "sheet.xlsx", typed))
    assert str(raised.value) == (
        f"sheet 'Sheet', row 2, column Current: '{typed}' is {grouped} or {decimal}: nothing in "
        f"the file shows which separator marks decimals; write {grouped} or {decimal}; "
        "nothing was imported"
    )
    assert contents(empty_plan) == before


def test_a_tab_separated_file_refuses_a_point_before_three_digits(
    empty_plan: Plan, tmp_path: Path
) -> None:
    text = "\t".join(HEADER) + "\nCore\tActivation\tWin\tDays\t1\t2\t1.250\td\n"
    with pytest.raises(ImportRefused, match=r"row 2, column Current: '1\.250' is 1250 or 1\.25"):
        import_file(empty_plan, write(tmp_path / "sheet.csv", text.encode()))


def test_other_figures_in_the_file_tell_how_to_read_a_separator(
    empty_plan: Plan, tmp_path: Path
) -> None:
    # "12,5" can only be a decimal comma, so the file writes decimals with a comma.
    path = text_number_workbook(tmp_path / "sheet.xlsx", "15.200", start="12,5")
    import_file(empty_plan, path)
    assert key_result(empty_plan, "Weekly actives").start_value == 12.5
    assert check_in_values(empty_plan, "Weekly actives") == [15200.0]


def sheet_with(workbook: openpyxl.Workbook, title: str, current: object) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append([*HEADER, "Confidence"])
    sheet.append(["Core", "Activation", "Win", "Weekly actives", 100, 200, current, "users", 8])


@pytest.mark.parametrize(("active", "read"), [("This week", 120.0), ("Old figures", 150.0)])
def test_the_active_sheet_is_read_unless_hidden_then_the_first_visible(
    empty_plan: Plan, tmp_path: Path, active: str, read: float
) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    sheet_with(workbook, "Old figures", 110)
    sheet_with(workbook, "Key results", 150)
    sheet_with(workbook, "This week", 120)
    workbook["Old figures"].sheet_state = "hidden"
    # By index: openpyxl would not make a hidden sheet active, a script writing XML may.
    workbook.active = workbook.sheetnames.index(active)
    workbook.save(tmp_path / "sheet.xlsx")
    import_file(empty_plan, tmp_path / "sheet.xlsx")
    assert check_in_values(empty_plan, "Weekly actives") == [read]


def test_messages_name_the_sheet_read(empty_plan: Plan, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Instructions"
    workbook.active.append(["Fill in the sheet 'Key results', then import the workbook"])
    sheet_with(workbook, "Key results", "lots")
    workbook.active = workbook["Key results"]
    workbook.save(tmp_path / "sheet.xlsx")
    with pytest.raises(ImportRefused) as raised:
        import_file(empty_plan, tmp_path / "sheet.xlsx")
    assert str(raised.value) == (
        "sheet 'Key results', row 2, column Current: 'lots' is not a number; nothing was imported"
    )


def test_rows_under_merged_team_and_stage_cells_belong_to_that_team(
    empty_plan: Plan, tmp_path: Path
) -> None:
    workbook, sheet = sheet_of(
        ["Core", "Activation", "Grow paid", "Paid sign-ups", 100, 200, None, "sign-ups"],
        [None, None, "Grow paid", "Paid conversion", 2, 4, None, "%"],
    )
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:B3")
    workbook.save(tmp_path / "sheet.xlsx")
    import_file(empty_plan, tmp_path / "sheet.xlsx")
    [team] = empty_plan.teams.list()
    [objective] = empty_plan.objectives.list()
    assert (team.name, objective.team_id) == ("Core", team.id)
    titles = [result.title for result in empty_plan.key_results.list(objective_id=objective.id)]
    assert titles == ["Paid sign-ups", "Paid conversion"]


def test_a_formula_with_no_saved_value_is_refused(empty_plan: Plan, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Key results"
    sheet.append([*HEADER, "Monday", "Tuesday"])
    # openpyxl, like scripts and "recalculate on open", saves the formula but not its value.
    sheet.append(["Core", "Activation", "Win", "Sign-ups", 400, 900, "=I2+J2", "users", 350, 400])
    workbook.save(tmp_path / "sheet.xlsx")
    before = contents(empty_plan)
    with pytest.raises(ImportRefused) as raised:
        import_file(empty_plan, tmp_path / "sheet.xlsx")
    assert str(raised.value) == (
        "sheet 'Key results', row 2, column Current: a formula with no saved value: open and "
        "save the file in your spreadsheet app first; nothing was imported"
    )
    assert contents(empty_plan) == before
