"""A long printout painted in two processes and joined: the same pages, numbers and contents as
painted in one, and a file any reader takes."""

from __future__ import annotations

import gc
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.report import PrintOptions, print_to_pdf
from planner.report.pdfjoin import PdfJoinError, append_pages
from planner.services.plan import Plan
from planner.services.records import PeriodRecord
from tests.plans import SAMPLE_DAY
from tests.processes import run_code
from tests.report import pdf

render = importlib.import_module("planner.report.render")  # the module, not the function

# Prints the sample in a fresh interpreter (the app's tests run Qt threads; the command line
# does not), as two processes and as one, and says whether the pages were joined. numpy's
# OpenBLAS (loaded with the booklet's charts) is kept to one thread, or no fork would be safe.
PRINT_BOTH = """
import importlib, json, os, sys
os.environ["OPENBLAS_NUM_THREADS"] = "1"
from datetime import date
from pathlib import Path
from planner.report import PrintOptions
from planner.services.plan import Plan

plan_file, folder, layout = Path({plan!r}), Path({folder!r}), {layout!r}
render = importlib.import_module("planner.report.render")  # the module, not the function
render.MIN_SECTIONS_TO_SPLIT = 2
plan = Plan.open(plan_file, read_only=True)
options = PrintOptions(layout, "A4", today=date.fromisoformat({day!r}))
split = render.print_to_pdf(plan, folder / "two.pdf", options, processes=2)
whole = render.print_to_pdf(plan, folder / "one.pdf", options)
joined = (folder / "two.pdf").read_bytes().count(b"%%EOF") == 2
print(json.dumps([split, whole, joined]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="two processes only on Linux")
@pytest.mark.parametrize("layout", ["sheets", "booklet"])
def test_two_processes_print_what_one_prints(
    sample_file: Path, tmp_path: Path, layout: str
) -> None:
    code = PRINT_BOTH.format(
        plan=str(sample_file), folder=str(tmp_path), layout=layout, day=SAMPLE_DAY.isoformat()
    )
    done = run_code(code)
    assert done.returncode == 0, done.stderr
    split, whole, joined = json.loads(done.stdout.strip().splitlines()[-1])
    assert joined, "the pages were painted in two processes and joined"
    two, one = tmp_path / "two.pdf", tmp_path / "one.pdf"
    assert split == whole == pdf.page_count(two) == pdf.page_count(one)
    # The same words on the same pages: page numbers "n / N", and the booklet's contents,
    # which name pages painted by the other process.
    assert pdf.pages_text(two) == pdf.pages_text(one)
    assert pdf.words(two) == pdf.words(one)
    # Poppler mends a broken cross-reference table quietly, but says so on stderr.
    read = subprocess.run(["pdftotext", str(two), "-"], capture_output=True, text=True)
    assert read.returncode == 0 and read.stderr == ""


def _print_teams(plan: Plan, out: Path, names: set[str]) -> int:
    teams = tuple(t.id for t in plan.teams.list() if t.name in names)
    return print_to_pdf(plan, out, PrintOptions("sheets", "A4", today=SAMPLE_DAY, team_ids=teams))


def test_appended_pages_follow_the_first_files_pages(
    sample_plan: Plan, period: PeriodRecord, tmp_path: Path
) -> None:
    names = sorted(t.name for t in sample_plan.teams.list())
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    one = _print_teams(sample_plan, first, set(names[:2]))
    other = _print_teams(sample_plan, second, set(names[2:]))
    expected = pdf.pages_text(first) + pdf.pages_text(second)
    title = pdf.run("pdfinfo", str(first)).splitlines()[0]

    assert append_pages(first, second) == one + other == pdf.page_count(first)
    assert pdf.pages_text(first) == expected
    assert pdf.run("pdfinfo", str(first)).splitlines()[0] == title
    # Twice: an updated file is not joined again, and is left as it was.
    before = first.read_bytes()
    with pytest.raises(PdfJoinError):
        append_pages(first, second)
    assert first.read_bytes() == before


def test_a_file_not_written_by_qt_is_refused_and_left_alone(
    sample_plan: Plan, tmp_path: Path
) -> None:
    first, other = tmp_path / "first.pdf", tmp_path / "other.pdf"
    _print_teams(sample_plan, first, {t.name for t in sample_plan.teams.list()})
    before = first.read_bytes()
    other.write_bytes(b"%PDF-1.7\nnot really\n")
    with pytest.raises(PdfJoinError):
        append_pages(first, other)
    other.write_bytes(before[: len(before) // 2])
    with pytest.raises(PdfJoinError):
        append_pages(first, other)
    assert first.read_bytes() == before


# The second process failing in each way it can: the printout is then painted here in one
# process, whole, and no part file is left behind.
FALLBACK = """
import importlib, json, os, sys
from datetime import date
from pathlib import Path
from planner.report import PrintOptions
from planner.report.pdfjoin import PdfJoinError
from planner.services.plan import Plan

plan_file, folder, failure = Path({plan!r}), Path({folder!r}), {failure!r}
render = importlib.import_module("planner.report.render")
render.MIN_SECTIONS_TO_SPLIT = 2
out = folder / "out.pdf"
parent = os.getpid()
if failure == "child fails":
    write = render._write
    def failing_write(document, path):
        if os.getpid() != parent:
            raise RuntimeError("the child's painting failed")
        return write(document, path)
    render._write = failing_write
elif failure == "join fails":
    def refuse(first, second):
        raise PdfJoinError("not joined")
    render.append_pages = refuse
elif failure == "no fork":
    def no_fork():
        raise OSError(12, "Cannot allocate memory")
    render.os.fork = no_fork
plan = Plan.open(plan_file, read_only=True)
options = PrintOptions("sheets", "A4", today=date.fromisoformat({day!r}))
pages = render.print_to_pdf(plan, out, options, processes=2)
files = sorted(p.name for p in folder.iterdir())
print(json.dumps([pages, out.read_bytes().count(b"%%EOF"), files]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="two processes only on Linux")
@pytest.mark.parametrize("failure", ["child fails", "join fails", "no fork"])
def test_when_the_second_process_fails_one_process_prints_it_all(
    sample_file: Path, sample_plan: Plan, tmp_path: Path, failure: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code = FALLBACK.format(
        plan=str(sample_file), folder=str(folder), failure=failure, day=SAMPLE_DAY.isoformat()
    )
    done = run_code(code)
    assert done.returncode == 0, done.stderr
    pages, ends, files = json.loads(done.stdout.strip().splitlines()[-1])
    assert ends == 1, "painted in one process, not joined"
    assert files == ["out.pdf"], "no part file left behind"
    one = tmp_path / "one.pdf"
    assert _print_teams(sample_plan, one, {t.name for t in sample_plan.teams.list()}) == pages
    assert pdf.pages_text(folder / "out.pdf") == pdf.pages_text(one)
    if failure == "child fails":
        assert "the child's painting failed" in done.stderr  # said, not silent


def test_a_printout_left_to_the_process_end_keeps_the_collector_off(
    sample_plan: Plan, tmp_path: Path
) -> None:
    options = PrintOptions("sheets", "A4", today=SAMPLE_DAY)
    try:
        assert print_to_pdf(sample_plan, tmp_path / "kept.pdf", options) > 0
        assert gc.isenabled()
        left = render._LEFT[:]
        assert print_to_pdf(sample_plan, tmp_path / "left.pdf", options, leave=True) > 0
        assert not gc.isenabled()
        assert len(render._LEFT) == len(left) + 1  # kept, not freed object by object
        assert pdf.words(tmp_path / "left.pdf") == pdf.words(tmp_path / "kept.pdf")
    finally:
        gc.enable()
        render._LEFT.clear()


def test_each_part_of_a_split_printout_makes_only_its_own_teams_blocks(
    sample_plan: Plan,
) -> None:
    # Sheets are split between the processes before they are laid out: each process then
    # makes the blocks of its own half only.
    document = render.build_document(sample_plan, PrintOptions("sheets", "A4", today=SAMPLE_DAY))
    parts = document.split()
    assert parts is not None
    first, second = parts
    first.page_count()
    assert all(not callable(section.content) for section in first.sections)
    assert all(callable(section.content) for section in second.sections)
    second.page_count()
    assert all(not callable(section.content) for section in second.sections)
