"""A short excerpt around the matches, with the matched spans to highlight.

Matching happens on normalised text (NFKC, lower case, without whitespace)
so that ＡＩ finds AI; the spans are mapped back to the displayed text so the
highlight lands on what the user actually sees.
"""

from __future__ import annotations

from desktop.store.fulltext import normalize, query_terms

WINDOW = 120


def _normalised_with_map(value: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(value):
        for out in normalize(ch):
            chars.append(out)
            origin.append(i)
    return "".join(chars), origin


def find_spans(value: str, query: str) -> list[tuple[int, int]]:
    """Every occurrence of every query word, as (start, end) in ``value``, merged."""
    norm, origin = _normalised_with_map(value)
    spans: list[tuple[int, int]] = []
    for term in query_terms(query):
        start = norm.find(term)
        while start >= 0:
            end = start + len(term)
            spans.append((origin[start], origin[end - 1] + 1))
            start = norm.find(term, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def make_snippet(value: str, query: str, window: int = WINDOW) -> tuple[str, tuple[tuple[int, int], ...]]:
    spans = find_spans(value, query)
    if len(value) <= window:
        return value, tuple(spans)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - window // 3, len(value) - window))
    end = start + window
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(value) else ""
    shift = start - len(prefix)
    inside = tuple((max(s, start) - shift, min(e, end) - shift) for s, e in spans if e > start and s < end)
    return prefix + value[start:end] + suffix, inside
