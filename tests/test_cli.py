"""The `planner` command as scripts use it: exit codes, messages, and the files it leaves."""

from __future__ import annotations

import gc
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from planner import __version__
from planner.cli import main
from planner.io.json_format import export_document, export_json
from planner.services.plan import Plan
from tests.disks import fill
from tests.io.helpers import without_time
from tests.plans import make_older
from tests.report import pdf
from tests.ui.conftest import OFFSCREEN_NOISE


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
        (["new", "p.okrplan", "--name", "y" * 201], "Plan name: is 201 characters long"),
        (
            ["new", "p.okrplan", "--sample", "--name", "y" * 201],
            "Plan name: is 201 characters long",
        ),
        (["new", "p.okrplan", "--sample", "--name", " "], "Plan name"),
        (["Q3 plan"], "create one with: planner new 'Q3 plan.okrplan')"),
        (["no/such/q3.okrplan"], "no such plan file (there is no folder no/such)"),
        (["."], ".: that is a folder; give a plan file (*.okrplan) in it"),
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


def test_check_lists_failures_before_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from planner.services.plan import Plan

    path = tmp_path / "s.okrplan"
    assert main(["new", str(path), "--sample"]) == 0
    plan = Plan.open(path)
    period = plan.periods.current(date.today())
    assert period is not None
    team = plan.teams.list()[0]
    # A team objective aligned to nothing: a warning, found among the sample's failures.
    plan.apply(plan.objectives.create(period.id, "Stand alone", team_id=team.id))
    plan.close()
    capsys.readouterr()
    assert main(["check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()[:-1]  # the last line sums them up
    marks = [line[:4] for line in lines]
    assert "WARN" in marks and "FAIL" in marks
    assert marks == sorted(marks)  # FAIL < WARN: every failure, then every warning


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


def test_merge_reports_conflicts_and_prefer_settles_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from planner.services.plan import Plan

    mine, theirs = tmp_path / "mine.okrplan", tmp_path / "theirs.okrplan"
    assert main(["new", str(mine), "--sample"]) == 0
    shutil.copyfile(mine, theirs)
    for path, name in ((mine, "Reach out"), (theirs, "Reach further")):
        plan = Plan.open(path)
        reach = next(t for t in plan.teams.list() if t.name == "Reach")
        plan.apply(plan.teams.update(reach.id, name=name))
        plan.close()
    capsys.readouterr()

    before = mine.read_bytes()
    assert main(["merge", str(mine), str(theirs), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "conflict: team 'Reach out' was changed on both sides" in out
    assert "'Reach further'" in out and "Dry run: nothing was changed." in out
    assert mine.read_bytes() == before

    assert main(["merge", str(mine), str(theirs)]) == 1
    assert "1 conflict left" in capsys.readouterr().out
    assert main(["merge", str(mine), str(theirs), "--prefer", "theirs"]) == 0
    plan = Plan.open(mine)
    assert "Reach further" in {t.name for t in plan.teams.list()}
    plan.close()
    capsys.readouterr()
    # Taken with their own time of change, the row is alike in both: nothing more to ask.
    assert main(["merge", str(mine), str(theirs)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Nothing to merge: the plans hold the same."


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)  # the smoke run's window, offscreen
def test_a_dry_run_merge_and_a_read_only_smoke_leave_an_older_plan_as_it_was(
    tmp_path: Path, sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine, theirs = tmp_path / "mine.okrplan", tmp_path / "theirs.okrplan"
    shutil.copyfile(sample_file, mine)  # the sample, made once per run
    shutil.copyfile(sample_file, theirs)  # the sample, made once per run
    for path in (mine, theirs):
        make_older(path)
    before = {path: path.read_bytes() for path in (mine, theirs)}
    capsys.readouterr()
    assert main(["merge", str(mine), str(theirs), "--dry-run"]) == 0
    assert "Dry run: nothing was changed." in capsys.readouterr().out
    assert main([str(mine), "--smoke", "--read-only"]) == 0
    assert {path: path.read_bytes() for path in (mine, theirs)} == before
    assert sorted(p.name for p in tmp_path.iterdir() if "before upgrade" in p.name) == []


def test_a_merge_the_plan_refuses_is_one_line_and_changes_nothing(
    tmp_path: Path,
    sample_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from planner.io import merge
    from planner.services.edits import Batch, Update
    from planner.services.plan import Plan

    mine, theirs = tmp_path / "mine.okrplan", tmp_path / "theirs.okrplan"
    shutil.copyfile(sample_file, mine)  # the sample, made once per run
    shutil.copyfile(mine, theirs)
    plan = Plan.open(mine)
    reach, first = (
        next(t for t in plan.teams.list() if t.name == n) for n in ("Reach", "First Hour")
    )
    plan.close()
    with Plan.open(theirs) as other:  # something to merge
        other.apply(other.teams.update(reach.id, mission="Theirs"))
    # Should analysis ever miss a clash, the plan's refusal is still said in a line.
    clash = Batch((Update("team", reach.id, {"name": "Reach"}, {"name": first.name}),), "Merge")
    monkeypatch.setattr(merge, "merge_edit", lambda *_args: clash)
    before = mine.read_bytes()
    capsys.readouterr()
    assert main(["merge", str(mine), str(theirs)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"planner: {theirs}: cannot merge it (")
    assert error.endswith("; nothing was changed\n") and error.count("\n") == 1
    assert mine.read_bytes() == before


def test_print_writes_one_sheet_per_chosen_team(tmp_path: Path) -> None:
    plan, out = tmp_path / "s.okrplan", tmp_path / "sheets.pdf"
    assert run("new", str(plan), "--sample").returncode == 0
    done = run("print", str(plan), str(out), "--team", "first hour", "--team", "Reach")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote {out} (2 pages)"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Improve the onboarding experience" in text
    assert "Make Tally the first result freelancers find" in text
    assert "Make tracking a daily habit" not in text


def test_print_called_in_process_leaves_the_cycle_collector_on(
    tmp_path: Path, qapp: object
) -> None:
    # Only the program's own run() (which ends the process when the command returns) leaves
    # the printed document and the collector off; a caller that goes on needs both back.
    # (``qapp``: the tests' QApplication, made before printing would make a QGuiApplication.)
    plan, out = tmp_path / "s.okrplan", tmp_path / "sheets.pdf"
    assert main(["new", str(plan), "--sample"]) == 0
    assert gc.isenabled()
    assert main(["print", str(plan), str(out)]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # nothing of the caller's frozen either
    assert out.stat().st_size > 0


def test_a_command_run_to_the_end_freezes_what_its_imports_made() -> None:
    # run() ends the process after the command: the modules it imports live until then, so
    # they are imported with the collector off and frozen, out of every later collection.
    script = (
        "import gc\n"
        "from planner import cli\n"
        "cli._EXITS_AFTER_MAIN = True\n"
        "before = len(gc.get_objects())\n"
        "with cli._importing():\n"
        "    assert not gc.isenabled()\n"
        "    import planner.services.plan\n"
        "assert gc.isenabled()\n"
        "print(before, gc.get_freeze_count())\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    before, frozen = map(int, done.stdout.split())
    assert frozen > before + 20_000  # what the imports made, not only what was there


@pytest.mark.parametrize("command", [["PLAN", "--smoke"], ["print", "PLAN", "OUT"]])
def test_the_window_and_print_commands_import_that_way(tmp_path: Path, command: list[str]) -> None:
    plan = tmp_path / "s.okrplan"
    assert main(["new", str(plan), "--sample"]) == 0
    names = {"PLAN": str(plan), "OUT": str(tmp_path / "out.pdf")}
    args = [names.get(arg, arg) for arg in command]
    script = (
        "import gc, sys\n"
        "from planner import cli\n"
        "cli._EXITS_AFTER_MAIN = True\n"
        f"code = cli.main({args!r})\n"
        "order = list(sys.modules)\n"
        "first = order.index('sqlalchemy') < order.index('PySide6')\n"
        "print(code, gc.get_freeze_count(), int(first), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    code, frozen, sqlalchemy_first = map(int, done.stderr.split()[-3:])
    assert code == 0, done.stderr
    assert frozen > 20_000
    # Every module imported after PySide6 has its source read by PySide6's import hook:
    # SQLAlchemy's few hundred cost a tenth of a second more that way.
    assert sqlalchemy_first


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--team", "Nobody"], "--team 'Nobody': no team of that name (known: "),
        (["--stage", "Growth"], "--stage 'Growth': no stage of that name"),
        (["--period", "1999 Q1"], "--period '1999 Q1': no period of that name"),
        (["--period", ""], "--period: give the period's name\n"),
        (["--team", "  "], "--team: give the team's name\n"),
    ],
)
def test_print_names_an_unknown_team_stage_or_period(
    tmp_path: Path,
    sample_file: Path,
    args: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    plan, out = tmp_path / "s.okrplan", tmp_path / "x.pdf"
    shutil.copyfile(sample_file, plan)  # the sample, made once per run
    assert main(["print", str(plan), str(out), *args]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_export_refuses_an_empty_period(
    tmp_path: Path, sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "s.okrplan"
    shutil.copyfile(sample_file, plan)
    capsys.readouterr()
    assert main(["export", str(plan), str(tmp_path / "out.csv"), "--period", ""]) == 1
    assert capsys.readouterr().err == "planner: --period: give the period's name\n"


def test_an_unknown_name_in_a_large_plan_lists_the_closest_few() -> None:
    from types import SimpleNamespace

    from planner.cli import CommandError, _ids_by_name

    teams = [SimpleNamespace(id=n, name=f"Team {n:04}") for n in range(200)]
    with pytest.raises(CommandError) as refused:
        _ids_by_name("team", ["Team 012"], teams)
    message = str(refused.value)
    assert message.startswith("--team 'Team 012': no team of that name (closest of 200: Team 0")
    assert message.count(",") == 4 and len(message) < 150
    with pytest.raises(CommandError, match=r"\(none alike among 200\)$"):
        _ids_by_name("team", ["Marketing"], teams)


def test_print_takes_a_team_as_spelled_and_names_the_ones_only_case_tells_apart(
    tmp_path: Path, sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.services.plan import Plan

    plan, out = tmp_path / "s.okrplan", tmp_path / "x.pdf"
    shutil.copyfile(sample_file, plan)  # the sample, made once per run
    opened = Plan.open(plan)
    stage = opened.stages.list()[0].id
    for name in ("Équipe", "Other"):
        opened.apply(opened.teams.create(stage, name))
    opened.close()
    # A plan made before names were compared beyond A to Z may hold both.
    with sqlite3.connect(plan) as connection:
        connection.execute("UPDATE team SET name = 'équipe' WHERE name = 'Other'")
    connection.close()
    capsys.readouterr()
    assert main(["print", str(plan), str(out), "--team", "équipe"]) == 0
    assert "équipe" in pdf.pages_text(out)[0] and "Équipe" not in pdf.pages_text(out)[0]
    out.unlink()
    assert main(["print", str(plan), str(out), "--team", "ÉQUIPE"]) == 1
    assert capsys.readouterr().err == (
        "planner: --team 'ÉQUIPE': which team? 'Équipe' or 'équipe'; type it as spelled\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("command", "suffix"),
    [
        ("print", ".pdf"),
        ("export", ".json"),
        ("export", ".csv"),
        ("export", ".xlsx"),
        ("export", ".md"),
    ],
)
def test_writing_where_nothing_can_be_written_names_that_place_in_one_line(
    tmp_path: Path,
    sample_file: Path,
    capsys: pytest.CaptureFixture[str],
    qapp: object,
    command: str,
    suffix: str,
) -> None:
    plan = tmp_path / "s.okrplan"
    shutil.copyfile(sample_file, plan)  # the sample, made once per run
    folder = tmp_path / f"out{suffix}"
    folder.mkdir()
    capsys.readouterr()
    assert main([command, str(plan), str(folder)]) == 1
    assert capsys.readouterr().err == f"planner: {folder}: a folder has that name\n"
    assert main([command, str(plan), f"/proc/out{suffix}"]) == 1
    error = capsys.readouterr().err
    # The file asked for, not a temporary file beside it; no "[Errno …]".
    assert error.startswith(f"planner: /proc/out{suffix}: cannot write there (")
    assert error.count("\n") == 1 and "Errno" not in error


@pytest.mark.parametrize("command", ["export", "print"])
def test_writing_under_a_file_as_if_it_were_a_folder_says_so(
    tmp_path: Path, sample_file: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    plan = tmp_path / "s.okrplan"
    shutil.copyfile(sample_file, plan)  # the sample, made once per run
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    capsys.readouterr()
    suffix = ".pdf" if command == "print" else ".md"
    assert main([command, str(plan), str(notes / f"out{suffix}")]) == 1
    error = capsys.readouterr().err
    assert f"{notes}: a file, not a folder\n" in error and error.count("\n") == 1
    assert notes.read_text() == "mine"


@pytest.mark.parametrize(
    ("command", "suffix"),
    [("print", ".pdf"), ("export", ".json"), ("export", ".csv"), ("export", ".md")],
)
def test_writing_over_the_plan_itself_is_refused_and_the_plan_kept(
    tmp_path: Path,
    sample_file: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    suffix: str,
) -> None:
    # A plan whose name ends like the output, written to itself, and a link to a plan.
    plan = tmp_path / f"plan{suffix}"
    shutil.copyfile(sample_file, plan)
    link = tmp_path / f"link{suffix}"
    link.symlink_to(plan)
    before = plan.read_bytes()
    for out in (plan, link):
        capsys.readouterr()
        assert main([command, str(plan), str(out)]) == 1
        error = capsys.readouterr().err
        assert (
            error == f"planner: {out}: that would overwrite the plan itself; choose another name\n"
        )
        assert plan.read_bytes() == before
    assert link.is_symlink()


def test_import_of_a_kind_of_file_it_cannot_read_names_the_file_once(
    tmp_path: Path, sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "s.okrplan"
    shutil.copyfile(sample_file, plan)  # the sample, made once per run
    capsys.readouterr()
    assert main(["import", str(plan), str(plan)]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"planner: {plan}: cannot import this kind of file; use one of")
    assert error.count(str(plan)) == 1


def test_export_then_import_the_flat_sheet_into_a_new_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, sheet, target = tmp_path / "s.okrplan", tmp_path / "okrs.csv", tmp_path / "t.okrplan"
    assert main(["new", str(source), "--sample"]) == 0
    assert main(["export", str(source), str(sheet)]) == 0
    assert main(["new", str(target)]) == 0
    capsys.readouterr()
    assert main(["import", str(target), str(sheet)]) == 0
    # The sample's current period holds 14 key results, plan-level ones included.
    assert capsys.readouterr().out.startswith("Imported 14 key results (")


def test_import_of_a_bad_sheet_names_each_row_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target, sheet = tmp_path / "t.okrplan", tmp_path / "bad.csv"
    assert main(["new", str(target)]) == 0
    sheet.write_text(
        "Team,Stage,Objective,Key result,Start,Target,Current,Unit\n"
        "Growth,Acquisition,Grow,More sign-ups,abc,5,1,%\n"
        "Growth,Acquisition,Grow,Flat,1,1,1,%\n"
    )
    before = sqlite3.connect(target).execute("SELECT count(*) FROM team").fetchone()
    assert main(["import", str(target), str(sheet)]) == 1
    err = capsys.readouterr().err
    assert "row 2, column Start: 'abc' is not a number" in err
    assert "row 3, column Target: equals the start" in err
    assert sqlite3.connect(target).execute("SELECT count(*) FROM team").fetchone() == before


def test_an_unknown_page_size_names_the_choices(tmp_path: Path) -> None:
    plan = tmp_path / "s.okrplan"
    assert run("new", str(plan), "--sample").returncode == 0
    done = run("print", str(plan), str(tmp_path / "x.pdf"), "--page-size", "A5")
    assert done.returncode == 2
    assert "argument --page-size: 'A5': choose A4 or Letter" in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_new_on_a_full_disk_says_so_and_leaves_nothing(
    small_disk: Callable[[int], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    disk = small_disk(64)
    fill(disk, leave=12 * 1024)
    for extra in ([], ["--sample"]):
        capsys.readouterr()
        assert main(["new", str(disk / "n.okrplan"), *extra]) == 1
        error = capsys.readouterr().err
        assert error.startswith(f"planner: {disk / 'n.okrplan'}: cannot create a plan there (")
        assert error.endswith("the disk is full)\n") and error.count("\n") == 1
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]


def test_a_merge_the_disk_has_no_room_for_blames_this_plan_and_changes_nothing(
    sample_file: Path,
    tmp_path: Path,
    small_disk: Callable[[int], Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    from planner.services.plan import Plan

    other = tmp_path / "other.okrplan"
    shutil.copyfile(sample_file, other)
    with Plan.open(other) as theirs:
        stage = theirs.stages.list()[0].id
        for number in range(40):
            theirs.apply(theirs.teams.create(stage, f"Their team {number}", "m" * 2000))
    disk = small_disk(1024)
    plan = disk / "plan.okrplan"
    shutil.copyfile(sample_file, plan)
    before = plan.read_bytes()
    fill(disk, leave=64 * 1024)  # room to open it, not to take their 40 teams
    capsys.readouterr()
    assert main(["merge", str(plan), str(other), "--prefer", "theirs"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"planner: {plan}: cannot merge into it (the plan file refused")
    assert error.endswith("); nothing was changed\n")
    assert plan.read_bytes() == before


def test_print_says_nothing_of_the_fonts_it_falls_back_on(
    tmp_path: Path, sample_file: Path
) -> None:
    from planner.services.plan import Plan

    plan = tmp_path / "s.okrplan"
    shutil.copyfile(sample_file, plan)
    with Plan.open(plan) as opened:
        team = opened.teams.list()[0]
        opened.apply(opened.teams.update(team.id, name="विकास टीम"))  # Devanagari
    done = run("print", str(plan), str(tmp_path / "out.pdf"), "--team", "विकास टीम")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_new_from_a_backup_restores_the_plan_it_was_made_of(
    sample_plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "backup.json"
    export_json(sample_plan, backup)
    restored = tmp_path / "restored.okrplan"
    assert main(["new", str(restored), "--from", str(backup)]) == 0
    assert f"Created {restored} (Tally" in capsys.readouterr().out
    plan = Plan.open(restored)
    try:
        again = export_document(plan)
    finally:
        plan.close()
    assert without_time(again) == without_time(json.loads(backup.read_text("utf-8")))


def test_new_from_a_backup_that_does_not_fit_leaves_no_file(
    sample_plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "restore"
    folder.mkdir()
    backup = folder / "backup.json"
    export_json(sample_plan, backup)
    document = json.loads(backup.read_text("utf-8"))
    name = document["tables"]["team"][0]["name"]
    document["tables"]["team"][0]["name"] = ""
    backup.write_text(json.dumps(document), "utf-8")
    row_id = document["tables"]["team"][0]["id"]
    assert main(["new", str(folder / "restored.okrplan"), "--from", str(backup)]) == 1
    assert capsys.readouterr().err == (
        f"planner: {backup}: table team, row 1 (id {row_id}), field name: is required; "
        "nothing was imported\n"
    )
    assert [path.name for path in folder.iterdir()] == ["backup.json"]
    # Every row fits, but without its plan_info row it is not a whole plan.
    document["tables"]["team"][0]["name"] = name
    document["tables"]["plan_info"] = []
    backup.write_text(json.dumps(document), "utf-8")
    assert main(["new", str(folder / "restored.okrplan"), "--from", str(backup)]) == 1
    assert capsys.readouterr().err == (
        f"planner: {backup}: backup.json holds no plan_info row: it is not the export of a "
        "whole plan; nothing was imported\n"
    )
    assert [path.name for path in folder.iterdir()] == ["backup.json"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "missing.json"], "missing.json: no such file"),
        (["--from", "plan.csv"], "plan.csv: a backup is a plan's .json export"),
        (["--from", "b.json", "--sample"], "--from restores the backup as it is"),
        (["--from", "b.json", "--name", "X"], "--from restores the backup as it is"),
    ],
)
def test_new_from_refuses_what_is_no_backup_in_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.csv").write_text("Team\n")
    (tmp_path / "b.json").write_text("{}")
    assert main(["new", "p.okrplan", *extra]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert len(err.splitlines()) == 1
    assert not (tmp_path / "p.okrplan").exists()
