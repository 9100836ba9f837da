"""The outline of a document: which heading-shaped lines really are headings.

Chapters from repeated agenda slides, blocks of lines, clusters of heading
lines resolved by rank (the rules are described in segment.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from desktop.sources.text import (
    PAGE_GAP,
    clean_line,
    is_table_row,
    normalize,
)

from desktop.sources.headings import (
    Heading,
    LABEL,
    STRONG_KINDS,
    BULLET_START_RE,
    continues_across_gap,
    starts_numbered_heading,
    classify,
    is_substantial,
    markdown_heading,
    md_shape,
)

# == chapters from repeated table-of-contents slides ================================

_TOC_ITEM_RE = re.compile(r"^\s*(?:-\s*)?([0-9０-９]{1,2})[.．]\s*(\S.*)$")
_TOC_SUB_RE = re.compile(r"^\s*(?:-\s*)?[A-ZＡ-Ｚ][)）](?:-\d+)?\s*\S")


@dataclass
class _TocRun:
    start: int
    end: int
    titles: tuple[str, ...]
    bold: list[int]
    expanded: int | None
    chapter: str | None = None


def _find_toc_runs(lines: list[str], blank: list[bool]) -> list[_TocRun]:
    runs: list[_TocRun] = []
    i, n = 0, len(lines)
    while i < n:
        m = _TOC_ITEM_RE.match(lines[i])
        if not m or unicodedata.normalize("NFKC", m.group(1)) != "1":
            i += 1
            continue
        titles: list[str] = []
        bold: list[int] = []
        expanded: int | None = None
        j, last = i, i
        while j < n:
            if blank[j]:
                j += 1
                continue
            m = _TOC_ITEM_RE.match(lines[j])
            if m and int(unicodedata.normalize("NFKC", m.group(1))) == len(titles) + 1:
                title = re.sub(r"^\s*[0-9]{1,2}[.．]\s*", "", clean_line(lines[j]))
                if "**" in lines[j]:
                    bold.append(len(titles))
                titles.append(title)
                last = j
            elif titles and _TOC_SUB_RE.match(lines[j]):
                expanded = len(titles) - 1
                last = j
            else:
                break
            j += 1
        if len(titles) >= 3:
            runs.append(_TocRun(i, last, tuple(titles), bold, expanded))
            i = last + 1
        else:
            i += 1
    return runs


def chapter_dividers(lines: list[str], blank: list[bool]) -> list[_TocRun]:
    """Table-of-contents slides that recur between chapters, with the chapter each opens.

    Slide decks repeat their agenda before every chapter and mark the current
    one. The mark survives extraction as ``**bold**`` on one item, or as the
    one item whose sub-items are listed; where neither survived, the chapter
    after the previous divider's is taken (agendas are walked in order).
    """
    runs = _find_toc_runs(lines, blank)
    counts: dict[tuple[str, ...], int] = {}
    for run in runs:
        key = tuple(normalize(t) for t in run.titles)
        counts[key] = counts.get(key, 0) + 1
    dividers = [r for r in runs if counts[tuple(normalize(t) for t in r.titles)] >= 2]
    previous: int | None = None
    for run in dividers:
        if len(run.bold) == 1:
            current: int | None = run.bold[0]
        elif run.expanded is not None:
            current = run.expanded
        elif previous is not None and previous + 1 < len(run.titles):
            current = previous + 1
        else:
            current = None
        if current is not None:
            run.chapter = f"{current + 1}. {run.titles[current]}"
            previous = current
    return dividers


# == blocks ==========================================================================

@dataclass
class Block:
    start: int                      # 0-based index of the first line
    end: int                        # 0-based, inclusive
    heading: Heading | None = None
    markdown: bool = False
    joined_text: str | None = None  # a heading wrapped over two lines


@dataclass
class Chapter:
    title: str | None


@dataclass
class Cluster:
    members: list[Block]        # the heading blocks, in document order
    dropped: list[Block] = field(default_factory=list)   # heading-shaped lines found to be text


def split_blocks(lines: list[str], blank: list[bool], dividers: list[_TocRun]) -> list[Block | Chapter]:
    divider_at = {d.start: d for d in dividers}
    items: list[Block | Chapter] = []
    start: int | None = None

    def close(end: int) -> None:
        nonlocal start
        if start is not None:
            items.append(Block(start, end))
        start = None

    i = 0
    while i < len(lines):
        if i in divider_at:
            close(i - 1)
            items.append(Chapter(divider_at[i].chapter))
            i = divider_at[i].end + 1
            continue
        if blank[i]:
            j = i
            while j < len(lines) and blank[j]:
                j += 1
            if start is not None and j < len(lines) and j - i <= PAGE_GAP and j not in divider_at \
                    and not markdown_heading(lines[j]) and continues_across_gap(lines[i - 1], lines[j]):
                i = j   # a page break inside a sentence: the paragraph goes on
                continue
            close(i - 1)
        elif markdown_heading(lines[i]):
            close(i - 1)
            items.append(Block(i, i, markdown=True))
        else:
            if start is not None and starts_numbered_heading(lines[i]):
                close(i - 1)
            if start is None:
                start = i
        i += 1
    close(len(lines) - 1)
    return items


def join_wrapped_headings(items: list[Block | Chapter], lines: list[str]) -> None:
    """A numbered heading wrapped after 「、」 is one heading: [２]…海外展開、/ 国際海底ケーブル…"""
    def wraps(raw: str) -> bool:
        return starts_numbered_heading(raw) and clean_line(raw).endswith("、")

    def continuation(raw: str) -> bool:
        text = clean_line(raw)
        return bool(text) and len(text) <= 40 and not starts_numbered_heading(raw) \
            and not BULLET_START_RE.match(raw) and "。" not in text

    k = 0
    while k < len(items):
        block = items[k]
        if isinstance(block, Block) and not block.markdown and wraps(lines[block.start]):
            if block.end == block.start + 1 and continuation(lines[block.end]):
                block.joined_text = clean_line(lines[block.start]) + clean_line(lines[block.end])
            elif block.end == block.start and k + 1 < len(items):
                nxt = items[k + 1]
                if isinstance(nxt, Block) and not nxt.markdown and nxt.start == nxt.end \
                        and continuation(lines[nxt.start]):
                    block.end = nxt.end
                    block.joined_text = clean_line(lines[block.start]) + clean_line(lines[nxt.start])
                    del items[k + 1]
        k += 1


def classify_blocks(items: list[Block | Chapter], lines: list[str]) -> None:
    allow_plain = not any(isinstance(b, Block) and b.markdown for b in items)
    shape_levels: dict[str, int] = {}
    for block in items:
        if not isinstance(block, Block):
            continue
        if block.markdown:
            level, text = markdown_heading(lines[block.start])  # type: ignore[misc]
            shape = md_shape(text)
            if shape:
                level = shape_levels.setdefault(shape, level)
            block.heading = Heading(text, (4, level), "md")
        elif block.joined_text is not None:
            block.heading = classify(block.joined_text, allow_plain=False)
        elif block.start == block.end:
            block.heading = classify(lines[block.start], allow_plain=allow_plain)


#: More blank lines than this between two lines is where a figure was.
FIGURE_GAP = 3


def _introduced_body(items: list, j: int, lines: list[str]) -> Block | None:
    """The content block a run of heading lines ending before ``items[j]`` introduces.

    That is the next block if it is substantial, or the one after a one-line
    lead-in (「…を踏まえつつ、」「主な調査結果：」) if that one is.
    """
    for offset in (0, 1):
        if j + offset >= len(items):
            return None
        nxt = items[j + offset]
        if not isinstance(nxt, Block) or nxt.markdown or (nxt.heading is not None and offset == 0):
            return None
        if nxt.heading is None and is_substantial(lines[nxt.start:nxt.end + 1]):
            return nxt
        if offset == 0 and not (nxt.start == nxt.end and clean_line(lines[nxt.start])[-1:] in "、：:"):
            return None
    return None


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _item_number(text: str) -> int | None:
    if text[0] in _CIRCLED:
        return _CIRCLED.index(text[0]) + 1
    folded = unicodedata.normalize("NFKC", text[:4])
    m = re.match(r"^[(]?([0-9]{1,2})|^([A-Z])[)]", folded)
    if not m:
        return None
    return int(m.group(1)) if m.group(1) else ord(m.group(2)) - ord("A") + 1


def orphan_items(members: list[Block], stack: list[Heading]) -> list[Block]:
    """Items such as ②/(2)/B) that sit above a new higher heading in one cluster.

    On slides the last item of one page can land right above the next page's
    headers. An item that continues a numbering (not a 1) cannot open the
    section that a new header above it starts. A header is new when it
    replaces a different heading of its rank ([２] → [３]); repeated page
    headers and headers filling an empty rank are not.
    """
    def is_new(h: Heading) -> bool:   # replaces a different heading of its rank: a new section
        return any(o.level == h.level and o.text != h.text for o in stack)

    orphans = []
    for idx, block in enumerate(members):
        h = block.heading
        if h is None or not h.kind.startswith("item:") or (_item_number(h.text) or 1) <= 1:
            continue
        if any(o.heading is not None and o.heading.level < h.level and not o.heading.kind.startswith("item:")
               and is_new(o.heading) for o in members[idx + 1:]):
            orphans.append(block)
    return orphans


def _accept(run: list[Block], following: Block | Chapter | None, body: Block | None,
            lines: list[str], continuing: set[int] = frozenset()) -> list[Block]:
    """Which blocks of a run of heading-shaped lines really are headings.

    ``continuing`` holds the ids of items that take up a numbering already
    under way (2. after 1.): like numbered sections, they are headings even
    when only a figure or a label follows.
    """
    followed_by_text = isinstance(following, Block) and not following.markdown
    if body is None and not followed_by_text:
        return []
    # Adjacent items of one numbering family are a list, not headings; a run
    # of blank lines is a missing figure, and the line above it its caption.
    cut = 0
    for a in range(len(run) - 1):
        h1, h2 = run[a].heading, run[a + 1].heading
        assert h1 is not None and h2 is not None
        if h1.kind.startswith("item:") and h1.kind == h2.kind:
            cut = a + 2
        elif run[a + 1].start - run[a].end > FIGURE_GAP:
            cut = max(cut, a + 1)
    if isinstance(following, Block) and following.start - run[-1].end > FIGURE_GAP:
        return []
    candidates = run[cut:]
    if body is None:
        # Only a figure or a budget line follows: numbered headings still count.
        candidates = [b for b in candidates if heading_of(b).kind in STRONG_KINDS or id(b) in continuing]
    accepted: list[Block] = []
    for idx, block in enumerate(candidates):
        h = heading_of(block)
        later = [heading_of(o) for o in candidates[idx + 1:]]
        if h.soft and any(not o.soft or o.level < h.level for o in later):
            continue   # a caption or diagram label above the real headings
        if h.soft and any(heading_of(o).soft and heading_of(o).level == h.level for o in accepted):
            continue   # a lead sentence of the heading kept before it
        accepted.append(block)
    if body is not None and accepted and accepted[-1] is run[-1] and heading_of(run[-1]).kind in ("title", "sub") \
            and any(is_table_row(r) for r in lines[body.start:body.end + 1]):
        h = heading_of(run[-1])
        run[-1].heading = Heading(h.text, LABEL, "label")   # a plain line right above a table is its title
    return accepted


def heading_of(block: Block) -> Heading:
    assert block.heading is not None
    return block.heading


def resolve_clusters(items: list[Block | Chapter], lines: list[str]) -> list[Block | Chapter | Cluster]:
    """Decide which heading-shaped lines are headings; group consecutive ones into clusters."""
    out: list[Block | Chapter | Cluster] = []
    numbering: dict[str, int] = {}   # the last item number accepted per numbering family
    k = 0
    while k < len(items):
        item = items[k]
        if isinstance(item, Chapter):
            numbering.clear()
        if isinstance(item, Block) and item.markdown:
            out.append(Cluster([item]))
            k += 1
            continue
        if not (isinstance(item, Block) and item.heading is not None):
            out.append(item)
            k += 1
            continue
        j = k
        while j < len(items):
            nxt = items[j]
            if not (isinstance(nxt, Block) and nxt.heading is not None and not nxt.markdown):
                break
            j += 1
        run: list[Block] = [b for b in items[k:j] if isinstance(b, Block)]
        following = items[j] if j < len(items) else None
        continuing = {id(b) for b in run if heading_of(b).kind.startswith("item:")
                      and numbering.get(heading_of(b).kind) == (_item_number(heading_of(b).text) or 0) - 1}
        accepted = _accept(run, following, _introduced_body(items, j, lines), lines, continuing)
        for block in accepted:
            h = heading_of(block)
            if h.kind.startswith("item:"):
                numbering[h.kind] = _item_number(h.text) or 0
        dropped = [block for block in run if block not in accepted]
        for block in dropped:
            block.heading = None
        if accepted:
            out.append(Cluster(accepted, dropped))
        else:
            out.extend(dropped)
        k = j
    return out
