"""The app's look: the Fusion style with a light or a dark palette, and the app icon.

The person chooses "light", "dark" or "system" (Preferences); "system" follows the platform's
colour scheme (``QStyleHints.colorScheme()``) and switches live when it changes. Both palettes
are built here in code, so the app looks the same on every platform and desktop, and every
pair that carries text is legible (tests/ui/test_theme.py measures the contrast, including the
progress bars' grade colours against each palette's base). Fusion comes wrapped in
:class:`PlannerStyle`, which keeps the edges of fields and radio buttons visible when dark.

High DPI needs nothing here: Qt 6 always scales by the screen's factor. The app icon comes
in every rendered size, so 2x screens get sharp pixels rather than an upscaled small image.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QToolTip,
    QWidget,
)

from planner import resources
from planner.ui.settings import THEME_CHOICES, ThemeChoice

LIGHT = "light"
DARK = "dark"
SYSTEM = "system"
STYLE = "Fusion"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# Calm greys with a blue accent. Text pairs reach at least 4.5:1 (WCAG AA), the main text
# well above 7:1; the disabled text is meant to look faint. Mid is the empty part of progress
# bars and (dark) the edge of radio buttons: in the dark palette it is lighter than Button so
# that both show.
LIGHT_COLOURS: dict[QPalette.ColorRole, str] = {
    Role.Window: "#F3F4F6",
    Role.WindowText: "#1D2127",
    Role.Base: "#FFFFFF",
    Role.AlternateBase: "#F2F4F7",
    Role.Text: "#1D2127",
    Role.PlaceholderText: "#5C636D",
    Role.Button: "#E9ECF0",
    Role.ButtonText: "#1D2127",
    Role.BrightText: "#FFFFFF",
    Role.Light: "#FFFFFF",
    Role.Midlight: "#E1E4E9",
    Role.Mid: "#B4BAC3",
    Role.Dark: "#8A919B",
    Role.Shadow: "#4A5058",
    Role.Highlight: "#2D6DB5",
    Role.HighlightedText: "#FFFFFF",
    Role.Link: "#1F5FA6",
    Role.LinkVisited: "#6A45A8",
    Role.ToolTipBase: "#FFFFF2",
    Role.ToolTipText: "#1D2127",
}
LIGHT_DISABLED: dict[QPalette.ColorRole, str] = {
    Role.WindowText: "#9299A3",
    Role.Text: "#9299A3",
    Role.ButtonText: "#9299A3",
    Role.PlaceholderText: "#A9AEB6",
    Role.Base: "#F6F7F9",
    Role.Button: "#EEF0F3",
    Role.Highlight: "#B9C3CF",
    Role.HighlightedText: "#F6F7F9",
}

DARK_COLOURS: dict[QPalette.ColorRole, str] = {
    Role.Window: "#202328",
    Role.WindowText: "#E4E7EB",
    Role.Base: "#17191D",
    Role.AlternateBase: "#1E2126",
    Role.Text: "#E4E7EB",
    Role.PlaceholderText: "#A0A8B3",
    Role.Button: "#2C3037",
    Role.ButtonText: "#E4E7EB",
    Role.BrightText: "#FFFFFF",
    Role.Light: "#454B55",
    Role.Midlight: "#383D45",
    Role.Mid: "#6B727D",
    Role.Dark: "#121418",
    Role.Shadow: "#050607",
    Role.Highlight: "#3A77C0",
    Role.HighlightedText: "#FFFFFF",
    Role.Link: "#7EB4F2",
    Role.LinkVisited: "#BFA6F0",
    Role.ToolTipBase: "#2C3037",
    Role.ToolTipText: "#E4E7EB",
}
DARK_DISABLED: dict[QPalette.ColorRole, str] = {
    Role.WindowText: "#6E7580",
    Role.Text: "#6E7580",
    Role.ButtonText: "#6E7580",
    Role.PlaceholderText: "#5E646E",
    Role.Base: "#1C1F23",
    Role.Button: "#26292F",
    Role.Highlight: "#3A4048",
    Role.HighlightedText: "#8A919B",
}


def light_palette() -> QPalette:
    return _palette(LIGHT_COLOURS, LIGHT_DISABLED)


def dark_palette() -> QPalette:
    return _palette(DARK_COLOURS, DARK_DISABLED)


def palette_for(scheme: str) -> QPalette:
    """The palette of an effective scheme, "light" or "dark"."""
    return dark_palette() if scheme == DARK else light_palette()


def _palette(
    colours: dict[QPalette.ColorRole, str], disabled: dict[QPalette.ColorRole, str]
) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(Group.All, role, QColor(colour))
    # The accent (Qt 6.6+: checked boxes, the default button's frame, sliders) is the highlight.
    palette.setColor(Group.All, Role.Accent, QColor(colours[Role.Highlight]))
    for role, colour in disabled.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    palette.setColor(Group.Disabled, Role.Accent, QColor(disabled[Role.Highlight]))
    return palette


def system_scheme() -> str:
    """The platform's colour scheme as "light" or "dark"; light when the platform has none."""
    hints = QGuiApplication.styleHints()
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def effective_scheme(choice: str, platform_scheme: str | None = None) -> str:
    """What a choice of "system", "light" or "dark" shows: "light" or "dark"."""
    if choice in (LIGHT, DARK):
        return choice
    return platform_scheme if platform_scheme in (LIGHT, DARK) else system_scheme()


class ThemeController(QObject):
    """Applies the chosen theme to the application and follows the platform in "system".

    One per application (:func:`install` finds or makes it); a child of the application, so it
    lives as long as the app does.
    """

    OBJECT_NAME = "themeController"

    applied = Signal(str)
    """The effective scheme, "light" or "dark", each time a palette is applied."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(self.OBJECT_NAME)
        self._app = app
        self._choice: ThemeChoice = "system"
        self._scheme = LIGHT
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_platform_scheme)

    @property
    def choice(self) -> ThemeChoice:
        return self._choice

    @property
    def scheme(self) -> str:
        """The scheme shown now: "light" or "dark"."""
        return self._scheme

    def set_choice(self, choice: ThemeChoice) -> None:
        """Show ``choice`` now; "system" shows the platform's scheme and follows it."""
        if choice not in THEME_CHOICES:
            raise ValueError(f"unknown theme {choice!r}: choose one of {', '.join(THEME_CHOICES)}")
        self._choice = choice
        self._request_platform_scheme(choice)
        self._apply(effective_scheme(choice))

    def _on_platform_scheme(self, scheme: Qt.ColorScheme) -> None:
        if self._choice == SYSTEM:
            self._apply(DARK if scheme == Qt.ColorScheme.Dark else LIGHT)

    def _request_platform_scheme(self, choice: ThemeChoice) -> None:
        """Ask the platform (Qt 6.8+) for the same scheme, so title bars and native menus on
        Windows and macOS match; "system" gives the choice back to the platform."""
        hints = QGuiApplication.styleHints()
        if not hasattr(hints, "setColorScheme"):
            return
        if choice == SYSTEM:
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(Qt.ColorScheme.Dark if choice == DARK else Qt.ColorScheme.Light)

    def _apply(self, scheme: str) -> None:
        palette = palette_for(scheme)
        self._app.setPalette(palette)
        QToolTip.setPalette(palette)  # tooltips keep a palette of their own
        self._scheme = scheme
        self.applied.emit(scheme)


Element = QStyle.PrimitiveElement

# What PlannerStyle outlines again on a dark palette, and in which palette colour: the controls
# one clicks in Mid (a light grey there), the frames of fields, panels and menus in Light.
DARK_OUTLINES: dict[QStyle.PrimitiveElement, QPalette.ColorRole] = {
    Element.PE_IndicatorRadioButton: Role.Mid,
    Element.PE_IndicatorCheckBox: Role.Mid,
    Element.PE_FrameLineEdit: Role.Light,
    Element.PE_Frame: Role.Light,
    Element.PE_FrameMenu: Role.Light,
}


class PlannerStyle(QProxyStyle):
    """Fusion, with outlines that stay visible on a dark palette.

    Fusion draws the edges of radio buttons, check boxes, text fields, framed panels and menus
    in the window colour darkened: on a dark window that is as dark as what it surrounds, and
    an empty radio button or a text field without its edge vanishes. On a dark palette those
    edges are drawn again in a lighter palette colour (DARK_OUTLINES), on Fusion's geometry;
    a light palette keeps Fusion's own.
    """

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create(STYLE))
        self.setObjectName("plannerStyle")

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        role = DARK_OUTLINES.get(element)
        if role is None or not is_dark(option.palette):
            return
        state = option.state
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        if focused and (
            element == Element.PE_FrameLineEdit
            or state & QStyle.StateFlag.State_KeyboardFocusChange
        ):
            return  # Fusion's focus outline (the highlight colour) shows already
        rect = option.rect
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(option.palette.color(role)))
        if element == Element.PE_IndicatorRadioButton:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            radius = (rect.width() + (rect.width() + 1) % 2) / 2.0 - 1
            painter.drawEllipse(QPointF(rect.center()) + QPointF(1, 1), radius, radius)
        elif element in (Element.PE_IndicatorCheckBox, Element.PE_FrameLineEdit):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            box = QRectF(rect.adjusted(0, 0, -1, -1)).translated(0.5, 0.5)
            if element == Element.PE_FrameLineEdit:
                painter.drawRoundedRect(box, 2, 2)
            else:
                painter.drawRect(box)
        else:
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.restore()


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark window."""
    return palette.color(Role.Window).lightness() < palette.color(Role.WindowText).lightness()


def use_fusion_style(app: QApplication) -> None:
    """Fusion draws every widget from the palette, the same on every platform."""
    if not isinstance(app.style(), PlannerStyle):
        app.setStyle(PlannerStyle())


def controller(app: QApplication) -> ThemeController | None:
    """The application's theme controller, if :func:`install` made one."""
    return app.findChild(ThemeController, ThemeController.OBJECT_NAME)


def install(app: QApplication, choice: ThemeChoice) -> ThemeController:
    """Use the Fusion style and show ``choice``; returns the app's (one) controller."""
    use_fusion_style(app)
    found = controller(app)
    if found is None:
        found = ThemeController(app)
    found.set_choice(choice)
    return found


def application_icon() -> QIcon:
    """The app icon in every rendered size: Qt picks the one that fits each place and
    screen (a 16 px spot on a 2x screen gets the 32 px image)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resources.resource("icons", f"okr-planner-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    return icon
