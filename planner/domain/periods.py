"""Calendar quarters, the default rhythm of OKR periods."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @property
    def name(self) -> str:
        return f"{self.year} Q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def following_period(start: date, end: date) -> tuple[date, date]:
    """The period after ``start``–``end``: the next quarter when it is a quarter, otherwise a
    period of the same length starting the day after."""
    quarter = quarter_of(start)
    if (quarter.start, quarter.end) == (start, end):
        following = quarter.next()
        return following.start, following.end
    length = end - start
    return end + timedelta(days=1), end + timedelta(days=1) + length
