"""Paper done right for every layout and size: words inside the margins, Inter embedded, the
page count known before printing, and the same pages on a QPrinter as in a PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from planner.report import PrintOptions, page_count, print_to_pdf
from planner.report.render import render
from planner.services.plan import Plan
from tests.disks import fill
from tests.plans import SAMPLE_DAY
from tests.report import pdf

LAYOUTS = ["sheets", "booklet", "poster", "attribution"]


@pytest.mark.parametrize("size", ["A4", "Letter"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_word_lies_inside_the_printable_box(
    sample_plan: Plan, tmp_path: Path, layout: str, size: str
) -> None:
    out = tmp_path / f"{layout}.pdf"
    options = PrintOptions(layout, size, today=SAMPLE_DAY)
    pages = print_to_pdf(sample_plan, out, options)
    assert pages == pdf.page_count(out) == page_count(sample_plan, options)
    words = pdf.words(out)
    assert {w.page for w in words} == set(range(1, pages + 1)), "no page is blank"
    outside = [w for w in words if not w.inside_margins()]
    assert not outside, f"outside the margins: {outside[:5]}"
    width, height = pdf.page_size(out)
    expected = {
        "sheets": (595, 842),
        "booklet": (595, 842),
        "attribution": (595, 842),
        "poster": (1191, 842),
    }[layout]
    if size == "Letter":
        expected = (1224, 792) if layout == "poster" else (612, 792)
    assert (round(width), round(height)) == expected


@pytest.mark.parametrize("layout", ["attribution", "booklet"])  # the two with charts
def test_text_is_set_in_the_bundled_inter(sample_plan: Plan, tmp_path: Path, layout: str) -> None:
    out = tmp_path / f"{layout}.pdf"
    print_to_pdf(sample_plan, out, PrintOptions(layout, "A4", today=SAMPLE_DAY))
    fonts = pdf.run("pdffonts", str(out)).splitlines()[2:]
    names = {line.split()[0] for line in fonts}
    assert names and all(name.split("+")[-1].startswith("Inter") for name in names), names
    assert all(" yes " in line for line in fonts), "every font is embedded"


def test_a_qprinter_gets_the_same_pages_as_the_pdf(sample_plan: Plan, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printer.pdf"
    printer.setOutputFileName(str(out))
    options = PrintOptions("booklet", "Letter", today=SAMPLE_DAY)
    pages = render(sample_plan, printer, options)
    assert pages == pdf.page_count(out) == page_count(sample_plan, options)
    assert all(w.inside_margins() for w in pdf.words(out))
    assert round(pdf.page_size(out)[0]) == 612


def test_a_missing_folder_is_reported_before_anything_is_written(
    sample_plan: Plan, tmp_path: Path
) -> None:
    with pytest.raises(FileNotFoundError, match="no such folder"):
        print_to_pdf(sample_plan, tmp_path / "nope" / "out.pdf", PrintOptions("sheets", "A4"))


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ("sheets", "No teams in this plan yet"),
        ("booklet", "No teams to show"),
        ("poster", "No teams yet"),
        ("attribution", "No attribution notes for 2026 Q4 yet"),
    ],
)
def test_an_empty_plan_prints_friendly_pages(
    empty_plan: Plan, tmp_path: Path, layout: str, message: str
) -> None:
    out = tmp_path / f"{layout}.pdf"
    pages = print_to_pdf(empty_plan, out, PrintOptions(layout, "A4", today=SAMPLE_DAY))
    assert pages >= 1
    assert message in " ".join(pdf.lines("\n".join(pdf.pages_text(out))))
    assert all(w.inside_margins() for w in pdf.words(out))


def test_a_pdf_the_disk_has_no_room_for_is_refused_and_the_one_there_kept(
    sample_plan: Plan, small_disk: Callable[[int], Path]
) -> None:
    disk = small_disk(256)
    out = disk / "sheets.pdf"
    options = PrintOptions("sheets", "A4", today=SAMPLE_DAY)
    print_to_pdf(sample_plan, out, options)
    before = out.read_bytes()
    fill(disk, leave=len(before) + 8192)
    with pytest.raises(OSError, match=r"to its end \(is the disk full\?\)|No space left"):
        print_to_pdf(sample_plan, out, PrintOptions("booklet", "A4", today=SAMPLE_DAY))
    assert out.read_bytes() == before
    with pytest.raises(OSError):  # a new file: not left behind, empty
        print_to_pdf(sample_plan, disk / "new.pdf", PrintOptions("booklet", "A4"))
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "sheets.pdf"]


def test_a_pdf_is_written_as_the_umask_allows_and_through_a_link(
    sample_plan: Plan, tmp_path: Path
) -> None:
    import os

    options = PrintOptions("poster", "A4", today=SAMPLE_DAY)
    before = os.umask(0o077)
    try:
        print_to_pdf(sample_plan, tmp_path / "private.pdf", options)
    finally:
        os.umask(before)
    assert (tmp_path / "private.pdf").stat().st_mode & 0o777 == 0o600
    real, link = tmp_path / "real.pdf", tmp_path / "link.pdf"
    link.symlink_to(real)
    print_to_pdf(sample_plan, link, options)
    assert link.is_symlink() and pdf.page_count(real) == 1


@pytest.mark.parametrize("layout", ["booklet", "attribution"])
def test_a_long_team_name_is_cut_short_on_a_chart_and_stays_on_the_paper(
    sample_plan: Plan, tmp_path: Path, layout: str
) -> None:
    reach = next(team for team in sample_plan.teams.list() if team.name == "Reach")
    long_name = "Reach — Paid, Organic & Partner Acquisition for Freelancers in the DACH Region"
    sample_plan.apply(sample_plan.teams.update(reach.id, name=long_name))
    out = tmp_path / f"{layout}.pdf"
    print_to_pdf(sample_plan, out, PrintOptions(layout, "A4", today=SAMPLE_DAY))
    assert all(w.inside_margins() for w in pdf.words(out))
    chart_labels = [line for line in pdf.lines("\n".join(pdf.pages_text(out))) if "…" in line]
    assert any("Reach — Paid, Organic & Partner…" in line for line in chart_labels)


def test_a_booklet_says_which_teams_its_charts_leave_out(
    sample_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.report import dashboard_data

    monkeypatch.setattr(dashboard_data, "CHART_TEAMS", 3)
    out = tmp_path / "booklet.pdf"
    print_to_pdf(sample_plan, out, PrintOptions("booklet", "A4", today=SAMPLE_DAY))
    text = " ".join(pdf.lines("\n".join(pdf.pages_text(out))))
    assert "The 3 teams furthest behind, of 6." in text
    assert "The 3 teams missing the most skills, of 6." in text


def test_printing_chosen_stages_without_teams_says_so(sample_plan: Plan, tmp_path: Path) -> None:
    empty = sample_plan.apply(sample_plan.stages.create("Expansion"))
    stage_id = empty.id  # type: ignore[attr-defined]
    out = tmp_path / "sheets.pdf"
    print_to_pdf(
        sample_plan, out, PrintOptions("sheets", "A4", stage_ids=(stage_id,), today=SAMPLE_DAY)
    )
    assert "No teams in the stages chosen: nothing to print" in pdf.pages_text(out)[0]


def test_names_in_scripts_inter_lacks_print_without_a_warning_per_glyph(
    sample_plan: Plan, tmp_path: Path
) -> None:
    import warnings

    reach = next(team for team in sample_plan.teams.list() if team.name == "Reach")
    sample_plan.apply(sample_plan.teams.update(reach.id, name="צוות הגעה 獲得チーム"))
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        for layout in ("booklet", "attribution"):
            print_to_pdf(sample_plan, tmp_path / "out.pdf", PrintOptions(layout, "A4"))
    assert [str(w.message) for w in said if "Glyph" in str(w.message)] == []


@pytest.mark.parametrize("layout", ["poster", "booklet"])
def test_a_stage_printed_with_some_of_its_teams_says_how_many_it_has(
    sample_plan: Plan, tmp_path: Path, layout: str
) -> None:
    first_hour = next(team for team in sample_plan.teams.list() if team.name == "First Hour")
    out = tmp_path / f"{layout}.pdf"
    options = PrintOptions(layout, "A4", team_ids=(first_hour.id,), today=SAMPLE_DAY)
    print_to_pdf(sample_plan, out, options)
    text = " ".join(pdf.lines("\n".join(pdf.pages_text(out))))
    assert "1 of 2 teams" in text  # the stage's 34 % is both teams'
    assert "· 1 team" not in text
