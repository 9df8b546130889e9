"""Small shared widgets as a person sees them."""

from __future__ import annotations

from typing import Any

from planner.ui.widgets import FIGURE_WIDTH, LONGEST_FIGURE, Figure


def test_a_figure_keeps_a_short_caption_on_one_line_and_wraps_a_long_one(qtbot: Any) -> None:
    figure = Figure("Members · 5.2 full-time")
    qtbot.addWidget(figure)
    figure.resize(figure.sizeHint())
    figure.show()
    caption = figure.caption
    assert caption.width() >= caption.fontMetrics().horizontalAdvance(caption.text())
    one_line = caption.height()

    caption.setText("Progress in FY2027 H1 – Growth and retention push across every market")
    figure.resize(figure.sizeHint())
    assert figure.width() <= round(LONGEST_FIGURE * FIGURE_WIDTH)
    assert caption.height() > one_line  # wrapped, not cut
