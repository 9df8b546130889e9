"""Reading the journal: notes made into records only when asked for read exactly as every note
read in full does, whatever the notes and the filter."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from planner.domain.attribution import count_notes, note_problems, summarise
from planner.domain.values import Confidence, OutcomeCategory, TouchKind
from planner.services.journal import (
    JournalEntry,
    JournalFilter,
    ShareRow,
    attribution_findings,
    find_note,
    journal,
    notes_for_key_result,
)
from planner.services.plan import Plan
from planner.store.models import (
    AttributionNote,
    Contribution,
    Customer,
    KeyResult,
    Objective,
    Team,
)
from planner.store.rows import insert_many
from tests.plans import SAMPLE_DAY, open_copy

# Each free text has words of its own, so a search shows whether each text is searched.
OUTCOME, STORY, EVIDENCE, SHARE_NOTE = (
    ["Renewed", "UPGRADE"],
    ["phone", "Call"],
    ["Straße"],
    ["été"],
)
SEARCHED = OUTCOME + STORY + ["strasse", "ÉTÉ", "nord", "reach", "sign-up", "first hour"]
START = SAMPLE_DAY - timedelta(days=120)
# The fields a list of notes gives without making records (to sort by).
FIELDS = ("on_date", "customer", "outcome", "outcome_category", "confidence", "key_result")


def read_in_full(plan: Plan) -> tuple[JournalEntry, ...]:
    """Every note made into a record as it is read: how the journal read notes before."""
    with plan.session() as session:
        teams = {
            row.id: (row.name, row.stage_id)
            for row in session.execute(select(Team.id, Team.name, Team.stage_id))
        }
        shares: dict[uuid.UUID, list[ShareRow]] = defaultdict(list)
        parts = select(
            Contribution.id,
            Contribution.note_id,
            Contribution.team_id,
            Contribution.touch,
            Contribution.share,
            Contribution.note,
        ).order_by(Contribution.position)
        for part_id, note_id, team_id, touch, share, note in session.execute(parts):
            name, stage_id = teams.get(team_id, ("", None)) if team_id else ("", None)
            shares[note_id].append(ShareRow(part_id, team_id, name, stage_id, touch, share, note))
        query = (
            select(
                AttributionNote.id,
                AttributionNote.on_date,
                AttributionNote.customer_id,
                Customer.name,
                AttributionNote.outcome_category,
                AttributionNote.outcome,
                AttributionNote.story,
                AttributionNote.evidence,
                AttributionNote.confidence,
                AttributionNote.key_result_id,
                KeyResult.title,
                Team.stage_id,
                AttributionNote.unattributed_share,
            )
            .join(Customer, AttributionNote.customer_id == Customer.id)
            .outerjoin(KeyResult, AttributionNote.key_result_id == KeyResult.id)
            .outerjoin(Objective, KeyResult.objective_id == Objective.id)
            .outerjoin(Team, Objective.team_id == Team.id)
            .order_by(AttributionNote.on_date.desc(), Customer.name)
        )
        return tuple(
            JournalEntry(*row[:10], row[10] or "", row[11], row[12], tuple(shares[row[0]]))
            for row in session.execute(query)
        )


def texts(words: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words), max_size=2).map(" ".join)


shares = st.tuples(
    st.integers(-1, 30),  # a team by place; -1: a team deleted since
    st.sampled_from(list(TouchKind)),
    st.sampled_from([0.0, 10.0, 33.33, 33.34, 50.0, 60.0, 100.0]),
    texts(SHARE_NOTE),
)
notes = st.tuples(
    st.integers(0, 120),  # days after START
    st.integers(0, 30),  # a customer by place
    st.sampled_from(list(OutcomeCategory)),
    st.tuples(texts(OUTCOME), texts(STORY), texts(EVIDENCE)),
    st.sampled_from(list(Confidence)),
    st.one_of(st.none(), st.integers(0, 30)),  # a key result by place
    st.sampled_from([0.0, 20.0, 100.0]),
    st.lists(shares, max_size=4),
)


@st.composite
def filters(draw: st.DrawFn, plan: Plan, days: list[int]) -> JournalFilter:
    """Dates on and around the notes' own, and none, one or two of the other criteria."""
    near = st.sampled_from(days).flatmap(lambda day: st.integers(day - 1, day + 1))
    dates = st.one_of(st.none(), (near if days else st.integers(0, 120)).map(_day))
    choices = {
        "team_id": st.sampled_from([team.id for team in plan.teams.list()]),
        "stage_id": st.sampled_from([stage.id for stage in plan.stages.list()]),
        "customer_id": st.sampled_from([customer.id for customer in plan.customers.list()]),
        "outcome": st.sampled_from(list(OutcomeCategory)),
        "text": st.one_of(texts(SEARCHED), st.just("  ")),
    }
    names = st.one_of(st.none(), st.sampled_from(sorted(choices)))
    narrowed = {draw(names), draw(st.one_of(st.none(), st.none(), names))} - {None}
    criteria = {name: draw(choices[name]) for name in sorted(narrowed)}
    return JournalFilter(start=draw(dates), end=draw(dates), **criteria)


def _day(offset: int) -> date:
    return START + timedelta(days=offset)


def add_notes(plan: Plan, drawn: list[Any]) -> None:
    teams = [team.id for team in plan.teams.list()]
    customers = [customer.id for customer in plan.customers.list()]
    key_results = [kr.id for kr in plan.key_results.list()]
    now = datetime.now(UTC)
    rows: dict[str, list[dict[str, Any]]] = {"attribution_note": [], "contribution": []}
    for day, customer, category, (outcome, story, evidence), confidence, kr, rest, parts in drawn:
        note = uuid.uuid4()
        rows["attribution_note"].append(
            {
                "id": note,
                "on_date": _day(day),
                "customer_id": customers[customer % len(customers)],
                "outcome_category": category,
                "outcome": outcome or "Renewed",
                "story": story,
                "evidence": evidence,
                "key_result_id": None if kr is None else key_results[kr % len(key_results)],
                "confidence": confidence,
                "unattributed_share": rest,
                "version": 1,
                "updated_at": now,
            }
        )
        for position, (team, touch, share, text) in enumerate(parts):
            rows["contribution"].append(
                {
                    "id": uuid.uuid4(),
                    "note_id": note,
                    "team_id": None if team < 0 else teams[team % len(teams)],
                    "touch": touch,
                    "share": share,
                    "note": text,
                    "position": position,
                    "version": 1,
                    "updated_at": now,
                }
            )
    with plan.writing() as session:
        for table, values in rows.items():
            insert_many(session, table, values)


# The profile's examples (derandomized, so the same ones every run): the suite keeps within
# its few minutes; HYPOTHESIS_PROFILE=dev draws more.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=st.lists(notes, max_size=25), data=st.data())
def test_notes_read_as_when_every_note_is_read_in_full(
    sample_file: Path, tmp_path_factory: Any, drawn: list[Any], data: st.DataObject
) -> None:
    plan = open_copy(sample_file, tmp_path_factory.mktemp("journal"))
    try:
        add_notes(plan, drawn)
        everything = read_in_full(plan)
        where = data.draw(filters(plan, [note[0] for note in drawn]))

        shown = journal(plan, where)
        expected = tuple(entry for entry in everything if where.matches(entry))
        assert shown.entries == expected
        assert [shown.notes[index] for index in range(len(expected))] == list(expected)
        assert shown.notes[1:3] == expected[1:3]
        summary = summarise(entry.facts() for entry in expected)
        assert shown.summary == summary
        for kind in ("by_team", "by_stage", "by_touch", "by_team_and_touch"):
            assert list(getattr(shown.summary, kind)) == list(getattr(summary, kind))
        assert shown.counts == count_notes(entry.facts() for entry in expected)
        assert [shown.notes.index_of(entry.id) for entry in expected] == list(range(len(expected)))
        assert all(shown.notes.index_of(e.id) == -1 for e in everything if e not in expected)
        for name in FIELDS:
            assert shown.notes.field(name) == [getattr(entry, name) for entry in expected]
        assert shown.notes.team_names() == [
            tuple(share.team_name for share in entry.shares) for entry in expected
        ]
        assert shown.notes.facts() == [entry.facts() for entry in expected]

        assert all(find_note(plan, entry.id) == entry for entry in everything)
        assert find_note(plan, uuid.uuid4()) is None
        for key_result in {entry.key_result_id for entry in everything}:
            if key_result is not None:
                linked = [entry for entry in everything if entry.key_result_id == key_result]
                assert notes_for_key_result(plan, key_result) == linked
        findings = attribution_findings(plan)
        assert [(f.subject_id, f.rule, f.message) for f in findings] == [
            (entry.id, rule, message)
            for entry in everything
            for rule, message in note_problems(entry.facts())
        ]
    finally:
        plan.close()


def test_a_journal_without_notes_is_empty(empty_plan: Plan) -> None:
    shown = journal(empty_plan, JournalFilter(start=date(2026, 1, 1)))
    assert shown.entries == () and len(shown.notes) == 0
    assert shown.summary.notes == 0 and shown.summary.total == 0
    assert shown.notes.index_of(uuid.uuid4()) == -1
