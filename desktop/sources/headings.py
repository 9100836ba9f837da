"""Heading shapes of Japanese government papers and slide extractions.

What a single line looks like: a markdown heading, a numbered section, a
slide title, a label. Deciding whether it really heads content is the
outline's job (desktop/sources/outline.py); see segment.py for the ranks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.sources.text import (
    LINE_MARKER_RE,
    SENTENCE_END,
    clean_line,
    collapse,
    is_cjk,
    is_table_row,
    strip_bullet,
    strip_markup,
)


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
BULLET_START_RE = re.compile(r"^\s*(?:[-*+](?:\s|$)|[・▶►◆◇○●■□▼▽➤➢✓✔•▪→➡⇒⇨※\ue000-\uf8ff])")


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


def starts_numbered_heading(raw: str) -> bool:
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
    if not allow_plain or BULLET_START_RE.match(raw) or _CAPTION_RE.match(s) or s[0] == "【":
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


# == page breaks inside a sentence ==================================================

#: What may end a sentence or a clause that a page break cannot have cut.
_CLAUSE_END = SENTENCE_END + "、，,;；"
#: Kana a sentence cut mid-way can stop on (a particle, or the first kana of one: 在り方につ|いて).
_OPEN_ENDINGS = "のをにがはへとでやもてつ"


def continues_across_gap(previous_raw: str, current_raw: str, previous_text: str | None = None) -> bool:
    """Whether a paragraph after blank lines is the rest of a sentence a page break cut.

    Extractions of minutes and reports put a blank line where a page ended,
    even inside a word (「…在り方につ」 / 「いて更なる明確化…」). The previous
    paragraph must be prose (a sentence with 。) stopping mid-sentence, and the
    next one must not start anything of its own (a heading, a bullet, a
    number, a note, a table).
    """
    previous = clean_line(previous_raw) if previous_text is None else previous_text
    current = clean_line(current_raw)
    if not previous or not current or is_table_row(previous_raw) or is_table_row(current_raw):
        return False
    if previous_raw.lstrip().startswith("#") or current_raw.lstrip().startswith("#"):
        return False
    if len(previous) < 30 or previous[-1] in _CLAUSE_END or not is_cjk(previous[-1]):
        return False
    if "。" not in previous and (previous[-1] not in _OPEN_ENDINGS or previous.endswith("について")):
        return False   # no sentence yet and no particle left hanging: a title, a label
    if classify(previous_raw) is not None or classify(current_raw) is not None:
        return False   # a title above, or a title below: not one sentence
    _, bulleted = strip_bullet(current_raw.strip())
    if bulleted or LINE_MARKER_RE.match(current) or current[0] in "「『（(【[［<＜〈":
        return False
    return is_cjk(current[0]) and ("。" in current or len(current) >= 30)
