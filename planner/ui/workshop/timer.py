"""The countdown for time-boxed rounds: a model that counts seconds and a label that shows it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

DEFAULT_SECONDS = 10 * 60
MINUTE = 60
MAX_SECONDS = 99 * 60 + 59  # what mm:ss can show

# Colours chosen for contrast on the workshop's white page, also from the back of a room.
AMBER = "#8a4b00"
AMBER_BACKGROUND = "#ffe7b3"
RED = "#ffffff"
RED_BACKGROUND = "#b00020"
CALM = "#111111"
CALM_BACKGROUND = "#eef0f3"


class Countdown(QObject):
    """Seconds left in a round; :meth:`tick` takes one away (a QTimer calls it each second
    while running; tests call it directly). Stops by itself at 0."""

    changed = Signal()

    def __init__(self, seconds: int = DEFAULT_SECONDS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.length = seconds
        self.remaining = seconds
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    @property
    def finished(self) -> bool:
        return self.remaining == 0

    @property
    def last_minute(self) -> bool:
        return 0 < self.remaining <= MINUTE

    def toggle(self) -> None:
        """Start, or pause; starting at 0 starts a fresh round."""
        if self.running:
            self._timer.stop()
        else:
            if self.finished:
                self.remaining = self.length
            self._timer.start()
        self.changed.emit()

    def tick(self) -> None:
        if self.remaining > 0:
            self.remaining -= 1
        if self.remaining == 0:
            self._timer.stop()
        self.changed.emit()

    def add_minute(self) -> None:
        self.remaining = min(self.remaining + MINUTE, MAX_SECONDS)
        self.changed.emit()

    def remove_minute(self) -> None:
        self.remaining = max(self.remaining - MINUTE, 0)
        if self.remaining == 0:
            self._timer.stop()
        self.changed.emit()

    def reset(self) -> None:
        self._timer.stop()
        self.remaining = self.length
        self.changed.emit()

    def text(self) -> str:
        minutes, seconds = divmod(self.remaining, MINUTE)
        return f"{minutes:02d}:{seconds:02d}"


class CountdownLabel(QLabel):
    """mm:ss in large type; amber in the last minute, red with "Time is up" at 0."""

    def __init__(self, countdown: Countdown, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshopTimer")
        self.countdown = countdown
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setToolTip(
            self.tr("T starts or pauses, + and − add or take a minute, R resets the round")
        )
        countdown.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        countdown = self.countdown
        if countdown.finished:
            text, colour, background = self.tr("Time is up"), RED, RED_BACKGROUND
        else:
            text = countdown.text()
            if not countdown.running:
                text = self.tr("{time} paused").format(time=text)
            if countdown.last_minute:
                colour, background = AMBER, AMBER_BACKGROUND
            else:
                colour, background = CALM, CALM_BACKGROUND
        self.setText(text)
        self.setAccessibleName(self.tr("Round timer: {text}").format(text=text))
        self.setStyleSheet(
            f"#workshopTimer {{ color: {colour}; background: {background};"
            " border-radius: 12px; padding: 8px 24px; font-weight: bold; }"
        )
