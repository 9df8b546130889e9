"""How blocks fall onto pages: headings stay with what they head, space does not start a
page."""

from __future__ import annotations

from typing import Any

from planner.report.blocks import Spacer
from planner.report.document import KEPT_TOGETHER_SCALE, Block, Section, paginate

PAGE = 1000.0


class Box(Block):
    """A block of a fixed height, named for the assertions."""

    def __init__(self, name: str, size: float, keep_with_next: bool = False) -> None:
        self.name = name
        self.size = size
        self.keep_with_next = keep_with_next

    def height(self, width: float) -> float:
        return self.size

    def draw(self, *_args: Any) -> None:
        return None


def laid_out(*blocks: Block) -> list[list[tuple[str, float]]]:
    pages, _ = paginate([Section(list(blocks))], 500.0, PAGE)
    return [
        [(getattr(p.block, "name", "space"), round(p.rect.height())) for p in page.placed]
        for page in pages
    ]


def test_a_heading_stays_with_a_chart_as_tall_as_the_page() -> None:
    heading = Box("heading", 50, keep_with_next=True)
    caption = Box("caption", 30, keep_with_next=True)
    assert laid_out(heading, caption, Box("chart", PAGE)) == [
        [("heading", 50), ("caption", 30), ("chart", 920)]  # the chart shrunk to fit
    ]


def test_a_group_that_would_shrink_too_much_breaks_as_before() -> None:
    heading = Box("heading", PAGE * (1 - KEPT_TOGETHER_SCALE) + 50, keep_with_next=True)
    assert laid_out(heading, Box("chart", PAGE)) == [
        [("heading", 300)],
        [("chart", 1000)],
    ]


def test_space_that_would_start_a_page_is_dropped_but_kept_at_the_top_of_one() -> None:
    assert laid_out(Spacer(40), Box("first", 940), Spacer(40), Box("second", 100)) == [
        [("space", 40), ("first", 940)],
        [("second", 100)],
    ]
