"""New plans: the defaults a leader expects to find in an empty plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.domain.periods import quarter_of
from planner.domain.values import DEFAULT_DISCIPLINES, DEFAULT_REQUIRED_DISCIPLINES, DEFAULT_STAGES
from planner.services.plan import Plan


def create_plan(path: Path, name: str | None = None, today: date | None = None) -> Plan:
    """Create a plan file with the AARRR stages, the usual disciplines and this quarter and the
    next as periods. These defaults are not an undoable step: they are where a plan starts."""
    plan = Plan.create(path)
    try:
        quarter = quarter_of(today or date.today())
        following = quarter.next()
        plan.apply(plan.info.create(name or Path(path).stem))
        for stage in DEFAULT_STAGES:
            plan.apply(plan.stages.create(stage))
        for discipline in DEFAULT_DISCIPLINES:
            plan.apply(
                plan.disciplines.create(discipline, discipline in DEFAULT_REQUIRED_DISCIPLINES)
            )
        for period in (quarter, following):
            plan.apply(plan.periods.create(period.name, period.start, period.end))
    except BaseException:
        plan.close()
        Path(path).unlink(missing_ok=True)
        raise
    return plan
