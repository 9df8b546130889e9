"""The entry points: build the document a layout asks for, count or paint its pages."""

from __future__ import annotations

import gc
import os
import pickle
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtGui import QPagedPaintDevice, QPdfWriter

from planner import APP_NAME
from planner.report.data import select_content
from planner.report.document import Document, PrintError
from planner.report.options import PrintOptions
from planner.report.pdfjoin import PdfJoinError, append_pages
from planner.report.style import UNIT_DPI, ensure_gui_app
from planner.services.plan import Plan
from planner.store.planfile import refuse_target

TITLES = {
    "sheets": "OKR sheets",
    "booklet": "OKR booklet",
    "poster": "Funnel board",
    "attribution": "Customer attribution",
}


@contextmanager
def _collect_afterwards(collect: bool = True) -> Iterator[None]:
    """Hold the cycle collector off while a printout is built and painted.

    A printout makes several hundred thousand small objects (rows, blocks, lines) that live
    until it is written; the collector would traverse them again and again for no garbage,
    which cost a tenth of the time. What cycles there are get collected when it is done, or,
    with ``collect`` false (the process is about to end), never: the collector's first pass
    would walk the whole document (a fifth of a second for 400 pages) to free nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled and collect:
            gc.enable()


def build_document(plan: Plan, options: PrintOptions) -> Document:
    """The laid-out document (not yet painted) for ``options``."""
    ensure_gui_app()
    selection = select_content(plan, options)
    period = selection.period.name if selection.period else "no period"
    document = Document(
        options.page_spec(),
        selection.plan_name,
        f"{TITLES[options.layout]} · {period}",
        selection.today,
    )
    # Imported here so that printing one layout never loads another's (or matplotlib).
    if options.layout == "sheets":
        from planner.report.sheets import sheets

        sheets(document, plan, selection)
    elif options.layout == "booklet":
        from planner.report.booklet import booklet

        booklet(document, plan, selection)
    elif options.layout == "poster":
        from planner.report.poster import poster

        poster(document, plan, selection)
    else:
        from planner.report.attribution import attribution_report

        attribution_report(document, plan, selection)
    return document


def render(
    plan: Plan, device: QPagedPaintDevice, options: PrintOptions, only: range | None = None
) -> int:
    """Paint the printout on ``device`` (a QPdfWriter or a QPrinter), or only the pages
    numbered ``only``; returns the pages painted.

    The device's page layout is set from ``options`` (size, orientation, 15 mm margins), so a
    preview shows exactly what the options describe."""
    with _collect_afterwards():
        return build_document(plan, options).render(device, only)


def page_count(plan: Plan, options: PrintOptions) -> int:
    """How many pages :func:`render` will paint, without painting them."""
    return build_document(plan, options).page_count()


def print_to_pdf(
    plan: Plan,
    out: Path,
    options: PrintOptions,
    processes: int = 1,
    leave: bool = False,
) -> int:
    """Write the printout to the PDF file ``out``; returns the number of pages.

    With ``processes=2`` a long printout is painted in two processes at once, each half its
    pages, and the two files joined: painting and compressing the pages is most of the time,
    and a second core halves it. That forks the process, which is safe only while it runs no
    other thread (the command line; never the app), so it happens only then, and only where
    :func:`os.fork` is the system's own (Linux); anywhere else, or should the second process
    or the joining fail, the pages are painted here as usual.

    A caller about to end the process passes ``leave``: the document is left to the process's
    end instead of freed (freeing its million small objects one by one took a quarter of a
    second the process need not wait), and the cycle collector stays off.
    """
    with _collect_afterwards(collect=not leave):
        document = build_document(plan, options)
        if leave:
            _LEFT.append(document)
        out = Path(os.path.realpath(out))  # through a link, the file it names is replaced
        existed = out.exists()
        ensure_writable(out, plan.path)
        # Painted beside ``out``, then put in its place once whole: a full disk must leave
        # the PDF that was there, not a truncated one (Qt says nothing when writes fail).
        partial = _partial_beside(out)
        try:
            pages = _paint(document, partial, processes, leave)
            ensure_whole(partial)
            # As the file there allows (made just now, the umask applied), not mkstemp's 0600.
            partial.chmod(out.stat().st_mode & 0o777)
            os.replace(partial, out)
        except BaseException:
            if not existed:  # the empty file ensure_writable made is not left behind
                out.unlink(missing_ok=True)
            raise
        finally:
            partial.unlink(missing_ok=True)
        return pages


def _paint(document: Document, out: Path, processes: int, leave: bool) -> int:
    worth_it = processes > 1 and len(document.sections) >= MIN_SECTIONS_TO_SPLIT
    parts = document.split() if worth_it and _can_fork() else None
    if parts is not None:
        if leave:
            _LEFT.extend(parts)
        pages = _print_in_two(*parts, out)
        if pages is not None:
            return pages
    return _write(document, out)


def _partial_beside(out: Path) -> Path:
    try:
        handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
    except OSError as error:
        raise PrintError(f"cannot write there ({error.strerror or error})") from None
    os.close(handle)
    return Path(name)


def ensure_whole(pdf: Path) -> None:
    """Raise PrintError unless ``pdf`` was written to its end and is on the disk."""
    try:
        with open(pdf, "rb+") as stream:
            size = stream.seek(0, os.SEEK_END)
            stream.seek(max(0, size - 64))
            whole = b"%%EOF" in stream.read()
            os.fsync(stream.fileno())
    except OSError as error:
        raise PrintError(f"the file could not be written ({error.strerror or error})") from None
    if not whole:
        raise PrintError("the file could not be written to its end (is the disk full?)")


def ensure_writable(out: Path, plan: Path) -> None:
    """Raise an OSError that says why the PDF file ``out`` cannot be written (no such folder,
    a folder of that name, no right to write there, the file of ``plan``, the plan printed),
    rather than Qt's "cannot begin painting" and a warning; the file exists afterwards, empty
    unless it was there."""
    refuse_target(out, plan, named=False)  # the command line and the window name it
    try:
        with open(out, "ab"):
            pass
    except OSError as error:
        raise PrintError(f"cannot write there ({error.strerror or error})") from None


# Printouts left to the process's end (print_to_pdf's ``leave``).
_LEFT: list[Document] = []

# Below this, starting a second process and joining the files costs more than it saves.
MIN_SECTIONS_TO_SPLIT = 8


def _write(document: Document, out: Path) -> int:
    writer = QPdfWriter(str(out))
    writer.setResolution(UNIT_DPI)
    writer.setCreator(APP_NAME)
    writer.setTitle(document.title_line)
    return document.render(writer)


def _can_fork() -> bool:
    # A forked child keeps only the thread that forked: had Qt (or anything) started another,
    # a lock it held could stay held in the child for ever. /proc tells how many there are.
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _print_in_two(first: Document, second: Document, out: Path) -> int | None:
    """Paint ``first`` into ``out`` here and ``second`` in a forked child, then append the
    child's pages to ``out``. Each part breaks into pages on its own; they swap their page
    counts and anchors before painting, so every page is numbered as in the whole. None when
    the second process could not start, failed, or its file could not be joined (``out`` is
    then to be written again, in this process)."""
    try:
        handle, name = tempfile.mkstemp(prefix="planner-print-", suffix=".pdf", dir=out.parent)
    except OSError:
        return None
    os.close(handle)
    part = Path(name)
    try:
        return _fork_and_join(first, second, out, part)
    finally:
        part.unlink(missing_ok=True)


def _fork_and_join(first: Document, second: Document, out: Path, part: Path) -> int | None:
    try:
        from_child, to_parent = os.pipe()
    except OSError:
        return None
    try:
        from_parent, to_child = os.pipe()
    except OSError:
        os.close(from_child)
        os.close(to_parent)
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        child = os.fork()
    except OSError:  # no memory or process left for a second one: one process will do
        for handle in (from_child, to_parent, from_parent, to_child):
            os.close(handle)
        return None
    if child == 0:  # pragma: no cover - the child; the parent checks what it wrote
        status = 1
        try:
            os.close(from_child)
            os.close(to_child)
            # Sent before reading, and the parent reads before it sends: neither waits on a
            # full pipe.
            _send(to_parent, second)
            before, anchors = _receive(from_parent)
            second.place(
                before, before + second.page_count(), _after(anchors, second.anchors(), before)
            )
            _write(second, part)
            status = 0
        except BaseException:
            # Said, so a print that took twice as long says why; the parent paints it all.
            traceback.print_exc()
            sys.stderr.flush()
        finally:
            os._exit(status)
    os.close(to_parent)
    os.close(from_parent)
    reaped = False
    try:
        try:
            count = first.page_count()
            later, later_anchors = _receive(from_child)
            handle, to_child = to_child, -1
            _send(handle, first)
        except (OSError, EOFError, pickle.UnpicklingError):  # the child died early
            return None
        first.place(0, count + later, _after(first.anchors(), later_anchors, count))
        _write(first, out)
        _, status = os.waitpid(child, 0)
        reaped = True
        if status != 0:
            return None
        return append_pages(out, part)
    except PdfJoinError:
        return None
    finally:
        os.close(from_child)
        if to_child >= 0:
            os.close(to_child)
        if not reaped:
            os.waitpid(child, 0)


def _after(anchors: dict[str, int], later: dict[str, int], before: int) -> dict[str, int]:
    """The whole document's anchors: ``anchors`` as they are, then ``later``, the anchors of
    a part whose pages come after ``before`` others, where not in them already."""
    whole = dict(anchors)
    for key, page in later.items():
        whole.setdefault(key, before + page)
    return whole


def _send(handle: int, part: Document) -> None:
    """Tell the other process ``part``'s page count and anchors, then close ``handle``."""
    with os.fdopen(handle, "wb") as pipe:
        pickle.dump((part.page_count(), part.anchors()), pipe)


def _receive(handle: int) -> tuple[int, dict[str, int]]:
    with os.fdopen(handle, "rb", closefd=False) as pipe:
        count, anchors = pickle.load(pipe)
    return int(count), dict(anchors)
