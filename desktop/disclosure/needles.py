"""Finding withheld passages in text, all of them at once, in the reader form.

The report model blanks recurrences of withheld text in every string it
prints, and the leak checker looks for them in every unit of a written file.
Both hold hundreds to tens of thousands of passages, so they are matched
together with an Aho-Corasick automaton (pyahocorasick: one pass over the
text whatever the number of passages) instead of one search per passage.

How long a passage must be to be found anywhere:

- ``ANYWHERE`` (4) reader-form characters or more: inside any text;
- shorter (「Ω社」「田中氏」): only on a *boundary*, where the characters
  before and after it are of another script class than its own first and
  last character (desktop.disclosure.reader_form.char_class), so 「越南」 is
  found in 「越南の」 but not inside an unrelated longer word; and, within
  the sheets of the lineage that withholds it (``own``), anywhere from two
  characters: the same measure's text mentioning the name is the name;
- a figure (digits, with a decimal point or a sign) of any length: only on a
  boundary (61.7 is not in 161.75), and only in its own lineage's sheets:
  another measure's 120 件 is not someone else's withheld 120.

Each :class:`Hit` says whether it is *short* (found by the boundary rules),
so callers can treat a short passage of another lineage differently from
a long one (the report model refuses instead of blanking).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from desktop.disclosure.reader_form import char_class, reader_form
from desktop.survey.progress import format_figure

ANYWHERE = 4
OWN_ANYWHERE = 2

T = TypeVar("T")


_FIGURE = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?%?")


def is_figure(form: str) -> bool:
    """A passage that is a number (reader form): matched only on boundaries and in its own lineage."""
    return bool(_FIGURE.fullmatch(form))


def _printed_forms(raw: str) -> tuple[str, ...]:
    """The reader forms a withheld passage can take in print: as typed, and a figure as the reports write
    it with 兆・億・万 (progress.format_figure: 120000000 prints 1億2,000万, an amount in 円 from 1万),
    so the leak check still finds a withheld number the writers formatted."""
    form = reader_form(raw)
    if not form:
        return ()
    if not is_figure(form):
        return (form,)
    printed = (reader_form(format_figure(form, unit)) for unit in ("", "円"))
    return tuple(dict.fromkeys((form, *(p for p in printed if p))))


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    start: int        # in the reader form of the searched text
    end: int
    form: str         # the passage's reader form
    owners: tuple     # every owner that withholds this passage (payloads given to NeedleSet)
    short: bool       # found by the boundary rules (a short passage or a figure), not as a long passage
    own: bool         # one of the owners is ``own`` (the searched text belongs to its lineage)


def _bounded(form: str, start: int, end: int, text: str) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return (not before or char_class(before) != char_class(form[0])) and \
        (not after or char_class(after) != char_class(form[-1]))


class NeedleSet(Generic[T]):
    """Withheld passages (reader form) with their owners; searches a text for all of them."""

    def __init__(self, passages: Iterable[tuple[str, T]] = ()) -> None:
        self._owners: dict[str, list[T]] = {}
        for raw, owner in passages:
            for form in _printed_forms(raw):
                owners = self._owners.setdefault(form, [])
                if owner not in owners:
                    owners.append(owner)
        self._automaton = None
        if self._owners:
            automaton = ahocorasick.Automaton()
            for form in self._owners:
                automaton.add_word(form, form)
            automaton.make_automaton()
            self._automaton = automaton

    def __len__(self) -> int:
        return len(self._owners)

    def __bool__(self) -> bool:
        return bool(self._owners)

    @property
    def forms(self) -> list[str]:
        return list(self._owners)

    def owners(self, form: str) -> tuple:
        return tuple(self._owners.get(form, ()))

    def find(self, form_text: str, *, own: Callable[[T], bool] | None = None) -> Iterator[Hit[T]]:
        """Every passage found in ``form_text`` (already in reader form), by the rules above.

        ``own(owner)`` says whether the searched text belongs to that owner's
        lineage; without it, only the rules for any text apply.
        """
        if self._automaton is None or not form_text:
            return
        for last, form in self._automaton.iter(form_text):
            end = last + 1
            start = end - len(form)
            owners = self._owners[form]
            mine = own is not None and any(own(o) for o in owners)
            figure = is_figure(form)
            if figure:
                found = mine and _bounded(form, start, end, form_text)
            elif len(form) >= ANYWHERE:
                found = True
            else:
                found = _bounded(form, start, end, form_text) or (mine and len(form) >= OWN_ANYWHERE)
            if found:
                yield Hit(start, end, form, tuple(owners), figure or len(form) < ANYWHERE, mine)


__all__ = ["ANYWHERE", "Hit", "NeedleSet", "OWN_ANYWHERE", "is_figure"]
