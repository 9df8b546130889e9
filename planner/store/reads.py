"""Which tables a piece of code reads, seen from the statements it runs.

A read model kept between edits (every note of the journal, the health report's facts) is
then dropped only by an edit to a table it read: a check-in leaves the journal's 50,000 notes
alone instead of having them read again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table, event
from sqlalchemy.engine import Engine
from sqlalchemy.sql import visitors

# Stands for "every table": a statement whose tables cannot be told (text SQL) may read any.
ANY_TABLE = "*"

# Statements that read no table.
_TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")

# Bounds the tables remembered per statement: the app runs a few hundred distinct ones.
_MAX_STATEMENTS = 2_000


class ReadTracker:
    """Records the tables read by statements run on ``engine`` while :meth:`recording`."""

    def __init__(self, engine: Engine) -> None:
        self._open: list[set[str]] = []
        # SQL text → its tables; SQLAlchemy renders a statement to the same text each time.
        self._tables: dict[str, frozenset[str]] = {}
        event.listen(engine, "before_cursor_execute", self._executed)

    @contextmanager
    def recording(self) -> Iterator[set[str]]:
        """A set that fills with the names of the tables read until the block ends. Blocks
        nest: a statement counts for every block open around it."""
        read: set[str] = set()
        self._open.append(read)
        try:
            yield read
        finally:
            # By identity: an enclosing block may hold an equal set (list.remove would take
            # that one, and this one would go on recording for ever).
            closed = self._open.pop()
            assert closed is read, "recordings must close in the order they opened"

    def note(self, tables: Iterable[str]) -> None:
        """Count ``tables`` as read by every open recording: for something read earlier and
        kept, which an open recording uses without running a statement."""
        for read in self._open:
            read.update(tables)

    def _executed(
        self,
        _connection: Any,
        _cursor: Any,
        statement: str,
        _parameters: Any,
        context: Any,
        _executemany: bool,
    ) -> None:
        if not self._open:
            return
        tables = self._tables.get(statement)
        if tables is None:
            tables = _tables_of(statement, getattr(context, "compiled", None))
            if len(self._tables) >= _MAX_STATEMENTS:
                self._tables.clear()
            self._tables[statement] = tables
        self.note(tables)


def _tables_of(statement: str, compiled: Any) -> frozenset[str]:
    # The tables the statement names. Tables an ORM mapping adds while compiling (eager
    # joins, column_property subqueries) would not show here; the models define none.
    if compiled is None or getattr(compiled, "statement", None) is None:
        if statement.lstrip().upper().startswith(_TRANSACTION_CONTROL):
            return frozenset()
        return frozenset({ANY_TABLE})
    # Every table the statement names, joins, subqueries and aliases included.
    tables = frozenset(
        element.name
        for element in visitors.iterate(compiled.statement)
        if isinstance(element, Table)
    )
    return tables or frozenset({ANY_TABLE})
