"""Keeping span marks on their passage while the text around them changes.

A mark stores character offsets into its field. When the text changes, the
edit is located as the part between the common prefix and the common suffix
of the old and new text (how one keystroke, a paste or a deletion looks),
and each span of that field is moved, trimmed or dropped:

- text changed before the span moves it; text changed after it leaves it;
- text changed inside it keeps the span around the new text;
- text changed over one end trims the span to what is left of it;
- when all of its text is gone, the mark goes with it.

Whole-field, KPI and citation marks never move. The function is pure, so the
editor can keep the old list for undo.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from desktop.survey.sheet import MarkData


def changed_region(old: str, new: str) -> tuple[int, int, int]:
    """(start, old_end, new_end): old[start:old_end] was replaced by new[start:new_end]."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    suffix = 0
    while suffix < limit - start and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return start, len(old) - suffix, len(new) - suffix


def follow_edit(marks: Sequence[MarkData], key: str, old: str, new: str) -> list[MarkData]:
    """The marks after the text of field ``key`` changed from ``old`` to ``new``.

    Marks that do not change are returned as the same objects (their ids
    stay); moved or trimmed ones are copies.
    """
    if old == new:
        return list(marks)
    start, old_end, new_end = changed_region(old, new)
    delta = new_end - old_end
    out: list[MarkData] = []
    for mark in marks:
        if mark.field_key != key or mark.start is None or mark.end is None or mark.kpi_id is not None \
                or mark.citation_id is not None:
            out.append(mark)
            continue
        a, b = mark.start, mark.end
        if b <= start and not (a == b == start):
            out.append(mark)                       # entirely before the edit
            continue
        if a >= old_end:
            out.append(replace(mark, start=a + delta, end=b + delta))   # after it: moves
            continue
        new_a = a if a < start else new_end
        new_b = b + delta if b > old_end else (start if a < start else new_end)
        if a < start and b > old_end:
            new_b = b + delta                      # the edit is inside the span
        if new_b <= new_a:
            continue                               # its text is gone
        out.append(replace(mark, start=new_a, end=new_b))
    return out
