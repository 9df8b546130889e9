"""The plan file rules: pragmas, refusals that leave a file untouched, the lock, upgrades."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from planner.services.plan import Plan
from planner.store import migrate, planfile
from planner.store.backup import CopyError, backup_plan
from planner.store.engine import APPLICATION_ID
from planner.store.lock import LockedError, lock_path
from planner.store.planfile import (
    DamagedPlanError,
    NewerPlanError,
    NotAPlanError,
    PlanExistsError,
    PlanFileError,
    PlanNotFoundError,
    ReadOnlyPlaceError,
    create_plan_file,
    open_plan_file,
)
from tests.disks import fill
from tests.plans import copy_plan, make_older


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def another_apps_database(path: Path) -> Path:
    """A SQLite file that is no plan, with a table of its own."""
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contact (name TEXT)")
    connection.commit()
    connection.close()
    return path


def test_every_connection_has_the_plan_pragmas(sample_plan: Plan) -> None:
    with sample_plan.file.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 1  # NORMAL
        assert pragma("busy_timeout") == 5000
        assert pragma("application_id") == APPLICATION_ID


def test_a_new_plan_is_at_the_newest_schema_and_sound(tmp_path: Path) -> None:
    plan = create_plan_file(tmp_path / "new.okrplan")
    plan.close()
    connection = sqlite3.connect(tmp_path / "new.okrplan")
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
        migrate.head_revision(),
    )
    connection.close()


def test_creating_over_an_existing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "taken.okrplan"
    path.write_text("mine")
    with pytest.raises(PlanExistsError, match="already exists"):
        create_plan_file(path)
    assert path.read_text() == "mine"


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(PlanNotFoundError, match="no such plan file"):
        open_plan_file(tmp_path / "missing.okrplan")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"Team,Stage\nGrowth,Acquisition\n", "not a SQLite database"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 8, "not a SQLite database"),
    ],
)
def test_a_file_that_is_not_a_plan_is_refused_untouched(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "other.okrplan"
    path.write_bytes(content)
    before = siblings(path)
    with pytest.raises(NotAPlanError, match=reason):
        open_plan_file(path)
    assert path.read_bytes() == content
    assert siblings(path) == before


def test_a_database_of_another_application_is_refused_untouched(tmp_path: Path) -> None:
    path = another_apps_database(tmp_path / "contacts.db")
    before = digest(path)
    with pytest.raises(NotAPlanError, match="another application"):
        open_plan_file(path)
    assert digest(path) == before


def test_a_plan_from_a_newer_version_is_refused_untouched(
    sample_file: Path, tmp_path: Path
) -> None:
    path = copy_plan(sample_file, tmp_path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    before, files = digest(path), siblings(path)
    with pytest.raises(NewerPlanError, match="newer version of OKR Planner"):
        open_plan_file(path)
    assert digest(path) == before
    assert siblings(path) == files


def test_a_damaged_plan_is_refused_untouched(sample_file: Path, tmp_path: Path) -> None:
    path = copy_plan(sample_file, tmp_path)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    # Scribble over the second and third pages (table b-trees), keeping the header valid.
    data[page_size : 3 * page_size] = b"\xff" * (2 * page_size)
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DamagedPlanError, match="damaged"):
        open_plan_file(path)
    assert digest(path) == before


def test_a_cut_short_plan_is_refused_untouched(sample_file: Path, tmp_path: Path) -> None:
    path = copy_plan(sample_file, tmp_path)
    path.write_bytes(path.read_bytes()[:60])
    with pytest.raises(DamagedPlanError, match="cut short"):
        open_plan_file(path)
    assert len(path.read_bytes()) == 60


def test_a_second_editor_is_refused_with_who_holds_it(sample_plan: Plan) -> None:
    with pytest.raises(LockedError) as refused:
        open_plan_file(sample_plan.path)
    assert refused.value.holder is not None
    assert refused.value.holder.pid == os.getpid()
    assert "already open for editing" in str(refused.value)
    assert f"process {os.getpid()}" in str(refused.value)


def test_a_locked_plan_still_opens_read_only(sample_plan: Plan) -> None:
    reader = Plan.open(sample_plan.path, read_only=True)
    try:
        assert [team.name for team in reader.teams.list()] == [
            team.name for team in sample_plan.teams.list()
        ]
        stage = reader.stages.list()[0]
        with pytest.raises(Exception, match="read-only"):
            reader.apply(reader.stages.update(stage.id, name="Changed"))
    finally:
        reader.close()
    assert sample_plan.stages.get(stage.id).name == stage.name


def test_closing_releases_the_lock(sample_plan: Plan) -> None:
    path = sample_plan.path
    sample_plan.close()
    assert not lock_path(path).exists()
    again = open_plan_file(path)
    again.close()


def test_a_crashed_editor_leaves_no_lock(sample_file: Path, tmp_path: Path) -> None:
    path = copy_plan(sample_file, tmp_path)
    script = textwrap.dedent(
        f"""
        import sys, time
        from planner.store.planfile import open_plan_file
        plan = open_plan_file({str(path)!r})
        print("open", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=Path.cwd()
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "open"
        with pytest.raises(LockedError):
            open_plan_file(path)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    reopened = open_plan_file(path)
    reopened.close()


def test_an_older_plan_is_upgraded_after_a_backup(sample_file: Path, tmp_path: Path) -> None:
    path = copy_plan(sample_file, tmp_path)
    old = open_plan_file(path)
    with old.engine.begin() as connection:
        migrate.downgrade(connection, "0001")
    old.close()
    team_count = sqlite3.connect(path).execute("SELECT count(*) FROM team").fetchone()

    plan = Plan.open(path)
    try:
        assert plan.file.upgraded_from == "0001"
        backup = plan.file.backup
        assert backup is not None and backup.parent == tmp_path
        assert "before upgrade" in backup.name
        assert len(plan.teams.list()) == team_count[0]
    finally:
        plan.close()

    saved = sqlite3.connect(backup)
    assert saved.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert saved.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert saved.execute("SELECT count(*) FROM team").fetchone() == team_count
    saved.close()
    upgraded = sqlite3.connect(path)
    assert upgraded.execute("SELECT version_num FROM alembic_version").fetchone() == (
        migrate.head_revision(),
    )
    indexes = {row[0] for row in upgraded.execute("SELECT name FROM sqlite_master")}
    assert "ix_check_in_latest" in indexes and "ix_check_in_key_result_date" not in indexes
    upgraded.close()


@pytest.mark.parametrize("name", ["Q3 #2.okrplan", "budget?v2.okrplan", "50%41 & co.okrplan"])
def test_a_plan_opens_under_any_file_name_and_no_other_file_is_touched(
    sample_file: Path, tmp_path: Path, name: str
) -> None:
    # "#" and "?" end a file name in a URI, and "%41" is "A" there: each once sent the plan
    # to another file ("budget", "50A & co.okrplan"), or read an empty one.
    bystander = another_apps_database(tmp_path / "budget")
    kept = digest(bystander)
    path = tmp_path / name
    create_plan_file(path).close()
    copy = open_plan_file(path, read_only=True)
    try:
        with copy.engine.connect() as connection:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            assert revision.scalar() == migrate.head_revision()
    finally:
        copy.close()
    old = open_plan_file(path)
    with old.engine.begin() as connection:
        migrate.downgrade(connection, "0001")
    old.close()
    upgraded = open_plan_file(path)  # the backup before the upgrade reads the same name
    upgraded.close()
    assert upgraded.backup is not None and upgraded.backup.name.startswith(Path(name).stem)
    assert digest(bystander) == kept
    made = {p.name for p in tmp_path.iterdir()} - {bystander.name}
    assert (
        {name, upgraded.backup.name}
        <= made
        <= {
            name,
            f"{name}-shm",
            f"{name}-wal",
            upgraded.backup.name,
        }
    )


def _without(path: Path, sql: str) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute(sql)
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path


@pytest.mark.parametrize(
    ("sql", "said"),
    [
        ("DROP TABLE team", "the table team is missing"),
        ("ALTER TABLE team DROP COLUMN mission", "the table team lacks the column mission"),
    ],
)
def test_a_plan_missing_part_of_its_schema_is_refused_as_damaged(
    sample_file: Path, tmp_path: Path, sql: str, said: str
) -> None:
    path = _without(copy_plan(sample_file, tmp_path), sql)
    before = digest(path)
    for read_only in (False, True):
        with pytest.raises(DamagedPlanError, match=said):
            open_plan_file(path, read_only=read_only)
    assert digest(path) == before


def test_a_damaged_plan_is_described_on_one_line(sample_file: Path, tmp_path: Path) -> None:
    assert "\n" not in str(DamagedPlanError(tmp_path, "*** in database main ***\nPage 3: bad"))


def test_a_plan_cannot_be_made_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(PlanFileError, match=r"notes.txt is a file, not a folder"):
        create_plan_file(tmp_path / "notes.txt" / "plan.okrplan")
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_plan_sqlite_cannot_read_in_place_is_read_from_a_copy(
    sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a CD or a read-only share, where SQLite can make no -shm file for a WAL plan.
    path = copy_plan(sample_file, tmp_path)
    before = digest(path)
    monkeypatch.setattr(planfile, "readable_in_place", lambda _path: False)
    plan = Plan.open(path, read_only=True)
    try:
        assert plan.file.scratch is not None and plan.path == path
        assert len(plan.teams.list()) == 6
    finally:
        plan.close()
    assert not plan.file.scratch.exists()
    assert digest(path) == before


@pytest.fixture
def read_only_mount(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A folder and the same folder mounted read-only (as a CD or a read-only share)."""
    if os.geteuid() != 0:
        pytest.skip("mounting needs root")
    source, mount = tmp_path / "source", tmp_path / "mount"
    source.mkdir()
    mount.mkdir()
    if subprocess.run(["mount", "--bind", str(source), str(mount)]).returncode != 0:
        pytest.skip("this machine allows no bind mount")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)]).returncode != 0:
            pytest.skip("this machine allows no read-only remount")
        yield source, mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_plan_on_a_read_only_mount_is_read_and_refused_for_editing_in_words(
    sample_file: Path, read_only_mount: tuple[Path, Path]
) -> None:
    source, mount = read_only_mount
    copy_plan(sample_file, source)
    make_older(copy_plan(sample_file, source, "older.okrplan"))
    for name in ("plan.okrplan", "older.okrplan"):
        plan = Plan.open(mount / name, read_only=True)
        try:
            assert len(plan.teams.list()) == 6
        finally:
            plan.close()
    with pytest.raises(ReadOnlyPlaceError, match=r"cannot open it for editing \(Read-only file"):
        open_plan_file(mount / "plan.okrplan")
    with pytest.raises(PlanFileError, match=r"cannot create a plan there \(Read-only file"):
        create_plan_file(mount / "new.okrplan")


def test_a_plan_on_a_read_only_mount_with_changes_left_in_its_wal_is_refused_in_words(
    sample_file: Path, read_only_mount: tuple[Path, Path]
) -> None:
    source, mount = read_only_mount
    path = copy_plan(sample_file, source)
    # An app that died mid-session: its last change is in the -wal, not yet in the file.
    script = textwrap.dedent(
        f"""
        import os, sqlite3
        connection = sqlite3.connect({str(path)!r})
        connection.execute("PRAGMA wal_autocheckpoint=0")
        connection.execute("UPDATE team SET mission = 'changed'")
        connection.commit()
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    (source / f"{path.name}-shm").unlink(missing_ok=True)
    with pytest.raises(PlanFileError, match="copy both files to a folder you can write to"):
        Plan.open(mount / path.name, read_only=True)


def test_an_older_plan_reads_read_only_from_an_upgraded_copy_and_stays_as_it_was(
    sample_file: Path, tmp_path: Path
) -> None:
    path = make_older(copy_plan(sample_file, tmp_path))
    before = digest(path)
    plan = Plan.open(path, read_only=True)
    try:
        scratch = plan.file.scratch
        assert scratch is not None and scratch.exists()
        assert plan.path == path and plan.read_only
        assert len(plan.teams.list()) == 6
    finally:
        plan.close()
    assert not scratch.exists(), "the upgraded copy goes with the plan"
    assert digest(path) == before
    assert not [name for name in siblings(path) if "before upgrade" in name], "not upgraded"


@pytest.mark.skipif(os.name != "posix", reason="asks the system whether a process runs")
def test_reading_a_copy_sweeps_away_copies_left_by_apps_that_ended(
    sample_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(planfile.tempfile, "tempdir", str(tmp_path))
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    left, running = tmp_path / "planner-read-left", tmp_path / "planner-read-running"
    for folder, pid in ((left, ended.stdout.strip()), (running, str(os.getpid()))):
        folder.mkdir()
        (folder / "owner").write_text(pid)
        (folder / "plan.okrplan").write_bytes(b"a large copy")
    plan = Plan.open(make_older(copy_plan(sample_file, tmp_path)), read_only=True)
    plan.close()
    assert not left.exists(), "its app ended without closing it"
    assert running.exists(), "its app still runs"


def test_a_copy_that_cannot_be_written_is_blamed_on_the_copy(
    sample_plan: Plan, tmp_path: Path
) -> None:
    # The open plan has changes in its -wal: a failure to write the copy once read as the
    # plan being on read-only media with changes it could not read.
    sample_plan.apply(sample_plan.stages.create("Expansion"))
    with pytest.raises(CopyError) as refused:
        backup_plan(sample_plan.path, tmp_path / "gone" / "copy.okrplan")
    assert "unable to open database file" in str(refused.value)
    assert "-wal" not in str(refused.value)


def test_a_plan_is_known_by_any_name_that_reaches_it_and_its_companions(tmp_path: Path) -> None:
    plan = tmp_path / "q3.okrplan"
    plan.write_bytes(b"plan")
    (tmp_path / "hard.pdf").hardlink_to(plan)
    (tmp_path / "soft.pdf").symlink_to(plan)
    (tmp_path / "sub").mkdir()
    reaching = [
        plan,
        tmp_path / "sub" / ".." / "q3.okrplan",
        tmp_path / "hard.pdf",
        tmp_path / "soft.pdf",
        tmp_path / "q3.okrplan-wal",  # not there yet: SQLite would still read it
        tmp_path / "q3.okrplan-shm",
        lock_path(plan),
    ]
    assert all(planfile.is_part_of_plan(path, plan) for path in reaching)
    others = [tmp_path / "q3.pdf", tmp_path / "q3.okrplan-wal.pdf", tmp_path / "sub"]
    assert not any(planfile.is_part_of_plan(path, plan) for path in others)


def test_a_plan_open_through_a_link_is_locked_by_its_real_name(
    sample_file: Path, tmp_path: Path
) -> None:
    real = copy_plan(sample_file, tmp_path)
    link = tmp_path / "link.okrplan"
    link.symlink_to(real)
    with Plan.open(link), pytest.raises(LockedError):
        Plan.open(real)
    with Plan.open(real), pytest.raises(LockedError):
        Plan.open(link)


def test_a_plan_with_a_second_name_opens_only_read_only(sample_file: Path, tmp_path: Path) -> None:
    # Each name would get its own lock and its own -wal: two windows could edit the one file
    # and damage it. Through either name it can still be read.
    real = copy_plan(sample_file, tmp_path)
    other = tmp_path / "other.okrplan"
    other.hardlink_to(real)
    before = real.read_bytes()
    for name in (real, other):
        with pytest.raises(ReadOnlyPlaceError) as refused:
            Plan.open(name)
        assert str(refused.value) == (
            f"{name}: cannot open it for editing (the file has another name, a hard link, "
            "and two windows editing it under two names would damage it)"
        )
        with Plan.open(name, read_only=True) as reading:
            assert reading.teams.list()
    assert real.read_bytes() == before
    assert not lock_path(real).exists() and not lock_path(other).exists()
    other.unlink()
    with Plan.open(real) as editing:
        assert not editing.read_only


def test_a_plan_that_cannot_be_read_on_a_full_disk_is_not_called_damaged(
    sample_file: Path, tmp_path: Path, small_disk: Callable[[int], Path]
) -> None:
    source = copy_plan(sample_file, tmp_path)
    disk = small_disk(2048)
    with Plan.open(source) as plan:  # its latest change still in its -wal, as after a crash
        plan.apply(plan.teams.update(plan.teams.list()[0].id, name="Changed"))
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{source}{suffix}", disk / f"plan.okrplan{suffix}")
    fill(disk, leave=4096)  # no room for the -shm file reading it needs
    with pytest.raises(planfile.PlanFileError) as refused:
        Plan.open(disk / "plan.okrplan", read_only=True)
    assert not isinstance(refused.value, DamagedPlanError)
    assert str(refused.value).startswith(f"{disk / 'plan.okrplan'}: cannot read it here (")
    assert str(refused.value).endswith("the disk is full); it was left untouched")


def test_a_plan_with_no_room_to_be_read_for_editing_is_refused_in_words(
    sample_file: Path, small_disk: Callable[[int], Path]
) -> None:
    disk = small_disk(1024)
    plan = copy_plan(sample_file, disk)
    fill(disk, leave=8 * 1024)  # the lock fits, the -shm file of its log does not
    with pytest.raises(planfile.PlanFileError) as refused:
        Plan.open(plan)
    assert str(refused.value).startswith(f"{plan}: cannot read it here (")
    assert not lock_path(plan).exists()  # not left locked either
    with pytest.raises(planfile.PlanFileError):
        Plan.open(plan)  # and refused alike the second time


def test_a_plan_with_no_room_to_be_read_at_all_is_refused_in_words(
    sample_file: Path, small_disk: Callable[[int], Path]
) -> None:
    disk = small_disk(1024)
    plan = copy_plan(sample_file, disk)  # no -wal beside it: nothing to read but the file
    fill(disk, leave=0)
    with pytest.raises(planfile.PlanFileError) as refused:
        Plan.open(plan, read_only=True)
    assert str(refused.value).startswith(f"{plan}: cannot read it here (")
