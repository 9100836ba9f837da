"""府省庁 names: one spelling per ministry, in the government's usual order.

The list itself is data (``ministries`` in the survey definition file);
this module only cleans a typed name and orders names for drop-downs and
filters: the listed ones in the list's order, any other after them in
Unicode order. A name typed with a trailing space (「総務省 」) would
otherwise split the filters and the 事務局集計 in two.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def clean_ministry(name: str | None) -> str:
    """The name as stored: surrounding whitespace (full-width spaces too) removed."""
    return (name or "").strip()


def ordered_ministries(listed: Sequence[str], names: Iterable[str]) -> list[str]:
    """``names`` without blanks or repeats: those on ``listed`` in its order, then the rest in Unicode order."""
    rank = {name: i for i, name in enumerate(listed)}
    unique = {clean_ministry(n) for n in names} - {""}
    return sorted(unique, key=lambda n: (0, rank[n], "") if n in rank else (1, 0, n))


def ministry_choices(listed: Sequence[str], used: Iterable[str]) -> list[str]:
    """What the editor offers: the whole list, then names in use that are not on it."""
    return ordered_ministries(listed, [*listed, *used])
