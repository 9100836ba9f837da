"""A short excerpt around the matches, with the matched spans to highlight.

Matching happens on the search form (desktop/sources/searchform.py) so that
ＡＩ finds AI and 取組 finds 取り組み; the spans are mapped back to the
displayed text so the highlight lands on what the user actually sees. Every
form a query word was searched in (its stem, its thesaurus words) is
highlighted.
"""

from __future__ import annotations

from desktop.sources.query import Query, parse
from desktop.sources.searchform import fold, fold_mapped

WINDOW = 120


def find_spans(value: str, query: Query | str) -> list[tuple[int, int]]:
    """Every occurrence of every form of every query word, as (start, end) in ``value``, merged."""
    if not value:
        return []
    parsed = parse(query) if isinstance(query, str) else query
    forms = [f for f in parsed.highlight_forms() if f]
    quick = fold(value)
    if not any(f in quick for f in forms):
        return []   # nothing to mark: no need to map each character
    norm, origin = fold_mapped(value)
    spans: list[tuple[int, int]] = []
    for form in forms:
        start = norm.find(form)
        while start >= 0:
            end = start + len(form)
            spans.append((origin[start], origin[end - 1] + 1))
            start = norm.find(form, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _spans_near_the_first(value: str, parsed: Query, window: int) -> list[tuple[int, int]]:
    """The spans of the first window's worth of text: only as much of a long passage is mapped as
    the first match needs (mapping every character costs more than the whole search)."""
    folded = fold(value)
    found = [i for i in (folded.find(f) for f in parsed.highlight_forms()) if i >= 0]
    if not found:
        return []
    # folding only drops characters (almost never adds), so the match starts at or after ``first``
    length = min(found) + 2 * window + 8
    while True:
        spans = find_spans(value[:length], parsed)
        if length >= len(value) or (spans and spans[0][0] + window < length - 8):
            return [(s, e) for s, e in spans if e < length - 4 or length >= len(value)]
        length *= 2


def make_snippet(value: str, query: Query | str, window: int = WINDOW) -> tuple[str, tuple[tuple[int, int], ...]]:
    parsed = parse(query) if isinstance(query, str) else query
    if len(value) <= window:
        return value, tuple(find_spans(value, parsed))
    spans = _spans_near_the_first(value, parsed, window)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - window // 3, len(value) - window))
    end = start + window
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(value) else ""
    shift = start - len(prefix)
    inside = tuple((max(s, start) - shift, min(e, end) - shift) for s, e in spans if e > start and s < end)
    return prefix + value[start:end] + suffix, inside


def marked(text: str, spans, open_mark: str = "【", close_mark: str = "】") -> str:
    """The text with each span between the marks (for terminals and plain lists)."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], open_mark, text[start:end], close_mark]
        last = end
    out.append(text[last:])
    return "".join(out)
