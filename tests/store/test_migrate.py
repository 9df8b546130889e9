"""The schema versions the app knows without loading Alembic match the migrations folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

from planner.store import migrate


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
