"""A folder nobody may write to, for real: chmod for a normal user, chattr +i for root (chmod binds no root)."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only_folder(folder: Path, *, files_too: bool = False):
    """``folder`` (and with ``files_too`` its files) read-only while inside; skips where that cannot be made."""
    targets = [folder] + ([p for p in folder.iterdir() if p.is_file()] if files_too else [])
    if os.geteuid() == 0:
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", *map(str, targets)], capture_output=True).returncode:
            pytest.skip("running as root and the file system has no immutable flag (chattr +i)")
        try:
            yield
        finally:
            subprocess.run([chattr, "-i", *map(str, targets)], check=True)
        return
    modes = {p: p.stat().st_mode for p in targets}
    for p in targets:
        p.chmod(stat.S_IMODE(modes[p]) & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        yield
    finally:
        for p, mode in modes.items():
            p.chmod(stat.S_IMODE(mode))
