"""Importing the flat sheet: real-world files, matching by name, and refusing bad rows whole.

Every file here is written as bytes, the way a spreadsheet app in some locale would save it.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from planner.domain.values import KeyResultKind, ThresholdDirection
from planner.io import FileImportError, ImportRefused, RowError, export_plan, import_file
from planner.io.flat_sheet import apply_import, import_sheet, plan_import, read_sheet
from planner.services.plan import Plan
from planner.services.records import KeyResultRecord
from tests.io.helpers import HEADER, contents, write
from tests.plans import SAMPLE_DAY


def key_result(plan: Plan, title: str) -> KeyResultRecord:
    return next(result for result in plan.key_results.list() if result.title == title)


def latest(plan: Plan, title: str) -> tuple[float, int | None]:
    check_ins = plan.check_ins.list(key_result_id=key_result(plan, title).id)
    return check_ins[-1].value, check_ins[-1].confidence


def test_bom_semicolons_and_decimal_commas(empty_plan: Plan, tmp_path: Path) -> None:
    text = (
        "Team;Stage;Objective;Key result;Start;Target;Current;Unit;Confidence\r\n"
        "Growth;Acquisition;Win users;Raise conversion;12,5;20,75;14,25;%;7\r\n"
        "Growth;Acquisition;Win users;Grow revenue;1.234,5;2.000,0;1.500,25;€;\r\n"
    )
    path = write(tmp_path / "sheet.csv", codecs.BOM_UTF8 + text.encode("utf-8"))
    summary = import_sheet(empty_plan, path, today=SAMPLE_DAY)
    assert summary.describe() == (
        "Imported 2 key results (1 team, 1 objective, 2 key results, 2 check-ins created)"
    )
    conversion = key_result(empty_plan, "Raise conversion")
    assert (conversion.start_value, conversion.target_value, conversion.unit) == (12.5, 20.75, "%")
    assert latest(empty_plan, "Raise conversion") == (14.25, 7)
    revenue = key_result(empty_plan, "Grow revenue")
    assert (revenue.start_value, revenue.target_value) == (1234.5, 2000.0)
    assert latest(empty_plan, "Grow revenue") == (1500.25, None)
    [team] = empty_plan.teams.list()
    assert team.name == "Growth"
    assert {s.id: s.name for s in empty_plan.stages.list()}[team.stage_id] == "Acquisition"


def test_percent_signs_and_thousands_separators(empty_plan: Plan, tmp_path: Path) -> None:
    text = (
        f"{HEADER}\n"
        "Growth,Acquisition,Win,Share,20 %,60 %,35 %,%\n"
        'Growth,Acquisition,Win,Users,"12,000","20,000","14,800",users\n'
    )
    import_sheet(empty_plan, write(tmp_path / "sheet.csv", text.encode()), today=SAMPLE_DAY)
    share = key_result(empty_plan, "Share")
    assert (share.start_value, share.target_value) == (20.0, 60.0)
    assert latest(empty_plan, "Share") == (35.0, None)
    users = key_result(empty_plan, "Users")
    assert (users.start_value, users.target_value) == (12000.0, 20000.0)


def test_blank_lines_are_skipped_and_rows_keep_their_numbers(
    empty_plan: Plan, tmp_path: Path
) -> None:
    text = (
        f"\n{HEADER}\n\nGrowth,Acquisition,Win,A,1,2,,\n,,,,,,,\n\nGrowth,Acquisition,Win,B,1,x,,\n"
    )
    rows = read_sheet(write(tmp_path / "sheet.csv", text.encode()))
    assert rows.header_row == 2
    assert [row.number for row in rows.rows] == [4, 7]
    preview = plan_import(empty_plan, rows)
    assert preview.errors == (RowError(7, "Target", "'x' is not a number"),)


def test_extra_columns_any_order_and_forgiving_headers(empty_plan: Plan, tmp_path: Path) -> None:
    text = (
        "  key RESULT ,Notes,UNIT,current,Target, start ,objective,stage,team,,,\n"
        "Ship it,ignored,,1,1,,Launch,Activation,Core,,,\n"
        "Cut churn,ignored,%,3,2,4,Launch,Activation,Core,,,\n"
    )
    import_sheet(empty_plan, write(tmp_path / "sheet.csv", text.encode()), today=SAMPLE_DAY)
    cut = key_result(empty_plan, "Cut churn")
    assert cut.kind is KeyResultKind.DECREASE  # inferred: start above target
    assert (cut.start_value, cut.target_value, cut.unit) == (4.0, 2.0, "%")
    assert latest(empty_plan, "Cut churn") == (3.0, None)
    ship = key_result(empty_plan, "Ship it")
    assert ship.kind is KeyResultKind.MILESTONE  # inferred: no Start, Target 1


def test_windows_1252_file(empty_plan: Plan, tmp_path: Path) -> None:
    text = f"{HEADER}\nÉquipe,Revenue,Grow,MRR in €,4000,10000,5900,€\n"
    import_sheet(empty_plan, write(tmp_path / "sheet.csv", text.encode("cp1252")))
    result = key_result(empty_plan, "MRR in €")
    assert result.unit == "€"
    assert [team.name for team in empty_plan.teams.list()] == ["Équipe"]


def test_tabs(empty_plan: Plan, tmp_path: Path) -> None:
    text = HEADER.replace(",", "\t") + "\nCore\tActivation\tWin\tUsers, weekly\t1,5\t3\t2\tk\n"
    import_sheet(empty_plan, write(tmp_path / "sheet.csv", text.encode()), today=SAMPLE_DAY)
    result = key_result(empty_plan, "Users, weekly")
    assert (result.start_value, result.target_value) == (1.5, 3.0)


def test_utf16_with_bom(empty_plan: Plan, tmp_path: Path) -> None:
    text = HEADER.replace(",", "\t") + "\nCore\tActivation\tWin\tÜsers\t1\t3\t\tk\n"
    import_sheet(empty_plan, write(tmp_path / "sheet.txt", text.encode("utf-16")))
    assert key_result(empty_plan, "Üsers").target_value == 3.0


def test_types_thresholds_and_milestones(empty_plan: Plan, tmp_path: Path) -> None:
    text = (
        f"{HEADER},Type\n"
        ",,Company,Churn at most,,2,2.5,%,threshold\n"
        ",,Company,NPS at least,30,40,,points,Threshold\n"
        ",,Company,Uptime,,99.9,,%,threshold (at least)\n"
        ",,Company,Launch,,1,1,,milestone\n"
    )
    summary = import_sheet(empty_plan, write(tmp_path / "sheet.csv", text.encode()))
    assert summary.created["objective"] == 1
    [objective] = empty_plan.objectives.list()
    assert objective.team_id is None  # empty Team: plan-level
    churn = key_result(empty_plan, "Churn at most")
    assert (churn.kind, churn.direction) == (KeyResultKind.THRESHOLD, ThresholdDirection.AT_MOST)
    nps = key_result(empty_plan, "NPS at least")
    assert nps.direction is ThresholdDirection.AT_LEAST  # Start below Target
    assert key_result(empty_plan, "Uptime").direction is ThresholdDirection.AT_LEAST
    launch = key_result(empty_plan, "Launch")
    assert (launch.kind, launch.start_value, launch.target_value) == (
        KeyResultKind.MILESTONE,
        None,
        None,
    )
    assert latest(empty_plan, "Launch")[0] == 1.0


def test_found_by_name_updated_not_duplicated(sample_plan: Plan, tmp_path: Path) -> None:
    title = "Grow weekly trial sign-ups from 400 to 900"
    before = key_result(sample_plan, title)
    check_ins = len(sample_plan.check_ins.list())
    text = (
        f"{HEADER},Owner,Period,Weight\n"
        f" reach , ACQUISITION ,make tally the first result freelancers find,{title.upper()},"
        "400,950,610,sign-ups,Nora Lindqvist,2026 q4,2\n"
        f"Reach,Acquisition,Make Tally the first result freelancers find,New one,1,2,1.5,x,"
        "New Person,,\n"
    )
    path = write(tmp_path / "sheet.csv", text.encode())
    preview = plan_import(sample_plan, read_sheet(path), today=SAMPLE_DAY)
    assert [action.action for action in preview.actions] == ["update", "create"]
    assert "target value 900 → 950" in str(preview.actions[0])
    summary = apply_import(sample_plan, preview)
    after = key_result(sample_plan, title)
    assert after.id == before.id
    assert (after.target_value, after.weight) == (950.0, 2.0)
    assert {p.id: p.name for p in sample_plan.people.list()}[after.owner_id] == "Nora Lindqvist"
    # 610 is the latest value already: no check-in for it; one for the new key result.
    assert len(sample_plan.check_ins.list()) == check_ins + 1
    assert summary.created == {"person": 1, "key_result": 1, "check_in": 1}
    assert summary.updated == {"key_result": 1}
    assert summary.describe() == (
        "Imported 2 key results (1 person, 1 key result, 1 check-in created; 1 key result updated)"
    )
    sample_plan.revert(summary.edit)
    assert key_result(sample_plan, title) == before


def test_current_differing_from_latest_adds_a_check_in_today(
    sample_plan: Plan, tmp_path: Path
) -> None:
    title = "Grow weekly trial sign-ups from 400 to 900"
    text = (
        f"{HEADER},Confidence\n"
        f"Reach,Acquisition,Make Tally the first result freelancers find,{title},400,900,640,"
        "sign-ups,8\n"
    )
    import_sheet(sample_plan, write(tmp_path / "sheet.csv", text.encode()), today=SAMPLE_DAY)
    check_in = sample_plan.check_ins.list(key_result_id=key_result(sample_plan, title).id)[-1]
    assert (check_in.on_date, check_in.value, check_in.confidence) == (SAMPLE_DAY, 640.0, 8)


def test_bad_rows_name_row_and_column_and_import_nothing(sample_plan: Plan, tmp_path: Path) -> None:
    text = (
        f"{HEADER},Confidence,Period,Type\n"
        "Reach,Acquisition,Obj,Fine,1,2,,,,,\n"
        "Reach,Acquisition,Obj,Bad target,1,abc,,,,,\n"
        "Brand new,,Obj,No stage,1,2,,,,,\n"
        "Reach,Revenue,Obj,Wrong stage,1,2,,,,,\n"
        "Reach,Acquisition,Obj,Too sure,1,2,1,,12,,\n"
        "Reach,Acquisition,Obj,When,1,2,,,,2031 Q9,\n"
        "Reach,Acquisition,Obj,Odd,1,2,,,,,sideways\n"
        "Reach,Acquisition,,No objective,1,2,,,,,\n"
        "Reach,Acquisition,Obj,Flat,5,5,,,,,\n"
        "Reach,Acquisition,Obj,Fine,1,3,,,,,\n"
    )
    path = write(tmp_path / "sheet.csv", text.encode())
    before = contents(sample_plan)
    with pytest.raises(ImportRefused) as raised:
        import_file(sample_plan, path)
    assert contents(sample_plan) == before
    errors = {(error.row, error.column) for error in raised.value.errors}
    assert errors == {
        (3, "Target"),
        (4, "Stage"),
        (5, "Stage"),
        (6, "Confidence"),
        (7, "Period"),
        (8, "Type"),
        (9, "Objective"),
        (10, "Target"),
        (11, "Key result"),
    }
    message = str(raised.value)
    assert "row 3, column Target: 'abc' is not a number" in message
    assert "row 4, column Stage: is required for the new team 'Brand new'" in message
    assert "row 5, column Stage: team 'Reach' is in stage 'Acquisition', not 'Revenue'" in message
    assert "row 6, column Confidence: must be from 0 to 10 (got 12)" in message
    assert "row 7, column Period: the plan has no period '2031 Q9'" in message
    assert "row 11, column Key result: 'Fine' is already on row 2" in message


def test_missing_required_columns_are_named(empty_plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path / "sheet.csv", b"Team,Objective,Key result,Start,Start\n")
    with pytest.raises(ImportRefused) as raised:
        import_sheet(empty_plan, path)
    message = str(raised.value)
    assert "row 1, column Start: appears twice in the header" in message
    for column in ("Stage", "Target", "Current", "Unit"):
        assert f"row 1, column {column}: the column is missing" in message


def test_the_preview_changes_nothing(sample_plan: Plan, tmp_path: Path) -> None:
    text = f"{HEADER}\nNew team,New stage,Obj,KR,1,2,1.5,x\n"
    before = contents(sample_plan)
    preview = plan_import(sample_plan, read_sheet(write(tmp_path / "s.csv", text.encode())))
    assert contents(sample_plan) == before
    assert preview.ok
    assert preview.created == {
        "stage": 1,
        "team": 1,
        "objective": 1,
        "key_result": 1,
        "check_in": 1,
    }
    assert str(preview.actions[0]) == (
        "row 2: create key result 'KR' (new stage 'New stage', new team 'New team', "
        "new objective 'Obj', check-in 1.5)"
    )
    assert preview.describe().startswith("Would import 1 key result (1 stage, 1 team")


def test_changing_only_the_start_adds_no_check_in(empty_plan: Plan, tmp_path: Path) -> None:
    stage = empty_plan.stages.list()[0]
    period = empty_plan.periods.current(SAMPLE_DAY)
    assert period is not None
    team = empty_plan.apply(empty_plan.teams.create(stage.id, "Growth"))
    objective = empty_plan.apply(empty_plan.objectives.create(period.id, "Win", team.id))
    empty_plan.apply(
        empty_plan.key_results.create(objective.id, "Activation", "increase", 0, 80, "%")
    )
    path = tmp_path / "sheet.csv"
    export_plan(empty_plan, path, period.id)
    # Nobody checked in, so the export shows the start as Current; only Start is corrected.
    text = path.read_text("utf-8-sig")
    assert ",Activation,0,80,0,%," in text
    path.write_text(text.replace(",Activation,0,80,0,%,", ",Activation,20,80,0,%,"), "utf-8-sig")
    preview = plan_import(empty_plan, read_sheet(path), today=SAMPLE_DAY)
    assert [str(action) for action in preview.actions] == [
        "row 2: update key result 'Activation' (start value 0 → 20)"
    ]
    apply_import(empty_plan, preview)
    assert key_result(empty_plan, "Activation").start_value == 20.0
    assert empty_plan.check_ins.list() == []


def test_names_in_decomposed_unicode_match_the_plan(empty_plan: Plan, tmp_path: Path) -> None:
    stage = empty_plan.stages.list()[0]
    team = empty_plan.apply(empty_plan.teams.create(stage.id, "Équipe Découverte"))
    person = empty_plan.apply(empty_plan.people.create("José Müller"))
    # macOS apps and PDFs often give "É" as "E" and a combining accent.
    text = unicodedata.normalize(
        "NFD", f"{HEADER},Owner\nÉQUIPE DÉCOUVERTE,{stage.name},Win,Sign-ups,1,2,,x,josé müller\n"
    )
    import_sheet(empty_plan, write(tmp_path / "sheet.csv", text.encode()), today=SAMPLE_DAY)
    assert [t.id for t in empty_plan.teams.list()] == [team.id]
    assert [p.id for p in empty_plan.people.list()] == [person.id]
    [objective] = empty_plan.objectives.list()
    assert objective.team_id == team.id
    assert key_result(empty_plan, "Sign-ups").owner_id == person.id


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        ("Q4 OKRs – Growth\n", True),  # a title above the table
        ("sep=;\n", True),  # Excel's note of the delimiter
        ("Nothing but notes\nand more notes\n", False),
    ],
)
def test_rows_above_the_header_are_skipped_or_one_line_says_none_was_found(
    empty_plan: Plan, tmp_path: Path, lines: str, found: bool
) -> None:
    header = HEADER.replace(",", ";") if found else "Not;the;columns"
    text = f"{lines}{header}\nCore;Activation;Win;Sign-ups;1;2;;x\n"
    path = write(tmp_path / "sheet.csv", text.encode())
    if found:
        import_sheet(empty_plan, path, today=SAMPLE_DAY)
        assert key_result(empty_plan, "Sign-ups").target_value == 2.0
        return
    with pytest.raises(FileImportError) as raised:
        import_sheet(empty_plan, path)
    assert str(raised.value) == (
        "no header row found in sheet.csv: expected columns Team, Stage, Objective, Key result, "
        "Start, Target, Current, Unit"
    )


def test_the_preview_names_a_new_owner_by_name(sample_plan: Plan, tmp_path: Path) -> None:
    sheet = tmp_path / "plan.csv"
    export_plan(sample_plan, sheet)
    owned = next(r for r in sample_plan.key_results.list() if r.owner_id is not None)
    owner = sample_plan.people.get(owned.owner_id).name
    other = next(p.name for p in sample_plan.people.list() if p.name != owner)
    text = sheet.read_text("utf-8-sig")
    sheet.write_text(text.replace(f",{owner},", f",{other},", 1), "utf-8-sig")
    changed = [str(a) for a in plan_import(sample_plan, read_sheet(sheet)).actions]
    changed = [line for line in changed if "owner" in line]
    assert changed and f"(owner '{owner}' → '{other}')" in changed[0]
