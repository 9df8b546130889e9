"""Preferences: how the app looks. A choice applies at once and is remembered.

The window opens through :func:`show_preferences`, looked up on this module when called, so a
test can replace it (``monkeypatch.setattr(preferences, "show_preferences", fake)``). The dialog
is not modal: it never runs a nested event loop, and it can stay open beside the plan while the
person tries the themes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.ui import theme
from planner.ui.settings import THEME_CHOICES, Settings, ThemeChoice
from planner.ui.widgets import Hint


class PreferencesDialog(QDialog):
    """Theme: System, Light or Dark; applied live through the app's theme controller."""

    def __init__(
        self,
        settings: Settings,
        controller: theme.ThemeController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.settings = settings
        self.controller = controller

        labels: dict[ThemeChoice, tuple[str, str]] = {
            "system": (
                self.tr("&System"),
                self.tr("Follow the light or dark setting of your computer, also when it changes"),
            ),
            "light": (self.tr("&Light"), self.tr("Dark text on light backgrounds")),
            "dark": (self.tr("&Dark"), self.tr("Light text on dark backgrounds")),
        }
        self.buttons: dict[ThemeChoice, QRadioButton] = {}
        self.theme_group = QButtonGroup(self)
        box = QGroupBox(self.tr("Theme"), self)
        box_layout = QVBoxLayout(box)
        for choice in THEME_CHOICES:
            text, tip = labels[choice]
            button = QRadioButton(text, box)
            button.setObjectName(f"theme_{choice}")
            button.setToolTip(tip)
            button.setStatusTip(tip)
            self.buttons[choice] = button
            self.theme_group.addButton(button)
            box_layout.addWidget(button)
        self.buttons[settings.theme].setChecked(True)
        self.theme_group.buttonToggled.connect(self._on_toggled)

        note = Hint(self.tr("Changes apply at once and are kept for the next start."), self)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(360)

    @property
    def choice(self) -> ThemeChoice:
        for choice, button in self.buttons.items():
            if button.isChecked():
                return choice
        return "system"

    def choose(self, choice: ThemeChoice) -> None:
        """Pick ``choice`` as a click would (stored and applied at once)."""
        self.buttons[choice].setChecked(True)

    def _on_toggled(self, _button: object, checked: bool) -> None:
        if not checked:
            return  # the button losing its check; the one gaining it follows
        choice = self.choice
        self.settings.theme = choice
        self.settings.sync()
        self.controller.set_choice(choice)


def show_preferences(parent: QWidget | None, settings: Settings) -> PreferencesDialog:
    """Show the preferences window (the open one again, if there is one) and return it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "preferences need a running QApplication"
    existing = parent.findChild(PreferencesDialog) if parent is not None else None
    if existing is None:
        controller = theme.controller(app) or theme.install(app, settings.theme)
        existing = PreferencesDialog(settings, controller, parent)
        existing.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    existing.show()
    existing.raise_()
    existing.activateWindow()
    return existing
