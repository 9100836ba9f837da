"""Rewriting named parts of a saved Office package (.docx, .xlsx) in place.

Both report writers let their library save the package, then put the bulk of
the content (the Word body, the Excel data rows) into one or more parts as
text, which is several times faster than building it as library objects.
The package is read whole and written again with every other member as it
was; the caller owns the file (a temporary name of desktop.reports.atomic).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path


def rewrite_parts(path: Path, edits: Mapping[str, Callable[[bytes], bytes]]) -> None:
    """Replace each part named in ``edits`` by what its function makes of the part's bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            edit = edits.get(info.filename)
            if edit is not None:
                data = edit(data)
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)


class Spill:
    """Text written in order, kept in memory up to a limit and then spilled to an anonymous temporary file.

    The Word body and the Excel data rows of a year of 6,000 sheets are a few hundred megabytes as Python
    text; held in a list, joined, spliced and encoded they were copied three or four times over. Spilled as
    they are written and streamed into the package at the save (:func:`stream_parts`), the export keeps
    about ``limit`` characters of them in memory whatever the year's size. The file is the system's
    temporary file, removed when closed (as openpyxl's own write-only sheets are), never a name in the
    target's folder.
    """

    def __init__(self, limit: int = 1 << 20) -> None:
        self.limit = limit
        self._buffer: list[str] = []
        self._size = 0
        self._file = None
        self.count = 0
        self.last = ""

    def append(self, text: str) -> None:
        self._buffer.append(text)
        self._size += len(text)
        self.count += 1
        self.last = text
        if self._size >= self.limit:
            self._flush()

    def extend(self, texts) -> None:
        for text in texts:
            self.append(text)

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def _flush(self) -> None:
        if not self._buffer:
            return
        if self._file is None:
            import tempfile

            self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        self._file.write("".join(self._buffer))
        self._buffer, self._size = [], 0

    def chunks(self, size: int = 1 << 20):
        """The text written, in order, in pieces of about ``size`` characters."""
        if self._file is not None:
            self._file.flush()
            self._file.seek(0)
            while piece := self._file.read(size):
                yield piece
        yield from self._buffer

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._buffer = []


Writer = Callable[[bytes], object]


def stream_parts(path: Path, edits: Mapping[str, Callable[[bytes, Writer], None]]) -> None:
    """Like :func:`rewrite_parts`, but each edit writes the new part piece by piece: ``edit(old, write)``.

    The saved package is small before its bulk is put in (the body, the rows); only that is read whole.
    """
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            edit = edits.get(info.filename)
            if edit is None:
                target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            member = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            with target.open(member, "w", force_zip64=True) as handle:
                edit(data, handle.write)
