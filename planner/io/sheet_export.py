"""Writing a period's key results as the flat sheet, in CSV or XLSX, one row per key result.

The columns are those the importer reads, so an exported sheet can be edited and imported back.
Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) is written with a leading ``'``, which the importer takes off again;
numbers, negative ones included, are written as numbers. Control characters, which XML cannot
hold, are written in a workbook as the escapes spreadsheets use (``_x000B_``). Objectives without
key results have no row.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from planner.domain.values import KeyResultKind, ThresholdDirection
from planner.io.files import write_atomically
from planner.io.sheet_reader import COLUMNS, ESCAPE_LOOKALIKE, FORMULA_STARTS
from planner.services.plan import Plan
from planner.services.records import KeyResultRecord, ObjectiveRecord
from planner.services.rollup import period_progress

Value = str | float | int | None


def export_csv(plan: Plan, out: Path, period_id: uuid.UUID | None = None) -> None:
    """Write the period's key results (default: the current period) to ``out`` as CSV.

    The file is UTF-8 with a byte order mark (so Excel reads accents right), comma-separated,
    with a point as the decimal separator.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in sheet_table(plan, period_id):
        writer.writerow([_csv_cell(value) for value in row])
    write_atomically(Path(out), buffer.getvalue().encode("utf-8-sig"), plan.path)


def export_xlsx(plan: Plan, out: Path, period_id: uuid.UUID | None = None) -> None:
    """Write the period's key results (default: the current period) to ``out`` as XLSX."""
    # Imported here: only XLSX exports pay for loading openpyxl.
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Key results"
    for row in sheet_table(plan, period_id):
        sheet.append(
            [
                escape_xml_text(escape_formula(value)) if isinstance(value, str) else value
                for value in row
            ]
        )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKLM", _WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomically(Path(out), buffer.getvalue(), plan.path)


# Column widths in characters: long titles, short numbers.
_WIDTHS = (18, 14, 40, 48, 10, 10, 10, 12, 18, 12, 12, 8, 20)


def sheet_table(plan: Plan, period_id: uuid.UUID | None = None) -> Iterator[list[Value]]:
    """The header, then one row per key result of the period: plan-level objectives first,
    then by stage, team, objective and key result, in the order the app shows them."""
    yield list(COLUMNS)
    period = plan.periods.get(period_id) if period_id else plan.periods.current()
    if period is None:
        return
    summary = period_progress(plan, period.id)
    stages = {stage.id: (index, stage.name) for index, stage in enumerate(plan.stages.list())}
    teams = sorted(plan.teams.list(), key=lambda team: (stages[team.stage_id][0], team.position))
    people = {person.id: person.name for person in plan.people.list()}
    # Read once and grouped here, in the services' display order: one query per team and
    # objective would make a large plan's export crawl.
    objectives: dict[uuid.UUID | None, list[ObjectiveRecord]] = defaultdict(list)
    for objective in plan.objectives.list(period_id=period.id):
        objectives[objective.team_id].append(objective)
    results: dict[uuid.UUID, list[KeyResultRecord]] = defaultdict(list)
    for result in plan.key_results.in_period(period.id):
        results[result.objective_id].append(result)
    owners: list[tuple[str, str, uuid.UUID | None]] = [("", "", None)]
    owners += [(team.name, stages[team.stage_id][1], team.id) for team in teams]
    for team_name, stage_name, team_id in owners:
        for objective in objectives[team_id]:
            for result in results[objective.id]:
                status = summary.key_results.get(result.id)
                milestone = result.kind is KeyResultKind.MILESTONE
                yield [
                    team_name,
                    stage_name,
                    objective.title,
                    result.title,
                    None if milestone else result.start_value,
                    1 if milestone else result.target_value,
                    status.current if status else None,
                    result.unit,
                    people.get(result.owner_id, "") if result.owner_id else "",
                    status.confidence if status else None,
                    period.name,
                    result.weight,
                    type_text(result),
                ]


def type_text(result: KeyResultRecord) -> str:
    """The Type cell: the kind, with a threshold's direction only when the importer would not
    infer it from Start and Target (it reads "at most" unless Start < Target)."""
    if result.kind is KeyResultKind.THRESHOLD and result.direction is not None:
        start, target = result.start_value, result.target_value
        rising = start is not None and target is not None and start < target
        inferred = ThresholdDirection.AT_LEAST if rising else ThresholdDirection.AT_MOST
        if result.direction is not inferred:
            return f"threshold ({result.direction.value.replace('_', ' ')})"
    return result.kind.value


def escape_formula(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would otherwise run it as a formula.

    Text already starting with ``'`` gets one more, so the importer, which takes one off,
    gives back exactly what was exported.
    """
    return "'" + text if text.startswith((*FORMULA_STARTS, "'")) else text


def escape_xml_text(text: str) -> str:
    """``text`` as a workbook stores it: XML cannot hold most control characters (a soft line
    break pasted from a slide, say), so each is written as ``_x000B_``, the escape spreadsheet
    apps and the importer read back as the character. Text that already looks like such an
    escape has its ``_`` escaped (``_x005F_``), so it too reads back unchanged."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]

    text = ESCAPE_LOOKALIKE.sub("_x005F_", text)
    escaped: str = ILLEGAL_CHARACTERS_RE.sub(lambda match: f"_x{ord(match.group()):04X}_", text)
    return escaped


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_formula(value)
    return _number(value)


def _number(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
