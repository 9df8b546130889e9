"""Workbooks as spreadsheet apps save them: what a cell shows is what the import reads.

Each workbook here is written with openpyxl the way Excel and LibreOffice store a sheet a
person edited: formatted numbers, text typed into cells, hidden sheets, merged cells.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from planner.io import import_file
from planner.services.plan import Plan
from planner.services.records import KeyResultRecord

HEADER = ["Team", "Stage", "Objective", "Key result", "Start", "Target", "Current", "Unit"]


def key_result(plan: Plan, title: str) -> KeyResultRecord:
    return next(result for result in plan.key_results.list() if result.title == title)


def check_in_values(plan: Plan, title: str) -> list[float]:
    return [c.value for c in plan.check_ins.list(key_result_id=key_result(plan, title).id)]


def test_percent_formatted_cells_are_read_as_the_percent_shown(
    empty_plan: Plan, tmp_path: Path
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    # Typing "35%" into a cell stores 0.35 and shows it through the format "0%".
    sheet.append(["Core", "Retention", "Keep users", "Week-4 retention", 0.35, 0.5, 0.45, "%"])
    sheet.append(["Core", "Retention", "Keep users", "Trial share", 0.125, 0.3, None, "%"])
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
