"""Alembic environment for plan files.

The app runs migrations in-process on a connection it hands over in
``config.attributes["connection"]``; ``render_as_batch`` lets SQLite alter tables.
"""

from alembic import context

from planner.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("plan migrations run through planner.store.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
