"""Editing objectives and key results: the OKR tree, check-ins, history and periods."""

from planner.ui.okr.carry_over import CarryOverDialog, open_carry_over
from planner.ui.okr.check_in import CheckInDialog, open_check_in
from planner.ui.okr.editor import OkrEditor
from planner.ui.okr.editor_model import KEY_RESULT, OBJECTIVE, OkrEditorModel
from planner.ui.okr.history import CheckInTableModel, KeyResultHistory
from planner.ui.okr.periods import PeriodsDialog, PeriodTableModel, open_periods
from planner.ui.okr.trend_chart import TrendChart, TrendData

__all__ = [
    "KEY_RESULT",
    "OBJECTIVE",
    "CarryOverDialog",
    "CheckInDialog",
    "CheckInTableModel",
    "KeyResultHistory",
    "OkrEditor",
    "OkrEditorModel",
    "PeriodTableModel",
    "PeriodsDialog",
    "TrendChart",
    "TrendData",
    "open_carry_over",
    "open_check_in",
    "open_periods",
]
