"""The `planner` command: a stable contract that scripts and tests rely on.

    planner [PLAN] [--read-only]        open the app (no PLAN: the last plan, or the sample)
    planner PLAN --smoke                open, build and paint every main view once, print timings
    planner new PLAN [--sample | --sample-size N] [--name NAME]
    planner new PLAN --from BACKUP.json restore a JSON export (a backup) as a new plan
    planner check PLAN                  health report; exit 1 when a rule fails
    planner import PLAN FILE            add FILE (.json .csv .tsv .txt .xlsx) to PLAN, all or none
    planner export PLAN OUT [--period P] .json (lossless) .csv .xlsx .md, chosen by OUT's suffix
    planner merge PLAN OTHER [--dry-run] [--prefer mine|theirs]
    planner print PLAN OUT.pdf [--team T]... [--stage S]... [--period P]
                               [--page-size A4|Letter] [--layout sheets|booklet|poster|attribution]
    planner --version

Bad input gets one clear line on stderr naming what is wrong, a non-zero exit, and no change.
Qt is imported only by the commands that open a window, so the others start fast.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import shlex
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from planner import APP_NAME, PLAN_SUFFIX, __version__

if TYPE_CHECKING:
    from planner.services.plan import Plan

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A command cannot do what was asked; the message is for the person who typed it."""


# Python's cyclic garbage collector runs every 700 new container objects by default, and its
# older generations are walked again and again while a large plan's rows are read (tens of
# thousands of records, none of them in cycles). Collecting less often cuts the smoke run of
# a 200-team plan by about a sixth (docs/performance.md); memory stays the same.
GC_THRESHOLDS = (50_000, 20, 100)


# Set by run(): the process ends when main() returns, without freeing what it made.
_EXITS_AFTER_MAIN = False


def run() -> NoReturn:
    """The program's entry point: :func:`main`, then an exit that skips tearing down the
    interpreter.

    By the time ``main`` returns every file is written and closed (the plan and its lock,
    settings, PDFs); what is left is freeing a few hundred megabytes object by object and
    unloading Qt, which took most of a second after a large plan and that the operating system
    does at once. Logs and the standard streams are flushed first.
    """
    global _EXITS_AFTER_MAIN
    _EXITS_AFTER_MAIN = True
    code = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(code)


@contextmanager
def _importing() -> Iterator[None]:
    """Import a command's modules with the cycle collector off, then freeze every object
    alive at that point: the modules, their classes and functions, and the little made before.

    They live as long as the process: the collector has nothing to find among them, yet it
    walked them twice while the app's modules were imported (60-70 ms of a second), and
    would again in every full collection. Frozen objects are left out of every collection
    (``gc.freeze``, made for objects that live for good; the few cycles left over from
    importing stay, about 150 objects). Only when the process ends after the command
    (:func:`run`): a caller that goes on, such as a test, keeps its collector as it was.
    """
    if not _EXITS_AFTER_MAIN or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    gc.set_threshold(*GC_THRESHOLDS)
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        name, rest = args[0], args[1:]
        parser, handler = COMMANDS[name]()
    else:
        parser, handler = _open_parser(), _open
        rest = args
    options = parser.parse_args(rest)
    try:
        return handler(options)
    except CommandError as error:
        print(f"planner: {error}", file=sys.stderr)
        return EXIT_FAILURE


def _open_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner",
        description=f"{APP_NAME}: plan teams, objectives and key results along the funnel.",
        epilog="commands: new, check, import, export, merge, print (planner COMMAND --help)",
    )
    parser.add_argument("plan", nargs="?", type=Path, help="the plan file to open")
    parser.add_argument(
        "--read-only", action="store_true", help="open without changing anything in the plan"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open PLAN, build and paint every main view once, print timings and exit",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    return parser


def _open(options: argparse.Namespace) -> int:
    plan: Path | None = options.plan
    if plan is not None and not plan.exists():
        if not plan.parent.is_dir():
            raise CommandError(f"{plan}: no such plan file (there is no folder {plan.parent})")
        new = plan if plan.suffix == PLAN_SUFFIX else plan.with_name(plan.name + PLAN_SUFFIX)
        raise CommandError(
            f"{plan}: no such plan file (create one with: planner new {_quoted(new)})"
        )
    if plan is not None and plan.is_dir():
        raise CommandError(f"{plan}: that is a folder; give a plan file (*{PLAN_SUFFIX}) in it")
    if options.smoke and plan is None:
        raise CommandError("--smoke needs a PLAN to open")
    with _importing():
        # The plan's layers first: every module imported after PySide6 has its source read
        # by PySide6's import hook (for "from __feature__"), which costs SQLAlchemy's few
        # hundred.
        import planner.services.plan  # noqa: F401
        from planner.ui import app

    if options.smoke and plan is not None:
        return app.smoke(plan, read_only=options.read_only)
    return app.run(plan, read_only=options.read_only)


def _new_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planner new", description="Create a new plan file.")
    parser.add_argument("plan", type=Path, help=f"the file to create (*{PLAN_SUFFIX})")
    parser.add_argument(
        "--sample", action="store_true", help="fill it with the sample organisation"
    )
    parser.add_argument(
        "--sample-size",
        type=_team_count,
        metavar="N",
        help="fill it with a generated organisation of N teams (for trying out large plans)",
    )
    parser.add_argument("--name", help="the plan's name (default: the file name)")
    parser.add_argument(
        "--from",
        dest="backup",
        type=Path,
        metavar="BACKUP.json",
        help="restore a plan's JSON export into it, and nothing else; all or nothing",
    )
    return parser


def _team_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of teams") from None
    if not 1 <= count <= 10_000:
        raise argparse.ArgumentTypeError(f"{count} teams: choose from 1 to 10000")
    return count


def _new(options: argparse.Namespace) -> int:
    from planner.domain.validation import ValidationError, require_text
    from planner.services.newplan import create_plan
    from planner.services.plan import EditError
    from planner.services.sample import create_sample_plan
    from planner.store.planfile import PlanFileError

    path: Path = options.plan
    if path.suffix != PLAN_SUFFIX:
        raise CommandError(f"{path}: a plan file name ends in {PLAN_SUFFIX}")
    if path.exists():
        raise CommandError(f"{path}: a file of that name already exists; nothing was changed")
    if not path.parent.exists():
        raise CommandError(f"{path.parent}: no such folder")
    if options.sample and options.sample_size:
        raise CommandError("choose --sample or --sample-size, not both")
    if options.backup is not None:
        return _restore(path, options)
    try:
        if options.name is not None:  # refused before a file is made, not after
            require_text(options.name, "Plan name")
        if options.sample_size:
            from planner.services.generator import create_large_plan

            plan = create_large_plan(path, options.sample_size)
        elif options.sample:
            plan = create_sample_plan(path)
        else:
            plan = create_plan(path, options.name)
    except (PlanFileError, ValidationError, EditError, OSError) as error:
        raise CommandError(str(error)) from None
    try:
        if options.name and (options.sample or options.sample_size):
            plan.apply(plan.info.update(plan.info.current().id, name=options.name))
    except BaseException as error:
        plan.close()
        path.unlink(missing_ok=True)  # a plan not as asked for is not left behind
        if isinstance(error, (ValidationError, OSError)):
            raise CommandError(str(error)) from None
        raise
    name = plan.info.current().name
    plan.close()
    print(f"Created {path} ({name})")
    return EXIT_OK


def _restore(path: Path, options: argparse.Namespace) -> int:
    from planner.io.errors import FileImportError
    from planner.io.json_format import restore_json
    from planner.store.planfile import PlanFileError

    backup: Path = options.backup
    if options.sample or options.sample_size or options.name is not None:
        raise CommandError(
            "--from restores the backup as it is: leave out --sample, --sample-size and --name"
        )
    if backup.suffix.lower() != ".json":
        raise CommandError(f"{backup}: a backup is a plan's .json export")
    if not backup.is_file():
        raise CommandError(f"{backup}: no such file")
    try:
        plan, _ = restore_json(path, backup)
    except FileImportError as error:
        raise CommandError(f"{backup}: {error}") from None
    except (PlanFileError, OSError) as error:
        raise CommandError(str(error)) from None
    name = plan.info.current().name
    plan.close()
    print(f"Created {path} ({name}) from {backup}")
    return EXIT_OK


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner check",
        description="Report the plan's OKR and topology health; exit 1 when a rule fails.",
    )
    parser.add_argument("plan", type=Path, help="the plan file to check")
    return parser


def _check(options: argparse.Namespace) -> int:
    from planner.domain.health import Severity
    from planner.domain.text import plural
    from planner.services.health import health_report

    with _open_read_only(options.plan) as plan:
        name = plan.info.current().name
        findings = health_report(plan)
    failures = [f for f in findings if f.severity is Severity.FAILURE]
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    for finding in failures + warnings:  # as the health panel lists them: failures first
        mark = "FAIL" if finding.severity is Severity.FAILURE else "WARN"
        print(
            f"{mark}  {finding.subject} {finding.subject_name}: {finding.message}  [{finding.rule}]"
        )
    summary = f"{plural(len(failures), 'failure')}, {plural(len(warnings), 'warning')}"
    print(f"{name} ({options.plan.name}): {summary}" if findings else f"{name}: healthy")
    return EXIT_FAILURE if failures else EXIT_OK


@contextmanager
def _open_read_only(path: Path) -> Iterator[Plan]:
    """Open a plan only to read it: it may be open in the app, and is never changed."""
    with _opened(path, read_only=True) as plan:
        yield plan


@contextmanager
def _open_for_editing(path: Path) -> Iterator[Plan]:
    with _opened(path, read_only=False) as plan:
        yield plan


@contextmanager
def _opened(path: Path, read_only: bool) -> Iterator[Plan]:
    from planner.services.plan import Plan
    from planner.store.lock import LockedError
    from planner.store.planfile import PlanFileError

    try:
        plan = Plan.open(path, read_only=read_only)
    except LockedError as error:
        raise CommandError(f"{error}; close it there first") from None
    except PlanFileError as error:
        raise CommandError(str(error)) from None
    try:
        yield plan
    finally:
        plan.close()


def _import_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner import",
        description="Add a file (.json export, or a .csv/.xlsx flat sheet of key results) to "
        "PLAN. All or nothing: any bad row and nothing is imported.",
    )
    parser.add_argument("plan", type=Path, help="the plan to import into")
    parser.add_argument("file", type=Path, help="the file to import")
    return parser


def _import(options: argparse.Namespace) -> int:
    from planner.io import import_file
    from planner.io.errors import FileImportError, UnsupportedFormat
    from planner.services.plan import ReadOnlyError

    if not options.file.exists():
        raise CommandError(f"{options.file}: no such file")
    with _open_for_editing(options.plan) as plan:
        try:
            summary = import_file(plan, options.file)
        except UnsupportedFormat as error:  # it names the file itself
            raise CommandError(str(error)) from None
        except (FileImportError, ReadOnlyError) as error:
            raise CommandError(f"{options.file}: {error}") from None
    print(summary.describe())
    return EXIT_OK


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner export",
        description="Write the plan to OUT: .json (everything, lossless), .csv or .xlsx (the "
        "flat sheet of key results), .md (for wikis).",
    )
    parser.add_argument("plan", type=Path, help="the plan to export")
    parser.add_argument("out", type=Path, help="the file to write; its suffix picks the format")
    parser.add_argument("--period", metavar="P", help="the period by name (default: the current)")
    return parser


def _export(options: argparse.Namespace) -> int:
    from planner.io import export_plan
    from planner.io.errors import UnsupportedFormat

    if not options.out.parent.exists():
        raise CommandError(f"{options.out.parent}: no such folder")
    with _open_read_only(options.plan) as plan:
        periods = plan.periods.list()
        asked = [options.period] if options.period is not None else []
        chosen = _ids_by_name("period", asked, periods)
        try:
            export_plan(plan, options.out, chosen[0] if chosen else None)
        except (UnsupportedFormat, OSError) as error:
            raise CommandError(str(error)) from None
    print(f"Wrote {options.out}")
    return EXIT_OK


def _merge_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner merge",
        description="Merge a plan drafted on another laptop into PLAN. New rows are added, "
        "check-ins and notes united; rows changed on both sides are conflicts.",
    )
    parser.add_argument("plan", type=Path, help="the plan to merge into")
    parser.add_argument("other", type=Path, help="the other laptop's copy of the plan")
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would happen and change nothing"
    )
    parser.add_argument(
        "--prefer",
        choices=("mine", "theirs"),
        help="settle every conflict this way (default: report them and keep this plan's values)",
    )
    return parser


def _merge(options: argparse.Namespace) -> int:
    from planner.domain.text import plural
    from planner.io.merge import MergeError, Side, analyse_merge, merge_edit
    from planner.services.plan import EditError

    # A dry run only reads: it neither locks the plan nor upgrades an older one.
    opening = _open_read_only if options.dry_run else _open_for_editing
    with opening(options.plan) as plan:
        try:
            analysis = analyse_merge(plan, options.other)
        except MergeError as error:
            raise CommandError(str(error)) from None
        print(analysis.describe())
        for note in analysis.notes:
            print(f"note: {note}")
        prefer = Side(options.prefer) if options.prefer else None
        for conflict in analysis.conflicts:
            settled = f" -> {prefer} kept" if prefer else ""
            print(f"conflict: {conflict.describe()}{settled}")
        if options.dry_run:
            print("Dry run: nothing was changed.")
            return EXIT_OK
        if not analysis.anything:
            print("Nothing to merge: the plans hold the same.")
            return EXIT_OK
        try:
            plan.apply(merge_edit(plan, analysis, (lambda _c: prefer) if prefer else None))
        except EditError as error:  # the plan refused a row; its transaction undid it all
            # A refusal that may pass (a full disk) is this plan's file's, not the other's.
            blamed, verb = (
                (options.plan, "merge into it") if error.passing else (options.other, "merge it")
            )
            raise CommandError(f"{blamed}: cannot {verb} ({error}); nothing was changed") from None
    open_conflicts = 0 if prefer else len(analysis.conflicts)
    if open_conflicts:
        print(
            f"Merged, with {plural(open_conflicts, 'conflict')} left as this plan had them; "
            "settle them with --prefer or in the app (File > Merge Plan…)."
        )
        return EXIT_FAILURE
    print("Merged.")
    return EXIT_OK


def _print_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner print",
        description="Print the plan to a PDF: team sheets, a booklet, the funnel poster or the "
        "attribution report.",
    )
    parser.add_argument("plan", type=Path, help="the plan to print")
    parser.add_argument("out", type=Path, help="the PDF file to write")
    parser.add_argument(
        "--team", action="append", default=[], metavar="T", help="only this team (repeatable)"
    )
    parser.add_argument(
        "--stage", action="append", default=[], metavar="S", help="only this stage (repeatable)"
    )
    parser.add_argument("--period", metavar="P", help="the period by name (default: the current)")
    parser.add_argument(
        "--page-size",
        type=_page_size,
        metavar="A4|Letter",
        help="paper size, in any case (default: from the locale)",
    )
    parser.add_argument(
        "--layout",
        choices=("sheets", "booklet", "poster", "attribution"),
        default="sheets",
        help="what to print (default: sheets, one page per team)",
    )
    return parser


def _print(options: argparse.Namespace) -> int:
    with _importing():
        # The plan's layers before PySide6, as for the window (see _open): about a fifth of
        # a second of a printout's start.
        import planner.services.journal  # noqa: F401
        import planner.services.okr_tree  # noqa: F401
        import planner.services.topology  # noqa: F401
        from planner import paths
        from planner.report import PrintOptions, default_page_size, print_to_pdf

    paths.use_matplotlib_cache()  # the attribution report draws a chart

    out: Path = options.out
    if out.suffix.lower() != ".pdf":
        raise CommandError(f"{out}: the output file name must end in .pdf")
    if not out.parent.exists():
        raise CommandError(f"{out.parent}: no such folder")
    with _open_read_only(options.plan) as plan:
        teams = _ids_by_name("team", options.team, plan.teams.list())
        stages = _ids_by_name("stage", options.stage, plan.stages.list())
        periods = _ids_by_name(
            "period", [options.period] if options.period is not None else [], plan.periods.list()
        )
        page_size = options.page_size
        settings = PrintOptions(
            layout=options.layout,
            page_size=page_size or default_page_size(),
            period_id=periods[0] if periods else None,
            team_ids=tuple(teams),
            stage_ids=tuple(stages),
        )
        try:
            # Nothing but this command runs in the process, so it may paint in two.
            pages = print_to_pdf(plan, out, settings, processes=2, leave=_EXITS_AFTER_MAIN)
        except (ValueError, OSError) as error:
            raise CommandError(f"{out}: {error}") from None
    print(f"Wrote {out} ({pages} page{'s' if pages != 1 else ''})")
    return EXIT_OK


def _page_size(text: str) -> str:
    sizes = {"a4": "A4", "letter": "Letter"}
    try:
        return sizes[text.strip().casefold()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"'{text}': choose A4 or Letter") from None


def _quoted(path: Path) -> str:
    """``path`` as typed in this system's shell."""
    if sys.platform == "win32":
        import subprocess  # only for its quoting, only here

        return subprocess.list2cmdline([str(path)])
    return shlex.quote(str(path))


def _ids_by_name(noun: str, names: list[str], rows: Sequence[Any]) -> list[Any]:
    """Resolve names as typed (any case) to ids; an unknown name lists the known ones.

    A name as the plan spells it wins. Otherwise it must match one row in any case: names
    the plan keeps apart ("Équipe" and "équipe", "Straße" and "STRASSE") are not guessed
    between, but named."""
    found = []
    for name in names:
        typed = name.strip()
        if not typed:
            raise CommandError(f"--{noun}: give the {noun}'s name")
        exact = [row.id for row in rows if row.name == typed]
        alike = [row for row in rows if row.name.casefold() == typed.casefold()]
        if exact:
            found.append(exact[0])
        elif len(alike) == 1:
            found.append(alike[0].id)
        elif alike:
            spelled = " or ".join(f"'{row.name}'" for row in alike)
            raise CommandError(f"--{noun} '{name}': which {noun}? {spelled}; type it as spelled")
        else:
            raise CommandError(f"--{noun} '{name}': no {noun} of that name ({_known(typed, rows)})")
    return found


# An unknown name lists the known ones up to this many; beyond, the closest few.
LISTED_NAMES = 12


def _known(typed: str, rows: Sequence[Any]) -> str:
    names = [row.name for row in rows]
    if not names:
        return "there are none"
    if len(names) <= LISTED_NAMES:
        return f"known: {', '.join(names)}"
    import difflib  # only for a name mistyped in a large plan

    folded = {name.casefold(): name for name in names}
    close = difflib.get_close_matches(typed.casefold(), list(folded), n=5, cutoff=0.5)
    if not close:
        return f"none alike among {len(names)}"
    shown = ", ".join(folded[name] for name in close)
    return f"closest of {len(names)}: {shown}"


Builder = Callable[[], tuple[argparse.ArgumentParser, Callable[[argparse.Namespace], int]]]

COMMANDS: dict[str, Builder] = {
    "new": lambda: (_new_parser(), _new),
    "check": lambda: (_check_parser(), _check),
    "import": lambda: (_import_parser(), _import),
    "export": lambda: (_export_parser(), _export),
    "merge": lambda: (_merge_parser(), _merge),
    "print": lambda: (_print_parser(), _print),
}


if __name__ == "__main__":
    sys.exit(main())
