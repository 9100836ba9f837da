"""Ranking candidates: BM25 over the passage's fields, the body weighted above its headings.

The index finds the rows; this module orders them, in Python, over the
folded texts of the candidates (a few hundred at most), the same way on
SQLite and PostgreSQL:

* **all-terms matches**: for each term the best of its alternatives (the word
  as typed, its okurigana stem, a thesaurus word, each with its weight) by
  BM25, the occurrences weighted by field (body 1, the passage's own heading
  0.6, the headings above it 0.3, the document's title 0.2); a passage that
  holds the words one after the other ranks higher.
* **the fallback**, when no row holds every term: BM25 over the two-character
  pieces of the query, with the same field weights: the closest passages,
  which the caller labels as such.

Ties keep the order the candidates came in (document order for passages).
"""

from __future__ import annotations

import math
from functools import lru_cache
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.search.query import Query, Term

K1 = 1.2
B = 0.75
FIELD_WEIGHTS = {"body": 1.0, "heading": 0.6, "parents": 0.3, "title": 0.2}
#: Factor for a passage holding the whole query as written (words one after the other).
PHRASE_BONUS = 1.25
#: Factor for a passage whose body holds every term (not only its headings).
BODY_BONUS = 1.1
#: In the fallback, how much the two-character pieces count beside whole words.
PIECES_SHARE = 0.3


@dataclass(frozen=True)
class Candidate:
    id: int
    fields: dict[str, str]     # folded: body, heading, parents, title (missing = empty)
    prior: float = 1.0         # how citable the passage reads (see :func:`prose_prior`)

    def count(self, form: str) -> float:
        return sum(weight * self.fields[name].count(form) for name, weight in FIELD_WEIGHTS.items()
                   if name in self.fields and self.fields[name])

    @property
    def length(self) -> int:
        return len(self.fields.get("body", ""))


@dataclass(frozen=True)
class Corpus:
    """What BM25 needs to know about all rows: how many, their mean length, how rare a form is."""

    rows: int
    mean_length: float
    frequency: Callable[[str], int]

    def idf(self, form: str) -> float:
        df = min(self.frequency(form), self.rows)
        return math.log(1 + (self.rows - df + 0.5) / (df + 0.5))


def _saturate(tf: float, length: int, corpus: Corpus) -> float:
    norm = 1 - B + B * (length / corpus.mean_length if corpus.mean_length else 1)
    return tf * (K1 + 1) / (tf + K1 * norm)


@lru_cache(maxsize=16384)
def prose_prior(text: str) -> float:
    """Between 0.7 and 1: the share of the passage in sentences or longer lines, not in the one-word
    lines a figure's labels become when its picture is lost (出\\n資\\n出\\n資…)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return 1.0
    prose = sum(len(line) for line in lines if "。" in line or len(line) >= 20)
    return 0.7 + 0.3 * prose / max(1, sum(len(line) for line in lines))


def _term_score(candidate: Candidate, term: Term, corpus: Corpus) -> tuple[float, bool]:
    """The best alternative of a term (by BM25 with its weight; a term's rarity is the typed word's,
    so a rare thesaurus word does not outrank the word staff typed); whether the body holds it."""
    best, in_body = 0.0, False
    idf = None
    for alt in term.alternatives:
        tf = candidate.count(alt.form)
        if tf <= 0:
            continue
        if idf is None:
            idf = corpus.idf(term.form) if corpus.frequency(term.form) else corpus.idf(alt.form)
        best = max(best, alt.weight * idf * _saturate(tf, candidate.length, corpus))
        in_body = in_body or alt.form in candidate.fields.get("body", "")
    return best, in_body


def exact_score(candidate: Candidate, query: Query, corpus: Corpus) -> float:
    total = 0.0
    in_body = True
    for term in query.terms:
        score, body_hit = _term_score(candidate, term, corpus)
        total += score
        in_body = in_body and body_hit
    if len(query.terms) > 1 and query.phrase and query.phrase in candidate.fields.get("body", ""):
        total *= PHRASE_BONUS
    if in_body:
        total *= BODY_BONUS
    return total * candidate.prior


def near_score(candidate: Candidate, query: Query, corpus: Corpus) -> float:
    """The closest passages: BM25 over the query's content words (whichever it holds), plus a share
    of BM25 over its two-character pieces for words it holds only in part."""
    words = sum(_term_score(candidate, part, corpus)[0] for part in query.parts())
    pieces = sum(corpus.idf(p) * _saturate(tf, candidate.length, corpus)
                 for p in query.bigrams() if (tf := candidate.count(p)) > 0)
    return (words + PIECES_SHARE * pieces) * candidate.prior


def rank(candidates: Sequence[Candidate], score: Callable[[Candidate], float]) -> list[tuple[Candidate, float]]:
    """Best first; equal scores keep the candidates' order."""
    scored = [(c, score(c)) for c in candidates]
    order = sorted(range(len(scored)), key=lambda i: (-scored[i][1], i))
    return [scored[i] for i in order]
