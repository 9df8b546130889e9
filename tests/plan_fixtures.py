"""Plan fixtures shared by every test folder: the sample plan copied fresh, or an empty plan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.services.newplan import create_plan
from planner.services.plan import Plan
from tests.plans import SAMPLE_DAY, make_sample_file, open_copy


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_sample_file(tmp_path_factory.mktemp("sample"))


@pytest.fixture
def sample_plan(sample_file: Path, tmp_path: Path) -> Iterator[Plan]:
    plan = open_copy(sample_file, tmp_path)
    yield plan
    plan.close()


@pytest.fixture
def empty_plan(tmp_path: Path) -> Iterator[Plan]:
    plan = create_plan(tmp_path / "empty.okrplan", "Empty", today=SAMPLE_DAY)
    yield plan
    plan.close()
