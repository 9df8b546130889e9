"""The JSON export is lossless: export, import into a new plan, export again gives the same.

The target of a round trip is a plan file with no rows at all (``Plan.create``, which wraps
``create_plan_file``), not one made by ``create_plan``: that one holds default stages,
disciplines and periods under fresh ids, whose names the export's own rows would clash with.
The JSON import matches rows by id only and never renames or merges (the merge command does),
so it refuses such a clash, as a test below shows.
"""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.values import KeyResultKind, ThresholdDirection
from planner.io import JsonImportError, import_file
from planner.io.json_format import export_document, export_json, import_json
from planner.services.edits import Batch
from planner.services.newplan import create_plan
from planner.services.plan import Plan
from tests.io.helpers import contents, small_plan, without_time
from tests.plans import SAMPLE_DAY, open_copy

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_sample_round_trip_is_identical(sample_plan: Plan, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    export_json(sample_plan, first)
    with Plan.create(tmp_path / "copy.okrplan") as copy:
        summary = import_json(copy, first)
        assert summary.created["key_result"] == 14
        assert summary.unchanged == 0
        second = tmp_path / "second.json"
        export_json(copy, second)
        assert contents(copy) == contents(sample_plan)
    assert without_time(json.loads(first.read_text("utf-8"))) == without_time(
        json.loads(second.read_text("utf-8"))
    )


def test_export_is_deterministic(sample_plan: Plan, tmp_path: Path) -> None:
    now = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)
    export_json(sample_plan, tmp_path / "a.json", now=now)
    export_json(sample_plan, tmp_path / "b.json", now=now)
    text = (tmp_path / "a.json").read_text("utf-8")
    assert text == (tmp_path / "b.json").read_text("utf-8")
    document = json.loads(text)
    assert document["format"] == "okr-planner"
    assert document["version"] == 1
    assert document["exported_at"] == "2026-11-16T09:30:00+00:00"
    teams = document["tables"]["team"]
    assert [row["id"] for row in teams] == sorted(row["id"] for row in teams)
    assert list(document["tables"]) == sorted(document["tables"])
    assert "version" not in teams[0] and "updated_at" not in teams[0]


def test_values_are_iso_strings_and_enum_values(sample_plan: Plan) -> None:
    tables = export_document(sample_plan)["tables"]
    check_in = tables["check_in"][0]
    assert date.fromisoformat(check_in["on_date"])
    assert datetime.fromisoformat(check_in["recorded_at"]).tzinfo is not None
    kinds = {row["kind"] for row in tables["key_result"]}
    assert kinds == {kind.value for kind in KeyResultKind}
    assert all(isinstance(row["weight"], float) for row in tables["key_result"])


def test_importing_the_same_export_again_changes_nothing(sample_plan: Plan, tmp_path: Path) -> None:
    export_json(sample_plan, tmp_path / "plan.json")
    before = contents(sample_plan)
    summary = import_file(sample_plan, tmp_path / "plan.json")
    assert contents(sample_plan) == before
    assert summary.unchanged == summary.imported > 100
    assert summary.describe().startswith(f"Imported {summary.imported} rows (")


def test_import_is_one_undoable_edit(sample_plan: Plan, tmp_path: Path) -> None:
    export_json(sample_plan, tmp_path / "plan.json")
    with Plan.create(tmp_path / "copy.okrplan") as copy:
        empty = contents(copy)
        summary = import_json(copy, tmp_path / "plan.json")
        copy.revert(summary.edit)
        assert contents(copy) == empty
        copy.apply(summary.edit)
        assert contents(copy) == contents(sample_plan)


def test_a_changed_row_refuses_the_whole_import(sample_plan: Plan, tmp_path: Path) -> None:
    document = export_document(sample_plan)
    team = document["tables"]["team"][2]
    team["mission"] = "Something else"
    document["tables"]["stage"].append(
        {
            "id": "00000000-0000-4000-8000-000000000001",
            "name": "Extra",
            "description": "",
            "position": 9,
        }
    )
    (tmp_path / "changed.json").write_text(json.dumps(document), "utf-8")
    before = contents(sample_plan)
    with pytest.raises(JsonImportError) as raised:
        import_json(sample_plan, tmp_path / "changed.json")
    message = str(raised.value)
    assert f"table team, row 3 (id {team['id']})" in message
    assert "mission" in message and "'Something else' in the file" in message
    assert contents(sample_plan) == before


def test_names_clashing_with_a_new_plans_defaults_are_refused(
    sample_plan: Plan, tmp_path: Path
) -> None:
    export_json(sample_plan, tmp_path / "plan.json")
    with create_plan(tmp_path / "new.okrplan", today=SAMPLE_DAY) as target:
        before = contents(target)
        with pytest.raises(JsonImportError) as raised:
            import_json(target, tmp_path / "plan.json")
        assert contents(target) == before
    message = str(raised.value)
    assert "this plan already has its own name and description" in message
    assert "another stage is already called 'Acquisition'" in message


def test_objective_aligned_to_a_later_row_is_linked(tmp_path: Path) -> None:
    # Plan-level objectives may align to each other; whichever id sorts first is created
    # unlinked and linked at the end, so the foreign key holds at every step.
    with create_plan(tmp_path / "a.okrplan", today=SAMPLE_DAY) as source:
        period = source.periods.list()[0]
        first = source.apply(source.objectives.create(period.id, "First"))
        second = source.apply(source.objectives.create(period.id, "Second"))
        source.apply(source.objectives.update(first.id, parent_id=second.id))
        source.apply(source.objectives.update(second.id, parent_id=first.id))
        export_json(source, tmp_path / "a.json")
        with Plan.create(tmp_path / "b.okrplan") as target:
            import_json(target, tmp_path / "a.json")
            assert contents(target) == contents(source)


def test_docs_example_is_a_current_export(tmp_path: Path) -> None:
    example = DOCS / "examples" / "small-plan.json"
    with Plan.create(tmp_path / "example.okrplan") as plan:
        summary = import_json(plan, example)
        assert summary.created["check_in"] == 1
        again = export_document(plan)
    assert without_time(again) | {"app_version": "x"} == without_time(
        json.loads(example.read_text("utf-8"))
    ) | {"app_version": "x"}


def test_docs_page_example_imports(tmp_path: Path) -> None:
    page = (DOCS / "json-format.md").read_text("utf-8")
    example = page.split("## Example", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.json"
    path.write_text(example, "utf-8")
    with Plan.create(tmp_path / "example.okrplan") as plan:
        summary = import_json(plan, path)
        assert summary.imported == summary.created["plan_info"] + 6
        again = export_document(plan)
    assert without_time(again) | {"app_version": "x"} == without_time(json.loads(example)) | {
        "app_version": "x"
    }


def test_small_plan_round_trip(tmp_path: Path) -> None:
    with create_plan(tmp_path / "small.okrplan", today=SAMPLE_DAY) as plan:
        small_plan(plan, SAMPLE_DAY)
        export_json(plan, tmp_path / "small.json")
        with Plan.create(tmp_path / "copy.okrplan") as copy:
            import_json(copy, tmp_path / "small.json")
            assert contents(copy) == contents(plan)


# ---- generated plans -------------------------------------------------------------------

names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=24).filter(
    lambda text: text.strip() != ""
)
numbers = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@st.composite
def key_results(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(list(KeyResultKind)))
    start, target = draw(numbers), draw(numbers)
    if kind in (KeyResultKind.INCREASE, KeyResultKind.DECREASE):
        if start == target:
            target = start + 1
        low, high = sorted((start, target))
        start, target = (low, high) if kind is KeyResultKind.INCREASE else (high, low)
    direction = draw(st.sampled_from(list(ThresholdDirection)))
    return {
        "title": draw(names),
        "kind": kind,
        "start_value": draw(st.none() | st.just(start))
        if kind is KeyResultKind.THRESHOLD
        else start,
        "target_value": target,
        "direction": direction if kind is KeyResultKind.THRESHOLD else None,
        "unit": draw(st.text(max_size=5)),
        "weight": draw(st.floats(min_value=0.1, max_value=10)),
        "check_ins": draw(
            st.lists(
                st.tuples(st.integers(0, 90), numbers, st.none() | st.integers(0, 10), st.text()),
                max_size=3,
            )
        ),
    }


plans = st.lists(
    st.tuples(names, st.lists(st.tuples(names, st.lists(key_results(), max_size=3)), max_size=3)),
    min_size=1,
    max_size=3,
)


Spec = list[tuple[str, list[tuple[str, list[dict[str, Any]]]]]]


def build(plan: Plan, spec: Spec) -> None:
    """Make the plan ``spec`` describes, one batch per level so an example stays fast."""
    start = date(2026, 10, 1)
    stage = plan.stages.create("Étape ünïcode")
    period = plan.periods.create("Q", start, start + timedelta(days=90))
    plan.apply(Batch((plan.info.create("Generated ✓ plan"), stage, period)))
    # The index keeps names unique whatever the drawn text; the text stays unicode.
    teams = [
        (plan.teams.create(stage.id, f"{name.strip()} #{index}"), objectives)
        for index, (name, objectives) in enumerate(spec)
    ]
    plan.apply(Batch(tuple(team for team, _ in teams)))
    objectives = [
        (plan.objectives.create(period.id, title, team.id), results)
        for team, team_objectives in teams
        for title, results in team_objectives
    ]
    plan.apply(Batch(tuple(objective for objective, _ in objectives)))
    results = [
        (
            plan.key_results.create(
                objective.id,
                values["title"],
                values["kind"],
                values["start_value"],
                values["target_value"],
                values["unit"].strip(),
                values["direction"],
                values["weight"],
            ),
            values["check_ins"],
        )
        for objective, objective_results in objectives
        for values in objective_results
    ]
    plan.apply(Batch(tuple(result for result, _ in results)))
    check_ins = [
        plan.check_ins.create(result.id, start + timedelta(days=day), value, confidence, note)
        for result, points in results
        for day, value, confidence, note in points
    ]
    plan.apply(Batch(tuple(check_ins)))


@pytest.fixture(scope="module")
def blank_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan file fresh from create_plan_file (through Plan.create), closed: copying it is
    the same as creating one, without running the migrations for every example."""
    path = tmp_path_factory.mktemp("blank") / "blank.okrplan"
    Plan.create(path).close()
    return path


@settings(max_examples=9)
@given(spec=plans)
def test_generated_plans_round_trip(blank_file: Path, spec: Spec) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        with open_copy(blank_file, root, "source.okrplan") as source:
            build(source, spec)
            export_json(source, root / "first.json")
            with open_copy(blank_file, root, "target.okrplan") as target:
                import_json(target, root / "first.json")
                export_json(target, root / "second.json")
                assert contents(target) == contents(source)
        first = json.loads((root / "first.json").read_text("utf-8"))
        second = json.loads((root / "second.json").read_text("utf-8"))
        assert without_time(first) == without_time(second)


def test_names_differing_only_in_case_beyond_a_to_z_are_refused(
    sample_plan: Plan, tmp_path: Path
) -> None:
    export_json(sample_plan, tmp_path / "plan.json")
    document = json.loads((tmp_path / "plan.json").read_text("utf-8"))
    teams = document["tables"]["team"]
    teams[0]["name"], teams[1]["name"] = "Équipe", "ÉQUIPE"
    (tmp_path / "plan.json").write_text(json.dumps(document), "utf-8")
    with Plan.create(tmp_path / "new.okrplan") as target:
        before = contents(target)
        with pytest.raises(JsonImportError) as raised:
            import_json(target, tmp_path / "plan.json")
        assert contents(target) == before
    assert "another team is already called 'ÉQUIPE' (ignoring case)" in str(raised.value)
