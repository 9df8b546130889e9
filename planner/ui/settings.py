"""The app's own settings, typed, over QSettings.

Only how the app looks and what it opened last lives here; plan data never does (it belongs in
the plan file, which travels with the plan). Every key and its default is declared once below.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Key:
    name: str
    default: Any


WINDOW_GEOMETRY = Key("window/geometry", QByteArray())
WINDOW_STATE = Key("window/state", QByteArray())
RECENT_FILES = Key("files/recent", [])
LAST_PLAN = Key("files/last_plan", "")
THEME = Key("appearance/theme", "system")

ThemeChoice = Literal["system", "light", "dark"]
THEME_CHOICES: tuple[ThemeChoice, ...] = ("system", "light", "dark")

MAX_RECENT_FILES = 8


class Settings:
    """Typed access to the app's QSettings.

    Built without a store it uses the application's native settings, so the organisation and
    application names must be set on the QApplication first; tests and the smoke run pass a
    throwaway INI file instead (:meth:`at`).
    """

    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings()

    @classmethod
    def at(cls, path: Path) -> Settings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    # ---- window ---------------------------------------------------------------------------

    @property
    def window_geometry(self) -> QByteArray:
        return self._bytes(WINDOW_GEOMETRY)

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._store.setValue(WINDOW_GEOMETRY.name, value)

    @property
    def window_state(self) -> QByteArray:
        return self._bytes(WINDOW_STATE)

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue(WINDOW_STATE.name, value)

    # ---- appearance -----------------------------------------------------------------------

    @property
    def theme(self) -> ThemeChoice:
        """The chosen look; "system" (also for anything unknown) follows the platform's."""
        raw = self._store.value(THEME.name, THEME.default)
        return raw if raw in THEME_CHOICES else "system"

    @theme.setter
    def theme(self, value: ThemeChoice) -> None:
        if value not in THEME_CHOICES:
            raise ValueError(f"unknown theme {value!r}: choose one of {', '.join(THEME_CHOICES)}")
        self._store.setValue(THEME.name, value)

    # ---- files ----------------------------------------------------------------------------

    @property
    def recent_files(self) -> list[Path]:
        """Most recent first, at most MAX_RECENT_FILES."""
        raw = self._store.value(RECENT_FILES.name, RECENT_FILES.default)
        # An INI file gives a lone string back for a one-item list, and None for an empty one.
        items = (
            [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list | tuple) else []
        )
        # Only absolute paths: anything else in a hand-edited file is not a plan we opened.
        paths = (Path(str(item)) for item in items if isinstance(item, str) and item)
        return [path for path in paths if path.is_absolute()][:MAX_RECENT_FILES]

    def add_recent_file(self, path: Path) -> None:
        path = _real(path)
        others = [item for item in self.recent_files if _real(item) != path]
        self._set_recent([path, *others])

    def remove_recent_file(self, path: Path) -> None:
        path = _real(path)
        self._set_recent([item for item in self.recent_files if _real(item) != path])

    def clear_recent_files(self) -> None:
        self._set_recent([])

    def _set_recent(self, paths: list[Path]) -> None:
        self._store.setValue(RECENT_FILES.name, [str(item) for item in paths[:MAX_RECENT_FILES]])

    @property
    def last_plan(self) -> Path | None:
        raw = self._store.value(LAST_PLAN.name, LAST_PLAN.default)
        return Path(str(raw)) if raw else None

    @last_plan.setter
    def last_plan(self, path: Path | None) -> None:
        self._store.setValue(LAST_PLAN.name, str(Path(path).absolute()) if path else "")

    def sync(self) -> None:
        self._store.sync()

    def _bytes(self, key: Key) -> QByteArray:
        raw = self._store.value(key.name, key.default)
        return raw if isinstance(raw, QByteArray) else QByteArray(key.default)


def _real(path: Path) -> Path:
    """One spelling per file ("plans/../q3.okrplan", a linked folder), so it is listed once."""
    return Path(os.path.realpath(path))
