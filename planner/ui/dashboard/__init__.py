"""The Dashboard view: charts of the period on show (matplotlib, imported when first shown)."""

from planner.ui.dashboard.page import DashboardPage

__all__ = ["DashboardPage"]
