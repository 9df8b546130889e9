"""File ▸ Import… and File ▸ Export…: the preview, row errors, one undoable step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from planner.io import export_plan
from planner.ui import import_dialog
from planner.ui.document import PlanDocument
from planner.ui.import_dialog import ImportDialog, export_plan_as, open_import, prepare_import

HEADER = "Team,Stage,Objective,Key result,Start,Target,Current,Unit\n"
GOOD = HEADER + (
    "Reach,Acquisition,Be found by freelancers,Grow organic visits,1000,5000,,visits\n"
    "Reach,Acquisition,Be found by freelancers,Rank for 'time tracking',40,5,,place\n"
)
BAD = HEADER + (
    "Reach,Acquisition,Be found by freelancers,Grow organic visits,abc,5000,,visits\n"
    "Reach,Acquisition,Be found by freelancers,Rank for 'time tracking',40,5,,place\n"
)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[ImportDialog]:
    """Dialogs open_import showed; each is answered by clicking Import when it can."""
    seen: list[ImportDialog] = []

    def run(dialog: ImportDialog) -> bool:
        seen.append(dialog)
        if dialog.import_button.isEnabled():
            dialog.import_button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(import_dialog, "run_dialog", run)
    return seen


def choose(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> None:
    monkeypatch.setattr(import_dialog, "ask_import_path", lambda *_args: path)


def cell(table: Any, row: int, column: int) -> str:
    return table.item(row, column).text()


def test_preview_shows_what_each_row_will_do(
    qtbot: Any, document: PlanDocument, tmp_path: Path
) -> None:
    source = tmp_path / "okrs.csv"
    source.write_text(GOOD, encoding="utf-8")
    dialog = ImportDialog(document, prepare_import(document, source))
    qtbot.addWidget(dialog)
    assert "2 key results" in dialog.summary.text()
    assert dialog.row_actions.rowCount() == 2
    assert [cell(dialog.row_actions, r, 0) for r in range(2)] == ["2", "3"]
    assert cell(dialog.row_actions, 0, 1) == "Create"
    assert cell(dialog.row_actions, 0, 2) == "Grow organic visits"
    assert dialog.errors.isHidden()
    assert dialog.import_button.isEnabled()


def test_a_bad_sheet_lists_row_errors_and_cannot_be_imported(
    qtbot: Any, document: PlanDocument, tmp_path: Path
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(BAD, encoding="utf-8")
    dialog = ImportDialog(document, prepare_import(document, source))
    qtbot.addWidget(dialog)
    assert not dialog.errors.isHidden()
    assert dialog.errors.rowCount() == 1
    assert (cell(dialog.errors, 0, 0), cell(dialog.errors, 0, 1)) == ("2", "Start")
    assert "abc" in cell(dialog.errors, 0, 2)
    assert not dialog.import_button.isEnabled()
    assert "Fix these rows and import again; nothing was imported" in dialog.message.text()


def test_importing_is_one_undoable_step(
    monkeypatch: pytest.MonkeyPatch,
    document: PlanDocument,
    tmp_path: Path,
    shown: list[ImportDialog],
) -> None:
    source = tmp_path / "okrs.csv"
    source.write_text(GOOD, encoding="utf-8")
    choose(monkeypatch, source)
    before = {r.title for r in document.plan.key_results.list()}
    assert open_import(None, document)
    after = {r.title for r in document.plan.key_results.list()}
    assert after - before == {"Grow organic visits", "Rank for 'time tracking'"}
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert {r.title for r in document.plan.key_results.list()} == before
    assert not [o for o in document.plan.objectives.list() if o.title == "Be found by freelancers"]


def test_a_bad_sheet_imports_nothing(
    monkeypatch: pytest.MonkeyPatch,
    document: PlanDocument,
    tmp_path: Path,
    shown: list[ImportDialog],
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(BAD, encoding="utf-8")
    choose(monkeypatch, source)
    assert not open_import(None, document)
    assert len(shown) == 1
    assert document.undo_stack.count() == 0


def test_cancelling_the_file_question_does_nothing(
    monkeypatch: pytest.MonkeyPatch, document: PlanDocument, shown: list[ImportDialog]
) -> None:
    choose(monkeypatch, None)
    assert not open_import(None, document)
    assert shown == []


def test_a_json_export_of_the_plan_itself_has_nothing_to_import(
    qtbot: Any, document: PlanDocument, tmp_path: Path
) -> None:
    out = tmp_path / "plan.json"
    export_plan(document.plan, out)
    dialog = ImportDialog(document, prepare_import(document, out))
    qtbot.addWidget(dialog)
    assert "Would import" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert "Nothing to import" in dialog.message.text()


def test_a_broken_json_file_is_explained(
    qtbot: Any, document: PlanDocument, tmp_path: Path
) -> None:
    source = tmp_path / "broken.json"
    source.write_text("{not json", encoding="utf-8")
    dialog = ImportDialog(document, prepare_import(document, source))
    qtbot.addWidget(dialog)
    assert "not valid JSON" in cell(dialog.errors, 0, 2)
    assert not dialog.import_button.isEnabled()


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx", ".md"])
def test_export_writes_the_chosen_format(
    monkeypatch: pytest.MonkeyPatch, document: PlanDocument, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"out{suffix}"
    monkeypatch.setattr(import_dialog, "ask_export_path", lambda *_args: out)
    message = export_plan_as(None, document)
    assert message is not None and out.name in message
    assert out.stat().st_size > 0


def test_export_failure_is_reported(
    monkeypatch: pytest.MonkeyPatch, document: PlanDocument, tmp_path: Path, dialogs: Any
) -> None:
    out = tmp_path / "out.txt"
    monkeypatch.setattr(import_dialog, "ask_export_path", lambda *_args: out)
    assert export_plan_as(None, document) is None
    assert len(dialogs.errors) == 1
