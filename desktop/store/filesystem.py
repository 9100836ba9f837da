"""Is a database file on a network share? WAL must not be used there.

SQLite's WAL relies on shared memory that does not work across machines on
SMB/NFS shares, and ministry staff often keep files on such drives. A file
found on a network path falls back to the rollback journal, and the UI warns
and points shared use to PostgreSQL.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "afs", "sshfs", "fuse.sshfs", "davfs", "fuse.gvfsd-fuse"}


def _mounts() -> list[tuple[str, str]]:
    try:
        with open("/proc/mounts", encoding="utf-8") as fh:
            rows = [line.split()[1:3] for line in fh if len(line.split()) >= 3]
    except OSError:
        return []
    return [(mount.replace("\\040", " "), fstype) for mount, fstype in rows]


def _windows_drive_is_remote(path: str) -> bool:
    try:
        import ctypes

        drive = os.path.splitdrive(path)[0] + "\\"
        DRIVE_REMOTE = 4
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == DRIVE_REMOTE  # type: ignore[attr-defined]
    except Exception:
        return False


def is_network_path(path: Path | str) -> bool:
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return True  # UNC path \\server\share
    if sys.platform == "win32":
        return _windows_drive_is_remote(text)
    resolved = str(Path(text).resolve())
    best = ("", "")
    for mount, fstype in _mounts():
        if (resolved == mount or resolved.startswith(mount.rstrip("/") + "/")) and len(mount) > len(best[0]):
            best = (mount, fstype)
    return best[1] in _NETWORK_FS


def journal_mode_for(path: Path) -> str:
    return "DELETE" if is_network_path(path) else "WAL"
