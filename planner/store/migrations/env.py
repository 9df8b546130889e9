"""Alembic environment for plan files.

The app runs migrations in-process on a connection it hands over in
``config.attributes["connection"]``; ``render_as_batch`` lets SQLite alter tables.
"""

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext

from planner.store.models import Base
from planner.store.types import Id

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("plan migrations run through planner.store.migrate, not the alembic CLI")


def render_item(kind: str, item: Any, _context: AutogenContext) -> str | Literal[False]:
    """Id is how the app reads a UUID, not a column type of its own: new migrations say
    ``sa.Uuid()`` and stay free of the app's code."""
    if kind == "type" and isinstance(item, Id):
        return "sa.Uuid()"
    return False


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
