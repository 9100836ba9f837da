"""The log file and the last word on an unexpected error, for the window and the command line alike.

The Windows build has no console: without a file, an error staff report
leaves no trace for support. Every start (GUI or CLI) therefore logs to a
rotating file in the user's data folder (paths.log_file(), a few hundred kB
at most), and an exception nobody caught (on the main thread or any other)
is written there with its traceback before anything else happens. The
window adds a dialog on top (ui/error_dialog.py); the command line prints a
Japanese line naming the log file.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from desktop import __version__
from desktop.paths import log_file

MAX_BYTES = 512 * 1024
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(process)d %(threadName)s %(name)s: %(message)s"

log = logging.getLogger("desktop")

_handler: logging.Handler | None = None


def setup_logging(path: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Log to a rotating file; the file's path, or None when it cannot be written (logging then stays off).

    Calling it again with another path moves the log there (tests, a second
    in-process start); with the same path it changes nothing.
    """
    global _handler
    path = Path(path) if path is not None else log_file()
    root = logging.getLogger()
    if _handler is not None:
        if Path(getattr(_handler, "baseFilename", "")) == path.resolve():
            return path
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                       encoding="utf-8", delay=False)
    except OSError as exc:   # a full or read-only profile must not stop the app from starting
        if sys.stderr is not None:   # None in the Windows GUI build (no console)
            print(f"ログファイルを作成できません（{path}）: {exc.strerror or exc}", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    _handler = handler
    log.info("sesaku-desk %s started (Python %s, %s) argv=%s", __version__, platform.python_version(),
             platform.platform(), sys.argv[1:])
    return path


def current_log_file() -> Path:
    """The file the log goes to (where it would go, before setup_logging)."""
    return Path(_handler.baseFilename) if _handler is not None else log_file()


def details(exc_type, exc, tb) -> str:
    """What support needs about an error: the traceback, the version and where the log is."""
    import traceback

    text = "".join(traceback.format_exception(exc_type, exc, tb)).rstrip()
    return (f"施策デスク {__version__}（Python {platform.python_version()}, {platform.platform()}）\n"
            f"ログファイル: {current_log_file()}\n\n{text}\n")


Reporter = Callable[[type, BaseException, object], None]


def install_exception_hooks(report: Reporter | None = None) -> None:
    """Log every uncaught exception (main thread and others), then hand it to ``report`` (the window's dialog).

    KeyboardInterrupt keeps Python's own behaviour.
    """
    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            if sys.stderr is not None:
                sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        if report is not None:
            report(exc_type, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.critical("uncaught exception in thread %s", name, exc_info=(args.exc_type, args.exc_value,
                                                                         args.exc_traceback))
        if report is not None and args.exc_value is not None:
            report(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
