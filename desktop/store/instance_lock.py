"""One editing program per SQLite file: the second opens it read-only instead of racing the first.

SQLite itself keeps two writers from corrupting the file, but two people
editing through one file on a shared folder would keep refusing each other's
saves. The program that edits holds an OS lock on ``<file>.lock`` (released
by the OS when the program ends, even killed); another program that cannot
take it opens the database read-only and says who holds it (the lock file
names the user, the machine and the process). Windows in one process share
the lock: they are one program, and their saves are already reconciled by
optimistic locking (desktop.store.merge).
"""

from __future__ import annotations

import getpass
import os
import socket
import sys
from pathlib import Path

_LOCK_OFFSET = 1 << 20   # Windows locks a byte range: lock one far past the text that names the holder


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


class InstanceLock:
    _held: dict[Path, list] = {}   # lock file -> [open file, number of holders in this process]

    def __init__(self, path: Path) -> None:
        self.path = path
        self._released = False

    @classmethod
    def acquire(cls, database: Path) -> "InstanceLock | None":
        """The lock of a database file, or None when another program holds it.

        Raises OSError when the lock file cannot be created (a folder this
        user may not write: the caller opens read-only for that reason).
        """
        path = lock_path(Path(database).resolve())
        held = cls._held.get(path)
        if held is not None:
            held[1] += 1
            return cls(path)
        handle = open(path, "a+b")
        try:
            if not _try_lock(handle):
                handle.close()
                return None
            handle.seek(0)
            handle.truncate()
            handle.write(holder_text().encode("utf-8"))
            handle.flush()
        except OSError:
            handle.close()
            raise
        cls._held[path] = [handle, 1]
        return cls(path)

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        held = self._held.get(self.path)
        if held is None:
            return
        held[1] -= 1
        if held[1] == 0:
            del self._held[self.path]
            _unlock(held[0])
            held[0].close()


def holder_text() -> str:
    try:
        user = getpass.getuser()
    except Exception:
        user = "?"
    return f"{user}@{socket.gethostname()} (PID {os.getpid()})"


def holder(database: Path) -> str:
    """Who holds a database's lock, as its lock file says ("" if unknown)."""
    try:
        return lock_path(Path(database).resolve()).read_text(encoding="utf-8", errors="replace")[:200].strip()
    except OSError:
        return ""


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle) -> bool:
        handle.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle) -> None:
        handle.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(handle) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
