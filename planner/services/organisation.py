"""Stages, disciplines, people, teams, memberships and team interactions."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.domain import validation as v
from planner.domain.text import plural
from planner.domain.values import InteractionMode, TopologyType
from planner.services.base import EntityService
from planner.services.edits import Batch, Create, Delete, Edit, Update
from planner.services.records import (
    DisciplineRecord,
    InteractionRecord,
    MembershipRecord,
    PersonRecord,
    PlanInfoRecord,
    StageRecord,
    TeamRecord,
)
from planner.store.models import (
    Discipline,
    Interaction,
    Membership,
    Person,
    PlanInfo,
    Stage,
    Team,
)


class PlanInfoService(EntityService[PlanInfoRecord]):
    model = PlanInfo
    record = PlanInfoRecord
    noun = "plan"
    ordered = False

    def current(self) -> PlanInfoRecord:
        with self._plan.session() as session:
            info = session.scalars(select(PlanInfo).limit(1)).first()
            if info is None:
                raise LookupError("the plan file has no plan information")
            return self._record(info)

    def create(self, name: str, description: str = "") -> Create:
        return self._build_create({"name": name, "description": description})

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        values["name"] = v.require_text(values.get("name"), "Plan name")
        values["description"] = v.optional_text(values.get("description"), "Description")


class StageService(EntityService[StageRecord]):
    model = Stage
    record = StageRecord
    noun = "stage"

    def create(self, name: str, description: str = "") -> Create:
        return self._build_create({"name": name, "description": description})

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        values["name"] = v.require_text(values.get("name"), "Stage name")
        values["description"] = v.optional_text(values.get("description"), "Description")
        self._ensure_unique(session, "name", values["name"], row_id, "Stage name")

    def delete(
        self, row_id: uuid.UUID, label: str | None = None, move_teams_to: uuid.UUID | None = None
    ) -> Edit:
        """Delete a stage; its teams must be given another stage, so none is ever lost."""
        with self._plan.session() as session:
            stage = self._read(session, row_id)
            teams = list(
                session.scalars(select(Team).where(Team.stage_id == row_id).order_by(Team.position))
            )
            if teams and move_teams_to is None:
                raise v.ValidationError(
                    "Stage",
                    f"'{stage['name']}' still has {plural(len(teams), 'team')}; "
                    "choose a stage for them",
                )
            if teams and move_teams_to == row_id:
                raise v.ValidationError("Move teams to", "choose a different stage")
            self._ensure_exists(session, Stage, move_teams_to, "Move teams to")
            start = _next_team_position(session, move_teams_to) if teams else 0
            moves = tuple(
                Update(
                    "team",
                    team.id,
                    {"stage_id": team.stage_id, "position": team.position},
                    {"stage_id": move_teams_to, "position": start + index},
                )
                for index, team in enumerate(teams)
            )
        text = label or f"Delete {self.describe(stage)}"
        return Batch((*moves, Delete(self.table, row_id)), text)


class DisciplineService(EntityService[DisciplineRecord]):
    model = Discipline
    record = DisciplineRecord
    noun = "discipline"

    def create(self, name: str, required: bool = False) -> Create:
        return self._build_create({"name": name, "required": required})

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        values["name"] = v.require_text(values.get("name"), "Discipline name")
        values["required"] = bool(values.get("required", False))
        self._ensure_unique(session, "name", values["name"], row_id, "Discipline name")


class PersonService(EntityService[PersonRecord]):
    model = Person
    record = PersonRecord
    noun = "person"
    ordered = False

    def create(self, name: str, email: str = "", discipline_id: uuid.UUID | None = None) -> Create:
        return self._build_create({"name": name, "email": email, "discipline_id": discipline_id})

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        values["name"] = v.require_text(values.get("name"), "Name")
        # Pickers and imports find a person by name: two of one name could not be told apart.
        self._ensure_unique(session, "name", values["name"], row_id, "Name")
        values["email"] = v.validate_email(values.get("email"))
        self._ensure_exists(session, Discipline, values.get("discipline_id"), "Discipline")

    def allocations(self) -> Mapping[uuid.UUID, float]:
        """Each person's total allocation over all teams, in percent (read-only).

        Kept until a membership changes: the team page asks on every change of team."""
        return self._plan.remember(
            ("allocations",), self._read_allocations, tables=[Membership.__tablename__]
        )

    def _read_allocations(self) -> Mapping[uuid.UUID, float]:
        with self._plan.rows() as connection:
            query = select(Membership.person_id, func.sum(Membership.allocation)).group_by(
                Membership.person_id
            )
            return MappingProxyType(
                {person_id: float(total) for person_id, total in connection.execute(query)}
            )


class TeamService(EntityService[TeamRecord]):
    model = Team
    record = TeamRecord
    noun = "team"
    sibling_keys = ("stage_id",)

    def create(
        self,
        stage_id: uuid.UUID,
        name: str,
        mission: str = "",
        persona: str = "",
        topology: TopologyType | str | None = None,
        color: str | None = None,
    ) -> Create:
        return self._build_create(
            {
                "stage_id": stage_id,
                "name": name,
                "mission": mission,
                "persona": persona,
                "topology": topology,
                "color": color,
            }
        )

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        values["name"] = v.require_text(values.get("name"), "Team name")
        values["mission"] = v.optional_text(values.get("mission"), "Mission")
        values["persona"] = v.optional_text(values.get("persona"), "Persona")
        topology = values.get("topology")
        values["topology"] = (
            None if topology in (None, "") else v.parse_choice(TopologyType, topology, "Type")
        )
        values["color"] = v.validate_color(values.get("color"))
        if values.get("stage_id") is None:
            raise v.ValidationError("Stage", "is required")
        self._ensure_exists(session, Stage, values["stage_id"], "Stage")
        self._ensure_unique(session, "name", values["name"], row_id, "Team name")

    def duplicate(self, team_id: uuid.UUID) -> Batch:
        """A copy of the team beside it, with the same members, disciplines and allocations,
        named "<name> (copy)" (or "(copy 2)", …), ready to be reshaped."""
        with self._plan.session() as session:
            team = self._read(session, team_id)
            taken = {name.casefold() for name in session.scalars(select(Team.name))}
            members = list(session.scalars(select(Membership).where(Membership.team_id == team_id)))
            copies = [(m.person_id, m.discipline_id, m.allocation) for m in members]
        name = f"{team['name']} (copy)"
        number = 2
        while name.casefold() in taken:
            name, number = f"{team['name']} (copy {number})", number + 1
        fields = ("stage_id", "mission", "persona", "topology", "color")
        copy = self._build_create({"name": name, **{key: team[key] for key in fields}})
        people = self._plan.memberships
        edits = [
            people._build_create(
                {
                    "team_id": copy.id,
                    "person_id": person,
                    "discipline_id": skill,
                    "allocation": pct,
                },
                trusted=True,
            )
            for person, skill, pct in copies
        ]
        return Batch((copy, *edits), f"Duplicate {self.describe(team)}")

    def move(self, team_id: uuid.UUID, stage_id: uuid.UUID, index: int | None = None) -> Batch:
        """Move a team to ``index`` among the teams of ``stage_id`` (the end when None).

        Both stages' teams are renumbered 0, 1, 2, … so positions stay dense.
        """
        with self._plan.session() as session:
            team = self._read(session, team_id)
            self._ensure_exists(session, Stage, stage_id, "Stage")
            affected = list(
                session.scalars(
                    select(Team)
                    .where(Team.stage_id.in_({stage_id, team["stage_id"]}))
                    .order_by(Team.position, Team.id)
                )
            )
        current = {row.id: (row.stage_id, row.position) for row in affected}
        target = [row.id for row in affected if row.stage_id == stage_id and row.id != team_id]
        source = [row.id for row in affected if row.stage_id != stage_id and row.id != team_id]
        index = len(target) if index is None else max(0, min(index, len(target)))
        target.insert(index, team_id)
        wanted = {row_id: (stage_id, position) for position, row_id in enumerate(target)}
        wanted.update({row_id: (team["stage_id"], pos) for pos, row_id in enumerate(source)})
        edits = tuple(
            Update(
                "team",
                row_id,
                {"stage_id": current[row_id][0], "position": current[row_id][1]},
                {"stage_id": place[0], "position": place[1]},
            )
            for row_id, place in wanted.items()
            if current[row_id] != place
        )
        return Batch(edits, f"Move {self.describe(team)}")


def _next_team_position(session: Session, stage_id: uuid.UUID | None) -> int:
    highest = session.scalar(select(func.max(Team.position)).where(Team.stage_id == stage_id))
    return 0 if highest is None else int(highest) + 1


class MembershipService(EntityService[MembershipRecord]):
    model = Membership
    record = MembershipRecord
    noun = "membership"
    ordered = False

    def create(
        self,
        team_id: uuid.UUID,
        person_id: uuid.UUID,
        discipline_id: uuid.UUID | None = None,
        allocation: float | str = 100.0,
    ) -> Create:
        return self._build_create(
            {
                "team_id": team_id,
                "person_id": person_id,
                "discipline_id": discipline_id,
                "allocation": allocation,
            }
        )

    def describe(self, values: Mapping[str, Any]) -> str:
        return "team member"

    def create_with_new_person(
        self,
        team_id: uuid.UUID,
        name: str,
        email: str = "",
        discipline_id: uuid.UUID | None = None,
        allocation: float | str = 100.0,
    ) -> Batch:
        """A new person and their membership of the team, as one undoable step."""
        person = self._plan.people.create(name, email, discipline_id)
        values: dict[str, Any] = {
            "team_id": team_id,
            "person_id": person.id,
            "discipline_id": discipline_id,
            "allocation": allocation,
        }
        with self._plan.session() as session:
            # The person exists only once the batch runs, so it is not looked up here.
            values["allocation"] = v.validate_allocation(
                v.parse_number(values["allocation"], "Allocation")
            )
            self._ensure_exists(session, Team, team_id, "Team")
            self._ensure_exists(session, Discipline, discipline_id, "Discipline")
        member = self._build_create(values, trusted=True)
        return Batch((person, member), f"Add {person.values['name']} to the team")

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        values["allocation"] = v.validate_allocation(
            v.parse_number(values.get("allocation", 100.0), "Allocation")
        )
        self._ensure_exists(session, Team, values.get("team_id"), "Team")
        self._ensure_exists(session, Person, values.get("person_id"), "Person")
        self._ensure_exists(session, Discipline, values.get("discipline_id"), "Discipline")
        duplicate = select(Membership.id).where(
            Membership.team_id == values.get("team_id"),
            Membership.person_id == values.get("person_id"),
        )
        if row_id is not None:
            duplicate = duplicate.where(Membership.id != row_id)
        if session.execute(duplicate).first() is not None:
            raise v.ValidationError("Person", "is already a member of this team")


class InteractionService(EntityService[InteractionRecord]):
    model = Interaction
    record = InteractionRecord
    noun = "interaction"
    ordered = False

    def create(
        self,
        from_team_id: uuid.UUID,
        to_team_id: uuid.UUID,
        mode: InteractionMode | str,
        note: str = "",
    ) -> Create:
        return self._build_create(
            {"from_team_id": from_team_id, "to_team_id": to_team_id, "mode": mode, "note": note}
        )

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        values["mode"] = v.parse_choice(InteractionMode, values.get("mode"), "Mode")
        values["note"] = v.optional_text(values.get("note"), "Note")
        self._ensure_exists(session, Team, values.get("from_team_id"), "From team")
        self._ensure_exists(session, Team, values.get("to_team_id"), "To team")
        if values.get("from_team_id") == values.get("to_team_id"):
            raise v.ValidationError("To team", "a team cannot interact with itself")
