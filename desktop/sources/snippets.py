"""A short excerpt around the matches, with the matched spans to highlight.

Matching happens on the search form (desktop/search/searchform.py) so that
ＡＩ finds AI and 取組 finds 取り組み; the spans are mapped back to the
displayed text so the highlight lands on what the user actually sees. Every
form a query word was searched in (its stem, its thesaurus words) is
highlighted.
"""

from __future__ import annotations

from desktop.search.query import Query, parse
from desktop.search.searchform import fold, fold_mapped

WINDOW = 120


def find_spans(value: str, query: Query | str, *, checked: bool = False) -> list[tuple[int, int]]:
    """Every occurrence of every form of every query word, as (start, end) in ``value``, merged.

    ``checked``: the caller knows the folded value holds a form (saves one folding)."""
    if not value:
        return []
    parsed = parse(query) if isinstance(query, str) else query
    forms = [f for f in parsed.highlight_forms() if f]
    if not checked and not any(f in fold(value) for f in forms):
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


def _spans_near_the_first(value: str, parsed: Query, window: int, folded: str | None) -> list[tuple[int, int]]:
    """The spans of the window around the first match: only that stretch of a long text is mapped
    character by character (mapping all of it cost more than the rest of a search).

    Folding only drops characters, so a match at index ``k`` of the folded text is at ``k`` or later
    in the text: the stretch starts ``window`` before ``k`` and grows until it holds the window.
    The folding looks at most a few characters around what it changes, so spans in the first few
    characters of a stretch that does not start the text are not trusted.
    """
    folded = fold(value) if folded is None else folded
    found = [i for i in (folded.find(f) for f in parsed.highlight_forms() if f) if i >= 0]
    if not found:
        return []
    # the window will start at (first match - window // 3), or end with the text: map from there
    base = max(0, min(min(found) - window // 3, len(value) - window) - _EDGE)
    length = window + 4 * _EDGE + window // 2
    while True:
        end = min(len(value), base + length)
        # checked: the mapped folding finds nothing where the plain one would not, so no pre-check
        spans = [(s + base, e + base) for s, e in find_spans(value[base:end], parsed, checked=True)
                 if base == 0 or s >= _EDGE]
        whole = end >= len(value)
        if whole or (spans and spans[0][0] + window < end - _EDGE):
            return [(s, e) for s, e in spans if whole or e < end - _EDGE]
        length *= 2


#: Characters at the edge of a mapped stretch whose folding may depend on text outside it.
_EDGE = 4


def make_snippet(value: str, query: Query | str, window: int = WINDOW,
                 folded: str | None = None) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``value`` around its first match, and the matched spans in it; ``folded`` is
    ``fold(value)`` when the caller has it (the stored search text)."""
    parsed = parse(query) if isinstance(query, str) else query
    if len(value) <= window:
        if folded is not None and not any(f in folded for f in parsed.highlight_forms() if f):
            return value, ()
        return value, tuple(find_spans(value, parsed, checked=folded is not None))
    spans = _spans_near_the_first(value, parsed, window, folded)
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
