"""Every piece of text in an Office package (.docx, .xlsx) or a CSV report, read as untrusted input.

A published file can carry text in many places besides the visible body:
headers and footers, footnotes, comments and their VML shapes, document
properties (core, app, custom), sheet names, defined names, data-validation
lists, hidden sheets, columns and rows, the shared-strings table, alt texts
of drawings. The leak check must see all of it, so this reader does not
interpret the package: it opens every member of the zip and turns it into
*units* of text.

- In XML parts a paragraph (``w:p``, ``a:p``), a shared string (``si``), a
  cell (``c``) and a comment body is one unit, its runs joined, so a passage
  split over several runs (as Word does after an edit) is found whole. A
  paragraph nested in another (a text box) is its own unit. Every other
  element's text, and every attribute value, is a unit of its own.
- Tracked changes are read as a reader may view them: with the changes
  shown, as the final text (deletions gone) and as the original (insertions
  gone), each a unit when they differ. Excel's ``_xHHHH_`` escapes are read
  decoded too.
- What a reader sees apart is read apart: a ruby reading (``w:rt``, the
  ``rPh`` of a shared string) is its own unit and the base text joins the
  paragraph; the instruction of a field (``w:instrText`` between the
  ``fldChar`` begin and separate, ``HYPERLINK "…"``) is its own unit and the
  field's result joins the paragraph. A soft line break inside a paragraph
  or a cell keeps the text one unit (the reader form ignores the break).
- Parts that are not well-formed XML (legacy VML) are read as markup with
  the tags removed; binary parts as whatever UTF-8 or UTF-16 text they hold.
- A member that is itself a package (an Excel workbook embedded in a Word
  document, a Word document in a workbook, a zip inside an OLE ``.bin``) is
  read the same way, recursively, its units named
  ``word/embeddings/x.xlsx!/xl/sharedStrings.xml``.
- Member names (``word/media/田中氏.png``), member comments and the zip
  comment are units too.

XML is parsed under defusedxml's rules (no entity declarations, no external
references). Against decompression bombs the reader *measures*: every member
is inflated in chunks, the real bytes counted against one budget for the
whole file (nested packages included), with caps on the member count and the
nesting depth; a large but honest report (a 5 MB repetitive field) passes,
a bomb is refused as soon as it has expanded past the budget, without
holding what it expanded to.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
import urllib.parse
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

from defusedxml.common import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden

MAX_MEMBERS = 10_000                     # members of the file, nested packages included
MAX_TOTAL_BYTES = 512 * 1024 * 1024      # real expanded bytes of the file, nested packages included
MAX_DEPTH = 3                            # packages inside packages inside the file
CHUNK = 1 << 20                          # inflated per read while measuring
STREAM_FROM = 8 * CHUNK                  # XML members this large are parsed as they are inflated

ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_COMMENT = "ZIP のコメント"              # the part name of the archive comment in a finding
NAME_ATTRIBUTE = "部品名"                   # Unit.attribute of a member-name unit
COMMENT_ATTRIBUTE = "コメント"              # Unit.attribute of a member's zip comment

# Elements whose whole text is one unit: paragraphs of Word and DrawingML,
# shared strings, cells with inline strings or values, comment bodies; and,
# nested in a paragraph or shared string but read apart from it, a ruby
# reading (w:rt, rPh). Field instructions are handled in _Collector.
READING_TAGS = frozenset({"rt", "rPh"})
UNIT_TAGS = frozenset({"p", "si", "c", "text", "comment"}) | READING_TAGS
INSTRUCTION_TAGS = frozenset({"instrText", "delInstrText"})
INSTRUCTION = "instrText"        # Unit.attribute of a field instruction (readings: "rt", "rPh")
# Elements standing for white space inside a unit.
SPACE_TAGS = frozenset({"tab", "br", "cr", "ptab"})

# Attributes that carry words (sheet and defined names, alt texts, tool tips,
# validation prompts); others hold codes, sizes and ids.
NAMING_ATTRIBUTES = frozenset({"name", "title", "descr", "tooltip", "caption", "display", "prompt", "error",
                               "promptTitle", "errorTitle", "author", "initials", "uniqueName", "instr",
                               NAME_ATTRIBUTE, COMMENT_ATTRIBUTE, INSTRUCTION, *READING_TAGS})

# Tracked changes of Word: text deleted (w:del, w:moveFrom) and inserted (w:ins, w:moveTo).
DELETED_TAGS = frozenset({"del", "moveFrom"})
INSERTED_TAGS = frozenset({"ins", "moveTo"})
# Every element _Collector.start/end do more for than collect its attributes.
SPECIAL_TAGS = DELETED_TAGS | INSERTED_TAGS | INSTRUCTION_TAGS | SPACE_TAGS | UNIT_TAGS | {"fldChar"}
# The OOXML escape of a character in a string (Excel writes a carriage return as _x000D_).
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")

_WHITESPACE = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]*>")


class UnreadablePackage(Exception):
    """The file is not a readable .docx/.xlsx package; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Unit:
    part: str          # the zip member, e.g. word/footnotes.xml
    text: str          # normalised line by line (NFKC, white space removed), lines joined by "\n"
    lines: tuple[str, ...]   # the same, per line of the original
    # The attribute's local name when the unit is an attribute value; also set for text read apart
    # from the flow of paragraphs (a ruby reading, a field instruction, a member name, a zip comment),
    # which the leak check does not join with the units around it.
    attribute: str = ""

    @property
    def is_named_value(self) -> bool:
        """Text a person wrote: element text, or an attribute that names or describes something."""
        return not self.attribute or self.attribute in NAMING_ATTRIBUTES


def normalize(text: str) -> str:
    """NFKC (全角/半角 folded) without any white space.

    Japanese text has no spaces between words, and a space, tab or line
    break slipped into a passage (by wrapping, by hand) must not hide it.
    """
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1 << 16)
def _normalized(raw: str) -> tuple[str, tuple[str, ...]]:
    """The text normalised line by line (lines joined by a line break) and its lines; cached.

    Line breaks stay: removing them would join the end of one line and the
    start of the next into text that was never written (a cell of two
    lines), and a printed passage never runs across a paragraph either.
    """
    if "\n" not in raw and "\r" not in raw:
        text = normalize(raw)
        return (text, (text,)) if text else ("", ())
    lines = tuple(n for n in (normalize(line) for line in raw.splitlines()) if n)
    return "\n".join(lines), lines


def _unit(part: str, raw: str, attribute: str = "") -> Unit | None:
    text, lines = _normalized(raw)
    return Unit(part, text, lines, attribute) if text else None


class _Deleted(str):
    """Text of a tracked deletion, in a unit's buffer."""


class _Inserted(str):
    """Text of a tracked insertion, in a unit's buffer."""


def _views(buffer: list[str]) -> list[str]:
    """The unit's text as a reader may see it: all of it (changes shown), the final and the original text.

    A passage split by a tracked deletion reads whole in the final view; one
    split by an insertion, in the original.
    """
    text = "".join(buffer)
    if all(type(piece) is str for piece in buffer):
        return [text]
    final = "".join(piece for piece in buffer if type(piece) is not _Deleted)
    original = "".join(piece for piece in buffer if type(piece) is not _Inserted)
    return list(dict.fromkeys((text, final, original)))


def _unescaped(texts) -> list[str]:
    """The texts with their _xHHHH_ escapes decoded, where they have any (as Excel shows them)."""
    decoded = []
    for text in texts:
        if "_x" in text:
            plain = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
            if plain != text:
                decoded.append(plain)
    return decoded


class _Collector:
    """Collects the text of one XML part as unit texts, other element texts and attribute values.

    Streaming (expat callbacks) rather than building a tree: a year's report
    has a document.xml of hundreds of thousands of elements. Unit elements
    open a buffer that the characters inside them (and the tails of their
    children) go to; a unit nested in another (a text box in a paragraph)
    has its own.
    """

    def __init__(self) -> None:
        self.open: list[list[str]] = []       # buffers of the unit elements being read
        self.loose: list[str] = []            # characters outside units since the last tag
        self.units: list[str] = []
        self.apart: list[tuple[str, str]] = []       # (text, kind): readings and field instructions
        self.texts: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()   # (qualified name, value)
        self._local: dict[str, str] = {}
        self._special: dict[str, bool] = {}
        # Complex fields (w:fldChar begin … separate … end), nested ones included: the
        # instruction text of each field still before its "separate", collected apart.
        self.fields: list[list[str] | None] = []
        self.instruction: list[str] | None = None    # where the text of the w:instrText being read goes
        self.lone = False                   # that w:instrText is outside a field's instruction: its own unit
        self.deleted = 0                    # depth of tracked deletions around the text being read
        self.inserted = 0

    def local(self, name: str) -> str:
        found = self._local.get(name)
        if found is None:
            found = self._local[name] = name.rpartition(":")[2]
        return found

    def _flush(self) -> None:
        if self.loose:
            text = "".join(self.loose)
            self.loose = []
            if not text.isspace():
                self.texts.add(text)

    def _field_char(self, attrs: dict) -> None:
        kind = next((v for k, v in attrs.items() if self.local(k) == "fldCharType"), "")
        if kind == "begin":
            self.fields.append([])
        elif kind in ("separate", "end") and self.fields:
            buffer = self.fields[-1]
            if buffer is not None:
                self.apart.append(("".join(buffer), INSTRUCTION))      # the instruction, its own unit
            if kind == "separate":
                self.fields[-1] = None                  # the result follows: it joins the paragraph
            else:
                self.fields.pop()

    def special(self, name: str) -> bool:
        """Whether an element (qualified name) is one start/end handle beyond its attributes and loose text."""
        found = self._special.get(name)
        if found is None:
            found = self._special[name] = self.local(name) in SPECIAL_TAGS
        return found

    def start(self, name: str, attrs: dict) -> None:
        if attrs:
            self.attributes.update(attrs.items())    # qualified names; made local once, in result()
        # Most elements of a part are formatting (w:rPr, w:sz, w:tcW …): only their attributes and the
        # loose text before them matter. Saying so once per name keeps a 4-million-element body fast.
        if not (self._special.get(name) or (name not in self._special and self.special(name))):
            if not self.open and self.loose:
                self._flush()
            return
        local = self._local.get(name) or self.local(name)
        if local in DELETED_TAGS:
            self.deleted += 1
        elif local in INSERTED_TAGS:
            self.inserted += 1
        elif local == "fldChar":
            self._field_char(attrs)
        elif local in INSTRUCTION_TAGS:
            self.lone = not (self.fields and self.fields[-1] is not None)
            self.instruction = [] if self.lone else self.fields[-1]
        if self.open:
            if local in SPACE_TAGS:
                self.open[-1].append("\n" if local in ("br", "cr") else " ")
        else:
            self._flush()
        if local in UNIT_TAGS:
            self.open.append([])

    def end(self, name: str) -> None:
        if not self._special.get(name):       # every name was classified by start()
            if not self.open and self.loose:
                self._flush()
            return
        local = self._local.get(name) or self.local(name)
        if local in DELETED_TAGS:
            self.deleted = max(0, self.deleted - 1)
        elif local in INSERTED_TAGS:
            self.inserted = max(0, self.inserted - 1)
        if local in INSTRUCTION_TAGS and self.instruction is not None:
            if self.lone:
                self.apart.append(("".join(self.instruction), INSTRUCTION))
            self.instruction = None
        if local in UNIT_TAGS and self.open:
            views = _views(self.open.pop())
            if local in READING_TAGS:
                self.apart.extend((text, local) for text in views)
            else:
                self.units.extend(views)
        elif not self.open:
            self._flush()

    def characters(self, content: str) -> None:
        if self.instruction is not None:
            self.instruction.append(content)
            return
        if self.open:
            if self.deleted:
                content = _Deleted(content)
            elif self.inserted:
                content = _Inserted(content)
            self.open[-1].append(content)
        else:
            self.loose.append(content)

    def result(self, part: str) -> list[Unit]:
        for buffer in self.fields:           # a field never closed: its instruction still counts
            if buffer:
                self.apart.append(("".join(buffer), INSTRUCTION))
        self.fields = []
        self._flush()
        units = [_unit(part, text) for text in dict.fromkeys(self.units + _unescaped(self.units))]
        units += [_unit(part, text, kind) for text, kind in dict.fromkeys(self.apart)]
        units += [_unit(part, text, kind) for text, kind in
                  dict.fromkeys((t, kind) for text, kind in self.apart for t in _unescaped([text]))]
        units += [_unit(part, text) for text in self.texts | set(_unescaped(self.texts))]
        units += [_unit(part, value, self.local(key) or "?") for key, value in self.attributes]
        return [u for u in units if u]        # read_units keeps each distinct unit once


def _parse(data: bytes, collector: _Collector) -> None:
    """Parse with expat under defusedxml's rules: no entity declarations, no external references.

    defusedxml's own parsers wrap expat in SAX or a tree, which costs more
    than the parsing; its guards are applied here to a bare expat parser.
    """
    _parser(collector).Parse(data, True)


def _parser(collector: _Collector):
    """An expat parser with defusedxml's guards (see _parse) feeding ``collector``."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def entity_declared(name, *_args):
        raise EntitiesForbidden(name, None, None, None, None, None)

    def external_reference(context, base, system_id, public_id):
        raise ExternalReferenceForbidden(context, base, system_id, public_id)

    parser.EntityDeclHandler = entity_declared
    parser.UnparsedEntityDeclHandler = entity_declared
    parser.ExternalEntityRefHandler = external_reference
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.characters
    return parser


def _loose_units(part: str, data: bytes) -> Iterator[Unit]:
    """Markup that does not parse (legacy VML) or a binary part: any text it holds."""
    for encoding in ("utf-8", "utf-16-le"):
        text = data.decode(encoding, errors="ignore")
        if encoding == "utf-8" and text.lstrip("\ufeff \r\n\t").startswith("<"):
            for chunk in _TAGS.split(text):
                unit = _unit(part, html.unescape(chunk))
                if unit:
                    yield unit
            attrs = re.findall(r"=\s*\"([^\"]*)\"|=\s*'([^']*)'", text)
            for a, b in attrs:
                unit = _unit(part, html.unescape(a or b), "?")
                if unit:
                    yield unit
            return
        printable = "".join(ch if ch.isprintable() else "\n" for ch in text)
        for chunk in printable.split("\n"):
            unit = _unit(part, chunk)
            if unit:
                yield unit


def _csv_units(path: Path, shown: Path) -> list[Unit]:
    """A CSV report (UTF-8 with BOM, or Shift_JIS as Excel saves it): each cell is one unit.

    A quoted cell may hold line breaks; it stays one unit (the reader form ignores them).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadablePackage(f"ファイルが読めません: {shown}（{exc}）") from exc
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadablePackage(f"CSV ファイルの文字コードが UTF-8 でも Shift_JIS でもありません: {shown}")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise UnreadablePackage(f"CSV ファイルとして読めません: {shown}（{exc}）") from exc
    return list(dict.fromkeys(u for row in rows for u in (_unit(shown.name, cell) for cell in row) if u))


class _Budget:
    """What the whole file (nested packages included) may still expand to; refuses past it."""

    def __init__(self, shown: Path) -> None:
        self.shown = shown
        self.bytes_left = MAX_TOTAL_BYTES
        self.members_left = MAX_MEMBERS

    def members(self, count: int) -> None:
        self.members_left -= count
        if self.members_left < 0:
            raise UnreadablePackage(f"ファイル内の部品が多すぎます（上限 {MAX_MEMBERS:,} 個）: {self.shown}")

    def spend(self, size: int, part: str) -> None:
        self.bytes_left -= size
        if self.bytes_left < 0:
            raise UnreadablePackage(
                f"展開後の大きさが上限（{MAX_TOTAL_BYTES // (1024 * 1024):,} MB）を超えるため読み込みを中止しました"
                f"（部品「{part}」まで。圧縮爆弾の疑いがあります）: {self.shown}")


_READ_ERRORS = (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, zlib.error, EOFError, ValueError)


def _measure(archive: zipfile.ZipFile, info: zipfile.ZipInfo, part: str, budget: _Budget) -> int:
    """The real expanded size of a member, inflated chunk by chunk and thrown away, counted against the budget.

    The size in the zip's directory is what the file says, not what it
    holds; only inflating tells. Nothing is kept, so a bomb costs time up to
    the budget, never memory.
    """
    size = 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(CHUNK):
                size += len(chunk)
                budget.spend(len(chunk), part)
    except _READ_ERRORS as exc:
        raise UnreadablePackage(f"ファイル内の部品「{part}」が読めません（{exc}）: {budget.shown}") from exc
    return size


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int, part: str, budget: _Budget) -> bytes:
    """The member's bytes, no more than its measured size."""
    try:
        with archive.open(info) as handle:
            data = handle.read(size + 1)
    except _READ_ERRORS as exc:
        raise UnreadablePackage(f"ファイル内の部品「{part}」が読めません（{exc}）: {budget.shown}") from exc
    if len(data) != size:
        raise UnreadablePackage(f"ファイル内の部品「{part}」が読むたびに変わります: {budget.shown}")
    return data


def _decodings(raw: bytes) -> list[str]:
    """The texts ``raw`` may be (zip names and comments carry no reliable encoding)."""
    texts = []
    for encoding in ("utf-8", "cp932"):
        try:
            texts.append(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not texts:
        texts.append(raw.decode("utf-8", errors="ignore"))
    return texts


def _names(info: zipfile.ZipInfo) -> list[str]:
    """A member's name as a reader of the file may see it: re-decoded, as stored, percent-decoded.

    The first is the name a finding gives.
    """
    names = [info.filename]
    if not info.flag_bits & 0x800 and not info.filename.isascii():
        # Without the UTF-8 flag zipfile decodes as cp437; Japanese zip tools write Shift_JIS or UTF-8.
        try:
            names = _decodings(info.filename.encode("cp437")) + names
        except UnicodeEncodeError:
            pass
    names += [urllib.parse.unquote(n) for n in names if "%" in n]
    return list(dict.fromkeys(names))


def _text_units(part: str, raw: bytes, attribute: str) -> list[Unit]:
    return [u for u in (_unit(part, t, attribute) for t in _decodings(raw)) if u]


def _package_batches(archive: zipfile.ZipFile, prefix: str, depth: int, budget: _Budget) -> Iterator[list[Unit]]:
    """Every unit of one (possibly nested) package, one batch per member name; members that are packages
    are read recursively (a nested package is one batch).

    The first batch holds the names and comments of all members. Every member is measured against the
    budget before any is read; then each is read, turned into units and handed on, so a caller that does
    not keep the batches holds one member at a time. Members sharing a name (a crafted zip) form one
    batch, so the leak check joins their units as one part's.
    """
    infos = archive.infolist()
    budget.members(len(infos))
    head: list[Unit] = []
    if archive.comment:
        head += _text_units(prefix + ZIP_COMMENT, archive.comment, COMMENT_ATTRIBUTE)
    members: dict[str, list[tuple[zipfile.ZipInfo, int]]] = {}
    for info in infos:
        names = _names(info)
        part = prefix + names[0]
        head += [u for u in (_unit(part, n, NAME_ATTRIBUTE) for n in names) if u]
        if info.comment:
            head += _text_units(part, info.comment, COMMENT_ATTRIBUTE)
        if not info.is_dir():
            members.setdefault(part, []).append((info, _measure(archive, info, part, budget)))
    yield head
    for part, group in members.items():
        batch: list[Unit] = []
        for info, size in group:
            streamed = _streamed_xml_units(archive, info, size, part, budget)
            if streamed is None:
                data = _read(archive, info, size, part, budget)
                streamed = _member_units(part, data, depth, budget)
                del data
            batch.extend(dict.fromkeys(streamed))   # each distinct unit once
        yield batch


def _streamed_xml_units(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int, part: str,
                        budget: _Budget) -> list[Unit] | None:
    """The units of a large XML member parsed as it is inflated, chunk by chunk, or None for any member
    that is not plainly XML (small, a package, OLE, UTF-16, or markup that does not parse: those are read
    whole by _member_units, as before). The Word body of a year's report is a few hundred megabytes
    inflated; this way only its units are held, not its bytes too."""
    if size < STREAM_FROM:
        return None
    collector = _Collector()
    parser = _parser(collector)
    seen = 0
    try:
        with archive.open(info) as handle:
            first = handle.read(CHUNK)
            head = first[:200].lstrip(b"\xef\xbb\xbf \r\n\t")
            if not head.startswith(b"<") or ZIP_SIGNATURE in first[:1024] or first.startswith(OLE_SIGNATURE):
                return None
            chunk = first
            while chunk:
                seen += len(chunk)
                if seen > size:
                    break
                parser.Parse(chunk, False)
                chunk = handle.read(CHUNK)
            parser.Parse(b"", True)
    except DefusedXmlException as exc:
        raise UnreadablePackage(f"部品「{part}」に許可されない XML の構文（DTD・実体参照）があります") from exc
    except expat.ExpatError:
        return None            # read whole as loose markup, as _part_units does
    except _READ_ERRORS as exc:
        raise UnreadablePackage(f"ファイル内の部品「{part}」が読めません（{exc}）: {budget.shown}") from exc
    if seen != size:
        raise UnreadablePackage(f"ファイル内の部品「{part}」が読むたびに変わります: {budget.shown}")
    return collector.result(part)


def _package_units(archive: zipfile.ZipFile, prefix: str, depth: int, budget: _Budget) -> list[Unit]:
    """Every unit of one (possibly nested) package (see _package_batches)."""
    return [unit for batch in _package_batches(archive, prefix, depth, budget) for unit in batch]


def _nested_units(part: str, data: bytes, depth: int, budget: _Budget) -> list[Unit] | None:
    """The units of ``data`` read as a package inside the file, or None when it is not one."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _READ_ERRORS:
        return None
    if depth + 1 > MAX_DEPTH:
        raise UnreadablePackage(f"ファイルの中のファイルが深く入れ子になりすぎています（部品「{part}」、"
                                f"上限 {MAX_DEPTH} 段）: {budget.shown}")
    with archive:
        return _package_units(archive, part + "!/", depth + 1, budget)


def _member_units(part: str, data: bytes, depth: int, budget: _Budget) -> list[Unit]:
    """One member: a package (read recursively), an OLE container (its streams), XML or binary text.

    A zip is looked for in the first kilobyte, not only at the start: an
    OLE ``Ole10Native`` stream holds a packaged file after a short header.
    """
    if ZIP_SIGNATURE in data[:1024]:
        nested = _nested_units(part, data, depth, budget)
        if nested is not None:
            return nested
    if data.startswith(OLE_SIGNATURE):
        from desktop.disclosure.ole import streams

        units = list(_loose_units(part, data))     # what the raw container shows, too
        for name, stream in streams(data):
            inner = f"{part}!/{name}"
            budget.spend(len(stream), inner)
            units += [u for u in (_unit(inner, name, NAME_ATTRIBUTE),) if u]
            if depth + 1 > MAX_DEPTH:
                raise UnreadablePackage(f"ファイルの中のファイルが深く入れ子になりすぎています（部品「{inner}」、"
                                        f"上限 {MAX_DEPTH} 段）: {budget.shown}")
            units += _member_units(inner, stream, depth + 1, budget)
        return units
    return _part_units(part, data)


def read_batches(path: Path, *, shown: Path | None = None) -> Iterator[list[Unit]]:
    """All text units of the file at ``path``, batch by batch: every member of a .docx/.xlsx package
    (one batch per member, after one of the members' names), or every CSV cell (one batch).

    ``shown`` is the file as the user knows it, when ``path`` is a temporary
    copy of it (the export checks its temporary file): its name decides the
    format and is the one messages give.
    """
    shown = Path(shown) if shown is not None else Path(path)
    if shown.suffix.lower() == ".csv":
        yield _csv_units(path, shown)
        return
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as exc:
        raise UnreadablePackage(f"ファイルが見つかりません: {shown}") from exc
    except _READ_ERRORS as exc:
        raise UnreadablePackage(f"Word（.docx）または Excel（.xlsx）のファイルとして読めません: {shown}") from exc
    with archive:
        yield from _package_batches(archive, "", 0, _Budget(shown))


def read_units(path: Path, *, shown: Path | None = None) -> list[Unit]:
    """All text units of the file at ``path`` (see read_batches), in one list."""
    return [unit for batch in read_batches(path, shown=shown) for unit in batch]


def _part_units(name: str, data: bytes) -> list[Unit]:
    head = data[:200].lstrip(b"\xef\xbb\xbf \r\n\t")
    if head.startswith(b"<") or (head[:2] in (b"\xff\xfe", b"\xfe\xff")):
        collector = _Collector()
        try:
            _parse(data, collector)
        except DefusedXmlException as exc:
            raise UnreadablePackage(f"部品「{name}」に許可されない XML の構文（DTD・実体参照）があります") from exc
        except expat.ExpatError:
            return list(_loose_units(name, data))
        return collector.result(name)
    return list(_loose_units(name, data))
