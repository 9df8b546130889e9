"""Team sheets: a page per team, every objective and key result with its figures, never cut."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from planner.domain.progress import format_progress
from planner.report import PrintOptions, page_count, print_to_pdf
from planner.services.okr_tree import okr_tree
from planner.services.plan import Plan
from planner.services.records import PeriodRecord
from planner.services.topology import skills_coverage
from tests.plans import SAMPLE_DAY
from tests.report import pdf
from tests.report.builders import add_okrs, add_team, set_objective_title


def funnel_order(plan: Plan) -> list[tuple[uuid.UUID, str]]:
    """(team id, name) in the order sheets come out: stages left to right."""
    return [(team_id, name) for team_id, name, _ in skills_coverage(plan).teams]


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_one_page_per_team_with_every_objective_key_result_and_percent(
    sample_plan: Plan, period: PeriodRecord, tmp_path: Path, size: str
) -> None:
    out = tmp_path / "sheets.pdf"
    pages = print_to_pdf(sample_plan, out, PrintOptions("sheets", size, today=SAMPLE_DAY))
    teams = funnel_order(sample_plan)
    assert pages == pdf.page_count(out) == len(teams) == 6
    texts = pdf.pages_text(out)
    for (team_id, name), text in zip(teams, texts, strict=True):
        found = pdf.lines(text)
        assert any(line.startswith(name) for line in found[:4]), f"{name} heads its page"
        tree = okr_tree(sample_plan, period.id, team_id, SAMPLE_DAY)
        assert tree.objectives, f"the sample gives {name} objectives"
        for objective in tree.objectives:
            assert _on_one_line(found, objective.record.title, format_progress(objective.progress))
            for result in objective.key_results:
                percent = f"{result.status.progress.percent} %"
                grade = f"{result.grade:.1f} {result.band.value}"
                assert _on_one_line(found, result.record.title, percent), result.record.title
                assert _on_one_line(found, result.record.title, grade), result.record.title
        assert "Workshop notes" in text


def _on_one_line(found: list[str], title: str, figure: str) -> bool:
    """The title's first words and the figure share a printed line (the figure's row)."""
    start = " ".join(title.split()[:3])
    return any(start in line and figure in line for line in found)


def test_header_and_footer_on_every_page(sample_plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "sheets.pdf"
    print_to_pdf(sample_plan, out, PrintOptions("sheets", "A4", today=SAMPLE_DAY))
    texts = pdf.pages_text(out)
    name = sample_plan.info.current().name
    for number, text in enumerate(texts, start=1):
        found = pdf.lines(text)
        assert found[0].startswith(name) and found[0].endswith("OKR sheets · 2026 Q4")
        # pdftotext drops the thin gaps around the slash; the page shows "1 / 6".
        assert found[-1].replace(" / ", "/") == f"Printed 16 Nov 2026 {number}/{len(texts)}"


def test_missing_disciplines_are_named_in_a_box_not_only_coloured(
    sample_plan: Plan, tmp_path: Path
) -> None:
    out = tmp_path / "sheets.pdf"
    team = next(t for t in sample_plan.teams.list() if t.name == "Daily Habit")
    print_to_pdf(
        sample_plan, out, PrintOptions("sheets", "A4", team_ids=(team.id,), today=SAMPLE_DAY)
    )
    assert "Missing: Data" in pdf.pages_text(out)[0]


def test_a_300_character_objective_title_wraps_and_every_word_stays_inside(
    sample_plan: Plan, period: PeriodRecord, tmp_path: Path
) -> None:
    team = next(t for t in sample_plan.teams.list() if t.name == "Reach")
    objective = sample_plan.objectives.list(period_id=period.id, team_id=team.id)[0]
    tokens = [f"goal{index:02d}" for index in range(50)]
    title = " ".join(tokens)[:300].rsplit(" ", 1)[0] + " finale"
    title += "x" * (300 - len(title))
    assert len(title) == 300
    set_objective_title(sample_plan, objective.id, title)
    out = tmp_path / "long.pdf"
    print_to_pdf(
        sample_plan, out, PrintOptions("sheets", "A4", team_ids=(team.id,), today=SAMPLE_DAY)
    )
    assert pdf.page_count(out) == 1
    words = pdf.words(out)
    printed = [w.text for w in words]
    expected = title.split()
    start = printed.index(expected[0])
    assert printed[start : start + len(expected)] == expected, "every word, in order"
    title_words = words[start : start + len(expected)]
    assert len({round(w.y_min) for w in title_words}) >= 3, "the title wraps onto lines"
    assert all(w.inside_margins() for w in words)


def test_a_crowded_team_continues_and_never_splits_a_key_result(
    sample_plan: Plan, period: PeriodRecord, tmp_path: Path
) -> None:
    team_id = add_team(sample_plan, "Crowded")
    made = add_okrs(sample_plan, period.id, team_id, objectives=12, key_results=5)
    out = tmp_path / "crowded.pdf"
    options = PrintOptions("sheets", "Letter", team_ids=(team_id,), today=SAMPLE_DAY)
    pages = print_to_pdf(sample_plan, out, options)
    assert pages == pdf.page_count(out) == page_count(sample_plan, options) > 2
    texts = pdf.pages_text(out)
    whole = "\n".join(texts)
    for title, unit in made:
        assert whole.count(title) == 1, f"{title} printed once"
        page = next(text for text in texts if title in text)
        # The detail line ("0 u01x1 → 10 u01x1 · not checked in yet") is on the title's page.
        assert page.count(unit) == 2, f"{title} kept whole on one page"
        assert f"10 {unit} · not checked in yet" in page
    assert pdf.lines(texts[0])[1] == "Crowded"
    for text in texts[1:]:
        assert "Crowded (continued)" in pdf.lines(text)[1]
    assert "Workshop notes" in texts[-1]
    assert all(w.inside_margins() for w in pdf.words(out))


def test_a_team_without_objectives_says_so(sample_plan: Plan, tmp_path: Path) -> None:
    team_id = add_team(sample_plan, "Newcomers", "Revenue")
    out = tmp_path / "empty.pdf"
    print_to_pdf(
        sample_plan, out, PrintOptions("sheets", "A4", team_ids=(team_id,), today=SAMPLE_DAY)
    )
    text = pdf.pages_text(out)[0]
    assert "No objectives for 2026 Q4 yet" in text
    assert "No members yet" in text
    assert "Missing: Product" in text


def test_a_plan_without_teams_prints_one_page_saying_so(empty_plan: Plan, tmp_path: Path) -> None:
    out = tmp_path / "none.pdf"
    assert print_to_pdf(empty_plan, out, PrintOptions("sheets", "A4", today=SAMPLE_DAY)) == 1
    assert "No teams in this plan yet" in pdf.pages_text(out)[0]


def test_a_raw_percentage_in_the_thousands_prints_grouped(
    sample_plan: Plan, period: PeriodRecord, tmp_path: Path
) -> None:
    team = next(t for t in sample_plan.teams.list() if t.name == "Reach")
    tree = okr_tree(sample_plan, period.id, team.id, SAMPLE_DAY)
    record = tree.objectives[0].key_results[0].record
    assert record.start_value is not None and record.target_value is not None
    # 12.5 times the way from start to target: 1,250 %.
    value = record.start_value + 12.5 * (record.target_value - record.start_value)
    sample_plan.apply(sample_plan.check_ins.create(record.id, SAMPLE_DAY, value, 7))
    out = tmp_path / "raw.pdf"
    print_to_pdf(
        sample_plan, out, PrintOptions("sheets", "A4", team_ids=(team.id,), today=SAMPLE_DAY)
    )
    lines = [" ".join(line.split()) for line in pdf.lines(pdf.pages_text(out)[0])]
    assert any("raw 1,250 %" in line for line in lines), "on one line, however it wraps"
