"""Temporary report files that a killed export left behind: named, hidden, recorded, removed.

An export writes its report to a temporary file beside the target and renames
it into place when complete (desktop.reports.atomic); a public export checks
it for withheld text first. A process killed in between (SIGKILL, power cut,
the task manager) leaves that file behind — complete, perhaps holding the
very passage the check was about to refuse. So a temporary file:

- has a name nothing opens as a report: ``.~sesaku-<random>.partial`` (no
  .docx/.xlsx/.csv ending; the dot hides it on macOS and Linux);
- is marked hidden on Windows once written (a hidden file cannot be
  re-created by the writers' ``open(…, "wb")``, so not before), and shown
  again just before the rename, so that the report itself is not hidden;
- is recorded, while it exists, in the user's data folder
  (desktop.paths.user_data_dir): one small file per temporary file,
  naming it and the process writing it.

:func:`remove_leftovers` deletes the temporary files of records whose process
is gone; it runs at each export (before the new temporary file is made) and at
the start of the app. An unrecorded leftover in the export's folder (written
by another computer on a shared folder, or before this scheme) is deleted
once it is older than any export takes.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
from pathlib import Path

from desktop.paths import user_data_dir

PREFIX = ".~sesaku-"
SUFFIX = ".partial"
RECORDS = "exports-in-progress"
STALE_AFTER = 60 * 60            # seconds; no export runs this long, so an unrecorded leftover is dead
# Temporary names of earlier versions: ".報告書.1a2b3c4d.tmp.docx".
_OLD_STYLE = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp\.(docx|xlsx|csv)$", re.IGNORECASE)
_FILE_ATTRIBUTE_HIDDEN = 0x2
_FILE_ATTRIBUTE_NORMAL = 0x80


def temp_name() -> str:
    return f"{PREFIX}{secrets.token_hex(8)}{SUFFIX}"


def is_temp_name(name: str) -> bool:
    """A temporary report file of this app, of this version or an earlier one."""
    return (name.startswith(PREFIX) and name.endswith(SUFFIX)) or bool(_OLD_STYLE.match(name))


def _set_attributes(path: Path, attributes: int) -> None:
    if os.name != "nt":
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.windll.kernel32.SetFileAttributesW(str(path), attributes)   # type: ignore[attr-defined]


def hide(path: Path) -> None:
    """Mark ``path`` hidden on Windows (elsewhere its leading dot already hides it)."""
    _set_attributes(path, _FILE_ATTRIBUTE_HIDDEN)


def unhide(path: Path) -> None:
    """Clear the hidden mark before the rename: the attribute would travel to the report."""
    _set_attributes(path, _FILE_ATTRIBUTE_NORMAL)


def _records() -> Path:
    return user_data_dir() / RECORDS


def record(temp: Path) -> Path | None:
    """Note that this process is writing ``temp``; the record's path, or None when it cannot be kept.

    Not being able to write the record (a read-only profile) does not stop
    the export: the folder scan of :func:`remove_leftovers` still finds an
    old leftover.
    """
    folder = _records()
    entry = folder / f"{secrets.token_hex(8)}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        entry.write_text(json.dumps({"path": str(Path(temp).absolute()), "pid": os.getpid()}), encoding="utf-8")
    except OSError:
        return None
    return entry


def forget(entry: Path | None) -> None:
    if entry is not None:
        with contextlib.suppress(OSError):
            entry.unlink()


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (on Windows without os.kill, which would terminate it)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32            # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)      # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5                # access denied: it exists
        try:
            code = ctypes.c_ulong()
            return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _remove(path: Path, removed: list[Path]) -> None:
    try:
        unhide(path)
        path.unlink()
    except FileNotFoundError:
        return
    except OSError:
        return             # still open somewhere (Windows) or not ours to delete: left for next time
    removed.append(path)


def remove_leftovers(folder: Path | None = None) -> list[Path]:
    """Delete the temporary files of exports whose process is gone; the files deleted.

    With ``folder`` (the folder an export is about to write to), also its
    unrecorded temporary files older than STALE_AFTER.
    """
    removed: list[Path] = []
    live: set[str] = set()
    with contextlib.suppress(OSError):
        for entry in sorted(_records().glob("*.json")):
            try:
                data = json.loads(entry.read_text(encoding="utf-8"))
                temp, pid = Path(str(data["path"])), int(data["pid"])
            except (OSError, ValueError, KeyError, TypeError):
                forget(entry)          # a torn record (killed while writing it) names nothing
                continue
            if _alive(pid):
                live.add(os.path.normcase(str(temp)))
                continue
            if is_temp_name(temp.name):   # a record never makes us delete anything else
                _remove(temp, removed)
            forget(entry)
    if folder is not None:
        now = time.time()
        with contextlib.suppress(OSError):
            for path in Path(folder).iterdir():
                if not is_temp_name(path.name) or os.path.normcase(str(path.absolute())) in live:
                    continue
                with contextlib.suppress(OSError):
                    if now - path.stat().st_mtime > STALE_AFTER and path.is_file():
                        _remove(path, removed)
    return removed


__all__ = ["PREFIX", "SUFFIX", "forget", "hide", "is_temp_name", "record", "remove_leftovers", "temp_name", "unhide"]
