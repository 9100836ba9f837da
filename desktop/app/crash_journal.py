"""The crash journal on disk: the unsaved edits of the open sheets, for the next start to restore.

The editor writes it about every second while something is unsaved and
removes it when everything is saved, so a killed program or a power cut
loses at most the last moments of typing. One file per database and program
(named by a hash of the database's path or URL and the process id, so two
programs editing one server database never overwrite each other's journal)
in the user's data folder; each write goes to a
temporary file that replaces the journal at once (``os.replace``), so the
journal on disk is always a whole one, the old or the new.

Each entry keeps the whole sheet twice, in the format of
desktop.survey.sheet_codec: the stored version the edits started from (the
*base*) and the edited sheet, marks included. The base lets the next start
tell an edit that never reached the database from one that did, and merge
with a version saved meanwhile instead of overwriting it.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.paths import user_data_dir
from desktop.survey.sheet import SheetData
from desktop.survey.sheet_codec import SheetCodecError, sheet_from_data, sheet_to_data

FORMAT = 1
FOLDER = "journal"
KEPT_FOLDER = "kept"


class JournalError(Exception):
    """A journal file that cannot be read whole; it is kept aside, never half used."""


@dataclass
class JournalEntry:
    sheet_id: int
    base: SheetData    # the stored version the edits started from
    mine: SheetData    # the sheet with the unsaved edits
    saving: SheetData | None = None   # what a save in flight is writing (it may have reached the database)

    def rebased_on(self, stored: SheetData) -> "JournalEntry":
        """The entry as if the save in flight had reported back, when ``stored`` is that save's result.

        Without it, a kill between a save's commit and the next journal write
        would make the program's own save look like someone else's.
        """
        self.mine.version = stored.version
        return JournalEntry(self.sheet_id, stored, self.mine)


@dataclass
class Journal:
    target: str
    written_at: str
    host: str
    pid: int
    entries: list[JournalEntry]

    def written_by_running_program(self) -> bool:
        """Another program on this computer still edits with this journal (not a crash)."""
        if self.pid == os.getpid() or self.host != socket.gethostname() or sys.platform == "win32":
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def journal_folder() -> Path:
    return user_data_dir() / FOLDER


def _digest(target: str) -> str:
    return hashlib.sha256(target.encode("utf-8")).hexdigest()[:20]


def journal_path(target: str) -> Path:
    """This program's journal of the database."""
    return journal_folder() / f"{_digest(target)}-{os.getpid()}.json"


def journal_paths(target: str) -> list[Path]:
    """Every program's journal of the database (those of programs that ended, and of running ones)."""
    return sorted(journal_folder().glob(f"{_digest(target)}-*.json"))


def journal_payload(target: str, entries: list[JournalEntry]) -> bytes | None:
    """The journal file's bytes for these entries (None: no entry, the journal goes)."""
    if not entries:
        return None
    data = {
        "format": FORMAT,
        "target": target,
        "written_at": datetime.now().isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "entries": [{"sheet_id": e.sheet_id, "base": sheet_to_data(e.base), "mine": sheet_to_data(e.mine),
                     "saving": sheet_to_data(e.saving) if e.saving is not None else None} for e in entries],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_payload(target: str, payload: bytes | None) -> Path | None:
    """Replace the database's journal with ``payload`` (None: remove it) at once. Raises OSError."""
    path = journal_path(target)
    if payload is None:
        remove_journal(target)
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as out:
        out.write(payload)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    return path


def write_journal(target: str, entries: list[JournalEntry]) -> Path | None:
    """Replace the database's journal with these entries (none: remove it). Raises OSError."""
    return write_payload(target, journal_payload(target, entries))


class JournalWriter:
    """Writes the journal on a thread of its own, so typing never waits for the disk.

    The journal is rewritten about once a second while a sheet is edited;
    its ``fsync`` took 2–3 ms here and can take tens of milliseconds on an
    office PC's disk, once a second, on the key path. The window hands over
    the file's bytes (built from its documents on its own thread) and goes
    on; only the newest bytes matter, so a write still waiting is replaced
    by the next. ``write`` is for the moments whose order matters (a save
    about to start, a database being closed): it writes at once, in the
    caller's thread, and a queued or running older write can never land
    after it (each write has a number; the disk only takes newer ones).
    ``done`` is called from the writing thread with None or the OSError.
    """

    def __init__(self, done: Callable[[OSError | None], None]) -> None:
        self._done = done
        self._wake = threading.Condition()
        self._disk = threading.Lock()
        self._pending: tuple[int, str, bytes | None] | None = None
        self._number = 0      # the last number given out (under _wake)
        self._written = 0     # the number of the newest write on disk (under _disk)
        self._thread: threading.Thread | None = None

    def submit(self, target: str, payload: bytes | None) -> None:
        """Write soon, on the thread; replaces a write that has not started."""
        with self._wake:
            self._number += 1
            self._pending = (self._number, target, payload)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="crash-journal", daemon=True)
                self._thread.start()
            self._wake.notify()

    def write(self, target: str, payload: bytes | None) -> None:
        """Write now, after whatever is on its way to the disk, and drop a queued older write."""
        with self._wake:
            self._number += 1
            number, self._pending = self._number, None
        self._store(number, target, payload)

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._pending is None:
                    self._wake.wait()
                job, self._pending = self._pending, None
            self._store(*job)

    def _store(self, number: int, target: str, payload: bytes | None) -> None:
        with self._disk:
            if number < self._written:
                return    # a newer write is on disk already
            try:
                write_payload(target, payload)
            except OSError as exc:
                self._done(exc)
                return
            self._written = number
        self._done(None)


def read_journal(target: str, path: Path | None = None) -> Journal | None:
    """A journal of the database (this program's by default), None when there is none.

    JournalError when it cannot be read whole.
    """
    path = path or journal_path(target)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise JournalError(str(exc)) from exc
    try:
        data = json.loads(raw.decode("utf-8"))
        if data.get("format") != FORMAT or data.get("target") != target:
            raise JournalError("not a journal of this database")
        entries = [JournalEntry(int(e["sheet_id"]), sheet_from_data(e["base"]), sheet_from_data(e["mine"]),
                                sheet_from_data(e["saving"]) if e["saving"] is not None else None)
                   for e in data["entries"]]
        return Journal(target, str(data["written_at"]), str(data["host"]), int(data["pid"]), entries)
    except (ValueError, KeyError, TypeError, AttributeError, SheetCodecError) as exc:
        raise JournalError(str(exc)) from exc


def remove_journal(target: str, path: Path | None = None) -> None:
    try:
        (path or journal_path(target)).unlink()
    except FileNotFoundError:
        pass


def keep_aside(path: Path) -> Path | None:
    """Copy a journal where nothing overwrites it (what could not be restored stays for a person)."""
    if not path.exists():
        return None
    kept = journal_folder() / KEPT_FOLDER / f"{datetime.now():%Y%m%d-%H%M%S}-{path.name}"
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(path.read_bytes())
    return kept


__all__ = ["Journal", "JournalEntry", "JournalError", "journal_path", "journal_paths", "keep_aside", "read_journal",
           "remove_journal", "write_journal"]
