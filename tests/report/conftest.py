"""Fixtures for printing tests: a Qt application made by pytest-qt, and the sample's period.

pytest-qt's ``qapp`` is a QApplication. Requesting it before anything is printed matters:
otherwise the report's own ``ensure_gui_app`` would create a plain QGuiApplication, and the
widget tests that run later in the same session could not create a single widget.
"""

from __future__ import annotations

from typing import Any

import pytest

from planner.services.plan import Plan
from planner.services.records import PeriodRecord
from tests.plans import SAMPLE_DAY


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/report/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.print)


@pytest.fixture(autouse=True)
def _qt_application(qapp: Any) -> Any:
    return qapp


@pytest.fixture
def period(sample_plan: Plan) -> PeriodRecord:
    found = sample_plan.periods.containing(SAMPLE_DAY)
    assert found is not None
    return found
