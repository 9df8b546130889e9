"""The schema versions the app knows without loading Alembic match the migrations folder."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from planner.services.plan import Plan
from planner.store import migrate
from tests.plans import copy_plan, make_older


def test_the_listed_revisions_are_the_migrations_folder_oldest_first() -> None:
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    oldest_first = [script.revision for script in scripts.walk_revisions()][::-1]
    assert list(migrate.REVISIONS) == oldest_first
    assert migrate.head_revision() == scripts.get_current_head()


def test_opening_a_current_plan_does_not_load_alembic(sample_file: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from planner.services.plan import Plan; "
        f"plan = Plan.open(Path({str(sample_file)!r}), read_only=True); plan.close(); "
        "print('alembic' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


def test_a_plan_made_by_the_migrations_has_the_models_schema(tmp_path: Path) -> None:
    """Tables, columns, indexes and keys as the models declare them: a model changed without
    its migration (or the reverse) shows up here, not in someone's plan."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from planner.store.models import Base
    from planner.store.planfile import create_plan_file

    plan = create_plan_file(tmp_path / "schema.okrplan")
    try:
        with plan.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        plan.close()
    assert differences == []


def test_names_told_apart_only_by_case_beyond_a_to_z_are_made_distinct(
    sample_file: Path, tmp_path: Path
) -> None:
    path = make_older(copy_plan(sample_file, tmp_path), "0003")
    connection = sqlite3.connect(path)
    names = ["Équipe", "ÉQUIPE", "équipe", "ÉQUIPE (2)", "Straße", "STRASSE", "y" * 200, "Y" * 200]
    stage = connection.execute("SELECT stage_id FROM team LIMIT 1").fetchone()[0]
    for number, name in enumerate(names):
        connection.execute(
            "INSERT INTO team (id, stage_id, name, mission, persona, position, updated_at,"
            " version) SELECT ?, stage_id, ?, '', '', ?, updated_at, 1 FROM team"
            " WHERE stage_id = ? LIMIT 1",
            (f"{number:032x}", name, 100 + number, stage),
        )
    connection.commit()
    connection.close()
    plan = Plan.open(path)
    try:
        shown = sorted(t.name for t in plan.teams.list() if t.name.casefold()[0] in "éésy")
        assert sorted(shown) == sorted(
            ["Équipe", "ÉQUIPE (3)", "équipe (4)", "ÉQUIPE (2)", "Straße", "STRASSE (2)"]
            + ["y" * 200, "Y" * 196 + " (2)"]
        )
        team = next(t for t in plan.teams.list() if t.name == "Straße")
        plan.apply(plan.teams.update(team.id, mission="Still editable"))
    finally:
        plan.close()
