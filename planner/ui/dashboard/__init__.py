"""The Dashboard view: charts of the period on show, painted from the plan's values."""

from planner.ui.dashboard.page import DashboardPage

__all__ = ["DashboardPage"]
