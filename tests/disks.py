"""A small disk to fill: how tests meet a full disk for real (a tmpfs, mounted as root)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[int], Path]]:
    """Mounts a disk of the given kilobytes and returns its folder; skips where mounting is
    not allowed. Unmounted afterwards, even with a file still open on it."""
    if os.geteuid() != 0:
        pytest.skip("mounting needs root")
    mounted: list[Path] = []

    def mount(kilobytes: int) -> Path:
        disk = tmp_path / f"disk{len(mounted)}"
        disk.mkdir()
        size = f"size={kilobytes}k"
        if subprocess.run(["mount", "-t", "tmpfs", "-o", size, "tmpfs", str(disk)]).returncode:
            pytest.skip("this machine allows no tmpfs mount")
        mounted.append(disk)
        return disk

    try:
        yield mount
    finally:
        for disk in mounted:
            subprocess.run(["umount", "--lazy", str(disk)], check=True)


def fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` up to ``leave`` bytes of room."""
    import shutil

    # Only ever a disk of small_disk's: filling the machine's own would stop everything on it.
    assert os.path.ismount(disk), f"{disk} is not a small disk"
    room = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"x" * max(0, room - leave))
