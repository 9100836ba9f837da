"""A search query as staff type it, turned into the terms search looks for.

Words are separated by spaces; each word must occur (in the body, a heading
or the document's title). A word may be found in more than one form, each an
:class:`Alternative` with a weight below 1 when it is not the word as typed:

* its stem, when 送り仮名 end or open it: 取り組み also finds 取組 (the
  folding drops okurigana between kanji, so the end of a typed word can be
  missing in the text: 取組方針);
* the other words of its thesaurus group (resources/search/thesaurus.toml,
  plus the user's own file): 不正流通 also finds 海賊版.

Adjacent Latin words of three or more characters are one term (Open RAN,
Society 5.0): in Japanese text they are names.
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.paths import resources_dir
from desktop.search.searchform import fold, is_kanji

log = logging.getLogger(__name__)

STEM_WEIGHT = 0.85
SYNONYM_WEIGHT = 0.7
CHUNK_WEIGHT = 0.5
_HIRAGANA_RUN = re.compile("[ぁ-ゖ]{1,3}$")
_LEADING_KANA = re.compile("^[ぁ-ゖ]{1,2}(?=[" + "\u3400-\u9fff々" + "])")
_LATIN_WORD = re.compile(r"^[0-9A-Za-z.\-+&]{3,}$")
_CONTENT_RUN = re.compile("[^ぁ-ゖ]+")


@dataclass(frozen=True)
class Alternative:
    form: str        # folded
    weight: float
    kind: str        # typed, stem, synonym


@dataclass(frozen=True)
class Term:
    typed: str
    alternatives: tuple[Alternative, ...]

    @property
    def form(self) -> str:
        return self.alternatives[0].form

    def forms(self) -> tuple[str, ...]:
        return tuple(a.form for a in self.alternatives)


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[Term, ...]

    @property
    def phrase(self) -> str:
        """The words one after the other: a passage holding them so reads best."""
        return "".join(t.form for t in self.terms)

    def bigrams(self) -> tuple[str, ...]:
        """Distinct two-character pieces of the typed words (a one-character word stays one piece)."""
        seen: dict[str, None] = {}
        for term in self.terms:
            form = term.form
            pieces = [form] if len(form) == 1 else [form[i:i + 2] for i in range(len(form) - 1)]
            for piece in pieces:
                seen.setdefault(piece, None)
        return tuple(seen)

    def highlight_forms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for t in self.terms for f in t.forms()))

    def parts(self) -> tuple[Term, ...]:
        """The content words inside the typed words, for the ranked fallback: a word typed as a phrase
        or a question (上場企業の知財投資の開示) is cut at its kana (particles, okurigana) into the
        runs of kanji, katakana, Latin letters and digits it is made of; each keeps its stems and
        thesaurus words."""
        seen: dict[str, Term] = {}
        for term in self.terms:
            runs = [r for r in _CONTENT_RUN.findall(term.form) if len(r) >= 2] or [term.form]
            for run in runs:
                if run not in seen:
                    seen[run] = term if run == term.form else _term(run, run)
                # a compound of four or more kanji is mostly two-kanji words (知財投資 = 知財 + 投資)
                if len(run) >= 4 and all(is_kanji(ch) for ch in run):
                    for i in range(0, len(run) - 1, 2):
                        chunk = run[i:i + 2]
                        seen.setdefault(chunk, Term(chunk, (Alternative(chunk, CHUNK_WEIGHT, "chunk"),)))
        return tuple(seen.values())


def user_thesaurus_file() -> Path:
    override = os.environ.get("SESAKU_THESAURUS")
    if override:
        return Path(override)
    from desktop.paths import user_data_dir

    return user_data_dir() / "thesaurus.toml"


def _groups_of(path: Path) -> list[list[str]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning("類義語ファイル %s を読み込めません: %s", path, exc)
        return []
    groups = []
    for group in data.get("group", []):
        words = [w for w in group.get("words", []) if isinstance(w, str)] if isinstance(group, dict) else []
        folded = list(dict.fromkeys(f for f in (fold(w) for w in words) if len(f) >= 2))
        if len(folded) >= 2:
            groups.append(folded)
    return groups


@lru_cache(maxsize=4)
def _thesaurus(user_file: Path, _mtime: float) -> tuple[tuple[str, ...], ...]:
    groups = _groups_of(resources_dir() / "search" / "thesaurus.toml") + _groups_of(user_file)
    return tuple(tuple(g) for g in groups)


def thesaurus() -> tuple[tuple[str, ...], ...]:
    """The shipped groups and the user's (re-read when the user's file changes)."""
    path = user_thesaurus_file()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _thesaurus(path, mtime)


def _stems(form: str) -> list[str]:
    """The word without the okurigana that open or end it, when what remains is a compound."""
    out = []
    m = _HIRAGANA_RUN.search(form)
    if m and m.start() >= 2 and all(is_kanji(ch) for ch in form[m.start() - 2:m.start()]):
        out.append(form[:m.start()])
    m = _LEADING_KANA.match(form)
    if m and len(form) - m.end() >= 2:
        out.append(form[m.end():])
    return out


def _synonyms(form: str) -> list[str]:
    out = []
    for group in thesaurus():
        for word in group:
            if word in form:
                out += [form.replace(word, other) for other in group if other != word]
                break
    return out


def _words(text: str) -> list[str]:
    words: list[str] = []
    for word in text.split():
        if words and _LATIN_WORD.match(word) and _LATIN_WORD.match(words[-1].split()[-1]):
            words[-1] = words[-1] + " " + word
        else:
            words.append(word)
    return words


def _term(typed: str, form: str) -> Term:
    alternatives = [Alternative(form, 1.0, "typed")]
    alternatives += [Alternative(s, STEM_WEIGHT, "stem") for s in _stems(form)]
    for alt in list(alternatives):
        alternatives += [Alternative(s, SYNONYM_WEIGHT * alt.weight, "synonym") for s in _synonyms(alt.form)]
    unique: dict[str, Alternative] = {}
    for alt in alternatives:
        if alt.form not in unique or unique[alt.form].weight < alt.weight:
            unique[alt.form] = alt
    return Term(typed, tuple(unique.values()))


def parse(text: str) -> Query:
    terms = [_term(word, form) for word in _words(text) if (form := fold(word))]
    return Query(text, tuple(terms))
