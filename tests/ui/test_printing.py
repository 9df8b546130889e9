"""Print Preview, Print and Export PDF from the app draw the report engine's pages."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog

from planner.report import page_count
from planner.ui import printing
from planner.ui.document import PlanDocument

# The tests' dialogs replace these; kept to test them.
ASK_PDF_PATH = printing.ask_pdf_path
ASK_PRINT_OPTIONS = printing.ask_print_options


def test_the_preview_shows_one_page_per_team(qtbot, document: PlanDocument) -> None:  # type: ignore[no-untyped-def]
    options = printing.default_options(document, None)
    printer = printing.make_printer(options)
    preview = QPrintPreviewWidget(printer)
    qtbot.addWidget(preview)
    preview.paintRequested.connect(lambda device: printing.render(document.plan, device, options))
    preview.updatePreview()
    teams = len(document.plan.teams.list())
    assert preview.pageCount() == teams == page_count(document.plan, options)


def test_the_setup_dialog_offers_the_team_on_show(qtbot, document: PlanDocument) -> None:  # type: ignore[no-untyped-def]
    team = document.plan.teams.list()[0]
    dialog = printing.PrintSetupDialog(printing.default_options(document, None), team.name)
    qtbot.addWidget(dialog)
    assert dialog.only_team.text() == f"Only {team.name}"
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("poster"))
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("Letter"))
    dialog.only_team.setChecked(True)
    options = dialog.options(team.id)
    assert (options.layout, options.page_size, options.team_ids) == ("poster", "Letter", (team.id,))


def test_export_pdf_writes_the_chosen_file(
    qtbot,
    document: PlanDocument,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    target = tmp_path / "sheets.pdf"
    monkeypatch.setattr(printing, "ask_pdf_path", lambda _parent, _suggestion: target)
    team = next(t for t in document.plan.teams.list() if t.name == "First Hour")
    written = printing.export_pdf(None, document, printing.default_options(document, team.id))
    assert written == (target, 1)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert "Improve the onboarding experience" in text


def test_export_pdf_to_a_folder_says_it_could_not_be_written(
    qtbot,
    document: PlanDocument,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs,  # type: ignore[no-untyped-def]
) -> None:
    target = tmp_path / "sheets.pdf"
    target.mkdir()  # a folder of that name
    monkeypatch.setattr(printing, "ask_pdf_path", lambda _parent, _suggestion: target)
    assert printing.export_pdf(None, document, printing.default_options(document, None)) is None
    assert dialogs.error_texts == [f"{target} could not be written: a folder has that name."]


def test_printing_sends_the_pages_to_the_chosen_printer(
    qtbot,
    document: PlanDocument,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(printing, "ask_printer", printer_to_file(out))
    pages = printing.print_pages(None, document, printing.default_options(document, None))
    assert pages == len(document.plan.teams.list())
    assert out.stat().st_size > 0
    monkeypatch.setattr(printing, "ask_printer", lambda _parent, _printer: False)
    assert printing.print_pages(None, document, printing.default_options(document, None)) == 0


def test_a_printer_that_refuses_the_pages_is_said_not_a_crash(
    qtbot,
    document: PlanDocument,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs,  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "printed.pdf"
    folder.mkdir()  # the printer prints to a file, and a folder has that name
    monkeypatch.setattr(printing, "ask_printer", printer_to_file(folder))
    assert printing.print_pages(None, document, printing.default_options(document, None)) == 0
    assert dialogs.error_texts == ["Nothing was printed: a folder has that name."]


def printer_to_file(path: Path) -> Callable[[object, QPrinter], bool]:
    """A printer dialog answered "print to the PDF file ``path``"."""

    def choose(_parent: object, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    return choose


def test_the_preview_s_print_button_never_prints_over_the_plan(
    qtbot,
    document: PlanDocument,
    dialogs,  # type: ignore[no-untyped-def]
) -> None:
    # The preview prints through its own print dialog: "Print to File" given the plan's own
    # name replaced the plan with the PDF.
    options = printing.default_options(document, None)
    printer = printing.make_printer(options)
    preview = QPrintPreviewWidget(printer)
    qtbot.addWidget(preview)
    preview.paintRequested.connect(
        lambda device: printing._paint_preview(None, document, options, device)
    )
    preview.updatePreview()
    assert preview.pageCount() == len(document.plan.teams.list())
    plan_file = document.plan.path
    before = plan_file.read_bytes()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(plan_file))
    preview.print_()
    assert plan_file.read_bytes() == before
    assert len(dialogs.error_texts) == 1
    assert dialogs.error_texts[0].startswith("Nothing was printed: ")


def test_a_page_range_chosen_in_the_print_dialog_prints_those_pages(
    qtbot,
    document: PlanDocument,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / "two.pdf"
    to_file = printer_to_file(out)

    def pages_2_to_3(parent: object, printer: QPrinter) -> bool:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)
        return to_file(parent, printer)

    monkeypatch.setattr(printing, "ask_printer", pages_2_to_3)
    options = printing.default_options(document, None)
    assert printing.print_pages(None, document, options) == 2
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) == 2
    whole = page_count(document.plan, options)
    assert [f"{n}/{whole}" in page for n, page in zip((2, 3), pages, strict=True)] == [True, True]


def test_a_name_typed_without_pdf_asks_before_replacing_that_pdf(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    dialogs,  # type: ignore[no-untyped-def]
) -> None:
    (tmp_path / "board.pdf").write_bytes(b"%PDF-1.4 precious")
    typed = str(tmp_path / "board")  # the file dialog asked about "board", which is not there
    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", lambda *_args: (typed, ""))
    assert ASK_PDF_PATH(None, tmp_path / "x.pdf") is None  # answered no
    assert dialogs.questions == [("Export PDF", "board.pdf already exists. Replace it?")]
    dialogs.yes = True
    assert ASK_PDF_PATH(None, tmp_path / "x.pdf") == tmp_path / "board.pdf"


def test_the_only_team_choice_shows_an_ampersand_as_itself(qtbot, document: PlanDocument) -> None:  # type: ignore[no-untyped-def]
    dialog = printing.PrintSetupDialog(printing.default_options(document, None), "Plans & Billing")
    qtbot.addWidget(dialog)
    assert dialog.only_team.text() == "Only Plans && Billing"  # shown as "Only Plans & Billing"


def test_print_after_preview_offers_the_layout_and_paper_chosen_last(
    window,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    offered: list[tuple[str, str]] = []

    def choose_booklet_on_letter(dialog: printing.PrintSetupDialog) -> int:
        offered.append((dialog.layout_box.currentData(), dialog.paper_box.currentData()))
        dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("booklet"))
        dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("Letter"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(printing, "ask_print_options", ASK_PRINT_OPTIONS)
    monkeypatch.setattr(printing.PrintSetupDialog, "exec", choose_booklet_on_letter)
    monkeypatch.setattr(printing, "show_preview", lambda *_args: None)
    window.plan_actions.preview()
    window.plan_actions.preview()
    assert offered == [("sheets", printing.default_page_size()), ("booklet", "Letter")]
