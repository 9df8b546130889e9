"""Where the app's bundled files (fonts, icons) are, in a source tree and in a built app."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    # A PyInstaller build unpacks data beside the program and names the folder in _MEIPASS.
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def font_files() -> list[Path]:
    """The bundled fonts: registered at start so text (on screen and in PDFs) never depends on
    what the machine has installed."""
    folder = resource("fonts")
    return sorted([*folder.glob("*.otf"), *folder.glob("*.ttf")])
