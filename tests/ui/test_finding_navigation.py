"""Choosing a health finding goes to what it names, whatever kind of thing that is."""

from __future__ import annotations

from planner.ui.main_window import MainWindow


def test_a_key_results_finding_chooses_it_on_its_teams_page(window: MainWindow) -> None:
    plan = window.document.plan
    result = next(
        kr for kr in plan.key_results.list() if kr.title == "Ship 3 calendar integrations"
    )
    team_id = plan.objectives.get(result.objective_id).team_id
    window.health_panel.navigate.emit("key result", result.id)
    assert window.workspace.currentWidget() is window.team_page
    assert window.navigator.current() == ("team", team_id)
    assert window.team_page.objectives.current() == ("key_result", result.id)
    # The page scrolled down to the key result, far below the team's details.
    view = window.team_page.objectives.view
    row = view.visualRect(view.currentIndex())
    corner = view.viewport().mapTo(window.team_page, row.center())
    assert window.team_page.rect().contains(corner)


def test_a_plan_level_objective_is_chosen_among_the_plans_okrs(window: MainWindow) -> None:
    plan = window.document.plan
    company = next(o for o in plan.objectives.list() if o.team_id is None)
    window.health_panel.navigate.emit("objective", company.id)
    assert window.workspace.currentWidget() is window.plan_okrs_page
    assert window.plan_okrs_page.editor.current() == ("objective", company.id)


def test_a_notes_finding_opens_the_note_in_the_journal(window: MainWindow) -> None:
    note = window.document.plan.notes.list()[0]
    window.health_panel.navigate.emit("note", note.id)
    assert window.workspace.currentWidget() is window.journal_page
    assert window.journal_page.notes.selected_id() == note.id


def test_an_interaction_opens_the_team_it_starts_from(window: MainWindow) -> None:
    interaction = window.document.plan.interactions.list()[0]
    window.health_panel.navigate.emit("interaction", interaction.id)
    assert window.workspace.currentWidget() is window.team_page
    assert window.navigator.current() == ("team", interaction.from_team_id)


def test_a_finding_on_something_deleted_since_says_so(window: MainWindow) -> None:
    plan = window.document.plan
    result = plan.key_results.list()[0]
    window.document.push(plan.key_results.delete(result.id))
    shown = window.workspace.currentWidget()
    window.health_panel.navigate.emit("key result", result.id)
    assert window.workspace.currentWidget() is shown
    assert window.statusBar().currentMessage() == "That is no longer in the plan."
