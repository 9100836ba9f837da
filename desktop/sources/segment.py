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
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.sources.text import (
    CELL_SEPARATOR,
    clean_line,
    collapse,
    is_cjk,
    is_table_row,
    logical_lines,
    normalize,
    strip_bullet,
    strip_markup,
)

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


# == heading shapes ===============================================================

Level = tuple[int, int]

CHAPTER: Level = (0, 0)
PART: Level = (1, 0)
SECTION: Level = (2, 0)
BRACKET: Level = (3, 0)
TITLE: Level = (4, 9)
ITEM: Level = (5, 0)
SUB: Level = (6, 0)
LABEL: Level = (7, 0)

SUB_MAX_LENGTH = 8
PLAIN_MAX_LENGTH = 60
NUMBERED_MAX_LENGTH = 90

_MD_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ROMAN_RE = re.compile(r"^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,3}[\s　.．、]|第[0-9０-９一二三四五六七八九十]+[章部編])\s*\S")
_SECTION_RE = re.compile(r"^[0-9]{1,2}[ 　]+(\S)")
_BRACKET_RE = re.compile(r"^[\[［][0-9０-９]{1,2}[\]］]\s*\S")
_ITEM_RES = {
    "paren": re.compile(r"^[(（][0-9０-９]{1,2}[)）]\s*\S"),
    "circled": re.compile(r"^[①-⑳]\s*\S"),
    "dot": re.compile(r"^[0-9０-９]{1,2}[.．](?!\d)\s*\S"),
    "letter": re.compile(r"^[A-ZＡ-Ｚ][)）](?:-\d+)?\s*\S"),
}
#: 1. → (1) → ① → A): the usual nesting of numbered items in Japanese papers.
_ITEM_DEPTH = {"dot": 0, "paren": 1, "circled": 2, "letter": 3}
#: Numbered shapes that are headings even when only a figure or budget line follows.
STRONG_KINDS = ("part", "section", "bracket", "item:paren")
_SUMI_RE = re.compile(r"^【[^【】]+】$")
_ANGLE_RE = re.compile(r"^[<＜〈][^<>＜＞〈〉]+[>＞〉]$")
_MARKER_LABEL_RE = re.compile(r"^[■□▼●]\s*(\S.*)$")
_CAPTION_RE = re.compile(
    r"^(?:図|表|出典|出所|資料[:：]|注[0-9０-９:：)）.]|※|Source|[(（](?:注|出典|出所|資料|図|表)|\*"
    r"|[左右上下中]図|例[)）:：]|[(（]?例[)）]|[(（]※)"
)
_BULLET_START_RE = re.compile(r"^\s*(?:[-*+](?:\s|$)|[・▶►◆◇○●■□▼▽➤➢✓✔•▪→➡⇒⇨※\ue000-\uf8ff])")


@dataclass(frozen=True)
class Heading:
    text: str
    level: Level
    kind: str   # md, part, section, bracket, item:<family>, title, sub, label, chapter

    @property
    def soft(self) -> bool:
        """Plain lines and labels: the shapes that captions and diagram text share."""
        return self.kind in ("title", "sub", "label")


def markdown_heading(raw: str) -> tuple[int, str] | None:
    """(level, text) of a markdown ``#`` heading line."""
    m = _MD_RE.match(raw)
    if not m:
        return None
    text = collapse(strip_markup(m.group(2)))
    return (len(m.group(1)), text) if text else None


def md_shape(text: str) -> str | None:
    """A markdown heading's look; headings that look alike are siblings.

    Extractions give sibling speakers different ``#`` counts, so the level
    first seen for a shape is used for every later heading of that shape.
    """
    if text.endswith("について"):
        return "about"
    for shape, chars in (("maru", "〇○◯"), ("angle", "<＜〈"), ("paren", "(（"), ("sumi", "【")):
        if text[0] in chars:
            return shape
    return None


def _starts_numbered_heading(raw: str) -> bool:
    """Lines that open a new block even without a blank line before them.

    Budget slides run a page's header (Ⅴ …, 17 …, [２]…, （７）…) straight
    after the previous page's last line.
    """
    if is_table_row(raw):
        return False
    s = collapse(strip_markup(raw))
    if not s or len(s) > NUMBERED_MAX_LENGTH or s.endswith("。"):
        return False
    if _ROMAN_RE.match(s) or _BRACKET_RE.match(s) or _ITEM_RES["paren"].match(s):
        return True
    m = _SECTION_RE.match(s)
    return bool(m and is_cjk(m.group(1)) and len(s) <= 40)


def _has_words(s: str) -> bool:
    """At least one Japanese character or two letters: not a page number or a bare value."""
    return any(is_cjk(ch) for ch in s) or sum(1 for ch in s if ch.isalpha()) >= 2


def classify(raw: str, *, allow_plain: bool = True) -> Heading | None:
    """The heading a one-line block would be by its shape, or None.

    Whether it really is a heading also depends on what follows it.
    """
    if is_table_row(raw) or "\t" in raw.strip():
        return None
    s = collapse(strip_markup(raw))
    if not s or not _has_words(s) or "。" in s or s.endswith("．"):
        return None
    if len(s) > NUMBERED_MAX_LENGTH:
        return None
    if _ROMAN_RE.match(s):
        return Heading(s, PART, "part")
    m = _SECTION_RE.match(s)
    if m and is_cjk(m.group(1)) and len(s) <= 40:
        return Heading(s, SECTION, "section")
    if _BRACKET_RE.match(s):
        return Heading(s, BRACKET, "bracket")
    if len(s) > PLAIN_MAX_LENGTH or s[-1] in "、，,：:;；":
        return None
    for family, pattern in _ITEM_RES.items():
        if pattern.match(s):
            return Heading(s, (ITEM[0], _ITEM_DEPTH[family]), f"item:{family}")
    if _SUMI_RE.match(s) or (_ANGLE_RE.match(s) and not s[1:-1].isascii()):
        return Heading(s, LABEL, "label")
    m = _MARKER_LABEL_RE.match(s)
    if m:
        rest = m.group(1).strip()
        if len(rest) <= 20 and not re.search(r"[：:]", rest):
            return Heading(rest, LABEL, "label")
        return None
    if not allow_plain or _BULLET_START_RE.match(raw) or _CAPTION_RE.match(s) or s[0] == "【":
        return None
    if (s[0] in "(（" and s[-1] in ")）") or not any(is_cjk(ch) for ch in s) or "://" in s:
        return None
    if s[-1] in "のをにがはへとでや" and not s.endswith("について"):
        return None   # ends on a particle: a wrapped fragment of a sentence or label
    if len(s) <= SUB_MAX_LENGTH:
        return Heading(s, SUB, "sub")
    return Heading(s, TITLE, "title")


def is_substantial(raw_lines: list[str]) -> bool:
    """Whether a body block is the kind of content a heading introduces.

    Figure labels, captions and budget lines are not: a plain line followed
    only by those is a caption or diagram text, not a heading.
    """
    if any(is_table_row(r) for r in raw_lines):
        return True
    text = "".join(clean_line(r) for r in raw_lines)
    first = strip_markup(raw_lines[0]).strip()
    _, bulleted = strip_bullet(first)
    if (bulleted or re.match(r"^[①-⑳]", first)) and len(text) >= 15:
        return True
    return "。" in text and len(text) >= 15


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


def _chapter_dividers(lines: list[str], blank: list[bool]) -> list[_TocRun]:
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
class _Block:
    start: int                      # 0-based index of the first line
    end: int                        # 0-based, inclusive
    heading: Heading | None = None
    markdown: bool = False
    joined_text: str | None = None  # a heading wrapped over two lines


@dataclass
class _Chapter:
    title: str | None


@dataclass
class _Cluster:
    members: list[_Block]        # the heading blocks, in document order
    dropped: list[_Block] = field(default_factory=list)   # heading-shaped lines found to be text


def _blocks(lines: list[str], blank: list[bool], dividers: list[_TocRun]) -> list[_Block | _Chapter]:
    divider_at = {d.start: d for d in dividers}
    items: list[_Block | _Chapter] = []
    start: int | None = None

    def close(end: int) -> None:
        nonlocal start
        if start is not None:
            items.append(_Block(start, end))
        start = None

    i = 0
    while i < len(lines):
        if i in divider_at:
            close(i - 1)
            items.append(_Chapter(divider_at[i].chapter))
            i = divider_at[i].end + 1
            continue
        if blank[i]:
            close(i - 1)
        elif markdown_heading(lines[i]):
            close(i - 1)
            items.append(_Block(i, i, markdown=True))
        else:
            if start is not None and _starts_numbered_heading(lines[i]):
                close(i - 1)
            if start is None:
                start = i
        i += 1
    close(len(lines) - 1)
    return items


def _join_wrapped_headings(items: list[_Block | _Chapter], lines: list[str]) -> None:
    """A numbered heading wrapped after 「、」 is one heading: [２]…海外展開、/ 国際海底ケーブル…"""
    def wraps(raw: str) -> bool:
        return _starts_numbered_heading(raw) and clean_line(raw).endswith("、")

    def continuation(raw: str) -> bool:
        text = clean_line(raw)
        return bool(text) and len(text) <= 40 and not _starts_numbered_heading(raw) \
            and not _BULLET_START_RE.match(raw) and "。" not in text

    k = 0
    while k < len(items):
        block = items[k]
        if isinstance(block, _Block) and not block.markdown and wraps(lines[block.start]):
            if block.end == block.start + 1 and continuation(lines[block.end]):
                block.joined_text = clean_line(lines[block.start]) + clean_line(lines[block.end])
            elif block.end == block.start and k + 1 < len(items):
                nxt = items[k + 1]
                if isinstance(nxt, _Block) and not nxt.markdown and nxt.start == nxt.end \
                        and continuation(lines[nxt.start]):
                    block.end = nxt.end
                    block.joined_text = clean_line(lines[block.start]) + clean_line(lines[nxt.start])
                    del items[k + 1]
        k += 1


def _classify_blocks(items: list[_Block | _Chapter], lines: list[str]) -> None:
    allow_plain = not any(isinstance(b, _Block) and b.markdown for b in items)
    shape_levels: dict[str, int] = {}
    for block in items:
        if not isinstance(block, _Block):
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


def _introduced_body(items: list, j: int, lines: list[str]) -> _Block | None:
    """The content block a run of heading lines ending before ``items[j]`` introduces.

    That is the next block if it is substantial, or the one after a one-line
    lead-in (「…を踏まえつつ、」「主な調査結果：」) if that one is.
    """
    for offset in (0, 1):
        if j + offset >= len(items):
            return None
        nxt = items[j + offset]
        if not isinstance(nxt, _Block) or nxt.markdown or (nxt.heading is not None and offset == 0):
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


def _orphan_items(members: list[_Block], stack: list[Heading]) -> list[_Block]:
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


def _accept(run: list[_Block], following: _Block | _Chapter | None, body: _Block | None,
            lines: list[str]) -> list[_Block]:
    """Which blocks of a run of heading-shaped lines really are headings."""
    followed_by_text = isinstance(following, _Block) and not following.markdown
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
    if isinstance(following, _Block) and following.start - run[-1].end > FIGURE_GAP:
        return []
    candidates = run[cut:]
    if body is None:
        # Only a figure or a budget line follows: numbered headings still count.
        candidates = [b for b in candidates if _heading(b).kind in STRONG_KINDS]
    accepted: list[_Block] = []
    for idx, block in enumerate(candidates):
        h = _heading(block)
        later = [_heading(o) for o in candidates[idx + 1:]]
        if h.soft and any(not o.soft or o.level < h.level for o in later):
            continue   # a caption or diagram label above the real headings
        if h.soft and any(_heading(o).soft and _heading(o).level == h.level for o in accepted):
            continue   # a lead sentence of the heading kept before it
        accepted.append(block)
    if body is not None and accepted and accepted[-1] is run[-1] and _heading(run[-1]).kind in ("title", "sub") \
            and any(is_table_row(r) for r in lines[body.start:body.end + 1]):
        h = _heading(run[-1])
        run[-1].heading = Heading(h.text, LABEL, "label")   # a plain line right above a table is its title
    return accepted


def _heading(block: _Block) -> Heading:
    assert block.heading is not None
    return block.heading


def _resolve_clusters(items: list[_Block | _Chapter], lines: list[str]) -> list[_Block | _Chapter | _Cluster]:
    """Decide which heading-shaped lines are headings; group consecutive ones into clusters."""
    out: list[_Block | _Chapter | _Cluster] = []
    k = 0
    while k < len(items):
        item = items[k]
        if isinstance(item, _Block) and item.markdown:
            out.append(_Cluster([item]))
            k += 1
            continue
        if not (isinstance(item, _Block) and item.heading is not None):
            out.append(item)
            k += 1
            continue
        j = k
        while j < len(items):
            nxt = items[j]
            if not (isinstance(nxt, _Block) and nxt.heading is not None and not nxt.markdown):
                break
            j += 1
        run: list[_Block] = [b for b in items[k:j] if isinstance(b, _Block)]
        following = items[j] if j < len(items) else None
        accepted = _accept(run, following, _introduced_body(items, j, lines), lines)
        dropped = [block for block in run if block not in accepted]
        for block in dropped:
            block.heading = None
        if accepted:
            out.append(_Cluster(accepted, dropped))
        else:
            out.extend(dropped)
        k = j
    return out


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
    blocks: list[_Block] = field(default_factory=list)


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


def _pieces(block: _Block, lines: list[str], number: int, pages: Sequence[int] | None) -> list[_Piece]:
    out: list[_Piece] = []
    raw_lines = lines[block.start:block.end + 1]
    for first, last, text in logical_lines(raw_lines):
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


def _apply_cluster(cluster: _Cluster, stack: list[Heading], current: _Section) -> _Section:
    """Put a cluster's headings on the stack; the new section they open."""
    orphans = _orphan_items(cluster.members, stack)
    live = [b for b in cluster.members if b not in orphans]
    # Text lines of the cluster: those above its first heading still belong
    # to the previous section, the others open the new one.
    first = min(b.start for b in live)
    opening: list[_Block] = []
    for block in cluster.dropped + orphans:
        block.heading = None
        (current.blocks if block.start < first else opening).append(block)
    ordered = sorted(live, key=lambda b: _heading(b).level)
    for block in ordered:
        heading = _heading(block)
        if any(h.level == heading.level and h.text == heading.text for h in stack):
            continue   # a page header repeated on the next slide: still the same section
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        stack.append(heading)
    labels = [b for b in ordered if _heading(b).kind == "label"]   # 【…】 and <…> stay in the text too
    return _Section(tuple(h.text for h in stack), labels + opening)


def _sections(events: list[_Block | _Chapter | _Cluster]) -> list[_Section]:
    stack: list[Heading] = []
    sections = [_Section(())]
    for event in events:
        if isinstance(event, _Chapter):
            if event.title:
                stack[:] = [Heading(event.title, CHAPTER, "chapter")]
                sections.append(_Section(tuple(h.text for h in stack)))
        elif isinstance(event, _Cluster):
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
    dividers = _chapter_dividers(lines, blank)
    items = _blocks(lines, blank, dividers)
    _join_wrapped_headings(items, lines)
    _classify_blocks(items, lines)
    events = _resolve_clusters(items, lines)

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
