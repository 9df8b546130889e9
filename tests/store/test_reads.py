"""The tables a piece of code reads, as the plan's kept read models rely on them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session, aliased

from planner.store.models import CheckIn, KeyResult, Objective, Team
from planner.store.planfile import create_plan_file
from planner.store.reads import ANY_TABLE, ReadTracker


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    plan = create_plan_file(tmp_path / "reads.okrplan")
    yield plan.engine
    plan.close()


def test_joins_subqueries_and_aliases_count(engine: Engine) -> None:
    tracker = ReadTracker(engine)
    latest = aliased(CheckIn)
    query = (
        select(KeyResult.id)
        .join(Objective, KeyResult.objective_id == Objective.id)
        .where(
            select(latest.id)
            .where(latest.key_result_id == KeyResult.id)
            .correlate(KeyResult)
            .exists()
        )
    )
    with tracker.recording() as read, Session(engine) as session:
        session.execute(query).all()
    assert read == {"key_result", "objective", "check_in"}


def test_orm_reads_count_and_nothing_is_recorded_outside_a_block(engine: Engine) -> None:
    tracker = ReadTracker(engine)
    with Session(engine) as session:
        session.scalars(select(Objective)).all()  # before any recording
        with tracker.recording() as read:
            session.scalars(select(Team)).all()
    assert read == {"team"}


def test_text_sql_may_read_any_table(engine: Engine) -> None:
    tracker = ReadTracker(engine)
    with tracker.recording() as read, engine.connect() as connection:
        connection.execute(text("SELECT count(*) FROM team")).all()
    assert read == {ANY_TABLE}


def test_recordings_nest_and_kept_reads_are_noted(engine: Engine) -> None:
    tracker = ReadTracker(engine)
    with tracker.recording() as outer, Session(engine) as session:
        session.execute(select(Team.id)).all()
        with tracker.recording() as inner:
            session.execute(select(Objective.id)).all()
            tracker.note({"stage"})  # something kept, read earlier
        assert inner == {"objective", "stage"}
    assert outer == {"team", "objective", "stage"}
    tracker.note({"person"})  # no recording open: goes nowhere
    assert outer == {"team", "objective", "stage"}


def test_a_block_inside_one_that_read_nothing_yet_closes_on_its_own(engine: Engine) -> None:
    """Two equal sets open at once: each block still closes its own."""
    tracker = ReadTracker(engine)
    with tracker.recording() as outer, Session(engine) as session:
        with tracker.recording() as inner:
            session.execute(select(Team.id)).all()
        session.execute(select(Objective.id)).all()
    assert inner == {"team"}
    assert outer == {"team", "objective"}
    with tracker.recording() as later:
        pass
    assert later == set()  # nothing left open from before
