"""Text clean-up shared by segmentation, search and KPI extraction.

The seed documents are PDF-slide extractions: HTML fragments inside table
cells, ``**bold**`` markers, a zoo of bullet glyphs, hard-wrapped lines and
full-width digits. Two different forms come out of here:

* :func:`display_text` is what staff read and quote. It keeps the document's
  own characters (full-width digits, Japanese punctuation) and only removes
  markup, so a quotation is faithful to the source.
* :func:`normalize` is what search compares. It folds width and case (NFKC)
  and drops the layout spaces that PDF extraction scatters between Japanese
  characters, so ５年度 finds 5年度 and 「大 臣」 finds 大臣. Index and query
  must both go through it.
"""

from __future__ import annotations

import html
import re
import unicodedata

# -- character classes ---------------------------------------------------------

#: Glyphs the seeds use as bullets at the start of a line. U+F0D8 and other
#: private-use code points are Wingdings bullets that survived PDF extraction.
BULLET_GLYPHS = "・▶►◆◇○●■□▼▽➤➢✓✔•▪◎☆★\uf0d8\uf0a7\uf0fc"
_ARROWS = "→➡⇒⇨←"

_CJK_RANGES = (
    (0x3000, 0x30FF),   # CJK punctuation, hiragana, katakana
    (0x3400, 0x4DBF),   # CJK extension A
    (0x4E00, 0x9FFF),   # CJK unified ideographs
    (0xF900, 0xFAFF),   # CJK compatibility ideographs
    (0xFF00, 0xFFEF),   # full-width forms
    (0x20000, 0x2FFFF),  # CJK extensions B-F
)


def is_cjk(ch: str) -> bool:
    """Whether a character belongs to Japanese running text (no spaces around it)."""
    if not ch:
        return False
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


def _is_private_use(ch: str) -> bool:
    return 0xE000 <= ord(ch) <= 0xF8FF


# -- normalisation for search ----------------------------------------------------

_WS_RE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold a text into the form the index and queries are compared in.

    NFKC unifies full and half width (ＡＩ/AI, ５/5, ％/%), lower-casing makes
    Latin words case-blind, and whitespace is collapsed to one space and then
    removed wherever it touches a Japanese character: in these documents such
    spaces are line-wrap and layout artefacts (「担当大 臣」), never meaning.
    Spaces between two Latin words survive ("privacy enhancing").
    """
    folded = unicodedata.normalize("NFKC", text).lower()
    folded = "".join(ch for ch in folded if not _is_private_use(ch))
    parts = _WS_RE.split(folded.strip())
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if out and not is_cjk(out[-1][-1]) and not is_cjk(part[0]):
            out.append(" ")
        out.append(part)
    return "".join(out)


# -- markup removal ----------------------------------------------------------------

# An HTML tag: a name made of ASCII letters, so Japanese labels such as
# <産業成長の土台形成> or <2025年7月> are left alone (they are text).
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_AUTOLINK_RE = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_INLINE_TAGS = {"u", "b", "i", "em", "strong", "span", "a", "sup", "sub", "font", "s", "small", "big", "mark"}
_BOLD_RE = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
_PIPE_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _tag_replacement(match: re.Match[str]) -> str:
    name = re.match(r"</?([A-Za-z][A-Za-z0-9]*)", match.group(0))
    return "" if name and name.group(1).lower() in _INLINE_TAGS else " "


def strip_markup(text: str) -> str:
    """Remove HTML tags and entities and ``**`` markers from one piece of text.

    Entities are decoded between two tag passes so that an escaped tag
    (``&lt;p&gt;``) cannot come back as markup after decoding.
    """
    text = _AUTOLINK_RE.sub(r"\1", text)
    text = _TAG_RE.sub(_tag_replacement, text)
    text = html.unescape(text)
    text = _TAG_RE.sub(_tag_replacement, text)
    text = _BOLD_RE.sub("", text)
    text = _CONTROL_RE.sub("", text)
    return text


# -- bullets --------------------------------------------------------------------------

_LEADING_BULLET_RE = re.compile(
    r"^(?:[-*+](?=\s|$)|[" + re.escape(BULLET_GLYPHS) + r"]|[\ue000-\uf8ff])\s*"
)
# What may follow a bullet and already marks the item itself (no ・ added).
_SELF_MARKED_RE = re.compile(
    r"^(?:[0-9０-９]{1,2}[.．](?!\d)|[①-⑳]|[(（][0-9０-９]{1,2}[)）]|[" + _ARROWS + r"]|※|【)"
)
_INLINE_BULLET_RE = re.compile(r"(?<=\s)[➤➢✓✔•▪►●\uf0d8\uf0a7\uf0fc](?=\s*\S)\s*")


def strip_bullet(line: str) -> tuple[str, bool]:
    """The line without its leading bullet marks, and whether it had any."""
    rest = line.lstrip()
    had = False
    while True:
        m = _LEADING_BULLET_RE.match(rest)
        if not m:
            break
        had = True
        rest = rest[m.end():]
    return rest.strip(), had


def _clean_bullet(line: str) -> str:
    """One consistent bullet: every bullet glyph at a line start becomes ・."""
    rest, had = strip_bullet(line)
    if not had:
        return line.strip()
    if not rest:
        return ""
    if _SELF_MARKED_RE.match(rest):
        return rest
    return "・" + rest


# -- tables ----------------------------------------------------------------------------

CELL_SEPARATOR = " | "


def is_table_row(raw_line: str) -> bool:
    """A tab-separated or pipe-table row (its cells are shown with separators)."""
    stripped = raw_line.strip()
    if "\t" in raw_line.strip("\n") and len([c for c in raw_line.split("\t") if c.strip()]) >= 2:
        return True
    return stripped.startswith("|") and stripped.count("|") >= 2


def _clean_cells(raw_line: str) -> str:
    stripped = raw_line.strip()
    if _PIPE_SEPARATOR_RE.match(stripped) and "-" in stripped:
        return ""
    if stripped.startswith("|"):
        cells = stripped.strip("|").split("|")
    else:
        cells = raw_line.split("\t")
    out = []
    for cell in cells:
        text = collapse(strip_markup(cell))
        text = _INLINE_BULLET_RE.sub("・", " " + text).strip()
        if text:
            out.append(text)
    return CELL_SEPARATOR.join(out)


# -- display text ------------------------------------------------------------------------

_SPACES_RE = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")
SENTENCE_END = "。．！？!?：:」』）)】>＞"
LINE_MARKER_RE = re.compile(
    r"^(?:[・※" + re.escape(BULLET_GLYPHS) + _ARROWS + r"]|[①-⑳]|[0-9０-９]{1,2}[.．](?!\d)"
    r"|[(（][0-9０-９一二三四五六七八九十ア-ンa-zA-Z]{1,2}[)）]|【|[<＜〈]|\[|［|出典|出所|資料|注|[(（](?:注|出典|出所|参考))"
)
#: A wrapped line is only joined to the previous one if that one was long:
#: short lines are labels, list entries or figure text, not wrapped prose.
WRAP_MIN_LENGTH = 18


def collapse(text: str) -> str:
    """Runs of spaces and tabs as one space, trimmed."""
    return _SPACES_RE.sub(" ", text).strip()


_CJK_CLASS = "\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e"
#: A space between two Japanese characters, or between a digit and a Japanese character: Japanese is
#: written without spaces, so these are the gaps PDF extraction (Word's spacing between Japanese and
#: half-width text, hard line ends) turned into spaces: 「2033 年までに20 兆円」「担当大 臣」.
_LAYOUT_SPACE_RE = re.compile(f"(?<=[{_CJK_CLASS}0-9]) (?=[{_CJK_CLASS}])|(?<=[{_CJK_CLASS}]) (?=[0-9])")


def close_layout_spaces(text: str) -> str:
    """The text without the spaces that layout, not the author, put between Japanese characters and digits."""
    return _LAYOUT_SPACE_RE.sub("", text)


def clean_line(raw_line: str) -> str:
    """Display form of one raw line (no joining with its neighbours)."""
    if is_table_row(raw_line):
        return _clean_cells(raw_line)
    text = _MD_HEADING_RE.sub("", raw_line)
    text = collapse(strip_markup(text))
    text = _clean_bullet(text)
    text = _INLINE_BULLET_RE.sub("・", text)
    text = "".join(ch for ch in text if not _is_private_use(ch))
    return collapse(text)


def _joins(previous: str, current: str, current_raw: str) -> bool:
    """Whether ``current`` continues ``previous``, cut by the slide's line width.

    Only when the previous line is long and stops mid-sentence, and the
    current one does not start an item of its own (bullet, number, note).
    """
    if not previous or not current or is_table_row(current_raw):
        return False
    if len(previous) < WRAP_MIN_LENGTH or previous[-1] in SENTENCE_END:
        return False
    return not LINE_MARKER_RE.match(current)


#: More blank lines than this between two paragraphs are not a page break.
PAGE_GAP = 2


def logical_lines(raw_lines: list[str], across_gap=None) -> list[tuple[int, int, str]]:
    """Display lines with the raw lines each came from: (first, last, text).

    Indexes are into ``raw_lines``; a line that extraction wrapped is joined
    with its continuation, blank and markup-only lines disappear.
    ``across_gap(previous_raw, current_raw, previous_text)`` says whether a
    line after a few blank lines goes on with the sentence before them (a page
    break; see desktop/sources/headings.py).
    """
    out: list[list] = []
    previous_blank = True
    previous_table = False
    blanks = 0
    for index, raw_line in enumerate(raw_lines):
        line = clean_line(raw_line)
        table = is_table_row(raw_line)
        if not line:
            previous_blank, previous_table = True, False
            blanks += 1
            continue
        cut = across_gap is not None and out and previous_blank and 0 < blanks <= PAGE_GAP and \
            across_gap(raw_lines[out[-1][1]], raw_line, out[-1][2])
        blanks = 0
        if cut or (out and not previous_blank and not previous_table and _joins(out[-1][2], line, raw_line)):
            glue = "" if is_cjk(out[-1][2][-1]) or is_cjk(line[0]) else " "
            out[-1][1] = index
            out[-1][2] = out[-1][2] + glue + line
        else:
            out.append([index, index, line])
        previous_blank, previous_table = False, table
    return [(first, last, text) for first, last, text in out]


def display_lines(raw: str) -> list[str]:
    """Display lines of a raw block: markup removed, wrapped lines re-joined."""
    return [text for _, _, text in logical_lines(raw.split("\n"))]


def display_text(raw: str) -> str:
    """What staff see and quote: the source's words without markup.

    HTML tags and entities, ``**`` and markdown heading marks are removed,
    every bullet glyph at a line start becomes one 「・」 (or disappears before
    a number such as ① or 1.), table cells are joined with " | ", and lines
    that PDF extraction wrapped mid-sentence are joined again. Japanese
    punctuation and full-width characters are kept as written.
    """
    return "\n".join(display_lines(raw))
