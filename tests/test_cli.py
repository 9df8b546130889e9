"""The `planner` command as scripts use it: exit codes, messages, and the files it leaves."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner import __version__
from planner.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", *args], capture_output=True, text=True, timeout=120
    )


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"OKR Planner {__version__}"


def test_new_sample_plan_is_a_sound_plan_file(tmp_path: Path) -> None:
    path = tmp_path / "s.okrplan"
    done = run("new", str(path), "--sample")
    assert done.returncode == 0, done.stderr
    assert "Created" in done.stdout
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    teams = {row[0] for row in connection.execute("SELECT name FROM team")}
    connection.close()
    assert {"First Hour", "Daily Habit", "Reach"} <= teams


def test_new_empty_plan_has_the_funnel_stages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.okrplan"
    assert main(["new", str(path), "--name", "Offsite 2027"]) == 0
    assert "Offsite 2027" in capsys.readouterr().out
    connection = sqlite3.connect(path)
    stages = [row[0] for row in connection.execute("SELECT name FROM stage ORDER BY position")]
    connection.close()
    assert stages == ["Acquisition", "Activation", "Retention", "Referral", "Revenue"]


def test_new_refuses_an_existing_file_and_leaves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.okrplan"
    path.write_text("precious")
    assert main(["new", str(path)]) == 1
    assert "already exists; nothing was changed" in capsys.readouterr().err
    assert path.read_text() == "precious"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "plan.txt"], "a plan file name ends in .okrplan"),
        (["new", "no/such/folder/p.okrplan"], "no such folder"),
        (["missing.okrplan", "--smoke"], "no such plan file"),
    ],
)
def test_bad_arguments_get_one_clear_line(
    args: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("planner: ")
    assert message in err
    assert len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_unknown_option_is_a_usage_error() -> None:
    done = run("--frobnicate")
    assert done.returncode == 2
    assert "unrecognized arguments: --frobnicate" in done.stderr


def test_check_reports_the_sample_team_without_data_skills(tmp_path: Path) -> None:
    path = tmp_path / "s.okrplan"
    assert run("new", str(path), "--sample").returncode == 0
    done = run("check", str(path))
    assert done.returncode == 1
    assert "FAIL  team Daily Habit: has no Data skills  [team-missing-discipline]" in done.stdout
    assert "person Priya Nair: is allocated 110 % across teams" in done.stdout


def test_check_names_every_team_without_members(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.services.newplan import create_plan

    path = tmp_path / "bare.okrplan"
    plan = create_plan(path, "Bare")
    for stage in plan.stages.list():
        plan.apply(plan.teams.create(stage.id, f"{stage.name} team"))
    plan.close()
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    for stage in ("Acquisition", "Activation", "Retention", "Referral", "Revenue"):
        assert f"FAIL  team {stage} team: has no members  [team-without-members]" in out
    assert out.count("[team-without-members]") == 5
    assert out.count("[stage-without-team]") == 0


def test_check_of_a_healthy_plan_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from planner.services.newplan import create_plan

    path = tmp_path / "fine.okrplan"
    plan = create_plan(path, "Fine")
    # Only Engineering is required in this plan; every stage has a staffed team with one
    # aligned objective whose key result was checked in today.
    for discipline in plan.disciplines.list():
        plan.apply(
            plan.disciplines.update(discipline.id, required=discipline.name == "Engineering")
        )
    engineering = next(d for d in plan.disciplines.list() if d.name == "Engineering")
    period = plan.periods.current()
    assert period is not None
    company = plan.apply(plan.objectives.create(period.id, "Delight freelancers"))

    def measured(objective_id: object) -> None:
        result = plan.apply(
            plan.key_results.create(objective_id, "Raise NPS", "increase", 30, 40, "points")
        )  # type: ignore[arg-type]
        plan.apply(plan.check_ins.create(result.id, date.today(), 32))

    measured(company.id)
    for stage in plan.stages.list():
        team = plan.apply(plan.teams.create(stage.id, f"{stage.name} team"))
        person = plan.apply(plan.people.create(f"{stage.name} engineer"))
        plan.apply(plan.memberships.create(team.id, person.id, engineering.id, 100))
        objective = plan.apply(
            plan.objectives.create(period.id, f"Win {stage.name}", team.id, parent_id=company.id)
        )
        measured(objective.id)
    plan.close()
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "Fine: healthy"


def test_new_with_a_sample_size_generates_that_many_teams(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.okrplan"
    assert main(["new", str(path), "--sample-size", "7"]) == 0
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT count(*) FROM team").fetchone() == (7,)
    connection.close()


@pytest.mark.parametrize("size", ["0", "many", "-3"])
def test_a_bad_sample_size_is_a_usage_error_naming_it(tmp_path: Path, size: str) -> None:
    done = run("new", str(tmp_path / "x.okrplan"), "--sample-size", size)
    assert done.returncode == 2
    assert "--sample-size" in done.stderr
    assert not (tmp_path / "x.okrplan").exists()
