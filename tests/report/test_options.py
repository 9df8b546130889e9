"""Options and selection: ids checked with clear messages, paper from the locale, funnel order,
the batch read matching okr_tree, and printing without widgets or matplotlib."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from planner.domain.values import TouchKind
from planner.report import PrintOptions, default_page_size, page_count
from planner.report.data import attribution, select_content
from planner.services.attribution import ContributionInput
from planner.services.journal import JournalFilter, journal
from planner.services.plan import Plan
from tests.plans import SAMPLE_DAY
from tests.report.builders import add_team


@pytest.mark.parametrize(("field", "noun"), [("team_ids", "team"), ("stage_ids", "stage")])
def test_unknown_team_or_stage_ids_are_refused_by_name(
    sample_plan: Plan, field: str, noun: str
) -> None:
    stranger = uuid.uuid4()
    options = PrintOptions("sheets", "A4", **{field: (stranger,)})
    with pytest.raises(ValueError, match=f"no {noun} with id {stranger} in this plan"):
        page_count(sample_plan, options)


def test_an_unknown_period_is_refused(sample_plan: Plan) -> None:
    stranger = uuid.uuid4()
    with pytest.raises(ValueError, match=f"no period with id {stranger}"):
        page_count(sample_plan, PrintOptions("booklet", "A4", period_id=stranger))


def test_an_unknown_layout_or_page_size_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown layout 'wall'; choose one of sheets"):
        PrintOptions("wall", "A4")
    with pytest.raises(ValueError, match="unknown page size 'A5'"):
        PrintOptions("sheets", "A5")


def test_teams_and_stages_select_their_union_in_funnel_order(sample_plan: Plan) -> None:
    stages = {s.name: s.id for s in sample_plan.stages.list()}
    teams = {t.name: t.id for t in sample_plan.teams.list()}
    options = PrintOptions(
        "sheets", "A4", team_ids=[teams["Plans & Billing"]], stage_ids=[stages["Activation"]]
    )
    selection = select_content(sample_plan, options)
    assert [t.name for t in selection.teams] == ["First Hour", "Integrations", "Plans & Billing"]
    assert [s.name for s in selection.stages] == ["Activation", "Revenue"]
    assert page_count(sample_plan, options) == 3


@pytest.fixture
def locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.mark.usefixtures("locale")
@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("en_US", "Letter"),
        ("en_CA", "Letter"),
        ("es_MX", "Letter"),
        ("fil_PH", "Letter"),
        ("de_DE", "A4"),
        ("en_GB", "A4"),
        ("ja_JP", "A4"),
    ],
)
def test_the_default_paper_follows_the_locale(name: str, size: str) -> None:
    QLocale.setDefault(QLocale(name))
    assert default_page_size() == size
    assert PrintOptions("sheets").page_size == size


def test_a_stage_s_attribution_holds_the_notes_its_journal_filter_shows(sample_plan: Plan) -> None:
    # The journal's stage filter shows a note linked to one of the stage's key results even
    # when it credits another stage's team: the printout for the stage holds it too.
    referral = next(s for s in sample_plan.stages.list() if s.name == "Referral")
    teams = {t.name: t.id for t in sample_plan.teams.list()}
    result = next(
        kr
        for kr in sample_plan.key_results.list()
        if sample_plan.objectives.get(kr.objective_id).team_id == teams["Word of Mouth"]
    )
    customer = sample_plan.customers.list()[0].id
    credit = [ContributionInput(teams["Reach"], TouchKind.MARKETING, 100)]
    outcome = "Referred a whole agency"
    note = sample_plan.notes.create(
        SAMPLE_DAY, customer, "referral", outcome, credit, key_result_id=result.id
    )
    sample_plan.apply(note)
    options = PrintOptions("attribution", "A4", stage_ids=(referral.id,), today=SAMPLE_DAY)
    printed = attribution(sample_plan, select_content(sample_plan, options))
    period = sample_plan.periods.containing(SAMPLE_DAY)
    assert period is not None
    where = JournalFilter(period.start_date, period.end_date, stage_id=referral.id)
    on_screen = [e.outcome for e in journal(sample_plan, where).entries]
    assert outcome in on_screen
    assert [e.outcome for e in printed.entries] == on_screen


def test_printing_needs_neither_widgets_nor_matplotlib(sample_file: Path, tmp_path: Path) -> None:
    """A fresh process, as the CLI runs: a QGuiApplication is made on demand, and the sheets
    load neither QtWidgets nor matplotlib."""
    script = textwrap.dedent(
        f"""
        import shutil, sys
        from datetime import date
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        from planner.report import PrintOptions, print_to_pdf
        from planner.services.plan import Plan
        assert "matplotlib" not in sys.modules
        plan = Plan.open(Path({str(sample_file)!r}), read_only=True)
        pages = print_to_pdf(plan, Path({str(tmp_path / "cli.pdf")!r}),
                             PrintOptions("sheets", "A4", today=date(2026, 11, 16)))
        plan.close()
        app = QCoreApplication.instance()
        assert type(app).__name__ == "QGuiApplication", type(app)
        assert "PySide6.QtWidgets" not in sys.modules
        assert "matplotlib" not in sys.modules
        print(pages)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "6"


def test_the_period_is_rolled_up_as_often_for_nine_teams_as_for_six(
    sample_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What keeps 200 sheets fast: the period is rolled up a fixed number of times (the
    board's own roll-up and the trees'), never once per team."""
    from planner.report import data
    from planner.services import topology

    calls: list[object] = []
    original = data.period_progress

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(data, "period_progress", counting)
    monkeypatch.setattr(topology, "period_progress", counting)
    options = PrintOptions("sheets", "A4", today=SAMPLE_DAY)
    assert page_count(sample_plan, options) == 6
    for_six = len(calls)
    for name in ("Seven", "Eight", "Nine"):
        add_team(sample_plan, name)
    calls.clear()
    assert page_count(sample_plan, options) == 9
    assert len(calls) == for_six <= 2
