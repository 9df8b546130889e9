"""The `planner` command: a stable contract that scripts and tests rely on.

    planner [PLAN] [--read-only]        open the app (no PLAN: the last plan, or the sample)
    planner PLAN --smoke                open, build and paint every main view once, print timings
    planner new PLAN [--sample | --sample-size N] [--name NAME]
    planner check PLAN                  health report; exit 1 when a rule fails
    planner --version

Bad input gets one clear line on stderr naming what is wrong, a non-zero exit, and no change.
Qt is imported only by the commands that open a window, so the others start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from planner import APP_NAME, PLAN_SUFFIX, __version__

if TYPE_CHECKING:
    from planner.services.plan import Plan

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A command cannot do what was asked; the message is for the person who typed it."""


def main(argv: Sequence[str] | None = None) -> int:
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
        epilog="commands: new, check (planner COMMAND --help)",
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
        raise CommandError(f"{plan}: no such plan file (create one with: planner new {plan})")
    if options.smoke:
        if plan is None:
            raise CommandError("--smoke needs a PLAN to open")
        from planner.ui.app import smoke

        return smoke(plan)
    from planner.ui.app import run

    return run(plan, read_only=options.read_only)


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
    from planner.domain.validation import ValidationError
    from planner.services.newplan import create_plan
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
    try:
        if options.sample_size:
            from planner.services.generator import create_large_plan

            plan = create_large_plan(path, options.sample_size)
        elif options.sample:
            plan = create_sample_plan(path)
        else:
            plan = create_plan(path, options.name)
        if options.name and (options.sample or options.sample_size):
            plan.apply(plan.info.update(plan.info.current().id, name=options.name))
    except (PlanFileError, ValidationError, OSError) as error:
        raise CommandError(str(error)) from None
    name = plan.info.current().name
    plan.close()
    print(f"Created {path} ({name})")
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
    for finding in findings:
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
    from planner.services.plan import Plan
    from planner.store.planfile import PlanFileError

    try:
        plan = Plan.open(path, read_only=True)
    except PlanFileError as error:
        raise CommandError(str(error)) from None
    try:
        yield plan
    finally:
        plan.close()


Builder = Callable[[], tuple[argparse.ArgumentParser, Callable[[argparse.Namespace], int]]]

COMMANDS: dict[str, Builder] = {
    "new": lambda: (_new_parser(), _new),
    "check": lambda: (_check_parser(), _check),
}


if __name__ == "__main__":
    sys.exit(main())
