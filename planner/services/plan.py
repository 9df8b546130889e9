"""The open plan: sessions, applying edits, and the one change signal views listen to."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from planner.services.attribution import (
    AttributionNoteService,
    ContributionService,
    CustomerService,
)
from planner.services.edits import Edit, is_empty, tables_touched
from planner.services.okrs import CheckInService, KeyResultService, ObjectiveService, PeriodService
from planner.services.organisation import (
    DisciplineService,
    InteractionService,
    MembershipService,
    PersonService,
    PlanInfoService,
    StageService,
    TeamService,
)
from planner.store import rows
from planner.store.planfile import (
    PlanFile,
    PlanFileError,
    create_plan_file,
    is_place_error,
    open_plan_file,
    why_refused,
)
from planner.store.reads import ANY_TABLE, ReadTracker

log = logging.getLogger(__name__)

AnyEdit = TypeVar("AnyEdit", bound=Edit)
T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What an applied or reverted edit touched, so each view refreshes only what it shows."""

    tables: frozenset[str]
    edit: Edit | None = None
    undone: bool = False

    def touches(self, *tables: str) -> bool:
        return not self.tables.isdisjoint(tables)


Listener = Callable[[Changes], None]


class ReadOnlyError(Exception):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path.name} is open read-only; nothing can be changed")


class EditError(Exception):
    """An edit the plan file refused; nothing was changed.

    ``passing`` when the refusal may pass (a full disk, a busy file): the same edit may work
    if tried again, so an undo history keeps it."""

    def __init__(self, message: str, passing: bool = False) -> None:
        super().__init__(message)
        self.passing = passing


class Plan:
    """An open plan file and the services that read and change it."""

    def __init__(self, file: PlanFile) -> None:
        self.file = file
        self._sessions = sessionmaker(file.engine, expire_on_commit=False)
        self._listeners: list[Listener] = []
        self._remembered: dict[Hashable, tuple[frozenset[str], Any]] = {}
        self._reads = ReadTracker(file.engine)
        self.info = PlanInfoService(self)
        self.stages = StageService(self)
        self.disciplines = DisciplineService(self)
        self.people = PersonService(self)
        self.teams = TeamService(self)
        self.memberships = MembershipService(self)
        self.interactions = InteractionService(self)
        self.periods = PeriodService(self)
        self.objectives = ObjectiveService(self)
        self.key_results = KeyResultService(self)
        self.check_ins = CheckInService(self)
        self.customers = CustomerService(self)
        self.notes = AttributionNoteService(self)
        self.contributions = ContributionService(self)

    @classmethod
    def create(cls, path: Path) -> Plan:
        return cls(create_plan_file(Path(path)))

    @classmethod
    def open(cls, path: Path, read_only: bool = False) -> Plan:
        return cls(open_plan_file(Path(path), read_only=read_only))

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def read_only(self) -> bool:
        return self.file.read_only

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short read session; rows read from it stay usable after it closes."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def rows(self) -> Iterator[Connection]:
        """A short read of plain rows, for whole tables and read models: the session's ORM
        handling of each row (identity map, instance state, ORM result rows) costs more than
        the row, for tens of thousands of them. Columns keep their types (ids, enums, dates)."""
        with self.file.engine.connect() as connection:
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction; committed when the block ends, rolled back on any error.

        Everything remembered is forgotten afterwards (nobody says what the block changed).
        """
        try:
            with self._transaction() as session:
                yield session
        finally:
            self._remembered.clear()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        if self.read_only:
            raise ReadOnlyError(self.path)
        with self._sessions.begin() as session:
            yield session

    def remember(
        self, key: Hashable, compute: Callable[[], T], tables: Iterable[str] | None = None
    ) -> T:
        """``compute()``, kept until an edit changes a table it read.

        For read models several views need after each edit (every note of the journal, the
        people): read once per change instead of once per view, and not again after an edit
        elsewhere (a check-in leaves the notes alone). The tables are those of the statements
        ``compute`` runs and of what it uses that was kept; ``tables`` names them instead.
        What is kept must not be changed by whoever gets it (tuples and frozen records).
        """
        entry = self._remembered.get(key)
        if entry is None:
            if tables is None:
                with self._reads.recording() as read:
                    value = compute()
                # Read nothing the tracker saw (it came from elsewhere): any edit drops it.
                entry = (frozenset(read or {ANY_TABLE}), value)
            else:
                entry = (frozenset(tables), compute())
            self._remembered[key] = entry
        # Whatever is computing around this call depends on the same tables.
        self._reads.note(entry[0])
        return cast(T, entry[1])

    def _forget(self, touched: frozenset[str]) -> None:
        """Drop what ``touched`` tables may have changed."""
        for key, (tables, _) in list(self._remembered.items()):
            if ANY_TABLE in tables or not tables.isdisjoint(touched):
                del self._remembered[key]

    def apply(self, edit: AnyEdit) -> AnyEdit:
        """Run ``edit`` in one transaction and tell every listener; returns the edit."""
        self._run(edit, undo=False)
        return edit

    def revert(self, edit: AnyEdit) -> AnyEdit:
        """Undo an applied ``edit`` in one transaction and tell every listener."""
        self._run(edit, undo=True)
        return edit

    def _run(self, edit: Edit, undo: bool) -> None:
        if is_empty(edit):
            return
        try:
            self.file.ensure_in_place()
        except PlanFileError as error:
            raise EditError(str(error)) from error
        try:
            with self._transaction() as session:
                if undo:
                    edit.revert(session)
                else:
                    edit.apply(session)
        except IntegrityError as error:
            log.info("edit refused by the plan file: %s", error.orig)
            raise EditError(_integrity_message(error)) from error
        except rows.RowNotFoundError as error:
            raise EditError(f"{error}; it may have been deleted") from error
        except SQLAlchemyError as error:
            reason = why_refused(error, self.path)
            log.warning("edit refused by the plan file: %s", reason)
            passing = is_place_error(getattr(error, "orig", None) or error)
            raise EditError(f"the plan file refused the change ({reason})", passing) from error
        touched = tables_touched(edit)
        self._forget(touched)
        self.notify(Changes(tables=touched, edit=edit, undone=undo))

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every change; returns the function that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def notify(self, changes: Changes) -> None:
        """Tell every listener of ``changes``, which are saved already.

        A listener that fails (a view that cannot show the change) neither keeps the others
        from hearing it nor makes the change look undone: its error goes, once they all have
        heard, to ``sys.excepthook``, which in the app logs it and shows it."""
        failures = []
        for listener in list(self._listeners):
            try:
                listener(changes)
            except Exception:
                failures.append(sys.exc_info())
        for kind, error, trace in failures:
            sys.excepthook(kind, error, trace)  # type: ignore[arg-type]

    def close(self) -> None:
        self._listeners.clear()
        self.file.close()

    def __enter__(self) -> Plan:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _integrity_message(error: IntegrityError) -> str:
    text = str(error.orig)
    if "UNIQUE" in text:
        where = text.rsplit(":", 1)[-1].strip()
        table, _, column = where.partition(".")
        return f"another {table.replace('_', ' ')} already has that {column.split(',')[0]}"
    if "FOREIGN KEY" in text:
        return "it refers to something that no longer exists"
    return f"it breaks a rule of the plan ({text})"
