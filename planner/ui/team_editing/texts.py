"""How the team editing widgets word interaction modes, team types and allocations."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping

from PySide6.QtCore import QCoreApplication

from planner.domain.values import InteractionMode, TopologyType
from planner.services.records import MembershipRecord
from planner.ui.texts import format_number, topology_name

from .base import OVER_ALLOCATED


def _tr(text: str) -> str:
    return QCoreApplication.translate("team_editing", text)


def mode_name(mode: InteractionMode) -> str:
    names = {
        InteractionMode.COLLABORATION: _tr("Collaboration"),
        InteractionMode.X_AS_A_SERVICE: _tr("X-as-a-service"),
        InteractionMode.FACILITATING: _tr("Facilitating"),
    }
    return names[mode]


def mode_tip(mode: InteractionMode) -> str:
    tips = {
        InteractionMode.COLLABORATION: _tr(
            "The two teams work closely together for a while to discover something new"
        ),
        InteractionMode.X_AS_A_SERVICE: _tr(
            "The first team provides something the second uses with little collaboration"
        ),
        InteractionMode.FACILITATING: _tr(
            "The first team helps the second learn or adopt something, then steps back"
        ),
    }
    return tips[mode]


def mode_choices() -> list[tuple[str, InteractionMode]]:
    return [(mode_name(mode), mode) for mode in InteractionMode]


def topology_choices() -> list[tuple[str, TopologyType | None]]:
    """The team types to pick from, "Not set" first: a new team often has none yet."""
    return [(_tr("Not set"), None), *((topology_name(kind), kind) for kind in TopologyType)]


def percent(value: float) -> str:
    return format_number(value, "%")  # 0.004 % reads as itself, never as 0 %


def is_over_allocated(total: float) -> bool:
    return total > OVER_ALLOCATED


def total_text(total: float) -> str:
    """A person's allocation over every team, flagged in words when above 100 %."""
    if is_over_allocated(total):
        return _tr("{total} in total — over-allocated").format(total=percent(total))
    return percent(total)


def over_allocation_warning(people: list[tuple[str, float]]) -> str:
    """The sentence under a table naming everyone over 100 % (name, total), or ""."""
    if not people:
        return ""
    names = ", ".join(
        _tr("{name} ({total})").format(name=name, total=percent(total)) for name, total in people
    )
    if len(people) == 1:
        return _tr(
            "Over-allocated: {names} across teams. Lower an allocation here or in another team."
        ).format(names=names)
    return _tr(
        "Over-allocated across teams: {names}. Lower allocations here or in other teams."
    ).format(names=names)


def teams_by_person(
    memberships: Iterable[MembershipRecord],
    team_names: Mapping[uuid.UUID, str],
    people: Container[uuid.UUID] | None = None,
) -> dict[uuid.UUID, str]:
    """Each person's teams with their share ("Growth 50 %, Reach 25 %", ignoring case in the
    order); only of ``people`` when given, as formatting every share costs."""
    shares: dict[uuid.UUID, list[str]] = defaultdict(list)
    share = _tr("{team} {share}")
    for membership in memberships:
        if people is None or membership.person_id in people:
            shares[membership.person_id].append(
                share.format(
                    team=team_names.get(membership.team_id, "?"),
                    share=percent(membership.allocation),
                )
            )
    return {person: ", ".join(sorted(parts, key=str.casefold)) for person, parts in shares.items()}
