"""Revisions of text fields that grow with what changed, not with the field's size.

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

Rows written before this scheme (and rows whose chain could not be verified
when the database was migrated) keep their full values; the walk accepts both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from desktop.disclosure.textedit import changed_region


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


def reconstruct(rows: Iterable, current: dict[str, str | None]) -> Iterator[tuple[object, str | None, str | None]]:
    """(row, old value, new value) for revision rows (oldest first), delta rows rebuilt from ``current``.

    ``current`` maps a revision field name (``field:content``) to its value now.
    """
    rows = list(rows)
    values: dict[int, tuple[str | None, str | None]] = {}
    running = dict(current)
    for row in reversed(rows):
        if getattr(row, "delta", None):
            new = running.get(row.field) or ""
            old = apply_reverse(row.delta, new)
            values[id(row)] = (old, new)
            running[row.field] = old
        else:
            values[id(row)] = (row.old_value, row.new_value)
            if row.field in running:
                running[row.field] = row.old_value
    for row in rows:
        old, new = values[id(row)]
        yield row, old, new


__all__ = ["apply_reverse", "encode", "reconstruct", "uses_delta"]
