"""The health panel: what the plan's health rules found, failures first, each one clickable."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QIcon, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QStyle,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.health import Finding, Severity
from planner.services import health
from planner.services.plan import Changes
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.tree_model import AnyIndex, TwoLevelModel
from planner.ui.widgets import ROW_PADDING, Hint, RoomyDelegate, row_height, scaled_font

# Failures first: they break a rule the plan must keep; warnings are worth a look.
SEVERITIES = (Severity.FAILURE, Severity.WARNING)
# Up to this many findings the list scrolls by pixel; beyond, by finding (see _scroll_to_suit).
PIXEL_SCROLL_LIMIT = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate("HealthPanel", text)


def subject_name(subject: str) -> str:
    """A finding's subject kind as a person reads it."""
    names = {
        "team": _tr("Team"),
        "stage": _tr("Stage"),
        "person": _tr("Person"),
        "interaction": _tr("Team interaction"),
        "objective": _tr("Objective"),
        "key result": _tr("Key result"),
        "note": _tr("Attribution note"),
    }
    return names.get(subject, subject.capitalize())


def finding_text(finding: Finding) -> str:
    """The finding as one sentence: the services word messages to follow the subject's name
    ("Daily Habit" + "has no Data skills")."""
    if finding.subject in ("team", "stage", "person"):
        return _tr("{name} {message}").format(name=finding.subject_name, message=finding.message)
    # Titles of objectives, key results and notes read as sentences themselves: name the kind
    # and quote the title so the message does not run into it.
    return _tr("{kind} “{name}” {message}").format(
        kind=subject_name(finding.subject), name=finding.subject_name, message=finding.message
    )


def count_text(failures: int, warnings: int) -> str:
    if not failures and not warnings:
        return _tr("All healthy")
    parts = []
    if failures:
        parts.append(_tr("1 failure") if failures == 1 else _tr("{n} failures").format(n=failures))
    if warnings:
        parts.append(_tr("1 warning") if warnings == 1 else _tr("{n} warnings").format(n=warnings))
    return ", ".join(parts)


def severity_icon(severity: Severity) -> QIcon:
    # The style's own icons differ in shape (a cross, a triangle), not only in colour.
    pixmap = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if severity is Severity.FAILURE
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    style = QApplication.style()
    key = (style.name(), severity)
    icon = _ICONS.get(key)
    if icon is None:  # asked for every row painted: the style is asked once
        icon = _ICONS[key] = style.standardIcon(pixmap)
    return icon


_ICONS: dict[tuple[str, Severity], QIcon] = {}


class HealthModel(TwoLevelModel):
    """Severity groups ("Failures (3)", "Warnings (1)") → their findings, in one column."""

    KindRole = Qt.ItemDataRole.UserRole + 1  # "group" or the finding's subject ("team", …)
    IdRole = Qt.ItemDataRole.UserRole + 2  # the subject's uuid.UUID (None for a group)
    SeverityRole = Qt.ItemDataRole.UserRole + 3  # Severity
    FindingRole = Qt.ItemDataRole.UserRole + 4  # the Finding itself

    GROUP = "group"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: tuple[tuple[Severity, tuple[Finding, ...]], ...] = ()

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Group by severity, failures first; within a group the service's order (stages,
        teams, people, then OKRs, then notes) is kept.

        The same findings again (most edits change none) leave the view as it is: a reset
        would measure every row again, and lose the person's place in the list."""
        groups = tuple(
            (severity, group)
            for severity in SEVERITIES
            if (group := tuple(f for f in findings if f.severity == severity))
        )
        if groups == self._groups:
            return
        self.beginResetModel()
        self._groups = groups
        self.endResetModel()

    def findings(self) -> list[Finding]:
        return [finding for _, group in self._groups for finding in group]

    def counts(self) -> tuple[int, int]:
        sizes = dict((severity, len(group)) for severity, group in self._groups)
        return sizes.get(Severity.FAILURE, 0), sizes.get(Severity.WARNING, 0)

    def top_count(self) -> int:
        return len(self._groups)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if self.is_top(index):
            return Qt.ItemFlag.ItemIsEnabled  # a group heading is a label, not a choice
        return super().flags(index)

    def child_count(self, top_row: int) -> int:
        return len(self._groups[top_row][1])

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if self.is_top(index):
            severity, group = self._groups[index.row()]
            return self._group_data(severity, len(group), role)
        severity, group = self._groups[self.top_row_of(index)]
        finding = group[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return finding_text(finding)
        if role == Qt.ItemDataRole.DecorationRole:
            return severity_icon(severity)
        if role == Qt.ItemDataRole.ToolTipRole:
            mark = _tr("Failure") if severity is Severity.FAILURE else _tr("Warning")
            return _tr(
                "{mark} · {kind} {name}: {message}\nClick or press Enter to show it."
            ).format(
                mark=mark,
                kind=subject_name(finding.subject).lower(),
                name=finding.subject_name,
                message=finding.message,
            )
        if role == self.KindRole:
            return finding.subject
        if role == self.IdRole:
            return finding.subject_id
        if role == self.SeverityRole:
            return severity
        if role == self.FindingRole:
            return finding
        return None

    def _group_data(self, severity: Severity, count: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if severity is Severity.FAILURE:
                return _tr("Failures ({count})").format(count=count)
            return _tr("Warnings ({count})").format(count=count)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if severity is Severity.FAILURE:
                return _tr("Failures break a rule the plan should keep")
            return _tr("Warnings are worth a look but may be fine")
        if role == self.KindRole:
            return self.GROUP
        if role == self.SeverityRole:
            return severity
        return None


class FindingDelegate(RoomyDelegate):
    """Rows as tall as their wrapped text at the view's width, so a long key result title
    reads in full instead of ending in "…".

    A large plan has thousands of findings, and the view asks every row's height whenever it
    lays out: heights are measured from the text alone and kept per text and width.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple[str, int], int] = {}
        self._font_key = ""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        view = option.widget
        if not isinstance(view, QAbstractItemView) or not index.parent().isValid():
            return super().sizeHint(option, index)  # a group heading: one line
        font_key = view.font().key()
        if font_key != self._font_key or len(self._heights) > 50_000:
            self._heights.clear()
            self._font_key = font_key
        style = view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        width = view.viewport().width() - 2 * margin
        width -= option.decorationSize.width() + 2 * margin  # every finding has its icon
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        key = (text, width)
        height = self._heights.get(key)
        if height is None:
            bounds = view.fontMetrics().boundingRect(
                QRect(0, 0, max(width, 40), 100_000), int(Qt.TextFlag.TextWordWrap), text
            )
            height = max(row_height(view), bounds.height() + 2 * ROW_PADDING)
            self._heights[key] = height
        return QSize(max(width, 40), height)


class HealthPanel(QWidget):
    """The health report of the plan in the period on show, kept current as the plan changes.

    ``navigate(kind, id)``: the person chose a finding; kind is its subject ("team", "stage",
    "person", "interaction", "objective", "key result", "note") and id the subject's id.
    """

    navigate = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthPanel")
        self._document: PlanDocument | None = None
        self._stale = False
        # A burst of changes (an undo of a batch, a paste) recomputes the report once, after
        # the burst: every change restarts this zero-delay timer.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)

        self.summary = QLabel()
        self.summary.setObjectName("healthSummary")
        self.summary.setFont(scaled_font(self, 1.1, bold=True))
        self.summary.setWordWrap(True)
        self.detail = Hint()

        self.model = HealthModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("healthFindings")
        self.view.setModel(self.model)
        self.view.setItemDelegate(FindingDelegate(self.view))
        self.view.setHeaderHidden(True)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        # No indentation: the findings' icons line up under the bold group headings.
        self.view.setIndentation(0)
        self.view.setWordWrap(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._scroll_to_suit(0)
        self.view.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.clicked.connect(self.open_finding)
        self.view.installEventFilter(self)
        self.model.modelReset.connect(self.view.expandAll)

        self.healthy = Hint()
        self.healthy.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.healthy)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.summary)
        layout.addWidget(self.detail)
        layout.addSpacing(4)
        layout.addWidget(self.stack, 1)
        self._show_state()

    # ---- the document ---------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(
            self._document, document, self._on_changed, self._on_period_changed
        )
        self._timer.stop()
        self._stale = False
        self.refresh()

    def _on_changed(self, _changes: Changes) -> None:
        # Every table feeds some rule (people, OKRs, check-ins, notes): any change may matter.
        self.schedule_refresh()

    def _on_period_changed(self, _period_id: object) -> None:
        self.schedule_refresh()

    def schedule_refresh(self) -> None:
        self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.schedule_refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        document = self._document
        self._timer.stop()
        if document is None:
            self.model.set_findings([])
            self._show_state()
            return
        if not self.isVisible():
            # A closed dock: check the plan again only when it is shown.
            self._stale = True
            return
        self._stale = False
        current = self._current_key()
        findings = health.health_report(
            document.plan, document.period_id, document.today(), document.progress()
        )
        if findings:
            # The list at its real width before it is filled: hidden in the stack it keeps a
            # default width, and every finding's height would be measured at that first, then
            # again at the real one (thousands of wrapped texts in a large plan).
            self.stack.setCurrentWidget(self.view)
            self.view.resize(self.stack.size())
        # By finding before a long list is shown, by pixel only once a long one is gone: the
        # switch measures the rows the model holds at that moment.
        if len(findings) > PIXEL_SCROLL_LIMIT:
            self._scroll_to_suit(len(findings))
        self.model.set_findings(findings)
        self._scroll_to_suit(len(findings))
        self._show_state()
        self._restore_current(current)

    def _scroll_to_suit(self, count: int) -> None:
        """Scroll by pixel through a short list, by finding through a long one.

        Scrolling by pixel needs the height of every row, each measured from its wrapped
        text: nothing for a few hundred findings, most of a second for the thousands of a
        large plan. Scrolling by finding measures only the rows in sight."""
        mode = (
            QAbstractItemView.ScrollMode.ScrollPerPixel
            if count <= PIXEL_SCROLL_LIMIT
            else QAbstractItemView.ScrollMode.ScrollPerItem
        )
        if self.view.verticalScrollMode() != mode:
            self.view.setVerticalScrollMode(mode)

    def _show_state(self) -> None:
        document = self._document
        failures, warnings = self.model.counts()
        if document is None:
            self.summary.setText(self.tr("No plan open"))
            self.detail.setText(self.tr("Open a plan to check its health."))
            self.detail.show()
            self.stack.setCurrentWidget(self.healthy)
            self.healthy.setText("")
            return
        self.summary.setText(count_text(failures, warnings))
        period = document.period()
        if failures or warnings:
            self.detail.setText(self.tr("Click a finding, or press Enter on it, to go there."))
            self.stack.setCurrentWidget(self.view)
        else:
            self.detail.setText(
                self.tr("Every rule holds for the teams, people and OKRs of {period}.").format(
                    period=period.name
                )
                if period
                else self.tr("Every rule holds for the teams and people of this plan.")
            )
            self.healthy.setText(self.tr("Nothing needs your attention."))
            self.stack.setCurrentWidget(self.healthy)

    # ---- choosing a finding ---------------------------------------------------------------

    def open_finding(self, index: QModelIndex) -> None:
        kind = index.data(HealthModel.KindRole)
        if index.isValid() and kind not in (None, HealthModel.GROUP):
            self.navigate.emit(kind, index.data(HealthModel.IdRole))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter on a finding goes there, as a click does (the view's "activated" would also
        # fire on a double-click, going there twice).
        if watched is self.view and event.type() == QEvent.Type.Resize:
            # Wrapped findings need their heights measured again at the new width.
            self.view.scheduleDelayedItemsLayout()
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_finding(self.view.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _current_key(self) -> tuple[str, uuid.UUID | None, str] | None:
        finding = self.view.currentIndex().data(HealthModel.FindingRole)
        if not isinstance(finding, Finding):
            return None
        return finding.rule, finding.subject_id, finding.message

    def _restore_current(self, key: tuple[str, uuid.UUID | None, str] | None) -> None:
        if key is None:
            return
        for top in range(self.model.rowCount()):
            parent = self.model.index(top, 0)
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                finding = index.data(HealthModel.FindingRole)
                if (finding.rule, finding.subject_id, finding.message) == key:
                    self.view.setCurrentIndex(index)
                    return
