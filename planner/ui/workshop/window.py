"""The workshop window: one team at a time, full screen, driven by the keyboard.

Keys: → / PageDown next team, ← / PageUp previous, Ctrl+→ / Ctrl+← the next / previous stage's
first team, ↑ / ↓ choose the objective key results go to, O new objective, K or Insert new key
result, T / + / − / R the round timer, Ctrl+Z / Ctrl+Shift+Z undo / redo, Esc or F11 leave.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.ui.document import PlanDocument
from planner.ui.theme import light_palette
from planner.ui.workshop.capture import add_key_result, add_objective
from planner.ui.workshop.keyline import EXAMPLE, FIELDS_EXAMPLE
from planner.ui.workshop.timer import Countdown, CountdownLabel
from planner.ui.workshop.view import (
    ACCENT,
    BODY_SCALE,
    INK,
    MUTED,
    WINDOW_STYLE,
    CaptureLine,
    ObjectiveCard,
    Stop,
    font_scaled,
    funnel_stops,
)

TEAM_SCALE = 4.0
STAGE_SCALE = 2.6
TIMER_SCALE = 3.4
HINT_SCALE = 2.0


def present(window: QWidget) -> None:
    """Show the window full screen; tests replace this (``window.show()``)."""
    window.showFullScreen()


def open_workshop(
    document: PlanDocument, team_id: uuid.UUID | None = None, parent: QWidget | None = None
) -> WorkshopWindow:
    """Build the workshop window on ``document`` (starting at ``team_id``) and present it."""
    window = WorkshopWindow(document, team_id, parent)
    present(window)
    window.activateWindow()
    window.setFocus()
    return window


class WorkshopWindow(QWidget):
    """Full-screen walk through the funnel's teams with quick capture and a round timer.

    ``closed`` is emitted when the person leaves (Esc, F11 or closing the window).
    """

    closed = Signal()

    def __init__(
        self,
        document: PlanDocument,
        team_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.document = document
        self.stops: list[Stop] = []
        self.index = 0
        self.selected = -1  # the objective K adds to; -1: the last one
        self.capturing = ""  # "objective", "key_result" or ""
        self.cards: list[ObjectiveCard] = []
        self.countdown = Countdown(parent=self)
        self.setObjectName("workshop")
        self.setWindowTitle(self.tr("Workshop — {plan}").format(plan=document.name))
        self.setPalette(light_palette())
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(WINDOW_STYLE)
        self._build()
        self._listening = True
        document.changed.connect(self._refresh)
        document.period_changed.connect(self._refresh)
        self._refresh()
        if team_id is not None:
            self.show_team(team_id)

    # ---- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.stage_label = QLabel(self)
        self.stage_label.setFont(font_scaled(STAGE_SCALE, bold=True))
        self.stage_label.setStyleSheet(f"color: {ACCENT};")
        self.timer_label = CountdownLabel(self.countdown, self)
        self.timer_label.setFont(font_scaled(TIMER_SCALE, bold=True))
        top = QHBoxLayout()
        top.addWidget(self.stage_label, 1)
        top.addWidget(self.timer_label, 0, Qt.AlignmentFlag.AlignTop)

        self.team_label = QLabel(self)
        self.team_label.setFont(font_scaled(TEAM_SCALE, bold=True))
        self.team_label.setWordWrap(True)
        self.mission_label = QLabel(self)
        self.mission_label.setFont(font_scaled(BODY_SCALE))
        self.mission_label.setWordWrap(True)
        self.mission_label.setStyleSheet(f"color: {MUTED};")
        # Names and missions are shown as typed, never read as markup.
        for label in (self.stage_label, self.team_label, self.mission_label):
            label.setTextFormat(Qt.TextFormat.PlainText)

        self.content = QWidget()
        self.content.setObjectName("workshopContent")
        self.content.setFont(font_scaled(BODY_SCALE))
        self.cards_layout = QVBoxLayout(self.content)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(16)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.content)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.capture = CaptureLine(self)
        self.capture.setFont(font_scaled(BODY_SCALE))
        self.capture.setStyleSheet(
            f"QLineEdit {{ color: {INK}; background: #ffffff; border: 4px solid {ACCENT};"
            " border-radius: 8px; padding: 8px 12px; }"
        )
        self.capture.submitted.connect(self._submit)
        self.capture.cancelled.connect(self.cancel_capture)
        self.capture.hide()
        self.message = QLabel(self)
        self.message.setObjectName("workshopMessage")
        self.message.setFont(font_scaled(HINT_SCALE, bold=True))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # may quote a typed title
        self.message.hide()
        self.hint = QLabel(self)
        self.hint.setFont(font_scaled(HINT_SCALE))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {MUTED}; border-top: 2px solid #c8ccd4; padding-top: 8px;")
        self.hint.setText(
            self.tr(
                "→ next team   ← previous   Ctrl+→ next stage   ↑↓ choose objective   "
                "O new objective   K new key result   T timer   Ctrl+Z undo   Esc leave"
            )
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(56, 36, 56, 28)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.team_label)
        layout.addWidget(self.mission_label)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.capture)
        layout.addWidget(self.message)
        layout.addWidget(self.hint)

    # ---- what is on show ------------------------------------------------------------------

    @property
    def stop(self) -> Stop | None:
        return self.stops[self.index] if self.stops else None

    @property
    def team_id(self) -> uuid.UUID | None:
        stop = self.stop
        return stop.team.id if stop is not None else None

    def show_team(self, team_id: uuid.UUID) -> None:
        for index, stop in enumerate(self.stops):
            if stop.team.id == team_id:
                self._go(index)
                return

    def _refresh(self, *_args: object) -> None:
        if self.document.closed:
            return
        current = self.team_id
        plan = self.document.plan
        self.stops = funnel_stops(plan.stages.list(), plan.teams.list())
        ids = [stop.team.id for stop in self.stops]
        self.index = ids.index(current) if current in ids else max(min(self.index, len(ids) - 1), 0)
        self._render()

    def _go(self, index: int) -> None:
        if not self.stops:
            return
        index = max(0, min(index, len(self.stops) - 1))
        if index != self.index:
            self.index = index
            self.selected = -1
            self.cancel_capture()
            self.show_message("")
        self._render()

    def _render(self) -> None:
        stop = self.stop
        period = self.document.period()
        if stop is None:
            self.stage_label.setText("")
            self.team_label.setText(self.tr("This plan has no teams yet"))
            self.mission_label.setText(self.tr("Add stages and teams, then come back."))
            self._set_cards([])
            return
        self.stage_label.setText(
            self.tr("{stage} · stage {number} · team {team} of {teams} · {period}").format(
                stage=stop.stage.name,
                number=stop.stage_number,
                team=self.index + 1,
                teams=len(self.stops),
                period=period.name if period else self.tr("no period"),
            )
        )
        self.team_label.setText(stop.team.name)
        self.mission_label.setText(stop.team.mission or self.tr("No mission written yet"))
        tree = self.document.okr_tree(stop.team.id)
        self._set_cards(list(tree.objectives) if tree is not None else [])

    def _set_cards(self, nodes: list) -> None:
        while self.cards_layout.count():
            item = self.cards_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.cards = [ObjectiveCard(n, node, self.content) for n, node in enumerate(nodes, 1)]
        for card in self.cards:
            self.cards_layout.addWidget(card)
        if not self.cards:
            empty = QLabel(self.tr("No objectives in this period yet — press O to add one"))
            empty.setStyleSheet(f"color: {MUTED};")
            self.cards_layout.addWidget(empty)
        self.cards_layout.addStretch(1)
        self._mark_selected()

    def selected_index(self) -> int | None:
        if not self.cards:
            return None
        return self.selected if 0 <= self.selected < len(self.cards) else len(self.cards) - 1

    def _mark_selected(self) -> None:
        chosen = self.selected_index()
        for index, card in enumerate(self.cards):
            card.set_selected(index == chosen)
        if chosen is not None:
            self.scroll_area.ensureWidgetVisible(self.cards[chosen])

    def _select(self, step: int) -> None:
        chosen = self.selected_index()
        if chosen is None:
            return
        self.selected = max(0, min(chosen + step, len(self.cards) - 1))
        self._mark_selected()

    def _jump_stage(self, step: int) -> None:
        stop = self.stop
        if stop is None:
            return
        number = stop.stage_number
        candidates = [i for i, s in enumerate(self.stops) if (s.stage_number - number) * step > 0]
        if not candidates:
            return
        nearest = min(candidates) if step > 0 else max(candidates)
        target = self.stops[nearest].stage.id
        self._go(next(i for i, s in enumerate(self.stops) if s.stage.id == target))

    # ---- quick capture --------------------------------------------------------------------

    def start_capture(self, what: str) -> None:
        if self.stop is None:
            return
        if self.document.period_id is None:
            self.show_message(self.tr("This plan has no period; add one before capturing OKRs"))
            return
        if what == "objective":
            hint = self.tr("New objective for {team}… (Enter adds it, Esc cancels)")
            self.capture.setPlaceholderText(hint.format(team=self.stop.team.name))
        else:
            chosen = self.selected_index()
            if chosen is None:
                self.show_message(self.tr("Add an objective first: press O"))
                return
            title = self.cards[chosen].node.record.title
            hint = self.tr("New key result for “{objective}”…  e.g. {example}  or  {fields}")
            self.capture.setPlaceholderText(
                hint.format(objective=title, example=EXAMPLE, fields=FIELDS_EXAMPLE)
            )
        self.capturing = what
        self.capture.clear()
        self.capture.show()
        self.capture.setFocus()
        self.show_message("")

    def cancel_capture(self) -> None:
        self.capturing = ""
        self.capture.clear()
        self.capture.hide()
        self.setFocus()

    def _submit(self, text: str) -> None:
        stop, period_id = self.stop, self.document.period_id
        if stop is None or period_id is None:
            self.cancel_capture()
            return
        if self.capturing == "objective":
            edit, message = add_objective(self.document, period_id, stop.team.id, text)
            if edit is None:
                self.show_message(message)
                return
            self.cancel_capture()
            self.selected = len(self.cards) - 1  # the new one is the team's last
            self._mark_selected()
            title = text.strip()
            self.show_message(self.tr("Added objective “{title}”").format(title=title), True)
            return
        chosen = self.selected_index()
        if chosen is None:
            self.cancel_capture()
            return
        line, message = add_key_result(self.document, self.cards[chosen].node.record.id, text)
        if line is None:
            self.show_message(message)
            return
        self.cancel_capture()
        self.selected = chosen
        self._mark_selected()
        self.show_message(self.tr("Added key result “{title}”").format(title=line.title), True)

    def _step_history(self, what: str, step: Callable[[], None], said: str) -> None:
        """Undo or redo, and say which edit, so the room sees what changed (and a message
        about the edit just undone does not stay up as if it still held)."""
        step()
        self.show_message(said.format(what=what) if what else "", True)

    def show_message(self, text: str, good: bool = False) -> None:
        colour = "#0a5d2c" if good else "#b00020"
        self.message.setStyleSheet(f"#workshopMessage {{ color: {colour}; }}")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ---- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._handle_key(event):
            event.accept()
        else:
            super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        stack = self.document.undo_stack
        if event.matches(QKeySequence.StandardKey.Redo) or (
            ctrl and mods & Qt.KeyboardModifier.ShiftModifier and key == Qt.Key.Key_Z
        ):
            self._step_history(_label(stack, stack.index()), stack.redo, self.tr("Redone: {what}"))
        elif event.matches(QKeySequence.StandardKey.Undo):
            self._step_history(
                _label(stack, stack.index() - 1), stack.undo, self.tr("Undone: {what}")
            )
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.close()
        elif key == Qt.Key.Key_Right and ctrl:
            self._jump_stage(1)
        elif key == Qt.Key.Key_Left and ctrl:
            self._jump_stage(-1)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self._go(self.index + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self._go(self.index - 1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._select(-1 if key == Qt.Key.Key_Up else 1)
        elif key == Qt.Key.Key_O:
            self.start_capture("objective")
        elif key in (Qt.Key.Key_K, Qt.Key.Key_Insert):
            self.start_capture("key_result")
        elif key == Qt.Key.Key_T:
            self.countdown.toggle()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.countdown.add_minute()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.countdown.remove_minute()
        elif key == Qt.Key.Key_R:
            self.countdown.reset()
        else:
            return False
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        self.countdown.reset()
        if self._listening:
            self._listening = False
            self.document.changed.disconnect(self._refresh)
            self.document.period_changed.disconnect(self._refresh)
        super().closeEvent(event)
        self.closed.emit()


def _label(stack: QUndoStack, index: int) -> str:
    """What the step at ``index`` did, as said in messages ("" when there is none): the
    stack's undoText() is written for menus, with any "&" doubled."""
    command = stack.command(index) if 0 <= index < stack.count() else None
    return command.text() if command is not None else ""
