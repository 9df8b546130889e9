"""Reading printed PDFs back with poppler: pages, text per page, and where each word sits."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MARGIN_PT = 15 / 25.4 * 72
# pdftotext's word boxes come from font metrics, not ink; half a point absorbs the rounding.
TOLERANCE_PT = 0.5

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>'
)


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def page_count(path: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(path)), re.MULTILINE)
    assert match, "pdfinfo did not report pages"
    return int(match.group(1))


def page_size(path: Path) -> tuple[float, float]:
    match = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", str(path)), re.M)
    assert match, "pdfinfo did not report the page size"
    return float(match.group(1)), float(match.group(2))


def pages_text(path: Path) -> list[str]:
    """The text of each page as laid out (columns kept on their line)."""
    text = run("pdftotext", "-layout", str(path), "-")
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def lines(text: str) -> list[str]:
    """Lines with runs of spaces squeezed, so a phrase is found whatever column it sits in."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    page_width: float
    page_height: float

    def inside_margins(self) -> bool:
        low = MARGIN_PT - TOLERANCE_PT
        return (
            self.x_min >= low
            and self.y_min >= low
            and self.x_max <= self.page_width - low
            and self.y_max <= self.page_height - low
        )


def words(path: Path) -> list[Word]:
    html = run("pdftotext", "-bbox", str(path), "-")
    found: list[Word] = []
    for number, chunk in enumerate(html.split("<page ")[1:], start=1):
        size = _PAGE.search("<page " + chunk)
        assert size, "pdftotext -bbox gave a page without a size"
        width, height = float(size.group(1)), float(size.group(2))
        for match in _WORD.finditer(chunk):
            x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
            found.append(Word(number, match.group(5), x0, y0, x1, y1, width, height))
    return found
