"""Checks on Office files (zip packages) from outside, before any XML parser sees them.

Word and Excel never write a DOCTYPE; one in a package part can only declare
entities (billion laughs, external files). Both importers (the returned survey
form, users' Word documents) refuse such a file with their own message.
"""

from __future__ import annotations

import zipfile

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
