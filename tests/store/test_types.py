"""The column types: ids read back through a cache, unchanged in the file."""

from __future__ import annotations

import uuid
from pathlib import Path

import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from planner.store.models import Base
from planner.store.types import Id, forget_ids

# Tables whose rows every read model reads again (the roll-up, the trees, the health report,
# the dashboard): their keys share the cache with the references to them.
READ_AGAIN = {"stage", "discipline", "person", "team", "period", "objective", "key_result"}
READ_AGAIN |= {"customer"}


def test_references_and_much_read_keys_use_the_id_cache_and_other_keys_do_not() -> None:
    # Rows read once (tens of thousands of check-ins, notes and shares) keep plain keys:
    # caching them would push out the ids that repeat.
    columns = [c for table in Base.metadata.tables.values() for c in table.columns]
    references = [c for c in columns if c.foreign_keys]
    assert references and all(isinstance(c.type, Id) for c in references)
    keys = {c.table.name: c for c in columns if c.primary_key and isinstance(c.type, sa.Uuid)}
    cached = {name for name, key in keys.items() if isinstance(key.type, Id)}
    assert cached == READ_AGAIN
    assert {"check_in", "attribution_note", "contribution"} <= set(keys) - cached


@given(st.lists(st.uuids(), min_size=1, max_size=20))
def test_ids_come_back_equal_and_the_same_id_as_one_object(ids: list[uuid.UUID]) -> None:
    engine = sa.create_engine("sqlite://")
    table = sa.Table("t", sa.MetaData(), sa.Column("n", sa.Integer), sa.Column("ref", Id))
    with engine.begin() as connection:
        table.create(connection)
        rows = [{"n": n, "ref": ref} for n, ref in enumerate(ids * 2)]
        connection.execute(table.insert(), rows)
        stored = connection.execute(sa.text("select ref from t order by n")).scalars().all()
        read = connection.execute(sa.select(table.c.ref).order_by(table.c.n)).scalars().all()
    assert stored == [ref.hex for ref in ids * 2]  # the file holds what Uuid writes
    assert read == ids * 2
    half = len(ids)
    assert all(a is b for a, b in zip(read[:half], read[half:], strict=True))


def test_a_missing_id_reads_as_none(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    table = sa.Table("t", sa.MetaData(), sa.Column("ref", Id, nullable=True))
    with engine.begin() as connection:
        table.create(connection)
        connection.execute(table.insert(), [{"ref": None}])
        assert connection.execute(sa.select(table.c.ref)).scalar() is None
    engine.dispose()


def test_ids_as_text_and_a_closed_plan_forget_the_cache(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    ref = uuid.uuid4()
    table = sa.Table("t", sa.MetaData(), sa.Column("ref", Id), sa.Column("text", Id(as_uuid=False)))
    with engine.begin() as connection:
        table.create(connection)
        connection.execute(table.insert(), [{"ref": ref, "text": str(ref)}])
        first, text = connection.execute(sa.select(table.c.ref, table.c.text)).one()
        assert text == str(ref)  # as_uuid=False reads strings, as Uuid does
        forget_ids()
        again = connection.execute(sa.select(table.c.ref)).scalar()
    engine.dispose()
    assert again == first and again is not first  # read anew after the cache was emptied
