"""What to print: the layout, the paper, the period and which teams or stages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize

from planner.report.document import PageSpec

LAYOUTS = ("sheets", "booklet", "poster", "attribution")
PAGE_SIZES = ("A4", "Letter")

# Qt 6 names the enum Territory in C++ but PySide6 exposes it as Country.
Territory = QLocale.Country
# Where paper is US Letter rather than A4 (and posters are Tabloid rather than A3).
LETTER_TERRITORIES = frozenset(
    {
        Territory.UnitedStates,
        Territory.Canada,
        Territory.Mexico,
        Territory.Philippines,
        Territory.Chile,
        Territory.Colombia,
        Territory.CostaRica,
        Territory.DominicanRepublic,
        Territory.ElSalvador,
        Territory.Guatemala,
        Territory.Nicaragua,
        Territory.Panama,
        Territory.PuertoRico,
        Territory.Venezuela,
    }
)


def default_page_size() -> str:
    """ "Letter" where the locale's paper is US Letter, else "A4"."""
    return "Letter" if QLocale().territory() in LETTER_TERRITORIES else "A4"


@dataclass(frozen=True)
class PrintOptions:
    """One printout. Empty ``team_ids`` and ``stage_ids`` mean every team; otherwise the teams
    listed plus every team of the stages listed. ``period_id`` None is the current period,
    ``today`` None the day of printing (it dates the footer and the progress)."""

    layout: str = "sheets"
    page_size: str = field(default_factory=default_page_size)
    period_id: uuid.UUID | None = None
    team_ids: tuple[uuid.UUID, ...] = ()
    stage_ids: tuple[uuid.UUID, ...] = ()
    today: date | None = None

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"unknown layout {self.layout!r}; choose one of {', '.join(LAYOUTS)}")
        if self.page_size not in PAGE_SIZES:
            raise ValueError(
                f"unknown page size {self.page_size!r}; choose one of {', '.join(PAGE_SIZES)}"
            )
        # Lists are accepted (a CLI collects them so) but kept as tuples: options stay hashable.
        object.__setattr__(self, "team_ids", tuple(self.team_ids))
        object.__setattr__(self, "stage_ids", tuple(self.stage_ids))

    @property
    def day(self) -> date:
        return self.today or date.today()

    def page_spec(self) -> PageSpec:
        letter = self.page_size == "Letter"
        if self.layout == "poster":
            # Ledger is Tabloid (11×17 in) turned sideways; Qt names the portrait one.
            size = QPageSize.PageSizeId.Tabloid if letter else QPageSize.PageSizeId.A3
            return PageSpec(size, landscape=True)
        return PageSpec(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)
