"""The last line of defence: log every uncaught error and tell the person what happened."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from planner import paths
from planner.ui import dialogs

LOG_FILENAME = "planner.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3

log = logging.getLogger("planner")

_log_file: Path | None = None
_log_handler: logging.Handler | None = None
_showing = False


def configure_logging() -> Path | None:
    """Send the app's log to a rotating file in the log folder; once per process.

    Returns the log file, which error messages name so a person can send it along; None
    when no log file can be written there, and the log goes to the terminal instead (the
    app must start all the same).
    """
    global _log_file, _log_handler
    if _log_handler is not None:
        return _log_file
    file = paths.log_dir() / LOG_FILENAME
    path: Path | None = file
    handler: logging.Handler
    try:
        handler = RotatingFileHandler(
            file, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        print(f"{file}: cannot write the log there ({error.strerror})", file=sys.stderr)
        handler, path = logging.StreamHandler(), None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    _log_file, _log_handler = path, handler
    return path


def install_excepthook() -> None:
    sys.excepthook = handle_exception


# Qt's offscreen platform (smoke runs, CI) says this whenever a window's size limits change;
# it is a limitation of that platform, not a problem of the app.
_QT_NOISE = ("This plugin does not support propagateSizeHints()",)
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def install_qt_message_handler() -> None:
    """Send Qt's own messages to the log (warnings also to stderr, as Qt does)."""
    qInstallMessageHandler(_on_qt_message)


def _on_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if message in _QT_NOISE:
        return
    level = _QT_LEVELS.get(kind, logging.WARNING)
    logging.getLogger("qt").log(level, "%s", message)
    if level >= logging.WARNING:
        print(message, file=sys.stderr)


def handle_exception(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Log an uncaught exception with its traceback and show it in a message box."""
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    details = "".join(traceback.format_exception(kind, error, trace))
    log.error("uncaught exception\n%s", details)
    # An error raised while the box is up (a paint event, say) is logged but not shown again:
    # one box at a time, not a cascade.
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        text = QCoreApplication.translate(
            "errors",
            "Something went wrong: {error}\n\nThe changes you made before this were saved as "
            "you made them.",
        ).format(error=str(error) or kind.__name__)
        if _log_file is not None:
            text += " " + QCoreApplication.translate(
                "errors", "The details below are also in the log file {log}."
            ).format(log=_log_file)
        dialogs.show_error(
            QApplication.activeWindow(),
            QCoreApplication.translate("errors", "Unexpected error"),
            text,
            details,
        )
    finally:
        _showing = False
