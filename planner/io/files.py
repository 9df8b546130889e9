"""Writing export files so that a failed or interrupted export never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from planner.store.planfile import refuse_target


def write_atomically(path: Path, data: bytes, plan: Path) -> None:
    """Write ``data`` to ``path``: all of it, or (on any error) leave ``path`` as it was.

    The bytes go to a temporary file beside ``path`` first, which then replaces it in one
    step, so a spreadsheet or wiki reading the old file never sees a torn one. ``plan`` is
    the file of the plan exported, which ``path`` must not be.
    """
    path = Path(path)
    refuse_target(path, plan)
    try:
        _replace_with(path, data)
    except OSError as error:
        # Said of the file the person chose, not of the temporary file beside it.
        raise OSError(f"{path}: cannot write there ({error.strerror or error})") from None


def _replace_with(path: Path, data: bytes) -> None:
    # mkstemp makes a private file; an export should be as readable as any file the person saves.
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
