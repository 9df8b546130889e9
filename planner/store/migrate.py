"""Schema versions of plan files, run through Alembic in-process.

Opening a plan only compares its version with :data:`REVISIONS`; Alembic (and the Mako
templates it loads, a fifth of a second) is imported only when a plan is created, upgraded
or stepped back. A test keeps :data:`REVISIONS` equal to the migrations folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# Every revision in migrations/versions, oldest first; the last is the head.
REVISIONS = ("0001", "0002", "0003", "0004")


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return REVISIONS[-1]


def known_revisions() -> set[str]:
    return set(REVISIONS)


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


def downgrade(connection: Connection, revision: str) -> None:
    """Step a plan back to an older schema; used by tests of the upgrade path."""
    from alembic import command

    command.downgrade(alembic_config(connection), revision)
