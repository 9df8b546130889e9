"""File ▸ Merge Plan…: two copies of one plan, the same key result changed on both sides."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from planner.domain.values import KeyResultKind
from planner.services.plan import Plan
from planner.ui import merge_dialog
from planner.ui.document import PlanDocument
from planner.ui.merge_dialog import MergeDialog, open_merge


@pytest.fixture
def other(document: PlanDocument, sample_path: Path, tmp_path: Path) -> tuple[Path, Any]:
    """A copy of the plan where one key result's target became 777 (here: 555)."""
    copy = tmp_path / "theirs.okrplan"
    shutil.copyfile(sample_path, copy)
    result = next(
        r
        for r in document.plan.key_results.list()
        if r.kind is KeyResultKind.INCREASE and r.start_value is not None and r.start_value < 500
    )
    theirs = Plan.open(copy)
    try:
        theirs.apply(theirs.key_results.update(result.id, target_value=777))
    finally:
        theirs.close()
    assert document.attempt(lambda: document.plan.key_results.update(result.id, target_value=555))
    return copy, result


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[MergeDialog]:
    """Dialogs shown; each takes "All theirs", then Merge."""
    seen: list[MergeDialog] = []

    def run(dialog: MergeDialog) -> bool:
        seen.append(dialog)
        dialog.all_theirs.click()
        dialog.merge_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(merge_dialog, "run_dialog", run)
    return seen


def test_the_conflict_is_listed_and_theirs_applies_their_value(
    monkeypatch: pytest.MonkeyPatch,
    document: PlanDocument,
    other: tuple[Path, Any],
    shown: list[MergeDialog],
) -> None:
    path, result = other
    monkeypatch.setattr(merge_dialog, "ask_merge_path", lambda *_args: path)
    steps = document.undo_stack.count()
    assert open_merge(None, document)
    dialog = shown[0]
    assert dialog.table.rowCount() == 1
    texts = [dialog.table.item(0, c).text() for c in range(4)]
    assert result.title in texts[0]
    assert texts[1:] == ["Target value", "555", "777"]
    assert document.plan.key_results.get(result.id).target_value == 777
    assert document.undo_stack.count() == steps + 1
    document.undo_stack.undo()
    assert document.plan.key_results.get(result.id).target_value == 555


def test_mine_is_the_default_choice(
    qtbot: Any, document: PlanDocument, other: tuple[Path, Any]
) -> None:
    path, result = other
    dialog = MergeDialog(document, merge_dialog.analyse_merge(document.plan, path))
    qtbot.addWidget(dialog)
    assert [c.currentText() for c in dialog.combos] == ["Mine"]
    dialog.all_theirs.click()
    dialog.all_mine.click()
    dialog.merge_button.click()
    assert document.plan.key_results.get(result.id).target_value == 555


def test_a_file_that_is_not_a_plan_is_refused_clearly(
    monkeypatch: pytest.MonkeyPatch,
    document: PlanDocument,
    tmp_path: Path,
    dialogs: Any,
    shown: list[MergeDialog],
) -> None:
    junk = tmp_path / "junk.okrplan"
    junk.write_text("not a plan", encoding="utf-8")
    monkeypatch.setattr(merge_dialog, "ask_merge_path", lambda *_args: junk)
    assert not open_merge(None, document)
    assert shown == []
    assert "Nothing was changed" in dialogs.error_texts[0]
    assert document.undo_stack.count() == 0


def test_merging_the_plan_with_itself_is_refused(
    monkeypatch: pytest.MonkeyPatch, document: PlanDocument, dialogs: Any
) -> None:
    monkeypatch.setattr(merge_dialog, "ask_merge_path", lambda *_args: document.plan.path)
    assert not open_merge(None, document)
    assert "that is the plan itself" in dialogs.error_texts[0]


def test_a_moved_key_result_shows_each_side_s_objective_by_title(
    qtbot: Any, document: PlanDocument, sample_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "theirs.okrplan"
    shutil.copyfile(sample_path, copy)
    result = document.plan.key_results.list()[0]
    here = document.plan.objectives.get(result.objective_id)
    there = next(o for o in document.plan.objectives.list() if o.id != here.id)
    with Plan.open(copy) as theirs:
        theirs.apply(theirs.key_results.update(result.id, objective_id=there.id))
    assert document.attempt(lambda: document.plan.key_results.update(result.id, weight=3))
    dialog = MergeDialog(document, merge_dialog.analyse_merge(document.plan, copy))
    qtbot.addWidget(dialog)
    table = dialog.table
    lines = [[table.item(r, c).text() for c in range(1, 4)] for r in range(table.rowCount())]
    assert [f"objective '{here.title}'", f"objective '{there.title}'"] in [
        line[1:] for line in lines if line[0] == "Objective"
    ]
    assert ["Weight", "3", "1"] in lines  # each value beside its field
