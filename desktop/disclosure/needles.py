"""Finding withheld passages in text, all of them at once, in the reader form.

The report model blanks recurrences of withheld text in every string it
prints, and the leak checker looks for them in every unit of a written file.
Both hold hundreds to tens of thousands of passages, so they are matched
together with an Aho-Corasick automaton (pyahocorasick: one pass over the
text whatever the number of passages) instead of one search per passage.

How long a passage must be to be found anywhere:

- ``ANYWHERE`` (4) reader-form characters or more: inside any text;
- shorter (「Ω社」「田中氏」, a figure): only on a *boundary*, where the
  characters before and after it are of another script class than its own
  first and last character (desktop.disclosure.reader_form.char_class), so
  「越南」 is found in 「越南の」 but not inside an unrelated longer word;
  and, within the sheet the passage was withheld in (``own``), anywhere
  from two characters: the same measure's text mentioning the name is the
  name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from desktop.disclosure.reader_form import char_class, reader_form

ANYWHERE = 4
OWN_ANYWHERE = 2

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    start: int        # in the reader form of the searched text
    end: int
    form: str         # the passage's reader form
    owners: tuple     # every owner that withholds this passage (payloads given to NeedleSet)


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
            form = reader_form(raw)
            if form:
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

    def find(self, form_text: str, *, own: Iterable[T] = ()) -> Iterator[Hit[T]]:
        """Every passage found in ``form_text`` (already in reader form), by the length rules above.

        ``own``: owners whose short passages count anywhere (two characters and more) in this text.
        """
        if self._automaton is None or not form_text:
            return
        own = set(own)
        for last, form in self._automaton.iter(form_text):
            end = last + 1
            start = end - len(form)
            owners = self._owners[form]
            if len(form) >= ANYWHERE or _bounded(form, start, end, form_text) or \
                    (len(form) >= OWN_ANYWHERE and own.intersection(owners)):
                yield Hit(start, end, form, tuple(owners))


__all__ = ["ANYWHERE", "Hit", "NeedleSet", "OWN_ANYWHERE"]
