"""Booklet, poster and attribution: what each shows, and where the contents say it is."""

from __future__ import annotations

import re
from pathlib import Path

from planner.domain.progress import format_progress
from planner.report import PrintOptions, print_to_pdf
from planner.services.journal import JournalFilter, journal
from planner.services.plan import Plan
from planner.services.records import PeriodRecord
from planner.services.topology import board
from tests.plans import SAMPLE_DAY
from tests.report import pdf


def test_booklet_contents_point_at_the_right_pages(
    sample_plan: Plan, period: PeriodRecord, tmp_path: Path
) -> None:
    out = tmp_path / "booklet.pdf"
    pages = print_to_pdf(sample_plan, out, PrintOptions("booklet", "A4", today=SAMPLE_DAY))
    texts = pdf.pages_text(out)
    assert pages == len(texts) == pdf.page_count(out)
    cover = pdf.lines(texts[0])
    assert "The funnel at a glance" in cover
    for column in board(sample_plan, period.id, SAMPLE_DAY):
        assert any(
            line.startswith(column.name) and format_progress(column.progress) in line
            for line in cover
        ), f"{column.name} has its bar and % on the cover"
    contents: list[tuple[str, int]] = []
    for line in pdf.lines(texts[1])[2:-1]:
        match = re.fullmatch(r"(.+?)(?: \.*)? (\d+)", line)
        assert match, f"a contents line ends in its page: {line!r}"
        contents.append((match.group(1).rstrip(" ."), int(match.group(2))))
    titles = [title for title, _ in contents]
    chapters = [titles.index(name) for name in ("Funnel stages", "Team sheets")]
    stages = dict(contents[chapters[0] + 1 : chapters[1]])
    sheets = contents[chapters[1] + 1 : titles.index("Customer attribution")]
    for stage, page in stages.items():
        assert stage in pdf.lines(texts[page - 1]), f"{stage} is on page {page}"
    teams = {t.name for t in sample_plan.teams.list()}
    stage_names = {s.name for s in sample_plan.stages.list()}
    current_stage = ""
    for title, page in sheets:
        header = pdf.lines(texts[page - 1])[1]
        if title in stage_names:
            current_stage = title
            assert f"{title} stage" in " ".join(pdf.lines(texts[page - 1])[:6])
        else:
            assert title in teams and header == title, f"{title}'s sheet is on page {page}"
            assert current_stage, "teams are listed under their stage"
    assert {title for title, _ in sheets} >= teams
    attribution_page = dict(contents)["Customer attribution"]
    assert "Customer attribution" in pdf.lines(texts[attribution_page - 1])[1]
    assert dict(contents)["The plan at a glance"] == 3
    assert "The plan at a glance" in pdf.lines(texts[2])[1]
    assert dict(contents)["Funnel stages"] == 4
    assert dict(contents)["Team sheets"] == min(page for _, page in sheets)


def test_poster_is_one_large_landscape_page_of_the_whole_funnel(
    sample_plan: Plan, period: PeriodRecord, tmp_path: Path
) -> None:
    for size, (width, height) in (("A4", (1190.6, 841.9)), ("Letter", (1224.0, 792.0))):
        out = tmp_path / f"poster-{size}.pdf"
        assert print_to_pdf(sample_plan, out, PrintOptions("poster", size, today=SAMPLE_DAY)) == 1
        got = pdf.page_size(out)
        assert abs(got[0] - width) < 1 and abs(got[1] - height) < 1, "A3 / Tabloid, landscape"
        text = pdf.pages_text(out)[0]
        flat = " ".join(pdf.lines(text))
        for column in board(sample_plan, period.id, SAMPLE_DAY):
            assert column.name in flat
            for card in column.teams:
                assert card.name in flat
                assert format_progress(card.progress) in flat
        assert "Missing: Data" in flat
        positions = [flat.index(name) for name in ("Acquisition", "Activation", "Retention")]
        assert positions == sorted(positions), "stages run left to right"


def test_attribution_lists_the_periods_notes_and_the_credit_chart(
    sample_plan: Plan, period: PeriodRecord, tmp_path: Path
) -> None:
    out = tmp_path / "attribution.pdf"
    print_to_pdf(sample_plan, out, PrintOptions("attribution", "Letter", today=SAMPLE_DAY))
    found = pdf.lines("\n".join(pdf.pages_text(out)))
    flat = " ".join(found)
    notes = journal(sample_plan, JournalFilter(period.start_date, period.end_date))
    assert notes.entries
    for entry in notes.entries:
        assert entry.customer in flat and entry.outcome in flat
    # The chart's text is text (Inter, from the SVG), so its axis can be read back.
    assert "credit (percentage points)" in flat
    assert "First Hour Activation 80 Customer support 50 · Product / UX 30" in found
    assert "Unattributed 20" in found


def test_attribution_of_a_period_without_notes_says_so(sample_plan: Plan, tmp_path: Path) -> None:
    later = next(p for p in sample_plan.periods.list() if p.name == "2027 Q1")
    out = tmp_path / "quiet.pdf"
    options = PrintOptions("attribution", "A4", period_id=later.id, today=SAMPLE_DAY)
    assert print_to_pdf(sample_plan, out, options) == 1
    assert "No attribution notes for 2027 Q1 yet" in pdf.pages_text(out)[0]


def test_the_booklet_carries_the_dashboards_figures_as_text_not_pixels(
    sample_plan,
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    import subprocess

    from planner.report import PrintOptions, print_to_pdf

    out = tmp_path / "booklet.pdf"
    print_to_pdf(sample_plan, out, PrintOptions(layout="booklet", page_size="A4"))
    page = subprocess.run(
        ["pdftotext", "-f", "3", "-l", "3", str(out), "-"], capture_output=True, text=True
    ).stdout
    assert "The plan at a glance" in page
    assert "Skills by team" in page
    # The figures went in as vectors: their labels are real text on the page.
    assert "Daily Habit" in page and "Plans & Billing" in page


def test_the_booklets_stage_tables_keep_team_types_on_one_line(
    sample_plan: Plan, tmp_path: Path
) -> None:
    out = tmp_path / "booklet.pdf"
    print_to_pdf(sample_plan, out, PrintOptions("booklet", "A4", today=SAMPLE_DAY))
    stages = next(text for text in pdf.pages_text(out) if "Missing disciplines" in text)
    # "Stream-aligned" fits its column: not broken into "Stream-align" and "ed".
    assert stages.count("Stream-aligned") == 5
