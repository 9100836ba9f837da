"""A short excerpt around the matches, with the matched spans to highlight.

Matching happens on the search form (desktop/sources/searchform.py) so that
ＡＩ finds AI and 取組 finds 取り組み; the spans are mapped back to the
displayed text so the highlight lands on what the user actually sees. Every
form a query word was searched in (its stem, its thesaurus words) is
highlighted.
"""

from __future__ import annotations

from desktop.sources.query import Query, parse
from desktop.sources.searchform import fold_mapped

WINDOW = 120


def find_spans(value: str, query: Query | str) -> list[tuple[int, int]]:
    """Every occurrence of every form of every query word, as (start, end) in ``value``, merged."""
    if not value:
        return []
    parsed = parse(query) if isinstance(query, str) else query
    norm, origin = fold_mapped(value)
    spans: list[tuple[int, int]] = []
    for form in parsed.highlight_forms():
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


def make_snippet(value: str, query: Query | str, window: int = WINDOW) -> tuple[str, tuple[tuple[int, int], ...]]:
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


def marked(text: str, spans, open_mark: str = "【", close_mark: str = "】") -> str:
    """The text with each span between the marks (for terminals and plain lists)."""
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], open_mark, text[start:end], close_mark]
        last = end
    out.append(text[last:])
    return "".join(out)
