"""Print, Print Preview and Export PDF from the app: the same pages `planner print` writes.

The page engine in :mod:`planner.report` renders onto any paged device, so the preview draws
exactly what the printer and the PDF get. Every modal step (the setup, the preview, the
printer dialog, the file name) is a module-level function the tests replace.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPaintEngine
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QWidget,
)

from planner.report import LAYOUTS, PAGE_SIZES, PrintOptions, default_page_size
from planner.report.render import ensure_whole, ensure_writable, render
from planner.ui import dialogs
from planner.ui.document import PlanDocument
from planner.ui.texts import as_written


def _tr(text: str) -> str:
    return QCoreApplication.translate("printing", text)


def layout_names() -> dict[str, str]:
    return {
        "sheets": _tr("OKR sheets (one page per team)"),
        "booklet": _tr("Booklet (cover, contents, stages, sheets, attribution)"),
        "poster": _tr("Funnel poster (one large landscape page)"),
        "attribution": _tr("Attribution report (notes and credit)"),
    }


class PrintSetupDialog(QDialog):
    """What to print: the layout, the paper, and the whole plan or the team on show."""

    def __init__(
        self, options: PrintOptions, team_name: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print"))
        self._options = options
        self.layout_box = QComboBox()
        for key, name in layout_names().items():
            self.layout_box.addItem(name, key)
        self.layout_box.setCurrentIndex(LAYOUTS.index(options.layout))
        self.paper_box = QComboBox()
        for size in PAGE_SIZES:
            self.paper_box.addItem(size, size)
        self.paper_box.setCurrentIndex(PAGE_SIZES.index(options.page_size))
        self.paper_box.setToolTip(self.tr("A poster prints on A3, or Tabloid where Letter is used"))
        self.only_team = QCheckBox(
            self.tr("Only {team}").format(team=as_written(team_name)) if team_name else ""
        )
        self.only_team.setVisible(team_name is not None)
        self.only_team.setChecked(bool(options.team_ids))
        form = QFormLayout(self)
        form.addRow(self.tr("&Print:"), self.layout_box)
        form.addRow(self.tr("P&aper:"), self.paper_box)
        if team_name is not None:
            form.addRow("", self.only_team)
        form.addRow(QLabel(self.tr("Everything prints in black and white as well as in colour.")))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def options(self, team_id: uuid.UUID | None) -> PrintOptions:
        return replace(
            self._options,
            layout=str(self.layout_box.currentData()),
            page_size=str(self.paper_box.currentData()),
            team_ids=(team_id,) if team_id is not None and self.only_team.isChecked() else (),
        )


def default_options(document: PlanDocument, team_id: uuid.UUID | None) -> PrintOptions:
    return PrintOptions(
        layout="sheets",
        page_size=default_page_size(),
        period_id=document.period_id,
        team_ids=(team_id,) if team_id is not None else (),
        today=document.today(),
    )


def ask_print_options(
    parent: QWidget | None,
    document: PlanDocument,
    team: tuple[uuid.UUID, str] | None,
    last: PrintOptions | None = None,
) -> PrintOptions | None:
    """The setup dialog, on the layout and paper chosen ``last``; None when cancelled."""
    team_id, team_name = team if team is not None else (None, None)
    options = default_options(document, team_id)
    if last is not None:
        options = replace(options, layout=last.layout, page_size=last.page_size)
    dialog = PrintSetupDialog(options, team_name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.options(team_id)


def make_printer(options: PrintOptions) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    # render() sets the page layout from the options; this only seeds the printer dialog.
    printer.setPageLayout(options.page_spec().page_layout())
    return printer


def show_preview(parent: QWidget | None, document: PlanDocument, options: PrintOptions) -> None:
    """Qt's print preview, drawn by the same page engine as the printer and the PDF."""
    printer = make_printer(options)
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle(QCoreApplication.translate("printing", "Print Preview"))
    preview.paintRequested.connect(lambda device: _paint_preview(parent, document, options, device))
    preview.resize(1000, 800)
    preview.exec()


def _paint_preview(
    parent: QWidget | None, document: PlanDocument, options: PrintOptions, printer: QPrinter
) -> None:
    """The preview's pages, or, from its Print button, the printed ones: those go through
    the same checks as File ▸ Print (a PDF never over the plan, a refusal said in words)."""
    if printer.paintEngine().type() == QPaintEngine.Type.Picture:  # the preview itself
        render(document.plan, printer, options)
    else:
        _print_to(parent, document, printer, options)


def ask_printer(parent: QWidget | None, printer: QPrinter) -> bool:
    dialog = QPrintDialog(printer, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_pdf_path(parent: QWidget | None, suggestion: Path) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, _tr("Export PDF"), str(suggestion), _tr("PDF documents (*.pdf)")
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() == ".pdf":
        return path  # the file dialog asked already, should it exist
    named = path.with_name(path.name + ".pdf")
    # The dialog asked about the name typed, not about this one.
    question = _tr("{name} already exists. Replace it?").format(name=named.name)
    if named.exists() and not dialogs.ask_yes_no(parent, _tr("Export PDF"), question):
        return None
    return named


def print_pages(parent: QWidget | None, document: PlanDocument, options: PrintOptions) -> int:
    """Ask for a printer and print; the number of pages sent (0 when cancelled, or when the
    printer refused them, which is said)."""
    printer = make_printer(options)
    if not ask_printer(parent, printer):
        return 0
    return _print_to(parent, document, printer, options)


def _chosen_pages(printer: QPrinter) -> range | None:
    """The pages the print dialog was asked for ("2-3"), None for all of them."""
    if printer.printRange() != QPrinter.PrintRange.PageRange or printer.fromPage() < 1:
        return None
    return range(printer.fromPage(), max(printer.fromPage(), printer.toPage()) + 1)


def _print_to(
    parent: QWidget | None, document: PlanDocument, printer: QPrinter, options: PrintOptions
) -> int:
    """Print on ``printer`` as chosen; the pages sent, 0 when refused (which is said)."""
    try:
        to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        out = Path(printer.outputFileName()) if to_file and printer.outputFileName() else None
        if out is not None:
            ensure_writable(out, document.plan.path)
        pages = render(document.plan, printer, options, _chosen_pages(printer))
        if out is not None:
            ensure_whole(out)  # Qt's PDF writer says nothing of writes that failed
        return pages
    except OSError as error:  # the printer, or the file it prints to, refused the pages
        dialogs.show_error(
            parent, _tr("Print"), _tr("Nothing was printed: {error}.").format(error=error)
        )
        return 0


def export_pdf(
    parent: QWidget | None, document: PlanDocument, options: PrintOptions
) -> tuple[Path, int] | None:
    """Ask where, then write the PDF; the file and its page count, None when cancelled."""
    from planner.report import print_to_pdf

    suggestion = document.plan.path.with_name(f"{document.plan.path.stem} {options.layout}.pdf")
    target = ask_pdf_path(parent, suggestion)
    if target is None:
        return None
    try:
        return target, print_to_pdf(document.plan, target, options)
    except OSError as error:  # a folder of that name, no right to write there, a full disk
        dialogs.show_error(
            parent,
            _tr("Export PDF"),
            _tr("{path} could not be written: {error}.").format(path=target, error=error),
        )
        return None


__all__ = [
    "PrintSetupDialog",
    "ask_pdf_path",
    "ask_print_options",
    "ask_printer",
    "default_options",
    "export_pdf",
    "print_pages",
    "show_preview",
]
