"""The funnel board: stages as columns, each team as a card that can be dragged between them."""

from planner.ui.board.board_page import BoardPage

__all__ = ["BoardPage"]
