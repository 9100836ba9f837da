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
