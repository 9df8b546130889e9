"""What the workshop shows of one team: its objectives and key results as large rich text."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from planner.domain.progress import format_progress
from planner.services.okr_tree import ObjectiveNode
from planner.services.records import StageRecord, TeamRecord
from planner.ui.okr.formatting import measure_text, progress_text, value_text

# Dark text on white, and one strong accent, so a projector in a bright room keeps it legible.
INK = "#111111"
MUTED = "#3d4451"
ACCENT = "#0b3d91"
SELECTED_BACKGROUND = "#e3ecfb"
PAGE = "#ffffff"

# Sizes relative to the app's font: at least twice it, so a room can read them.
BODY_SCALE = 2.6
WINDOW_STYLE = (
    f"#workshop {{ background: {PAGE}; }} QLabel {{ color: {INK}; }}"
    f" QScrollArea, #workshopContent {{ background: {PAGE}; border: none; }}"
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("workshop", text)


@dataclass(frozen=True)
class Stop:
    """One team on the workshop's walk through the funnel."""

    stage: StageRecord
    stage_number: int
    team: TeamRecord


def funnel_stops(stages: list[StageRecord], teams: list[TeamRecord]) -> list[Stop]:
    """Every team in funnel order: stage by stage, each stage's teams in their order."""
    stops: list[Stop] = []
    for number, stage in enumerate(stages, start=1):
        stops.extend(Stop(stage, number, team) for team in teams if team.stage_id == stage.id)
    return stops


def objective_html(number: int, node: ObjectiveNode) -> str:
    progress = "—" if node.progress is None else format_progress(node.progress)
    lines = [
        f"<table width='100%' cellspacing='0' cellpadding='2'><tr>"
        f"<td><b>{number}. {escape(node.record.title)}</b></td>"
        f"<td align='right' style='color:{ACCENT}'><b>{escape(progress)}</b></td></tr>"
    ]
    if not node.key_results:
        empty = escape(_tr("No key results yet — press K to add one"))
        lines.append(f"<tr><td colspan='2' style='color:{MUTED}'>&nbsp;&nbsp;{empty}</td></tr>")
    for result in node.key_results:
        record = result.record
        now = value_text(record, result.status.current)
        measure = f"{measure_text(record)} · {_tr('now')} {now}"
        lines.append(
            f"<tr><td style='color:{INK}'>&nbsp;&nbsp;•&nbsp;{escape(record.title)}"
            f"<br><span style='color:{MUTED}'>&nbsp;&nbsp;&nbsp;&nbsp;{escape(measure)}</span></td>"
            f"<td align='right' valign='top'>{escape(progress_text(result.status.progress))}</td>"
            f"</tr>"
        )
    lines.append("</table>")
    return "".join(lines)


class ObjectiveCard(QFrame):
    """One objective with its key results; the selected one (where K adds) is outlined."""

    def __init__(self, number: int, node: ObjectiveNode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("objectiveCard")
        self.node = node
        self.label = QLabel(objective_html(number, node), self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        # Set here, not inherited: a widget with its own style sheet starts from the app's font.
        self.label.setFont(font_scaled(BODY_SCALE))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.addWidget(self.label)
        self.set_selected(False)

    def set_selected(self, selected: bool) -> None:
        if selected:
            style = (
                f"#objectiveCard {{ background: {SELECTED_BACKGROUND};"
                f" border-left: 10px solid {ACCENT}; }}"
            )
            self.setToolTip(_tr("Selected: K adds a key result here (↑ and ↓ choose another)"))
        else:
            style = (
                "#objectiveCard { background: transparent; border-left: 10px solid transparent; }"
            )
            self.setToolTip("")
        self.setStyleSheet(style)


def font_scaled(scale: float, bold: bool = False) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    return font


class CaptureLine(QLineEdit):
    """The inline line for quick capture: Enter submits, Escape cancels."""

    submitted = Signal(str)
    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit(self.text())
        elif event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)
