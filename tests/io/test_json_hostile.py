"""A JSON import refuses bad documents clearly and whole, and never crashes on hostile input.

Every refusal is a JsonImportError (or, for an unreadable file, its base FileImportError)
naming where the problem is, and leaves the plan exactly as it was.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.io import FileImportError, JsonImportError
from planner.io.json_format import export_document, import_document, import_json
from planner.services.newplan import create_plan
from planner.services.plan import Plan
from tests.io.helpers import contents, small_plan, write
from tests.plans import SAMPLE_DAY

NOW = datetime(2026, 11, 16, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def small_document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An export of a small plan: defaults plus a team, objective, key result, check-in."""
    folder = tmp_path_factory.mktemp("small")
    with create_plan(folder / "small.okrplan", today=SAMPLE_DAY) as plan:
        small_plan(plan, SAMPLE_DAY)
        return export_document(plan, NOW)


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plan]:
    """One empty plan that every hostile example is imported into (and reverted from)."""
    plan = Plan.create(tmp_path_factory.mktemp("target") / "target.okrplan")
    yield plan
    plan.close()


def refused(plan: Plan, document: Any) -> str:
    before = contents(plan)
    with pytest.raises(JsonImportError) as raised:
        import_document(plan, document)
    assert contents(plan) == before
    return str(raised.value)


def test_not_an_export(target: Plan) -> None:
    for document in ({}, [], "okr-planner", {"format": "other", "version": 1}, None):
        assert "not an OKR Planner export" in refused(target, document)


def test_newer_version(target: Plan) -> None:
    message = refused(target, {"format": "okr-planner", "version": 2, "tables": {}})
    assert "made by a newer version (format version 2); update the app" in message


def test_missing_and_ill_typed_fields_are_named(
    empty_plan: Plan, small_document: dict[str, Any]
) -> None:
    document = copy.deepcopy(small_document)
    team = document["tables"]["team"][0]
    del team["name"]
    team["position"] = "first"
    document["tables"]["key_result"][0]["start_value"] = [1]
    message = refused(empty_plan, document)
    assert f"table team, row 1 (id {team['id']}), field name: is missing" in message
    assert "field position: must be a whole number, not 'first'" in message
    assert "table key_result, row 1" in message and "field start_value: must be a number" in message


def test_rules_of_the_plan_are_kept(tmp_path: Path, small_document: dict[str, Any]) -> None:
    document = copy.deepcopy(small_document)
    result = document["tables"]["key_result"][0]
    result["target_value"] = result["start_value"]
    document["tables"]["check_in"][0]["confidence"] = 11
    document["tables"]["team"][0]["color"] = "red"
    with Plan.create(tmp_path / "blank.okrplan") as plan:
        message = refused(plan, document)
    assert "field target_value: equals the start (100)" in message
    assert "field confidence: must be from 0 to 10 (got 11)" in message
    assert "field color: 'red' is not a colour" in message


def test_dangling_reference_is_named(tmp_path: Path, small_document: dict[str, Any]) -> None:
    document = copy.deepcopy(small_document)
    document["tables"]["team"] = []
    with Plan.create(tmp_path / "blank.okrplan") as plan:
        message = refused(plan, document)
    team_id = small_document["tables"]["team"][0]["id"]
    assert f"field team_id: refers to team {team_id}, which is neither in the file nor" in message


def test_unknown_tables_fields_and_duplicate_ids(
    empty_plan: Plan, small_document: dict[str, Any]
) -> None:
    document = copy.deepcopy(small_document)
    document["tables"]["teams"] = []
    document["tables"]["stage"].append(dict(document["tables"]["stage"][0]))
    document["tables"]["stage"][1]["colour"] = "blue"
    message = refused(empty_plan, document)
    assert "unknown table 'teams'" in message
    assert "table stage, row 2" in message and "unknown field 'colour'" in message
    assert "table stage, row 6" in message and "the same id as row 1" in message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xff\xfe\x00garbage\x80", "not UTF-8 text"),
        (b"[" * 200_000, "not an OKR Planner export"),
        (b'{"format": "okr-planner", "version": 1e999, "tables": {}}', "must be a whole number"),
        (b'{"format": "okr-planner", "version": NaN}', "not valid JSON"),
        (b'{"format": "okr-planner", "version": ' + b"9" * 5000 + b"}", "not valid JSON"),
        (b"", "not valid JSON"),
        (
            b'{"format": "okr-planner", "version": 1, "tables": {"team": [[[[[[]]]]]]}}',
            "table team, row 1: must be an object",
        ),
    ],
)
def test_hostile_files(target: Plan, tmp_path: Path, data: bytes, expected: str) -> None:
    before = contents(target)
    with pytest.raises(JsonImportError) as raised:
        import_json(target, write(tmp_path / "bad.json", data))
    assert expected in str(raised.value)
    assert contents(target) == before


def test_deep_nesting_inside_a_valid_document(target: Plan) -> None:
    junk: Any = []
    for _ in range(100_000):
        junk = [junk]
    document = {"format": "okr-planner", "version": 1, "tables": {"team": [{"name": junk}]}}
    assert "table team, row 1" in refused(target, document)


def test_huge_numbers_and_lone_surrogates(tmp_path: Path, small_document: dict[str, Any]) -> None:
    document = copy.deepcopy(small_document)
    document["tables"]["key_result"][0]["position"] = 10**30
    document["tables"]["key_result"][0]["weight"] = 10**400
    document["tables"]["team"][0]["mission"] = "\ud800"
    with Plan.create(tmp_path / "blank.okrplan") as plan:
        message = refused(plan, document)
    assert "field position: is too large a number" in message
    assert "field weight: is too large a number" in message
    assert "field mission: contains an invalid character" in message


def test_missing_file_is_a_file_import_error(target: Plan, tmp_path: Path) -> None:
    with pytest.raises(FileImportError, match="cannot be read"):
        import_json(target, tmp_path / "absent.json")


# ---- fuzzing ---------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


def attempt(plan: Plan, document: Any) -> None:
    """Import ``document``: a clean import (taken back by undo) or a JsonImportError; the
    plan must be exactly as before either way."""
    before = contents(plan)
    try:
        summary = import_document(plan, document)
    except JsonImportError:
        pass
    else:
        plan.revert(summary.edit)
    assert contents(plan) == before


fuzz = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@fuzz
@given(document=json_values)
def test_random_json_values(target: Plan, document: Any) -> None:
    attempt(target, document)


@fuzz
@given(tables=st.dictionaries(st.sampled_from(["team", "stage", "period", "x"]), json_values))
def test_random_tables(target: Plan, tables: dict[str, Any]) -> None:
    attempt(target, {"format": "okr-planner", "version": 1, "tables": tables})


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += paths(inner, (*prefix, index))
    return found


@fuzz
@given(data=st.data())
def test_mutated_exports(target: Plan, small_document: dict[str, Any], data: st.DataObject) -> None:
    document = copy.deepcopy(small_document)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths(document)[1:]))
        *parents, last = path
        container: Any = document
        for step in parents:
            container = container[step]
        action = data.draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if action == "replace":
            container[last] = data.draw(json_values)
        elif action == "delete":
            del container[last]
        elif isinstance(container, list):
            container.append(copy.deepcopy(container[last]))
    attempt(target, json.loads(json.dumps(document)))
