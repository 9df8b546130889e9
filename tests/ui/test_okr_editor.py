"""The OKR editor: what a leader sees in the tree, and what each edit leaves in the plan file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QPoint, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QDialog, QLineEdit, QMenu, QPushButton

from planner import resources
from planner.domain.progress import format_progress
from planner.services.records import TeamRecord
from planner.ui.document import PlanDocument
from planner.ui.okr import OkrEditor, modal
from planner.ui.okr.check_in import CheckInDialog
from planner.ui.okr.editor_model import OkrEditorModel as M
from planner.ui.okr.row_editors import MeasureEditor, ObjectiveEditor

DEMO = "Reduce time from sign-up to live demo from 24 h to 1 h"
SHARE = "Increase the share of new users who track today's hours from 20 % to 60 %"
TOUR = "Ship the guided first-timer tour"
ONBOARDING = "Improve the onboarding experience"


@dataclass
class FakeModal:
    """Stands in for every exec(): records what was shown and answers with ``answer``."""

    dialogs: list[QDialog] = field(default_factory=list)
    menus: list[list[str]] = field(default_factory=list)  # each menu's action texts
    answer: Callable[[Any], int] | None = None

    def run_dialog(self, dialog: QDialog) -> int:
        self.dialogs.append(dialog)
        return self.answer(dialog) if self.answer else QDialog.DialogCode.Rejected

    def run_menu(self, menu: QMenu, _position: QPoint) -> None:
        self.menus.append([a.text() for a in menu.actions() if not a.isSeparator()])


@pytest.fixture(autouse=True)
def modals(monkeypatch: pytest.MonkeyPatch) -> FakeModal:
    fake = FakeModal()
    monkeypatch.setattr(modal, "run_dialog", fake.run_dialog)
    monkeypatch.setattr(modal, "run_menu", fake.run_menu)
    return fake


@pytest.fixture
def first_hour(document: PlanDocument) -> TeamRecord:
    return next(t for t in document.plan.teams.list() if t.name == "First Hour")


@pytest.fixture
def editor(qtbot: Any, document: PlanDocument, first_hour: TeamRecord) -> OkrEditor:
    widget = OkrEditor()
    qtbot.addWidget(widget)
    widget.resize(1280, 600)
    widget.set_document(document)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_owner(first_hour.id)
    return widget


def find(editor: OkrEditor, title: str, column: int = M.TITLE) -> QModelIndex:
    model = editor.model
    for row, objective in enumerate(model.rows()):
        if objective.record.title == title:
            return model.index(row, column)
        for child, result in enumerate(objective.key_results):
            if result.record.title == title:
                return model.index(child, column, model.index(row, 0))
    raise AssertionError(f"{title!r} is not in the tree")


def key_result(document: PlanDocument, title: str) -> Any:
    return next(k for k in document.plan.key_results.list() if k.title == title)


def shown_titles(editor: OkrEditor) -> list[list[str]]:
    model = editor.model
    return [
        [model.index(row, 0).data()]
        + [
            model.index(c, 0, model.index(row, 0)).data()
            for c in range(model.rowCount(model.index(row, 0)))
        ]
        for row in range(model.rowCount())
    ]


def open_editor(qtbot: Any, editor: OkrEditor, index: QModelIndex, kind: type) -> Any:
    editor.view.setFocus()
    editor.view.setCurrentIndex(index)
    qtbot.keyClick(editor.view, Qt.Key.Key_F2)
    widget = editor.view.findChild(kind)
    assert widget is not None and widget.isVisible()
    return widget


def commit(qtbot: Any, field_widget: QLineEdit) -> None:
    qtbot.keyClick(field_widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor_open(field_widget))
    qtbot.wait(1)  # the queued update


def editor_open(field_widget: QLineEdit) -> bool:
    try:
        return field_widget.isVisible()
    except RuntimeError:  # deleted with its editor
        return False


def show_modal(qtbot: Any, dialog: QDialog) -> None:
    with qtbot.waitExposed(dialog):
        dialog.show()


def click(qtbot: Any, dialog: QDialog, text: str) -> None:
    """Click a dialog's button by its text (keys would go to the window behind: a dialog
    shown inside a key event does not become the active window offscreen)."""
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_model_passes_the_model_tester(qtmodeltester: Any, editor: OkrEditor):
    qtmodeltester.check(editor.model)
    qtmodeltester.check(editor.model, force_py=True)


def test_shows_the_team_objectives_with_every_figure(editor: OkrEditor, document: PlanDocument):
    assert shown_titles(editor) == [[ONBOARDING, DEMO, SHARE, TOUR]]
    assert find(editor, DEMO, M.OWNER).data() == "Jonas Weber"
    assert find(editor, DEMO, M.MEASURE).data() == "24 → 1 h"
    assert find(editor, SHARE, M.MEASURE).data() == "20 → 60 %"
    assert find(editor, TOUR, M.MEASURE).data() == "Milestone"
    node = find(editor, DEMO).data(M.NodeRole)
    assert find(editor, DEMO, M.PROGRESS).data() == format_progress(node.status.progress.clamped)
    assert find(editor, DEMO, M.GRADE).data() == f"{node.grade:.1f}"
    assert node.band.value in find(editor, DEMO, M.GRADE).data(Qt.ItemDataRole.ToolTipRole)
    assert "elapsed" in find(editor, DEMO, M.ON_TRACK).data(Qt.ItemDataRole.ToolTipRole)


def test_a_check_in_of_6_shows_78_percent_and_updates_every_roll_up(
    qtbot: Any, editor: OkrEditor, document: PlanDocument, first_hour: TeamRecord, modals: FakeModal
):
    def check_in_6(dialog: CheckInDialog) -> int:
        show_modal(qtbot, dialog)
        qtbot.keyClicks(dialog.value, "6")
        assert dialog.preview.text() == "Progress with this value: 78 %"
        click(qtbot, dialog, "Check In")
        return dialog.result()

    modals.answer = check_in_6
    result = key_result(document, DEMO)
    count = len(document.plan.check_ins.list(key_result_id=result.id))
    team_before = document.progress().team(first_hour.id)
    editor.view.setFocus()
    editor.view.setCurrentIndex(find(editor, DEMO))
    qtbot.keyClick(editor.view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)

    assert len(modals.dialogs) == 1
    stored = document.plan.check_ins.list(key_result_id=result.id)[-1]
    assert (stored.value, stored.on_date, stored.confidence) == (6.0, document.today(), 7)
    assert find(editor, DEMO, M.PROGRESS).data() == "78 %"
    progress = document.progress()
    objective = find(editor, ONBOARDING).data(M.IdRole)
    assert find(editor, ONBOARDING, M.PROGRESS).data() == format_progress(
        progress.objectives[objective]
    )
    team_after = progress.team(first_hour.id)
    assert team_after is not None and team_before is not None and team_after > team_before
    assert f"progress {format_progress(team_after)}" in editor.summary.text()
    document.undo_stack.undo()
    assert len(document.plan.check_ins.list(key_result_id=result.id)) == count
    assert find(editor, DEMO, M.PROGRESS).data() != "78 %"


def test_a_check_in_repaints_its_key_result_and_objective_rows_only(
    editor: OkrEditor, document: PlanDocument
):
    announced: list[tuple[str, int, int]] = []

    def note(top: QModelIndex, bottom: QModelIndex, _roles: object = None) -> None:
        parent = top.parent()
        level = "objective" if not parent.isValid() else f"in {parent.data()}"
        announced.append((level, top.row(), bottom.row()))

    editor.model.dataChanged.connect(note)
    demo = find(editor, DEMO)
    assert document.push(
        document.plan.check_ins.create(key_result(document, DEMO).id, document.today(), 6.0, 7)
    )
    # The objective's roll-up and the key result changed; its siblings (the tour) did not.
    assert announced == [("objective", 0, 0), (f"in {ONBOARDING}", demo.row(), demo.row())]
    assert find(editor, DEMO, M.PROGRESS).data() == "78 %"


def test_a_longer_value_widens_its_column_and_a_shorter_one_keeps_it(
    editor: OkrEditor, document: PlanDocument
):
    result = key_result(document, DEMO)
    view = editor.view

    def fits(column: int) -> bool:
        index = find(editor, DEMO, column)
        return view.sizeHintForIndex(index).width() <= view.columnWidth(column)

    assert document.push(
        document.plan.check_ins.create(result.id, document.today(), 123456789.5, 7)
    )
    assert find(editor, DEMO, M.CURRENT).data().startswith("123,456,789.5")
    assert fits(M.CURRENT) and fits(M.PROGRESS)
    wide = view.columnWidth(M.CURRENT)
    assert document.push(document.plan.check_ins.create(result.id, document.today(), 6.0, 7))
    assert view.columnWidth(M.CURRENT) == wide  # no jumping back and forth


def test_each_team_s_columns_are_as_wide_as_their_contents_need(
    editor: OkrEditor, document: PlanDocument, monkeypatch: pytest.MonkeyPatch
):
    """Fitted from the widest cells alone, the columns come out as Qt's own fitting to
    contents (which asks every cell) makes them, for every team of the sample; on a team
    with more rows than looks, far fewer cells are asked."""
    view = editor.view
    first_hour = next(t for t in document.plan.teams.list() if t.name == "First Hour")
    objective = next(
        o
        for o in document.plan.objectives.list(period_id=document.period_id)
        if o.team_id == first_hour.id
    )
    for n in range(4):  # the sample's teams have 2-4 rows: First Hour gets 8
        assert document.push(
            document.plan.key_results.create(objective.id, f"Extra {n}", "increase", 0, 10 + n)
        )
    asked: list[int] = []
    for delegate in (editor.delegate, editor.progress_delegate):
        measure = delegate.sizeHint
        monkeypatch.setattr(
            delegate,
            "sizeHint",
            lambda option, index, measure=measure: asked.append(1) or measure(option, index),
        )
    for team in document.plan.teams.list():
        asked.clear()
        editor.set_owner(team.id)
        rows = sum(1 + len(o.key_results) for o in editor.model.rows())
        fitted = [view.columnWidth(column) for column in range(M.COLUMNS)]
        if team.id == first_hour.id:
            assert rows == 8
            assert len(asked) <= (M.COLUMNS - 1) * 3, team.name  # a few looks, not 42 cells
        view.expandAll()
        for column in range(1, M.COLUMNS):
            view.resizeColumnToContents(column)
        assert [view.columnWidth(column) for column in range(1, M.COLUMNS)] == fitted[1:], team.name


def cut_short(editor: OkrEditor) -> list[tuple[int, str]]:
    """The figure cells (column, text) that need more width than their column has."""
    view, model = editor.view, editor.model
    cells = []
    for row, objective in enumerate(model.rows()):
        parent = model.index(row, 0)
        cells += [model.index(row, column) for column in range(1, M.COLUMNS)]
        cells += [
            model.index(child, column, parent)
            for child in range(len(objective.key_results))
            for column in range(1, M.COLUMNS)
        ]
    return [
        (index.column(), str(index.data()))
        for index in cells
        if view.sizeHintForIndex(index).width() > view.columnWidth(index.column())
    ]


REACH_SIGN_UPS = "Grow weekly trial sign-ups from 400 to 900"


def in_the_app_font(editor: OkrEditor) -> None:
    """The editor in the app's bundled font, whose digits differ in width ("1" is narrow):
    texts of one length can differ in width, as on every machine the app runs on."""
    for file in resources.font_files():
        QFontDatabase.addApplicationFont(str(file))
    font = QFont(editor.font())
    font.setFamilies(["Inter"])
    editor.setFont(font)
    assert QFontInfo(editor.font()).family() == "Inter"


@pytest.mark.parametrize(
    "values",
    [
        [425.0],  # "425 sign-ups": as many characters as "610 sign-ups", and wider
        [950.0, 300.0],  # over-achieved, then regressed: the bracketed strip grows
    ],
)
def test_no_figure_is_cut_short_after_check_ins(
    editor: OkrEditor, document: PlanDocument, values: list[float]
):
    in_the_app_font(editor)
    reach = next(t for t in document.plan.teams.list() if t.name == "Reach")
    editor.set_owner(reach.id)
    assert cut_short(editor) == []
    result = key_result(document, REACH_SIGN_UPS)
    for value in values:
        assert document.push(document.plan.check_ins.create(result.id, document.today(), value, 7))
        assert cut_short(editor) == [], value


def test_no_owner_is_cut_short_after_a_rename_of_the_same_length(
    editor: OkrEditor, document: PlanDocument
):
    in_the_app_font(editor)
    reach = next(t for t in document.plan.teams.list() if t.name == "Reach")
    editor.set_owner(reach.id)
    hannah = next(p for p in document.plan.people.list() if p.name == "Hannah Kim")
    assert document.push(document.plan.people.update(hannah.id, name="Mohamed Wu"))
    assert find(editor, REACH_SIGN_UPS, M.OWNER).data() == "Mohamed Wu"
    assert cut_short(editor) == []


def test_a_larger_font_refits_the_team_on_show(qtbot: Any, editor: OkrEditor):
    assert cut_short(editor) == []
    font = QFont(editor.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    editor.setFont(font)
    assert cut_short(editor) == []


def test_over_achievement_shows_the_raw_percentage(editor: OkrEditor, document: PlanDocument):
    result = key_result(document, SHARE)
    document.attempt(lambda: document.plan.check_ins.create(result.id, document.today(), 68, 8))
    assert find(editor, SHARE, M.PROGRESS).data() == "100 % (120 %)"
    assert find(editor, SHARE, M.GRADE).data() == "1.0"
    assert "past the target" in find(editor, SHARE, M.PROGRESS).data(Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        (QLocale.Language.English, 520, "100 % (1,250 %)"),
        (QLocale.Language.English, -480, "0 % (-1,250 %)"),
        (QLocale.Language.German, 520, "100 % (1.250 %)"),
    ],
)
def test_a_raw_percentage_in_the_thousands_is_grouped_as_the_locale_groups_it(
    editor: OkrEditor,
    document: PlanDocument,
    language: QLocale.Language,
    value: float,
    shown: str,
):
    saved = QLocale()
    QLocale.setDefault(QLocale(language))
    try:
        result = key_result(document, SHARE)  # from 20 % to 60 %: 520 is 1,250 % of the way
        document.attempt(
            lambda: document.plan.check_ins.create(result.id, document.today(), value, 8)
        )
        cell = find(editor, SHARE, M.PROGRESS)
        assert cell.data() == shown
        raw = shown[shown.index("(") + 1 : -1]
        assert cell.data(Qt.ItemDataRole.ToolTipRole).startswith(raw), "the tooltip says it alike"
    finally:
        QLocale.setDefault(saved)


def test_an_inline_edit_of_the_target_is_stored_and_undone(
    qtbot: Any, editor: OkrEditor, document: PlanDocument
):
    measure = open_editor(qtbot, editor, find(editor, DEMO, M.MEASURE), MeasureEditor)
    assert measure.target.text() == "1"
    measure.target.selectAll()
    qtbot.keyClicks(measure.target, "2")
    commit(qtbot, measure.target)

    assert key_result(document, DEMO).target_value == 2.0
    assert find(editor, DEMO, M.MEASURE).data() == "24 → 2 h"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert key_result(document, DEMO).target_value == 1.0
    assert find(editor, DEMO, M.MEASURE).data() == "24 → 1 h"


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        ("24", "abc", "Target: 'abc' is not a number"),
        ("5", "5", "Target: equals the start (5); a key result must aim to change it"),
    ],
)
def test_bad_values_are_refused_inline_and_nothing_is_stored(
    qtbot: Any, editor: OkrEditor, document: PlanDocument, start: str, target: str, message: str
):
    errors: list[str] = []
    document.error.connect(errors.append)
    before = key_result(document, DEMO)
    measure = open_editor(qtbot, editor, find(editor, DEMO, M.MEASURE), MeasureEditor)
    measure.start.setText(start)
    measure.target.setText(target)
    commit(qtbot, measure.target)

    qtbot.waitUntil(lambda: editor.message.isVisible())
    assert editor.message.text() == message
    assert errors == []  # shown once, inline: no second message box from the window
    assert key_result(document, DEMO) == before
    assert document.undo_stack.count() == 0


def test_a_decimal_comma_is_read_under_a_german_locale(
    qtbot: Any, editor: OkrEditor, document: PlanDocument
):
    saved = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German))
    try:
        measure = open_editor(qtbot, editor, find(editor, SHARE, M.MEASURE), MeasureEditor)
        measure.start.setText("12,5")
        commit(qtbot, measure.target)
        assert key_result(document, SHARE).start_value == 12.5
        assert find(editor, SHARE, M.MEASURE).data() == "12,5 → 60 %"
        assert not editor.message.isVisible()
    finally:
        QLocale.setDefault(saved)


def test_insert_adds_a_key_result_and_opens_its_title(
    qtbot: Any, editor: OkrEditor, document: PlanDocument
):
    editor.view.setFocus()
    editor.view.setCurrentIndex(find(editor, ONBOARDING))
    qtbot.keyClick(editor.view, Qt.Key.Key_Insert)

    assert shown_titles(editor)[0][-1] == "New key result"
    title = editor.view.findChild(QLineEdit, "titleEdit")
    assert title is not None and title.isVisible() and title.hasFocus()
    qtbot.keyClicks(title, "Halve drop-off in step 2")
    commit(qtbot, title)
    assert shown_titles(editor)[0][-1] == "Halve drop-off in step 2"
    objective = find(editor, ONBOARDING).data(M.IdRole)
    assert document.plan.key_results.list(objective_id=objective)[-1].title == (
        "Halve drop-off in step 2"
    )
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert shown_titles(editor) == [[ONBOARDING, DEMO, SHARE, TOUR]]


def test_ctrl_insert_adds_an_objective(qtbot: Any, editor: OkrEditor, document: PlanDocument):
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    assert [row[0] for row in shown_titles(editor)] == [ONBOARDING, "New objective"]
    assert editor.view.findChild(ObjectiveEditor) is not None


def test_delete_asks_only_when_check_ins_go_and_undo_restores(
    qtbot: Any, editor: OkrEditor, document: PlanDocument, dialogs: Any
):
    result = key_result(document, DEMO)
    check_ins = len(document.plan.check_ins.list(key_result_id=result.id))
    editor.view.setFocus()
    editor.view.setCurrentIndex(find(editor, DEMO))
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert len(dialogs.questions) == 1 and "check-in" in dialogs.questions[0][1]
    assert DEMO in shown_titles(editor)[0]  # the answer was no

    dialogs.yes = True
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert DEMO not in shown_titles(editor)[0]
    assert editor.current() == ("key_result", key_result(document, SHARE).id)
    document.undo_stack.undo()
    assert shown_titles(editor) == [[ONBOARDING, DEMO, SHARE, TOUR]]
    assert len(document.plan.check_ins.list(key_result_id=result.id)) == check_ins


def test_a_key_result_without_check_ins_is_deleted_without_a_question(
    qtbot: Any, editor: OkrEditor, document: PlanDocument, dialogs: Any
):
    editor.select("objective", find(editor, ONBOARDING).data(M.IdRole))
    editor.commands.add_key_result()
    qtbot.keyClick(editor.view.findChild(QLineEdit, "titleEdit"), Qt.Key.Key_Escape)
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert dialogs.questions == []
    assert shown_titles(editor) == [[ONBOARDING, DEMO, SHARE, TOUR]]


def test_ctrl_down_and_drag_reorder_within_the_objective(
    qtbot: Any, editor: OkrEditor, document: PlanDocument
):
    objective = find(editor, ONBOARDING).data(M.IdRole)

    def stored() -> list[str]:
        return [k.title for k in document.plan.key_results.list(objective_id=objective)]

    editor.view.setFocus()
    editor.view.setCurrentIndex(find(editor, DEMO))
    qtbot.keyClick(editor.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert stored() == [SHARE, DEMO, TOUR]
    assert shown_titles(editor) == [[ONBOARDING, SHARE, DEMO, TOUR]]
    assert editor.current()[1] == key_result(document, DEMO).id
    document.undo_stack.undo()
    assert stored() == [DEMO, SHARE, TOUR]

    model = editor.model
    data = model.mimeData([find(editor, DEMO)])
    parent = find(editor, ONBOARDING)
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, parent)
    assert stored() == [SHARE, TOUR, DEMO]
