"""The desktop app: Qt widgets over the plan services.

Widgets never open a session or run a query; they call the services of an open plan through a
:class:`planner.ui.document.PlanDocument`, and every change a person makes is an undoable
:class:`planner.ui.commands.EditCommand`.
"""
