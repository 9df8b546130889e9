"""Opening, creating and copying plan files, with every refusal explained to the person.

Each function returns None (after telling the person why) instead of raising for the failures
a person can cause: a missing, damaged, newer or locked file, or a folder they cannot write.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from planner import paths
from planner.services.newplan import create_plan
from planner.services.plan import EditError, Plan
from planner.services.sample import create_sample_plan
from planner.store.lock import LockedError, is_held
from planner.store.planfile import PlanFileError, ReadOnlyPlaceError, is_part_of_plan
from planner.ui import dialogs

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("opening", text)


def open_plan(parent: QWidget | None, path: Path, read_only: bool = False) -> Plan | None:
    """Open ``path``; when another instance is editing it, or its folder takes no change,
    offer to open it read-only."""
    try:
        return Plan.open(path, read_only=read_only)
    except (LockedError, ReadOnlyPlaceError) as error:
        # Another instance edits it, or its folder takes no change (a CD, a read-only
        # share): either way it can still be read.
        title = _tr("Plan in use") if isinstance(error, LockedError) else _tr("Plan read-only")
        question = _tr("{error}.\n\nOpen it read-only? You can read it but not change it.")
        if dialogs.ask_yes_no(parent, title, question.format(error=error)):
            return open_plan(parent, path, read_only=True)
        return None
    except PlanFileError as error:
        dialogs.show_error(parent, _tr("Cannot open the plan"), str(error))
    except OSError as error:
        log.warning("cannot open %s: %s", path, error)
        dialogs.show_error(parent, _tr("Cannot open the plan"), f"{path}: {error.strerror}")
    return None


def new_plan(parent: QWidget | None, path: Path) -> Plan | None:
    """Create a plan at ``path`` named after the file; an existing file is never replaced."""
    try:
        return create_plan(path, name=path.stem)
    except (PlanFileError, LockedError, EditError) as error:
        dialogs.show_error(parent, _tr("Cannot create the plan"), str(error))
    except OSError as error:
        log.warning("cannot create %s: %s", path, error)
        dialogs.show_error(parent, _tr("Cannot create the plan"), f"{path}: {error.strerror}")
    return None


def sample_plan(parent: QWidget | None, read_only: bool = False) -> Plan | None:
    """Open the sample plan in the app's data folder, creating it the first time."""
    path = paths.default_sample_plan_path()
    if path.exists():
        return open_plan(parent, path, read_only)
    try:
        made = create_sample_plan(path)
    except (PlanFileError, LockedError, EditError) as error:
        dialogs.show_error(parent, _tr("Cannot create the sample plan"), str(error))
    except OSError as error:
        log.warning("cannot create the sample plan %s: %s", path, error)
        dialogs.show_error(
            parent, _tr("Cannot create the sample plan"), f"{path}: {error.strerror}"
        )
    else:
        if not read_only:
            return made
        made.close()  # made for editing; asked to read only, as every later opening
        return open_plan(parent, path, read_only=True)
    return None


def save_copy(parent: QWidget | None, plan: Plan, target: Path) -> bool:
    """Write a consistent copy of the open plan to ``target``; True when written.

    The plan stays open where it is; the copy is a separate, closed file.
    """
    if is_part_of_plan(target, plan.path):
        dialogs.show_error(
            parent,
            _tr("Save a Copy"),
            _tr("Choose another name: that would overwrite the open plan."),
        )
        return False
    if is_held(target):
        dialogs.show_error(
            parent,
            _tr("Save a Copy"),
            _tr("{name} is open in another window; choose another name.").format(name=target.name),
        )
        return False
    if target.exists() and not dialogs.ask_yes_no(
        parent,
        _tr("Save a Copy"),
        _tr("{name} already exists. Replace it with a copy of this plan?").format(name=target.name),
    ):
        return False
    try:
        # Copied from the open plan itself, so a plan whose file was moved while open is kept.
        plan.file.copy_to(target)
    except (OSError, PlanFileError) as error:  # SQLite's are OSErrors; a moved plan's too
        log.warning("cannot copy %s to %s: %s", plan.path, target, error)
        dialogs.show_error(parent, _tr("Save a Copy"), f"{target}: {error}")
        return False
    return True
