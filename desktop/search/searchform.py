"""The search form of a text: the one folding that the index and every query go through.

What a Japanese reader treats as the same text must compare equal here:

* width and case (NFKC, case folding): ＡＩ = AI = ai, ５ = 5;
* spaces, punctuation and symbols are dropped: デジタル・AI = デジタルAI,
  6,000 = 6000, 「2033 年」 = 2033年 (a decimal point between digits stays);
* 旧字体・異体字 (國 → 国, 隨 → 随, 靱 → 靭), counters (3ヶ月 = 3カ月 = 3か月),
  送り仮名 left out between kanji (取り組み = 取組み, 引き上げ = 引上げ),
  spelling variants (とりまとめ = 取りまとめ) and a long vowel mark ending a
  katakana word (サーバー = サーバ): the tables are data, in
  resources/search/forms.toml.

Why tables of our own and not a morphological analyser's normalised form
(SudachiPy's ``normalized_form``, measured for this): its dictionary adds
110-193 MB to a 201 MB bundle, its result depends on how a text is cut into
words, so a query and the passage holding it can fold differently (経濟產業
became 経る濟產業, とりまとめ and 取りまとめ two different words), it leaves
隨, 濟 and 產 as they are, and it reads about 0.3 MB of text a second, which
would add minutes to indexing a ministry's 60,000 sheets. The folding here
looks at most one character beyond what it changes, so a word folds the same
inside a passage as on its own, and it runs at the speed of ``str.translate``
and a few regular expressions.

:func:`fold` is the fast form used for indexing and queries;
:func:`fold_mapped` gives the same text with, for each character, where it
came from in the original, so that matches can be highlighted in what staff
read.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from desktop.paths import resources_dir

#: Kanji, for the 送り仮名 rule (々 repeats the previous kanji).
KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々\U00020000-\U0003134f"
_KANJI_RE = re.compile(f"[{KANJI}]")
#: Character categories that carry no meaning for search: spaces, punctuation, symbols, controls.
_DROPPED_CATEGORIES = ("Zs", "Zl", "Zp", "Cc", "Cf", "Co", "Mn", "Me", "So", "Sk",
                       "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po")
#: Kept although their category is dropped: the decimal point (see below) and the per cent sign.
_KEPT = {".", "%"}
#: Dropped although their category is kept: the table-cell bar and the tilde of ranges (1~3).
_ALSO_DROPPED = "|~¦"

Step = tuple  # (compiled pattern, replacement string or function)


def forms_file():
    return resources_dir() / "search" / "forms.toml"


@dataclass(frozen=True)
class _Forms:
    characters: dict[int, str]          # 旧字体・異体字 → 通用字体
    dropped: dict[int, None]            # spaces, punctuation, symbols
    steps: tuple[Step, ...]             # counters, spelling, okurigana, long vowels (before dropping)
    # The two tables as character classes: ``str.translate`` with a dict pays a failed lookup for every
    # character it leaves alone (most of them), a regular expression skips those in C, about 20 times faster.
    characters_re: re.Pattern[str]
    dropped_re: re.Pattern[str]


def _make_forms(characters: dict[int, str], dropped: dict[int, None], steps: tuple[Step, ...]) -> _Forms:
    old = "".join(re.escape(chr(code)) for code in sorted(characters))
    return _Forms(characters, dropped, steps, re.compile(f"[{old}]" if old else r"(?!)"),
                  re.compile(f"[{_ranges(dropped)}]+"))


def _ranges(codes) -> str:
    """A character class's body (without the brackets) holding exactly ``codes``, as ranges."""
    ranges: list[tuple[int, int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


#: After dropping: a full stop stays only as a decimal point between two digits (1.5兆円).
_STRAY_POINT = re.compile(r"(?<!\d)\.|\.(?!\d)")


def _dropped_table() -> dict[int, None]:
    table: dict[int, None] = {}
    for code in range(0x10000):
        ch = chr(code)
        if ch not in _KEPT and unicodedata.category(ch) in _DROPPED_CATEGORIES:
            table[code] = None
    for ch in _ALSO_DROPPED:
        table[ord(ch)] = None
    return table


def _apply(text: str, forms: _Forms, steps: tuple[Step, ...] | None = None) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    if forms.characters_re.search(text):
        text = text.translate(forms.characters)
    for pattern, replacement in (forms.steps if steps is None else steps):
        text = pattern.sub(replacement, text)
    return _STRAY_POINT.sub("", forms.dropped_re.sub("", text))


@lru_cache(maxsize=1)
def _forms() -> _Forms:
    """The folding's tables and steps. The steps run before spaces and punctuation are dropped, so
    that 立ち上げ、官民 keeps its げ (a comma is not a kanji) and 3 ヶ月 is still a counter."""
    data = tomllib.loads(forms_file().read_text(encoding="utf-8"))
    characters = {ord(pair[0]): pair[1:] for pair in data["characters"]["pairs"].split()}
    forms = _make_forms(characters, _dropped_table(), ())
    counters = data["counters"]
    numbers = "0-9数何幾十百千万一二三四五六七八九両"
    steps: list[Step] = [
        (re.compile("[ヶヵ]"), "か"),
        (re.compile("箇(?=[所月])"), "か"),
        (re.compile(f"(?<=[{numbers}])[{re.escape(counters['marks'])}](?=[{re.escape(counters['nouns'])}])"), "か"),
    ]
    spelling: dict[str, str] = {}
    for group in data.get("spelling", []):
        variants = [_apply(f, forms, tuple(steps)) for f in group["forms"]]
        for variant in variants[1:]:
            if variant and variant != variants[0]:
                spelling[variant] = variants[0]
    if spelling:
        alternation = "|".join(re.escape(f) for f in sorted(spelling, key=len, reverse=True))
        steps.append((re.compile(alternation), lambda m: spelling[m.group(0)]))
    okurigana = data["okurigana"]
    steps.append((re.compile(f"(?<=[{KANJI}])[{okurigana['kana']}]{{1,{int(okurigana['max_run'])}}}(?=[{KANJI}])"),
                  ""))
    if data.get("long_vowel", {}).get("drop_at_word_end", False):
        steps.append((re.compile("(?<=[ァ-ヺ])ー+(?![ァ-ヺー])"), ""))
    return _make_forms(characters, forms.dropped, tuple(steps))


def fold(text: str) -> str:
    """The search form of ``text`` (what is indexed, and what a query word is compared as)."""
    return _apply(text, _forms())


def is_kanji(ch: str) -> bool:
    return bool(_KANJI_RE.match(ch))


def _substitute(pattern: re.Pattern[str], replacement, text: str, origins: list[int]) -> tuple[str, list[int]]:
    """``pattern.sub`` that carries each character's origin along (a replacement takes its match's ends)."""
    parts: list[str] = []
    mapped: list[int] = []
    last = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        parts.append(text[last:start])
        mapped.extend(origins[last:start])
        new = replacement if isinstance(replacement, str) else replacement(m)
        if new:
            parts.append(new)
            first = origins[start] if start < len(origins) else (origins[-1] if origins else 0)
            final = origins[end - 1] if end > start else first
            mapped.extend([first] * (len(new) - 1) + [final])
        last = end
    parts.append(text[last:])
    mapped.extend(origins[last:])
    return "".join(parts), mapped


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f]")


@lru_cache(maxsize=8192)
def _char_form(ch: str) -> str:
    forms = _forms()
    return unicodedata.normalize("NFKC", ch).casefold().translate(forms.characters)


def fold_mapped(text: str) -> tuple[str, list[int]]:
    """:func:`fold` of ``text`` with, for every character of the result, its index in ``text``."""
    forms = _forms()
    chars: list[str] = []
    origins: list[int] = []
    if _COMBINING.search(text):
        i, n = 0, len(text)
        while i < n:
            j = i + 1
            while j < n and unicodedata.category(text[j]).startswith("M"):
                j += 1   # a base character with its combining marks folds as one
            piece = unicodedata.normalize("NFKC", text[i:j]).casefold().translate(forms.characters)
            chars.append(piece)
            origins.extend([i] * len(piece))
            i = j
    else:
        chars = list(text)
        for m in _changing().finditer(text):     # the few characters the per-character folding changes
            chars[m.start()] = _char_form(m.group())
        if sum(map(len, chars)) == len(text):
            origins = list(range(len(text)))
        else:
            for i, piece in enumerate(chars):
                origins.extend([i] * len(piece))
    folded = "".join(chars)
    for pattern, replacement in forms.steps:
        if pattern.search(folded):
            folded, origins = _substitute(pattern, replacement, folded, origins)
    parts: list[str] = []
    kept: list[int] = []
    for m in _kept_runs().finditer(folded):   # runs, not characters: a passage has few of them
        parts.append(m.group())
        kept.extend(origins[m.start():m.end()])
    folded, origins = "".join(parts), kept
    return _substitute(_STRAY_POINT, "", folded, origins) if "." in folded else (folded, origins)


@lru_cache(maxsize=1)
def _changing() -> re.Pattern[str]:
    """The characters :func:`_char_form` changes (width, case, 旧字体; outside the BMP all are asked)."""
    form = _char_form.__wrapped__          # uncached: 65,000 look-ups would flush the cache of the text's characters
    codes = [code for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF and form(chr(code)) != chr(code)]
    return re.compile(f"[{_ranges(codes)}\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _kept_runs() -> re.Pattern[str]:
    """Runs of characters the folding keeps (the complement of ``_Forms.dropped``, as ranges)."""
    return re.compile(f"[^{_ranges(_forms().dropped)}]+")
