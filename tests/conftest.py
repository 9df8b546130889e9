"""Test-wide setup.

This runs before any test module is imported, so the environment set here is in
place before Qt, matplotlib or platformdirs are first used:

* Qt renders offscreen: no display is needed.
* Every per-user folder (XDG data/config/state/cache, matplotlib's config) points
  into one throwaway folder for the session, so tests never read or write the
  real user's settings, logs or sample plans.
* Hypothesis uses the "ci" profile unless HYPOTHESIS_PROFILE names another.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_SESSION_HOME = Path(tempfile.mkdtemp(prefix="okr-planner-tests-"))
for _var, _sub in (
    ("XDG_DATA_HOME", "data"),
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_STATE_HOME", "state"),
    ("XDG_CACHE_HOME", "cache"),
    ("MPLCONFIGDIR", "matplotlib"),
):
    _folder = _SESSION_HOME / _sub
    _folder.mkdir()
    os.environ[_var] = str(_folder)

pytest_plugins = ["tests.plan_fixtures", "tests.disks"]

settings.register_profile(
    "ci",
    deadline=None,  # shared CI machines have noisy timings
    max_examples=50,
    derandomize=True,  # same examples every run: a failure reproduces
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_folders() -> Iterator[Path]:
    """Remove the session's stand-in user folders once the tests are done."""
    yield _SESSION_HOME
    shutil.rmtree(_SESSION_HOME, ignore_errors=True)
