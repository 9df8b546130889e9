"""Per-user folders of OKR Planner.

Every place the app writes outside the plan file the user chose is named here,
so that nothing else hard-codes an OS-specific location. The folders come from
platformdirs, which follows each platform's convention (XDG on Linux, including
the ``XDG_*_HOME`` variables the tests point at a temporary folder; Application
Support on macOS; AppData on Windows).

Each function creates its folder on first use, so callers can write into it
straight away. This module must not import Qt: the store and service layers use
it too.
"""

from __future__ import annotations

import getpass
import os
import sys
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "OKR Planner"
APP_AUTHOR = "OKR Planner"
SAMPLE_PLAN_FILENAME = "Sample plan.okrplan"


def _ensure(folder: str | Path, kind: str) -> Path:
    """``folder``, made if need be; where it cannot be made (a file in the way, a read-only
    home), a folder for this ``kind`` of file in the user's own folder under the system's
    temporary folder instead: the app must start without its settings or logs kept, rather
    than not start."""
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        path = _private_temporary() / kind
        path.mkdir(exist_ok=True)
    return path


def _private_temporary() -> Path:
    """A folder under the temporary folder that only this user can enter (shared by every
    user of the machine, it is named after the user, and refused if another owns it)."""
    owner = str(os.getuid()) if hasattr(os, "getuid") else getpass.getuser()
    folder = Path(tempfile.gettempdir()) / f"{APP_NAME} {owner}"
    folder.mkdir(mode=0o700, exist_ok=True)
    if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
        raise PermissionError(f"{folder}: another user's folder")
    return folder


def data_dir() -> Path:
    """Folder for the user's app data, such as the sample plan."""
    return _ensure(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR), "data")


def config_dir() -> Path:
    """Folder for the user's settings."""
    return _ensure(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR), "config")


def log_dir() -> Path:
    """Folder for log files."""
    return _ensure(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR), "log")


def cache_dir() -> Path:
    """Folder for data that can be rebuilt at any time."""
    return _ensure(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR), "cache")


def matplotlib_config_dir() -> Path:
    """Folder to use as matplotlib's MPLCONFIGDIR (its font cache lives there)."""
    return _ensure(cache_dir() / "matplotlib", "matplotlib")


def default_sample_plan_path() -> Path:
    """Where the sample plan is created when the user asks for one.

    Only the containing folder is created; the file itself is not.
    """
    return data_dir() / SAMPLE_PLAN_FILENAME


def use_matplotlib_cache() -> None:
    """Point matplotlib's config and font cache (MPLCONFIGDIR) at the app's cache folder;
    call before matplotlib is first imported.

    In a built app PyInstaller's run-time hook sets MPLCONFIGDIR to a new temporary folder on
    every launch, so matplotlib would rebuild its font cache (seconds) on each first chart: a
    built app always uses the cache folder. From source an MPLCONFIGDIR already set (tests, CI)
    is kept.
    """
    if getattr(sys, "frozen", False) or not os.environ.get("MPLCONFIGDIR"):
        os.environ["MPLCONFIGDIR"] = str(matplotlib_config_dir())
