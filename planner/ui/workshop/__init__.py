"""Workshop mode: a full-screen, projector-friendly view for planning OKRs in a room.

:func:`open_workshop` shows a :class:`WorkshopWindow` full screen; its ``closed`` signal tells
the main window to return to where the person was.
"""

from planner.ui.workshop.keyline import KeyResultLine, LineError, parse_key_result_line
from planner.ui.workshop.window import WorkshopWindow, open_workshop, present

__all__ = [
    "KeyResultLine",
    "LineError",
    "WorkshopWindow",
    "open_workshop",
    "parse_key_result_line",
    "present",
]
