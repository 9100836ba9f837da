"""What a reader sees as the same text: the one comparison for withholding and for the leak check.

A withheld passage must stay withheld whatever code points a copy of it is
made of. Two texts that a person reads as the same passage have the same
*reader form*:

- NFKC (全角/半角, compatibility ideographs, ㍻ → 平成) and case folding;
- no format characters (Unicode Cf: zero-width space and joiners, word
  joiner, U+FEFF, soft hyphen, bidi controls), no variation selectors (the
  異体字 selector after a kanji), no other default-ignorable code points,
  no control characters;
- no white space of any kind, line breaks included (a passage copied from a
  PDF source carries the source's line ends);
- one class for dashes, minus signs, the long-vowel mark and wave dashes
  (‐ ‑ ‒ – — ― − － ー ｰ 〜 ～ all read as one stroke);
- no digit-group separators (6,000 = 6000);
- Latin look-alike Cyrillic and Greek letters read as the Latin letter.

The report model (which blanks recurrences of withheld text) and the leak
checker (which looks for them in a written file) both compare in this form,
so what one withholds the other checks. :func:`mapped` also gives, for every
character of the reader form, the index of the raw character it came from,
so a match found in the reader form is blanked in the raw text.

Folding more than a reader would (ー and - as one) can only make the check
stricter; that is the side to err on.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

DASH = "-"
_DASHES = frozenset(
    "\u002d\u00ad\u02d7\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2500\u2501"
    "\u2e3a\u2e3b\u301c\u3030\u30a0\u30fc\u31fb\ufe58\ufe63\uff0d\uff5e\uff70\u007e")
# Latin look-alikes (after case folding): a reader cannot tell them apart.
_CONFUSABLES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ӏ": "l", "ԛ": "q",
    "ԝ": "w", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j",
}
_GROUP_SEPARATORS = frozenset(",，、٬")


def _ignorable(ch: str) -> bool:
    """Characters a reader does not see: format, control, variation selectors, other ignorables."""
    code = ord(ch)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180F:
        return True       # variation selectors (Mn, so not caught by the category test)
    if code in (0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0, 0x2800):
        return True       # combining grapheme joiner, Hangul fillers, Khmer inherent vowels, braille blank
    category = unicodedata.category(ch)
    return category in ("Cf", "Cc", "Zs", "Zl", "Zp", "Cs", "Co", "Cn") or ch.isspace()


@lru_cache(maxsize=1 << 14)
def _fold(cluster: str) -> str:
    """The reader form of one base character with its combining marks (cached: texts reuse few)."""
    out = []
    for ch in unicodedata.normalize("NFKC", cluster).casefold():
        if ch in _DASHES:
            out.append(DASH)
        elif not _ignorable(ch):
            out.append(_CONFUSABLES.get(ch, ch))
    # NFKC of a lone combining mark after an ignored base can leave it alone; keep it (it is visible).
    return "".join(out)


def _clusters(text: str):
    """(raw index, cluster) for each visible base character and the combining marks after it.

    Ignorable characters are dropped here, so a zero-width space between a
    kana and its combining dakuten does not keep them apart.
    """
    start, buffer = -1, list[str]()
    for i, ch in enumerate(text):
        if _ignorable(ch):
            continue
        if buffer and unicodedata.combining(ch):
            buffer.append(ch)
            continue
        if buffer:
            yield start, "".join(buffer)
        start, buffer = i, [ch]
    if buffer:
        yield start, "".join(buffer)


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def mapped(text: str) -> tuple[str, list[int]]:
    """The reader form of ``text`` and, per character of it, the raw index it came from.

    A digit-group separator between two digits is dropped (6,000 reads as 6000).
    """
    out: list[str] = []
    origin: list[int] = []
    pending: tuple[int, str] | None = None     # a separator seen after a digit, waiting for the next char
    for index, cluster in _clusters(text):
        folded = _fold(cluster)
        if not folded:
            continue
        if pending is not None:
            if not _is_digit(folded[0]):
                out.append(pending[1])
                origin.append(pending[0])
            pending = None
        if cluster in _GROUP_SEPARATORS and out and _is_digit(out[-1]):
            pending = (index, folded)
            continue
        for ch in folded:
            out.append(ch)
            origin.append(index)
    if pending is not None:
        out.append(pending[1])
        origin.append(pending[0])
    return "".join(out), origin


# The fast path of the reader form (form_of): a text without combining marks is folded character by
# character, so a translation table of each character's fold gives the same form as mapped() in C speed.
# Group separators translate to private sentinels (noncharacters: any in the text itself are ignorable
# and translate to nothing), dropped between two digits as mapped() drops them, then given their fold.
_SENTINELS = {sep: chr(0xFDD0 + i) for i, sep in enumerate(sorted(_GROUP_SEPARATORS))}
_SENTINEL_FOLDS = {ord(sentinel): _fold(sep) for sep, sentinel in _SENTINELS.items()}
_SENTINEL_BETWEEN_DIGITS = re.compile("(?<=[0-9])[" + "".join(_SENTINELS.values()) + "](?=[0-9])")


class _FoldTable(dict):
    """code point -> its fold alone ("" when ignorable), filled as characters are met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in _SENTINELS:
            folded = _SENTINELS[ch]
        elif _ignorable(ch):
            folded = ""
        else:
            folded = _fold(ch)
        self[code] = folded
        return folded


_TABLE = _FoldTable()
_NOT_COMBINING: set[str] = set()


def _without_combining(text: str) -> bool:
    """No character of ``text`` is a combining mark (then every cluster of mapped() is one character)."""
    chars = set(text)
    if chars <= _NOT_COMBINING:
        return True
    new = chars - _NOT_COMBINING
    if any(unicodedata.combining(ch) for ch in new):
        return False
    _NOT_COMBINING.update(new)
    return True


def form_of(text: str) -> str:
    """The reader form of ``text``, as ``mapped(text)[0]`` (the same string, checked by the tests), fast.

    The leak check folds every unit of a written file; mapped() walks it
    character by character in Python and also builds the raw index of each
    character, which only a hit needs (callers ask mapped() for it then).
    """
    if not text:
        return ""
    if not _without_combining(text):
        return mapped(text)[0]
    form = text.translate(_TABLE)
    if any(sentinel in form for sentinel in _SENTINELS.values()):
        form = _SENTINEL_BETWEEN_DIGITS.sub("", form).translate(_SENTINEL_FOLDS)
    return form


@lru_cache(maxsize=1 << 16)
def reader_form(text: str) -> str:
    """The reader form of ``text`` (see the module docstring); cached, texts recur across a report."""
    return form_of(text)


def raw_span(origin: list[int], raw: str, start: int, end: int) -> tuple[int, int]:
    """The raw characters behind reader-form characters ``[start, end)``.

    The span runs from the first matched character to the last one, plus
    the combining marks and invisible characters that follow it (they are
    part of what the reader sees as that character).
    """
    first = origin[start]
    last = origin[end - 1]
    stop = last + 1
    while stop < len(raw) and (unicodedata.combining(raw[stop]) or (_ignorable(raw[stop])
                                                                    and not raw[stop].isspace())):
        stop += 1
    return first, stop


# Character classes for matching short passages on word-like boundaries.
KANJI, HIRAGANA, KATAKANA, LATIN, DIGIT, OTHER = range(6)


def char_class(ch: str) -> int:
    """A coarse script class: a short passage matches only where its neighbours are of another class."""
    if _is_digit(ch) or ch == ".":
        return DIGIT
    code = ord(ch)
    if 0x3040 <= code <= 0x309F:
        return HIRAGANA
    if 0x30A0 <= code <= 0x30FF or ch == DASH:
        return KATAKANA
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x3FFFF or ch in "々〆ヶ":
        return KANJI
    if ch.isalpha():
        return LATIN
    return OTHER


__all__ = ["DASH", "char_class", "form_of", "mapped", "raw_span", "reader_form"]
