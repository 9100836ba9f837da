"""Text edits and what they do to the marks and citations of the text: the one module for both.

Two kinds of change reach a sheet's text:

* an **edit** in the window (a keystroke, a paste, a cut, IME input), one
  contiguous region replaced: :func:`follow_edit` moves the field's span
  marks the way a character format moves in Word — text typed inside a
  marked passage, or typed over part of it, is marked; text typed just
  before or just after it is not; a passage whose text is all deleted
  loses its mark, and the caller is told so (it is shown, never silent);
* a **replacement** of the whole text (an import that rewrote the field, a
  merge, a restore from the history): :func:`replace_text` finds each
  marked passage again by what it says (through the diff first, then by
  its text in the reader form) and marks every place it is found; a mark
  whose passage is nowhere becomes *unplaced*, which keeps its text
  withheld and asks a person to re-mark or release it. Citation markers
  move with the diff.

Whole-part marks (a whole field, a KPI, a citation) never move. The
functions are pure, so the editor can keep the old lists for undo.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from desktop.disclosure.reader_form import mapped, raw_span, reader_form
from desktop.survey.parts import Part
from desktop.survey.sheet import MarkData, SheetData


def changed_region(old: str, new: str) -> tuple[int, int, int]:
    """(start, old_end, new_end): old[start:old_end] was replaced by new[start:new_end].

    Runs on every key typed: the common ends are found by halving and comparing
    slices (C speed), not character by character in Python, which took 23 ms
    per key in the middle of a 30,000-character field.
    """
    limit = min(len(old), len(new))
    lo, hi = 0, limit                       # old[:lo] == new[:lo]; the common prefix is at most hi
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[lo:mid] == new[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    start = lo
    n_old, n_new = len(old), len(new)
    lo, hi = 0, limit - start               # the last lo characters are equal
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[n_old - mid:n_old - lo] == new[n_new - mid:n_new - lo]:
            lo = mid
        else:
            hi = mid - 1
    return start, n_old - lo, n_new - lo


def _follow_span(a: int, b: int, start: int, old_end: int, new_end: int) -> tuple[int, int] | None:
    """Where span [a, b) is after old[start:old_end] became new[start:new_end]; None: its text is gone."""
    delta = new_end - old_end
    if old_end == start:                 # a pure insertion
        if start <= a:
            return a + delta, b + delta  # before the passage (or at its start): it moves
        if start > b:
            return a, b                  # after it
        # inside, or right at its end: the typed text continues the passage, as typing continues a
        # character format in Word (and typing over a passage, key by key, stays marked)
        return a, b + delta
    if old_end <= a:
        return a + delta, b + delta
    if start >= b:
        return a, b
    if start >= a:                       # starts inside the passage: what replaces it is marked
        end = max(b + delta, new_end)
        return (a, end) if end > a else None
    if b > old_end:                      # starts before it and ends inside: the rest stays marked
        return new_end, b + delta
    return None                          # all of its text was deleted


@dataclass(frozen=True)
class Followed:
    marks: tuple[MarkData, ...]     # the marks after the edit (unchanged ones are the same objects)
    gone: tuple[MarkData, ...]      # span marks whose text was all deleted (shown to the person)


def follow_edit(marks: Sequence[MarkData], part: Part, old: str, new: str) -> Followed:
    """The marks after the text of ``part`` changed from ``old`` to ``new`` by one edit."""
    if old == new:
        return Followed(tuple(marks), ())
    start, old_end, new_end = changed_region(old, new)
    out: list[MarkData] = []
    gone: list[MarkData] = []
    for mark in marks:
        if mark.part != part or mark.start is None or mark.end is None or mark.unplaced:
            out.append(mark)
            continue
        span = _follow_span(mark.start, mark.end, start, old_end, new_end)
        if span is None:
            gone.append(mark)
        elif span == (mark.start, mark.end) and new[span[0]:span[1]] == old[mark.start:mark.end]:
            out.append(mark)
        else:
            out.append(replace(mark, start=span[0], end=span[1], text=new[span[0]:span[1]]))
    return Followed(tuple(out), tuple(gone))


# -- diffs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffOp:
    """A difflib opcode: ``old[old_start:old_end]`` became ``new[new_start:new_end]``."""

    tag: str            # "equal", "replace", "delete" or "insert"
    old_start: int
    old_end: int
    new_start: int
    new_end: int


@dataclass(frozen=True)
class TextDiff:
    old: str
    new: str
    ops: tuple[DiffOp, ...]

    @property
    def changed(self) -> bool:
        return any(op.tag != "equal" for op in self.ops)

    def old_segments(self) -> list[tuple[str, str]]:
        """(text, tag) runs of the old text, for the left-hand side: equal, delete or replace."""
        return [(self.old[o.old_start:o.old_end], o.tag) for o in self.ops if o.old_end > o.old_start]

    def new_segments(self) -> list[tuple[str, str]]:
        """(text, tag) runs of the new text, for the right-hand side: equal, insert or replace."""
        return [(self.new[o.new_start:o.new_end], o.tag) for o in self.ops if o.new_end > o.new_start]

    def map_offset(self, offset: int, *, after: bool = False) -> int:
        """Where a position in the old text lands in the new one.

        ``after=False`` reads the position as the start of what follows it,
        ``after=True`` as the end of what precedes it; inside a change it
        lands on the change's start or end accordingly.
        """
        for op in self.ops:
            inside = op.old_start < offset <= op.old_end if after else op.old_start <= offset < op.old_end
            if op.tag == "equal" and inside:
                return op.new_start + offset - op.old_start
        for op in self.ops:
            if op.tag != "equal" and op.old_start <= offset <= op.old_end:
                return op.new_end if after else op.new_start
        return len(self.new) if after or offset >= len(self.old) else 0


def _offsets(lines: list[str]) -> list[int]:
    out = [0]
    for line in lines:
        out.append(out[-1] + len(line))
    return out


def _tag(old_len: int, new_len: int) -> str:
    if old_len and new_len:
        return "replace"
    return "delete" if old_len else "insert"


def _tidy(ops: list[DiffOp]) -> list[DiffOp]:
    """Fold one-character equal runs between changes into them, and merge adjacent changes."""
    out: list[DiffOp] = []
    for i, op in enumerate(ops):
        lone = (op.tag == "equal" and op.old_end - op.old_start <= 1 and 0 < i < len(ops) - 1
                and ops[i - 1].tag != "equal" and ops[i + 1].tag != "equal")
        tag = "change" if lone or op.tag != "equal" else "equal"
        if tag == "change" and out and out[-1].tag != "equal":
            prev = out.pop()
            op = DiffOp("change", prev.old_start, op.old_end, prev.new_start, op.new_end)
        out.append(DiffOp(tag, op.old_start, op.old_end, op.new_start, op.new_end))
    return [o if o.tag == "equal" else DiffOp(_tag(o.old_end - o.old_start, o.new_end - o.new_start),
                                              o.old_start, o.old_end, o.new_start, o.new_end) for o in out]


# A sentence keeps the line break after it: as units of their own, hundreds of equal "\n" made the line pass
# of difflib quadratic (2.5 s for 30,000 characters written a sentence a line).
_SENTENCE = re.compile(r"[^\n。]*(?:。\n?|\n)|[^\n。]+")


def _sentences(text: str) -> list[str]:
    """Lines, and sentences inside long lines (a paragraph of Japanese is one line): the first pass's units."""
    return _SENTENCE.findall(text)


def diff_texts(old: str | None, new: str | None) -> TextDiff:
    """Opcodes turning ``old`` into ``new`` (lines first, then characters within changed lines).

    Japanese has no spaces to split words on, so changed lines (and sentences:
    a paragraph is often one line) are compared character by character; equal runs of one character between two changes
    are folded into the change, so that a rewritten sentence reads as one
    replacement instead of a comb of coincidental matches (の, を, 、). The
    common beginning and end are set aside first: difflib is quadratic, and
    a 30,000-character paragraph with one word changed must not cost minutes.
    """
    old, new = old or "", new or ""
    start, old_end, new_end = changed_region(old, new)
    # Keep whole lines around the change, so that the line-level pass sees what it always saw.
    start = old.rfind("\n", 0, start) + 1
    tail = len(old) - old_end
    line_end = old.find("\n", old_end)
    if line_end >= 0 and line_end < len(old):
        keep = len(old) - line_end
        tail = min(tail, keep)
    else:
        tail = 0
    a, b = old[start:len(old) - tail], new[start:len(new) - tail]
    ops: list[DiffOp] = [DiffOp("equal", 0, start, 0, start)] if start else []
    old_lines, new_lines = _sentences(a), _sentences(b)
    old_at, new_at = _offsets(old_lines), _offsets(new_lines)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        a0, a1, b0, b1 = old_at[i1], old_at[i2], new_at[j1], new_at[j2]
        if tag != "replace":
            ops.append(DiffOp(tag, start + a0, start + a1, start + b0, start + b1))
            continue
        x, y = a[a0:a1], b[b0:b1]
        p, q, r = changed_region(x, y)      # difflib only on what differs inside the changed lines
        inner = [("equal", 0, p, 0, p)] if p else []
        inner += [(t, p + x1, p + x2, p + y1, p + y2) for t, x1, x2, y1, y2 in
                  difflib.SequenceMatcher(None, x[p:q], y[p:r], autojunk=False).get_opcodes()]
        if q < len(x):
            inner.append(("equal", q, len(x), r, len(y)))
        ops += [DiffOp(t, start + a0 + x1, start + a0 + x2, start + b0 + y1, start + b0 + y2)
                for t, x1, x2, y1, y2 in inner]
    if tail:
        ops.append(DiffOp("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return TextDiff(old, new, tuple(_tidy([o for o in ops if o.old_end > o.old_start or o.new_end > o.new_start])))


# -- finding passages again ---------------------------------------------------------------


def find_passage(text: str, passage: str) -> list[tuple[int, int]]:
    """Every place ``text`` holds ``passage`` as a reader reads it (raw offsets of ``text``)."""
    wanted = reader_form(passage)
    if not wanted:
        return []
    form, origin = mapped(text)
    spans = []
    at = form.find(wanted)
    while at >= 0:
        spans.append(raw_span(origin, text, at, at + len(wanted)))
        at = form.find(wanted, at + 1)
    return spans


def place_mark(mark: MarkData, old: str, new: str, diff: TextDiff | None = None) -> list[MarkData]:
    """A span mark of ``old`` placed in ``new``: through the diff where its passage survived as it was,
    else wherever its text is found (each place marked), else unplaced (kept, with its text)."""
    if mark.start is None or mark.end is None:
        return [mark]
    passage = mark.text or (old[mark.start:mark.end] if 0 <= mark.start <= mark.end <= len(old) else "")
    diff = diff or diff_texts(old, new)
    start, end = diff.map_offset(mark.start), diff.map_offset(mark.end, after=True)
    if passage and end > start and reader_form(new[start:end]) == reader_form(passage):
        return [replace(mark, start=start, end=end, text=new[start:end], unplaced=False)]
    found = find_passage(new, passage) if passage else []
    if found:
        return [replace(mark, start=a, end=b, text=new[a:b], unplaced=False, id=mark.id if i == 0 else None)
                for i, (a, b) in enumerate(found)]
    return [replace(mark, text=passage, unplaced=True)]


def replace_text(sheet: SheetData, key: str, value: str) -> None:
    """Put a new text into field ``key`` of ``sheet``, keeping marks and citation markers with their text."""
    current = sheet.text(key)
    if current == value:
        return
    diff = diff_texts(current, value)
    part = Part.field(key)
    marks: list[MarkData] = []
    for mark in sheet.marks:
        marks.extend(place_mark(mark, current, value, diff) if mark.part == part and not mark.unplaced else [mark])
    sheet.marks = marks
    for citation in sheet.citations:
        if citation.field_key == key and citation.position is not None:
            citation.position = min(diff.map_offset(citation.position, after=True), len(value))
    sheet.fields[key] = value


def marks_between(sheet: SheetData, part: Part, start: int, end: int) -> list[MarkData]:
    """The marks of a text part inside [start, end), relative to ``start``: what a copy of it carries."""
    text = sheet.part_text(part)
    out = []
    for m in sheet.marks:
        if m.part != part or m.unplaced:
            continue
        a, b = (0, len(text)) if not m.is_span else (m.start or 0, m.end or 0)
        a, b = max(a, start), min(b, end)
        if b > a:
            out.append(MarkData(reason=m.reason, part=part, start=a - start, end=b - start, text=text[a:b]))
    return out


def mark_text(sheet: SheetData, mark: MarkData) -> str:
    """What a mark withholds now, read from the sheet (its stored text when it cannot be placed)."""
    if mark.unplaced or not sheet.exists(mark.part):
        return mark.text
    text = sheet.part_text(mark.part)
    if not mark.is_span:
        return text
    if mark.start is not None and mark.end is not None and 0 <= mark.start <= mark.end <= len(text):
        return text[mark.start:mark.end]
    return text          # a span that does not fit: the whole part is withheld


def settle_marks(sheet: SheetData) -> None:
    """Bring every mark's ``text`` up to what it withholds now, before the sheet is saved.

    A placed mark whose part is not in the sheet, or whose span no longer
    fits its text, becomes unplaced with the text it last withheld: it
    goes on withholding that text and asks a person, instead of quietly
    marking whatever characters now sit at its offsets. A span whose
    characters are no longer the text it withheld (the field was changed
    without moving the mark) is placed again by that text, or unplaced.
    """
    for mark in sheet.marks:
        if mark.unplaced:
            continue
        if not sheet.exists(mark.part):
            mark.unplaced = True
            continue
        text = sheet.part_text(mark.part)
        if not mark.is_span:
            mark.text = text
        elif mark.start is not None and mark.end is not None and 0 <= mark.start <= mark.end <= len(text):
            current = text[mark.start:mark.end]
            if mark.text and reader_form(current) != reader_form(mark.text):
                # The text changed under the mark without the mark being moved (a caller that edits
                # fields but not marks): find the passage again by what it says, never take the slice.
                found = find_passage(text, mark.text)
                if found:
                    mark.start, mark.end = found[0]
                    mark.text = text[mark.start:mark.end]
                else:
                    mark.unplaced = True
            else:
                mark.text = current
        else:
            mark.unplaced = True


__all__ = ["DiffOp", "Followed", "TextDiff", "changed_region", "diff_texts", "find_passage", "follow_edit",
           "mark_text", "marks_between", "place_mark", "replace_text", "settle_marks"]
