"""Shared pieces of the benchmarks: the 200-team plan, timed child processes, ratio records.

Every benchmark measures the app AND a baseline in the same run and stores both, with their
ratio, in ``benchmark.extra_info``; none asserts a time (the machines are shared and noisy).

* Default suite (``--benchmark-disable`` from pyproject): each function runs once.
* ``pytest tests/benchmarks --benchmark-enable --benchmark-only``: several rounds each
  (``--benchmark-min-rounds=N`` sets how many, default 5).
* ``OKR_BENCH_FULL=1``: also the heavy comparisons (LibreOffice, the 2,000-team plan).
"""

from __future__ import annotations

import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.services.generator import create_large_plan

ROOT = Path(__file__).resolve().parents[2]
BASELINE_WINDOW = ROOT / "benchmarks" / "baseline_window.py"
TEAMS = 200
FULL = os.environ.get("OKR_BENCH_FULL") == "1"

full_only = pytest.mark.skipif(not FULL, reason="heavy comparison: set OKR_BENCH_FULL=1")


def generate(folder: Path, teams: int) -> Path:
    path = folder / f"plan-{teams}.okrplan"
    create_large_plan(path, teams, today=date.today()).close()
    return path


@pytest.fixture(scope="session", autouse=True)
def compiled_app() -> None:
    """The app's bytecode written before anything is timed, as an installed app has it.

    Where PYTHONDONTWRITEBYTECODE is set (CI images often set it), every child process would
    otherwise compile each edited module of the app again, a few tenths of a second that
    neither the baseline nor a user pays.
    """
    compileall.compile_dir(ROOT / "planner", quiet=1)


@pytest.fixture(scope="session")
def plan_200(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 200-team generated plan, made once per session (about 5 s); copy before editing."""
    return generate(tmp_path_factory.mktemp("bench-plan"), TEAMS)


def rounds(benchmark: Any, default: int = 5) -> int:
    """1 when benchmarks are disabled (the plain test run), else --benchmark-min-rounds."""
    if getattr(benchmark, "disabled", True):
        return 1
    return max(1, int(getattr(benchmark, "_min_rounds", default) or default))


@dataclass
class Child:
    seconds: float
    max_rss_kb: int
    stdout: str


def run_child(command: Sequence[str | os.PathLike[str]], cwd: Path | None = None) -> Child:
    """Run a command to completion: its wall time, its peak memory and what it printed.

    The peak memory (KiB) comes from GNU ``/usr/bin/time -f %M`` when it is installed, else
    from ``os.wait4``'s rusage of the child (on Linux that figure is at least the parent's
    size at the time of the fork, so it overstates small children); 0 when neither exists.
    Fails on a non-zero exit.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "rss"
        argv = [str(part) for part in command]
        if TIME is not None:
            argv = [TIME, "-q", "-o", str(report), "-f", "%M", *argv]
        with (Path(folder) / "stderr").open("w+") as errors:
            started = time.perf_counter()
            process = subprocess.Popen(
                argv, stdout=subprocess.PIPE, stderr=errors, text=True, env=env, cwd=cwd
            )
            stdout, rss = _drain(process)
            seconds = time.perf_counter() - started
            errors.seek(0)
            stderr = errors.read()
        if TIME is not None and report.exists():
            rss = int(report.read_text().split()[-1])
    assert process.returncode == 0, f"{command} failed ({process.returncode}):\n{stderr}"
    return Child(seconds, rss, stdout)


def _drain(process: subprocess.Popen[str]) -> tuple[str, int]:
    if not hasattr(os, "wait4"):
        return process.communicate()[0], 0
    assert process.stdout is not None
    # Read what it prints (stderr goes to a file), then reap the child with its rusage.
    stdout = process.stdout.read()
    process.stdout.close()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    scale = 1024 if sys.platform == "darwin" else 1  # macOS reports bytes
    return stdout, int(usage.ru_maxrss // scale)


def _gnu_time() -> str | None:
    path = Path("/usr/bin/time")
    if not path.exists():
        return None
    probe = subprocess.run(
        [str(path), "-q", "-f", "%M", sys.executable, "-c", "pass"],
        capture_output=True,
        text=True,
        check=False,
    )
    last = probe.stderr.strip().splitlines()[-1:] if probe.returncode == 0 else []
    return str(path) if last and last[0].isdigit() else None


TIME = _gnu_time()


def planner_command(*args: str | os.PathLike[str]) -> list[str | os.PathLike[str]]:
    return [sys.executable, "-m", "planner", *args]


SMOKE_LINE = re.compile(r"^(?P<step>.+?)\s+(?P<ms>\d+(?:\.\d+)?) ms$")


def smoke_steps(stdout: str) -> dict[str, float]:
    """The per-step timings `planner PLAN --smoke` prints, in ms."""
    steps = {}
    for line in stdout.splitlines():
        if match := SMOKE_LINE.match(line.strip()):
            steps[match["step"].strip()] = float(match["ms"])
    return steps


def compare(
    benchmark: Any,
    measured: Callable[[], Any],
    baseline: Callable[[], Any],
    *,
    count: int | None = None,
    setup: Callable[[], Any] | None = None,
    scale: float = 1.0,
    unit: str = "s",
    aim: str = "",
) -> tuple[float, float]:
    """Benchmark ``measured`` and time ``baseline`` the same number of times, alternately
    where possible; store both medians (in ``unit``: seconds × ``scale``) and their ratio.

    Returns (measured median, baseline median) in ``unit``.
    """
    count = count or rounds(benchmark)
    times: list[float] = []

    def timed(*_args: Any) -> Any:
        start = time.perf_counter()
        result = measured()
        times.append(time.perf_counter() - start)
        return result

    def prepare() -> tuple[tuple[Any, ...], dict[str, Any]]:
        if setup is not None:
            setup()
        return (), {}

    base: list[float] = []
    start = time.perf_counter()
    baseline()
    base.append(time.perf_counter() - start)
    benchmark.pedantic(timed, setup=prepare, rounds=count, iterations=1)
    while len(base) < len(times):
        start = time.perf_counter()
        baseline()
        base.append(time.perf_counter() - start)
    ours = statistics.median(times) * scale
    theirs = statistics.median(base) * scale
    benchmark.extra_info.update(
        {
            f"measured_{unit}": round(ours, 4),
            f"baseline_{unit}": round(theirs, 4),
            "ratio": round(ours / theirs, 3) if theirs else None,
            "rounds": len(times),
            "baseline_rounds": len(base),
        }
    )
    if aim:
        benchmark.extra_info["aim"] = aim
    return ours, theirs


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")
