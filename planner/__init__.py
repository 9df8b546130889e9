"""OKR Planner: plan teams, objectives and key results along the customer funnel."""

from importlib import metadata

try:
    __version__ = metadata.version("okr-planner")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

APP_NAME = "OKR Planner"
PLAN_SUFFIX = ".okrplan"
