"""Names that differ only in case, in any alphabet, are made distinct.

Names of stages, disciplines, teams, periods and customers are unique ignoring case. Until
now "ignoring case" was SQLite's lower(), which folds only A to Z, so a plan could hold both
"Équipe" and "ÉQUIPE" (or "Straße" and "STRASSE"). The app now folds case as Python does, and
a plan holding such a pair could not edit either row, nor import its own export. The row made
later gets a number after its name ("ÉQUIPE (2)"); nothing else changes. The names stay as
they are on a downgrade.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMED_TABLES = ("stage", "discipline", "team", "period", "customer")
LONGEST_NAME = 200


def upgrade() -> None:
    connection = op.get_bind()
    for table in NAMED_TABLES:
        rows = connection.execute(sa.text(f"SELECT id, name FROM {table} ORDER BY rowid")).all()
        taken = {name.casefold() for _, name in rows}
        seen: set[str] = set()
        for row_id, name in rows:
            folded = name.casefold()
            if folded not in seen:
                seen.add(folded)
                continue
            number = 2
            while _numbered(name, number).casefold() in taken:
                number += 1
            renamed = _numbered(name, number)
            taken.add(renamed.casefold())
            connection.execute(
                sa.text(f"UPDATE {table} SET name = :name WHERE id = :id"),
                {"name": renamed, "id": row_id},
            )


def _numbered(name: str, number: int) -> str:
    suffix = f" ({number})"
    return name[: LONGEST_NAME - len(suffix)] + suffix


def downgrade() -> None:
    pass  # the names made distinct stay so: they are valid under the older rule too
