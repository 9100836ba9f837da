"""Checks on Office files (zip packages) from outside, before any XML parser sees them.

Word and Excel never write a DOCTYPE; one in a package part can only declare
entities (billion laughs, external files). Both importers (the returned survey
form, users' Word documents) refuse such a file with their own message.

A part's real inflated size is measured by inflating it with a limit
(:func:`measure_inflated`); the limits are in desktop.limits.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable

_CHUNK = 1 << 20
_DOCTYPE = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"))


def first_doctype_part(archive: zipfile.ZipFile) -> str | None:
    """The name of the first XML part that declares a DOCTYPE (read from its first 4 KB), or None."""
    for entry in archive.infolist():
        if entry.filename.endswith((".xml", ".rels")):
            with archive.open(entry) as handle:
                head = handle.read(4096)
            if any(marker in head for marker in _DOCTYPE):
                return entry.filename
    return None


class InflateLimit(Exception):
    """A part (``part``) or the whole package (``part`` None) inflates beyond ``limit`` bytes."""

    def __init__(self, part: str | None, limit: int) -> None:
        super().__init__(part, limit)
        self.part = part
        self.limit = limit


def measure_inflated(archive: zipfile.ZipFile, *, total_limit: int,
                     part_limit: Callable[[str], int | None]) -> int:
    """Inflate every part chunk by chunk, throwing the bytes away, and raise InflateLimit at the first limit
    passed: the directory's sizes are what the file says, only inflating tells what it holds. Costs time up
    to the limits, never memory. Returns the total inflated size."""
    total = 0
    for entry in archive.infolist():
        if entry.is_dir():
            continue
        cap = part_limit(entry.filename)
        if cap is not None and entry.file_size > cap:
            raise InflateLimit(entry.filename, cap)
        size = 0
        with archive.open(entry) as handle:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if cap is not None and size > cap:
                    raise InflateLimit(entry.filename, cap)
                if total > total_limit:
                    raise InflateLimit(None, total_limit)
    return total
