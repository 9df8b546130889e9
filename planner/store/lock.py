"""One editing instance per plan file.

A lock file beside the plan holds an operating-system lock for as long as the plan is open.
The OS drops the lock when the process ends, so a crash never leaves a plan locked; the file's
text names the holder for the message a second instance shows.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    since: str

    def describe(self) -> str:
        return f"process {self.pid} on {self.host}, since {self.since}"


class LockedError(Exception):
    """The plan is open for editing in another instance."""

    def __init__(self, path: Path, holder: LockHolder | None) -> None:
        who = holder.describe() if holder else "another instance"
        super().__init__(f"{path.name} is already open for editing ({who})")
        self.path = path
        self.holder = holder


def lock_path(plan: Path) -> Path:
    """The lock beside the plan itself: through a link, the lock is the same one."""
    plan = Path(os.path.realpath(plan))
    return plan.with_name(plan.name + ".lock")


class PlanLock:
    """An exclusive, crash-safe lock on a plan file."""

    def __init__(self, plan: Path) -> None:
        self.plan = plan
        self.path = lock_path(plan)
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        while True:
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
            try:
                _lock(handle)
            except OSError:
                handle.close()
                raise LockedError(self.plan, read_holder(self.plan)) from None
            # The holder before us may have removed the file between our open and our lock;
            # a lock on a removed file guards nothing, so start again on the new one.
            if _same_file(handle, self.path):
                break
            _unlock(handle)
            handle.close()
        self._file = handle
        holder = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now().isoformat(timespec="seconds"),
        }
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(holder))
            handle.flush()
        except OSError:  # a full disk: the lock is not held, and its file does not stay open
            self.release()
            raise

    def release(self) -> None:
        if self._file is None:
            return
        handle, self._file = self._file, None
        try:
            if sys.platform != "win32":
                # Removed while still locked, so no other instance can lock the old file.
                self.path.unlink(missing_ok=True)
            else:
                handle.seek(0)
                handle.truncate()
            _unlock(handle)
        finally:
            handle.close()

    @property
    def held(self) -> bool:
        return self._file is not None


def is_held(plan: Path) -> bool:
    """Whether an instance of the app has ``plan`` open for editing now. A lock file left by
    one that ended without closing it (a crash, a killed process) is not held, and goes."""
    if not lock_path(plan).exists():
        return False
    probe = PlanLock(plan)
    try:
        probe.acquire()
    except LockedError:
        return True
    except OSError:  # a folder where no lock can be taken: nothing can hold one there
        return False
    probe.release()
    return False


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except OSError:
        return False


def read_holder(plan: Path) -> LockHolder | None:
    try:
        data = json.loads(lock_path(plan).read_text(encoding="utf-8"))
        return LockHolder(pid=int(data["pid"]), host=str(data["host"]), since=str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
