"""Revisions that grow with what changed, not with the field's size or the sheet's marks.

Every autosave of a field records a revision. Storing the whole old and new
text each time made a ten-year database of real editing many times the size
of its content: a 30,000-character field saved every two seconds while
someone types writes 60,000 characters per save. A text field's revision
stores instead a *reverse delta*: the one region of the new text that
differs from the old (common prefix and suffix left out, which is what one
burst of typing changes) and what stood there before. The current text is in
``sheet_fields``; walking the field's revisions from the newest back, each
delta turns the value after it into the value before it, so every revision's
old and new values are reconstructed exactly when the history is read.

One keystroke in a long field also moves every 非公開 mark and citation
marker after it: each moved start, end and position was a row of its own
(about 100 bytes of id, time, author and index entry each), so a sheet with
ten marks and ten citations grew by 1.5 KB per autosave whatever was typed.
A save that changes several values of one sheet is therefore one *packed*
row (``field`` = ``PACKED``): a JSON list of its changes in the order they
were made, each entry either

- ``["v", field, old, new]``: the values in full (numbers, choices, a field
  filled or emptied, new items' snapshots);
- ``["r", field, start, end, before]``: a text field's reverse delta, part of
  the chain above;
- ``["f", field, old, start, end, inserted]``: a long value that is not a
  field's text (a mark's passage typed into, an 実施項目's plan) as its old
  text and the forward delta to the new one; it needs nothing outside the
  row, so a mark deleted since still reads back.

The reader (``changes``) expands a packed row into the same changes, in the
same order, that separate rows gave.

Rows written before this scheme (and rows whose chain could not be verified
when the database was migrated to 0005) keep their full values; the walk
accepts all three forms.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from desktop.disclosure.textedit import changed_region

#: The field name of a row that holds several changes of one save.
PACKED = "changes"

#: A packed list longer than this is stored compressed (``z:`` and base85 of zlib): the moved marks' and
#: citations' names and offsets repeat, and compress to about a third.
_COMPRESS_FROM = 200

#: A value pair shorter than this is stored in full: a delta would not be smaller.
_FORWARD_FROM = 64


class Change(NamedTuple):
    row: Any             # the stored row (its id, sheet version, time and author)
    field: str
    old: str | None
    new: str | None


def encode(old: str, new: str) -> str:
    """The reverse delta that turns ``new`` back into ``old``: [start, end in new, text that was there]."""
    start, old_end, new_end = changed_region(old, new)
    return json.dumps([start, new_end, old[start:old_end]], ensure_ascii=False)


def apply_reverse(delta: str, new: str) -> str:
    """The old text from the new one and its reverse delta."""
    start, end, before = json.loads(delta)
    return new[:start] + before + new[end:]


def uses_delta(field: str, old: str | None, new: str | None) -> bool:
    """Text fields get deltas; None on either side (a field filled or emptied) is stored in full."""
    return field.startswith("field:") and old is not None and new is not None


def _entry(field: str, old: str | None, new: str | None) -> list:
    if uses_delta(field, old, new):
        return ["r", field, *json.loads(encode(old or "", new or ""))]
    if old is not None and new is not None and len(old) + len(new) >= _FORWARD_FROM:
        start, old_end, new_end = changed_region(old, new)
        if new_end - start + 24 < len(new):
            return ["f", field, old, start, old_end, new[start:new_end]]
    return ["v", field, old, new]


def _dump(entries: list) -> str:
    text = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    if len(text) < _COMPRESS_FROM:
        return text
    return "z:" + base64.b85encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")


def _load(stored: str) -> list:
    if stored.startswith("z:"):
        return json.loads(zlib.decompress(base64.b85decode(stored[2:])).decode("utf-8"))
    return json.loads(stored)


def pack(changes: list[tuple[str, str | None, str | None]]) -> str:
    """The stored form (a packed row's ``delta``) of several changes of one save, in their order."""
    return _dump([_entry(f, o, n) for f, o, n in changes])


def pack_rows(rows: Iterable[tuple[str, str | None, str | None, str | None]]) -> str:
    """The packed form of rows already stored one change each (field, old, new, delta): the migration's."""
    entries = []
    for field, old, new, delta in rows:
        if delta:
            entries.append(["r", field, *json.loads(delta)])
        else:
            entries.append(_entry(field, old, new) if not field.startswith("field:") else ["v", field, old, new])
    return _dump(entries)


def unpack_rows(delta: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """A packed row back as one-change rows (field, old, new, delta): the migration's downgrade.

    Reverse deltas stay deltas (their old and new come from the chain);
    forward deltas are written out in full.
    """
    out: list[tuple[str, str | None, str | None, str | None]] = []
    for entry in _load(delta):
        kind, field = entry[0], entry[1]
        if kind == "r":
            out.append((field, None, None, json.dumps(entry[2:], ensure_ascii=False)))
        elif kind == "f":
            old, start, end, inserted = entry[2:]
            out.append((field, old, old[:start] + inserted + old[end:], None))
        else:
            out.append((field, entry[2], entry[3], None))
    return out


def changes(rows: Iterable, current: dict[str, str | None]) -> Iterator[Change]:
    """Every change recorded in revision rows (oldest first), deltas rebuilt and packed rows expanded.

    ``current`` maps a revision field name (``field:content``) to its value now.
    """
    rows = list(rows)
    running = dict(current)
    found: dict[int, list[Change]] = {}

    def walk_back(row, field: str, old, new, reverse: list | None) -> Change:
        if reverse is not None:
            start, end, before = reverse
            new = running.get(field) or ""
            old = new[:start] + before + new[end:]
            running[field] = old
        elif field in running:
            running[field] = old
        return Change(row, field, old, new)

    for row in reversed(rows):
        delta = getattr(row, "delta", None)
        if row.field == PACKED and delta:
            entries = []
            for entry in reversed(_load(delta)):
                kind, field = entry[0], entry[1]
                if kind == "r":
                    entries.append(walk_back(row, field, None, None, entry[2:]))
                elif kind == "f":
                    old, start, end, inserted = entry[2:]
                    entries.append(walk_back(row, field, old, old[:start] + inserted + old[end:], None))
                else:
                    entries.append(walk_back(row, field, entry[2], entry[3], None))
            found[id(row)] = entries[::-1]
        elif delta:
            found[id(row)] = [walk_back(row, row.field, None, None, json.loads(delta))]
        else:
            found[id(row)] = [walk_back(row, row.field, row.old_value, row.new_value, None)]
    for row in rows:
        yield from found[id(row)]


def reconstruct(rows: Iterable, current: dict[str, str | None]) -> Iterator[tuple[object, str | None, str | None]]:
    """(row, old value, new value) of rows that each hold one change (``changes`` reads packed rows too)."""
    for change in changes(rows, current):
        yield change.row, change.old, change.new


__all__ = ["PACKED", "Change", "apply_reverse", "changes", "encode", "pack", "pack_rows", "reconstruct",
           "unpack_rows", "uses_delta"]
