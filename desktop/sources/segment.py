"""A document's text cut into citable passages, each with its heading path.

Passages are paragraphs or bullet groups of a readable size. Each carries
the headings above it (outermost first), its line range in the file, and a
key that stays the same when the document is indexed again: the key is a
hash of the passage's normalised text and heading path (plus a counter for
repeated passages), not of its position, so editing one part of a document
leaves the keys, and so the citations, of the other parts intact.

Heading detection
-----------------
PDF-slide extractions do not mark headings reliably: markdown ``#`` levels
vary between sibling speakers (``# 〇赤澤…``, ``#### 〇平…``), slide titles
are plain lines, diagram labels and figure captions look exactly like
titles, and the page headers of budget slides come in scrambled order. So a
heading is judged by its shape, and a non-markdown line only counts when
real content (a bullet list, a sentence, a table) follows it.

Depth is a fixed rank per shape, outermost first, following the numbering
of Japanese government papers (第1 → 1 → (1) → ア):

==============  ===========================================================
``CHAPTER``     chapter picked from a repeated table-of-contents slide
``PART``        Ⅴ 国際競争力の強化… / 第2章
``SECTION``     17 国際連携の深化… (number, space, title)
``BRACKET``     [２]Open RANを含む…
``(4, n)``      markdown ``#`` heading of level n (sibling shapes share one)
``TITLE``       a plain line: a slide title
``ITEM``        ① / 1. / （１） / A) followed by its content
``SUB``         a short plain line (≤ 8 characters): 現状と課題, 論点, 2023年
``LABEL``       【…】, <…>, short ■ / ▼ / ● lines (also kept in the text)
==============  ===========================================================

A heading-shaped line (no 。, short, no tab) counts only when it introduces
real content: a bullet list, a sentence with 。 or a table, possibly after a
one-line lead-in ending in 、 or ：. Numbered shapes (PART, SECTION, BRACKET,
（１）) also count when only a figure label or budget line follows.
Consecutive heading lines form a cluster that is sorted by rank, which
undoes the scrambled page headers of budget slides. Within a cluster:

* adjacent items of one numbering (A) … B) …) are a list, not headings;
* a line followed by three or more blank lines is a caption of a figure the
  extraction lost;
* a plain line or label followed by a numbered or higher-ranked heading is a
  caption or diagram label; a plain line after a kept plain heading of the
  same rank is that heading's lead sentence;
* a plain line directly above a table becomes a LABEL (the table's title);
* a heading equal to one already on the stack (a repeated page header) is
  a no-op, and a continuing item (②, (2)) above a header that replaces its
  sibling ([２] → [３]) belongs to the previous page.

Plain lines are only considered in documents without markdown headings:
where headings are marked (a .docx, a .md file), unmarked lines are body
text.

Chapters come from the agenda slide a deck repeats before each chapter: the
item marked ``**bold**``, else the item whose sub-items are listed, else the
item after the previous chapter.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.sources.text import (
    CELL_SEPARATOR,
    clean_line,
    is_cjk,
    is_table_row,
    logical_lines,
    normalize,
)
from desktop.sources.headings import (
    CHAPTER,
    Heading,
    continues_across_gap,
)
from desktop.sources.outline import (
    Block,
    Chapter,
    Cluster,
    split_blocks,
    chapter_dividers,
    classify_blocks,
    heading_of,
    join_wrapped_headings,
    orphan_items,
    resolve_clusters,
)

#: Raised whenever the segmenter cuts documents differently: the seeds are then indexed again
#: (desktop/sources/library.py keeps every citation valid while doing so).
SEGMENTER_VERSION = 2
#: Passages shorter than this are merged into a neighbour in the same section.
MIN_CHARS = 40
#: Passages are cut below this size (at line, then sentence boundaries).
MAX_CHARS = 600
#: Tables are allowed to be longer so a short table stays one passage.
MAX_TABLE_CHARS = 1200


@dataclass(frozen=True)
class Segment:
    key: str
    ordinal: int
    heading_path: tuple[str, ...]
    line_start: int          # 1-based, inclusive
    line_end: int            # 1-based, inclusive
    page: int | None
    text: str                # display text (markup removed)
    raw: str                 # the lines line_start..line_end as in the file


# == passages ==========================================================================

@dataclass
class _Piece:
    first: int       # 0-based line index
    last: int
    text: str
    table: bool
    block: int       # which block (paragraph or bullet group) it came from
    page: int | None = None


@dataclass
class _Section:
    path: tuple[str, ...]
    blocks: list[Block] = field(default_factory=list)


_SENTENCE_RE = re.compile(r"[^。]*。|[^。]+$")


def _split_long(text: str, limit: int) -> list[str]:
    """Cut an over-long line at sentence ends, then table cells, then spaces."""
    parts: list[str] = []
    for sentence in _SENTENCE_RE.findall(text):
        if len(sentence) <= limit:
            parts.append(sentence)
            continue
        for sep in (CELL_SEPARATOR, " ・", " "):
            if sep in sentence:
                chunks = sentence.split(sep)
                pieces = [chunks[0]] + [sep.lstrip() + c if sep != " " else c for c in chunks[1:]]
                break
        else:
            pieces = [sentence[i:i + limit] for i in range(0, len(sentence), limit)]
        for piece in pieces:
            while len(piece) > limit:
                parts.append(piece[:limit])
                piece = piece[limit:]
            parts.append(piece)
    merged: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if merged and len(merged[-1]) + len(part) <= limit:
            glue = "" if is_cjk(merged[-1][-1]) or is_cjk(part[0]) else " "
            merged[-1] = merged[-1] + glue + part
        else:
            merged.append(part)
    return merged


def _pieces(block: Block, lines: list[str], number: int, pages: Sequence[int] | None) -> list[_Piece]:
    out: list[_Piece] = []
    raw_lines = lines[block.start:block.end + 1]
    for first, last, text in logical_lines(raw_lines, continues_across_gap):
        table = any(is_table_row(r) for r in raw_lines[first:last + 1])
        limit = MAX_TABLE_CHARS if table else MAX_CHARS
        chunks = [text] if len(text) <= limit else _split_long(text, limit)
        page = pages[block.start + first] if pages is not None else None
        out += [_Piece(block.start + first, block.start + last, chunk, table, number, page) for chunk in chunks]
    return out


def _size(group: list[_Piece]) -> int:
    return sum(len(p.text) for p in group)


def _limit(group: list[_Piece]) -> int:
    return MAX_TABLE_CHARS if any(p.table for p in group) else MAX_CHARS


def _split_block(pieces: list[_Piece]) -> list[list[_Piece]]:
    """One paragraph or bullet group, cut at line boundaries into similar-sized parts.

    A block that runs over a page break (PDF) is also cut there, so every
    passage lies on one page and its page is an exact locator.
    """
    if len({p.page for p in pieces}) > 1:
        by_page: list[list[_Piece]] = []
        for piece in pieces:
            if by_page and by_page[-1][-1].page == piece.page:
                by_page[-1].append(piece)
            else:
                by_page.append([piece])
        return [part for group in by_page for part in _split_block(group)]
    total = _size(pieces)
    limit = _limit(pieces)
    if total <= limit:
        return [pieces]
    parts = -(-total // limit)
    target = total / parts
    out: list[list[_Piece]] = [[]]
    for piece in pieces:
        if out[-1] and (_size(out[-1]) + len(piece.text) > limit or _size(out[-1]) >= target):
            out.append([])
        out[-1].append(piece)
    return out


def _group(pieces: list[_Piece]) -> list[list[_Piece]]:
    """Pieces into passages: a block each, long blocks cut, tiny ones merged into a neighbour."""
    blocks: list[list[_Piece]] = []
    for piece in pieces:
        if blocks and blocks[-1][-1].block == piece.block:
            blocks[-1].append(piece)
        else:
            blocks.append([piece])
    units = [part for block in blocks for part in _split_block(block)]
    groups: list[list[_Piece]] = []
    pending: list[_Piece] = []
    for unit in units:
        if pending and (_size(pending) >= MIN_CHARS or _size(pending) + _size(unit) > _limit(pending + unit)
                        or pending[0].page != unit[0].page):
            groups.append(pending)
            pending = []
        pending = pending + unit
    if pending:
        if _size(pending) < MIN_CHARS and groups and groups[-1][0].page == pending[0].page and \
                _size(groups[-1]) + _size(pending) <= _limit(groups[-1] + pending):
            groups[-1].extend(pending)
        else:
            groups.append(pending)
    return groups


def _apply_cluster(cluster: Cluster, stack: list[Heading], current: _Section) -> _Section:
    """Put a cluster's headings on the stack; the new section they open."""
    orphans = orphan_items(cluster.members, stack)
    live = [b for b in cluster.members if b not in orphans]
    # Text lines of the cluster: those above its first heading still belong
    # to the previous section, the others open the new one.
    first = min(b.start for b in live)
    opening: list[Block] = []
    for block in cluster.dropped + orphans:
        block.heading = None
        (current.blocks if block.start < first else opening).append(block)
    ordered = sorted(live, key=lambda b: heading_of(b).level)
    for block in ordered:
        heading = heading_of(block)
        if any(h.level == heading.level and h.text == heading.text for h in stack):
            continue   # a page header repeated on the next slide: still the same section
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        stack.append(heading)
    labels = [b for b in ordered if heading_of(b).kind == "label"]   # 【…】 and <…> stay in the text too
    return _Section(tuple(h.text for h in stack), labels + opening)


def _sections(events: list[Block | Chapter | Cluster]) -> list[_Section]:
    stack: list[Heading] = []
    sections = [_Section(())]
    for event in events:
        if isinstance(event, Chapter):
            if event.title:
                stack[:] = [Heading(event.title, CHAPTER, "chapter")]
                sections.append(_Section(tuple(h.text for h in stack)))
        elif isinstance(event, Cluster):
            sections.append(_apply_cluster(event, stack, sections[-1]))
        else:
            sections[-1].blocks.append(event)
    return sections


def _passage_key(text: str, path: tuple[str, ...]) -> str:
    material = normalize(text) + "\x1f" + "\x1e".join(normalize(h) for h in path)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


# == entry point =========================================================================

def segment(text: str, *, pages: Sequence[int] | None = None) -> list[Segment]:
    """Cut a document's text into passages with heading paths and stable keys.

    ``pages`` gives the page number of each line (PDFs); a passage's page is
    that of its first line.
    """
    lines = [line.rstrip("\r") for line in text.split("\n")]
    if pages is not None and len(pages) != len(lines):
        raise ValueError(f"pages has {len(pages)} entries for {len(lines)} lines")
    blank = [not clean_line(line) for line in lines]
    dividers = chapter_dividers(lines, blank)
    items = split_blocks(lines, blank, dividers)
    join_wrapped_headings(items, lines)
    classify_blocks(items, lines)
    events = resolve_clusters(items, lines)

    sections = _sections(events)

    segments: list[Segment] = []
    seen: dict[str, int] = {}
    for section in sections:
        blocks = sorted(section.blocks, key=lambda b: b.start)   # orphaned items join late
        pieces = [p for n, block in enumerate(blocks) for p in _pieces(block, lines, n, pages)]
        for group in _group(pieces):
            first, last = group[0].first, max(p.last for p in group)
            body = "\n".join(p.text for p in group)
            base = _passage_key(body, section.path)
            seen[base] = seen.get(base, 0) + 1
            key = base if seen[base] == 1 else f"{base}-{seen[base]}"
            segments.append(Segment(
                key=key,
                ordinal=len(segments),
                heading_path=section.path,
                line_start=first + 1,
                line_end=last + 1,
                page=pages[first] if pages is not None else None,
                text=body,
                raw="\n".join(lines[first:last + 1]),
            ))
    return segments
