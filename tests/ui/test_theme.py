"""The look: light and dark palettes, "system" following the platform, the Preferences window,
the app icon, and the theme setting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QToolTip,
)

from planner import resources
from planner.ui import preferences, theme
from planner.ui.main_window import MainWindow
from planner.ui.progress_delegate import BAND_COLOURS
from planner.ui.settings import Settings
from tests.ui.conftest import OFFSCREEN_NOISE

Role = QPalette.ColorRole

# Text and the background it is drawn on, in every palette.
TEXT_PAIRS = [
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.WindowText, Role.Window),
    (Role.ButtonText, Role.Button),
    (Role.PlaceholderText, Role.Base),
    (Role.PlaceholderText, Role.Window),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.Link, Role.Base),
    (Role.Link, Role.Window),
]
PALETTES = {"light": theme.light_palette, "dark": theme.dark_palette}


def luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The test's application, given back with the palette, style and scheme it had."""
    palette, tooltip_palette = QPalette(qapp.palette()), QPalette(QToolTip.palette())
    style = qapp.style().name()
    yield qapp
    found = theme.controller(qapp)
    if found is not None:  # gone for good, so it follows the platform no more
        found.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "unsetColorScheme"):
        hints.unsetColorScheme()
    qapp.setPalette(palette)
    QToolTip.setPalette(tooltip_palette)
    if isinstance(qapp.style(), theme.PlannerStyle):
        qapp.setStyle(style)


# ---- palettes -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PALETTES)
@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_is_legible(qapp: QApplication, name: str, text: Role, background: Role):
    palette = PALETTES[name]()
    assert contrast(palette.color(text), palette.color(background)) >= 4.5


def test_dark_means_dark_backgrounds_and_light_text(qapp: QApplication):
    dark, light = theme.dark_palette(), theme.light_palette()
    for background, text in ((Role.Window, Role.WindowText), (Role.Base, Role.Text)):
        assert luminance(dark.color(background)) < luminance(dark.color(text))
        assert luminance(light.color(background)) > luminance(light.color(text))
    assert luminance(dark.color(Role.Window)) < luminance(light.color(Role.Window))


@pytest.mark.parametrize("name", PALETTES)
def test_progress_grade_colours_show_on_both_palettes(qapp: QApplication, name: str):
    palette = PALETTES[name]()
    for colour in BAND_COLOURS.values():
        for background in (Role.Base, Role.AlternateBase):
            # The bar sits beside its percentage: its colour adds to the text, so 2:1 reads.
            assert contrast(colour, palette.color(background)) >= 2.0
    # The empty part of a bar (Mid at low alpha) must still differ from the row.
    assert palette.color(Role.Mid) != palette.color(Role.Base)


@pytest.mark.parametrize("name", PALETTES)
def test_disabled_text_is_fainter(qapp: QApplication, name: str):
    palette = PALETTES[name]()
    disabled = QPalette.ColorGroup.Disabled
    active = QPalette.ColorGroup.Active
    assert contrast(palette.color(disabled, Role.Text), palette.color(disabled, Role.Base)) < (
        contrast(palette.color(active, Role.Text), palette.color(active, Role.Base))
    )


def test_is_dark():
    assert theme.is_dark(theme.dark_palette())
    assert not theme.is_dark(theme.light_palette())


@pytest.mark.parametrize("name", PALETTES)
@pytest.mark.parametrize("checked", [False, True])
def test_radio_buttons_show_on_both_palettes(
    app: QApplication, qtbot: Any, name: str, checked: bool
):
    """The empty circle of a radio button differs clearly from the window behind it."""
    theme.install(app, name)  # type: ignore[arg-type]
    button = QRadioButton("Choice")
    qtbot.addWidget(button)
    button.setChecked(checked)
    button.resize(button.sizeHint())
    image = button.grab().toImage()
    window = theme.palette_for(name).color(Role.Window)
    indicator = app.style().subElementRect(
        QStyle.SubElement.SE_RadioButtonIndicator, _option(button), button
    )
    strongest = max(
        contrast(image.pixelColor(x, y), window)
        for x in range(indicator.left(), indicator.right() + 1)
        for y in range(indicator.top(), indicator.bottom() + 1)
    )
    assert strongest >= 2.0


@pytest.mark.parametrize("name", PALETTES)
def test_text_fields_show_their_edge_on_both_palettes(app: QApplication, qtbot: Any, name: str):
    theme.install(app, name)  # type: ignore[arg-type]
    field = QLineEdit("text")
    qtbot.addWidget(field)
    field.resize(120, field.sizeHint().height())
    image = field.grab().toImage()
    window = theme.palette_for(name).color(Role.Window)
    middle = image.height() // 2
    edge = max(contrast(image.pixelColor(x, middle), window) for x in range(3))
    assert edge >= 1.5


def _option(button: QRadioButton) -> QStyleOptionButton:
    option = QStyleOptionButton()
    option.initFrom(button)
    return option


# ---- applying and following the platform ----------------------------------------------------


def test_install_uses_fusion_and_applies_the_palette(app: QApplication):
    controller = theme.install(app, "dark")
    assert isinstance(app.style(), theme.PlannerStyle)
    assert app.style().baseStyle().name().casefold() == "fusion"
    assert controller.scheme == "dark"
    assert app.palette().color(Role.Window) == theme.dark_palette().color(Role.Window)
    assert QToolTip.palette().color(Role.ToolTipBase) == QColor(
        theme.DARK_COLOURS[Role.ToolTipBase]
    )
    assert theme.install(app, "light") is controller  # one controller per app
    assert app.palette().color(Role.Base) == QColor(theme.LIGHT_COLOURS[Role.Base])


def test_live_widgets_get_the_new_palette(app: QApplication, qtbot: Any, settings: Settings):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    theme.install(app, "light")
    app.processEvents()  # Qt posts the palette change to each widget
    assert window.palette().color(Role.Window) == QColor(theme.LIGHT_COLOURS[Role.Window])
    theme.install(app, "dark")
    app.processEvents()
    assert window.palette().color(Role.Window) == QColor(theme.DARK_COLOURS[Role.Window])
    assert window.navigator.palette().color(Role.Base) == QColor(theme.DARK_COLOURS[Role.Base])


def test_system_follows_the_platform_live(app: QApplication, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(theme, "system_scheme", lambda: "light")
    controller = theme.install(app, "system")
    assert controller.scheme == "light"
    seen: list[str] = []
    controller.applied.connect(seen.append)

    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert controller.scheme == "dark"
    assert app.palette().color(Role.Window) == QColor(theme.DARK_COLOURS[Role.Window])
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert controller.scheme == "light"
    assert seen == ["dark", "light"]


def test_a_fixed_choice_ignores_the_platform(app: QApplication):
    controller = theme.install(app, "light")
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert controller.scheme == "light"
    assert app.palette().color(Role.Window) == QColor(theme.LIGHT_COLOURS[Role.Window])


def test_effective_scheme():
    assert theme.effective_scheme("light", "dark") == "light"
    assert theme.effective_scheme("dark", "light") == "dark"
    assert theme.effective_scheme("system", "dark") == "dark"
    assert theme.effective_scheme("system", "light") == "light"


def test_an_unknown_choice_is_refused(app: QApplication):
    controller = theme.install(app, "light")
    with pytest.raises(ValueError, match="unknown theme"):
        controller.set_choice("purple")  # type: ignore[arg-type]


# ---- the setting ----------------------------------------------------------------------------


def test_theme_setting_defaults_to_system_and_round_trips(tmp_path: Path):
    settings = Settings.at(tmp_path / "s.ini")
    assert settings.theme == "system"
    settings.theme = "dark"
    settings.sync()
    assert Settings.at(tmp_path / "s.ini").theme == "dark"
    with pytest.raises(ValueError):
        settings.theme = "neon"  # type: ignore[assignment]


def test_an_unknown_stored_theme_reads_as_system(tmp_path: Path):
    (tmp_path / "s.ini").write_text("[appearance]\ntheme=neon\n")
    assert Settings.at(tmp_path / "s.ini").theme == "system"


# ---- the Preferences window -----------------------------------------------------------------


@pytest.fixture
def dialog(app: QApplication, qtbot: Any, settings: Settings) -> preferences.PreferencesDialog:
    settings.theme = "light"
    controller = theme.install(app, settings.theme)
    shown = preferences.PreferencesDialog(settings, controller)
    qtbot.addWidget(shown)
    return shown


def test_the_dialog_shows_the_stored_choice(dialog: preferences.PreferencesDialog):
    assert dialog.choice == "light"
    assert dialog.buttons["light"].isChecked()
    assert [b.text().replace("&", "") for b in dialog.buttons.values()] == [
        "System",
        "Light",
        "Dark",
    ]
    assert all(button.toolTip() for button in dialog.buttons.values())


@pytest.mark.parametrize("choice", ["dark", "light", "system"])
def test_choosing_stores_and_applies_at_once(
    app: QApplication,
    dialog: preferences.PreferencesDialog,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    choice: Any,
):
    monkeypatch.setattr(theme, "system_scheme", lambda: "dark")
    if choice == "light":
        dialog.choose("dark")  # start elsewhere, so choosing light is a change
    dialog.choose(choice)
    assert settings.theme == choice
    expected = "light" if choice == "light" else "dark"
    assert dialog.controller.scheme == expected
    assert app.palette().color(Role.Window) == theme.palette_for(expected).color(Role.Window)


def test_clicking_a_radio_button_applies(
    app: QApplication, dialog: preferences.PreferencesDialog, settings: Settings, qtbot: Any
):
    dialog.show()
    qtbot.waitExposed(dialog)
    button = dialog.buttons["dark"]
    # On its indicator: a radio button takes clicks on its circle and label, not on the
    # empty width the layout gives it.
    indicator = QPoint(8, button.height() // 2)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=indicator)
    assert settings.theme == "dark"
    assert dialog.controller.scheme == "dark"


# The offscreen test platform cannot raise a window; show_preferences asks it to.
@pytest.mark.qt_log_ignore("This plugin does not support raise", OFFSCREEN_NOISE)
def test_show_preferences_opens_one_window_without_blocking(
    app: QApplication, qtbot: Any, settings: Settings
):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    first = preferences.show_preferences(window, settings)
    assert first.isVisible() and not first.isModal()
    assert preferences.show_preferences(window, settings) is first
    assert theme.controller(app) is first.controller
    first.close()


def test_the_edit_menu_opens_preferences(
    app: QApplication, qtbot: Any, settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    calls: list[tuple[object, Settings]] = []
    monkeypatch.setattr(
        preferences, "show_preferences", lambda parent, s: calls.append((parent, s))
    )
    window = MainWindow(settings)
    qtbot.addWidget(window)
    action = window.commands.preferences_action
    edit_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Edit"
    )
    assert action in edit_menu.actions()
    assert action.menuRole() == action.MenuRole.PreferencesRole
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Preferences)
    assert action.statusTip() and action.toolTip()
    action.trigger()
    assert calls == [(window, settings)]


# ---- the icon -------------------------------------------------------------------------------


def test_the_app_icon_has_every_size_for_high_dpi(qapp: QApplication):
    icon = theme.application_icon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert sizes == set(theme.ICON_SIZES)
    # A 16 px spot on a 2x screen takes the 32 px image, not a blown-up 16.
    assert icon.pixmap(QSize(16, 16), 2.0).size() == QSize(32, 32)


def test_the_icon_files_are_rendered_from_the_svg():
    folder = resources.resource("icons")
    assert (folder / "okr-planner.svg").exists()
    for size in theme.ICON_SIZES:
        assert (folder / f"okr-planner-{size}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    ico = (folder / "okr-planner.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"  # ICONDIR: reserved, type 1 (icon)
    assert int.from_bytes(ico[4:6], "little") == 6
