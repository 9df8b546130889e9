"""The measuring scripts in benchmarks/ answer bad arguments with one line, not a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


SCRIPTS = ["first_view.py", "scroll_views.py", "check_ins.py", "switch_views.py"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_missing_and_foreign_plans_get_one_line(script: str, tmp_path: Path) -> None:
    command = [sys.executable, str(ROOT / "benchmarks" / script)]
    missing = subprocess.run(
        [*command, str(tmp_path / "none.okrplan")], capture_output=True, text=True
    )
    assert missing.returncode != 0
    assert missing.stderr.strip() == f"{script}: {tmp_path / 'none.okrplan'}: no such plan file"
    foreign = tmp_path / "notes.okrplan"
    foreign.write_text("not a plan")
    refused = subprocess.run([*command, str(foreign)], capture_output=True, text=True)
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines() == [
        f"{script}: {foreign}: not an OKR plan (not a SQLite database)"
    ]
    usage = subprocess.run(command, capture_output=True, text=True)
    assert usage.returncode != 0 and usage.stderr.strip().startswith("usage:")


def test_switching_views_says_when_a_plan_has_too_few_teams(sample_file: Path) -> None:
    script = [sys.executable, str(ROOT / "benchmarks" / "switch_views.py"), str(sample_file)]
    refused = subprocess.run(script, capture_output=True, text=True)
    assert refused.returncode == 1
    assert refused.stderr.strip() == "switch_views.py: the plan needs at least 21 teams"
