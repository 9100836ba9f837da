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
- Parts that are not well-formed XML (legacy VML) are read as markup with
  the tags removed; binary parts as whatever UTF-8 or UTF-16 text they hold.

XML is parsed under defusedxml's rules (no entity declarations, no external
references), and the zip is refused when it has too many members or expands
too far.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

from defusedxml.common import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 512 * 1024 * 1024      # 512 MiB uncompressed
MAX_RATIO = 200                          # uncompressed / compressed, per member

# Elements whose whole text is one unit: paragraphs of Word and DrawingML,
# shared strings, cells with inline strings or values, comment bodies.
UNIT_TAGS = frozenset({"p", "si", "c", "text", "comment"})
# Elements standing for white space inside a unit.
SPACE_TAGS = frozenset({"tab", "br", "cr", "ptab"})

# Attributes that carry words (sheet and defined names, alt texts, tool tips,
# validation prompts); others hold codes, sizes and ids.
NAMING_ATTRIBUTES = frozenset({"name", "title", "descr", "tooltip", "caption", "display", "prompt", "error",
                               "promptTitle", "errorTitle", "author", "initials", "uniqueName"})

_WHITESPACE = re.compile(r"\s+")
_TAGS = re.compile(r"<[^>]*>")


class UnreadablePackage(Exception):
    """The file is not a readable .docx/.xlsx package; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Unit:
    part: str          # the zip member, e.g. word/footnotes.xml
    text: str          # normalised line by line (NFKC, white space removed), lines joined by "\n"
    lines: tuple[str, ...]   # the same, per line of the original
    attribute: str = ""      # the attribute's local name when the unit is an attribute value

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
        self.texts: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()   # (qualified name, value)
        self._local: dict[str, str] = {}

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

    def start(self, name: str, attrs: dict) -> None:
        local = self._local.get(name) or self.local(name)
        if attrs:
            self.attributes.update(attrs.items())    # qualified names; made local once, in result()
        if self.open:
            if local in SPACE_TAGS:
                self.open[-1].append("\n" if local in ("br", "cr") else " ")
        else:
            self._flush()
        if local in UNIT_TAGS:
            self.open.append([])

    def end(self, name: str) -> None:
        if (self._local.get(name) or self.local(name)) in UNIT_TAGS and self.open:
            self.units.append("".join(self.open.pop()))
        elif not self.open:
            self._flush()

    def characters(self, content: str) -> None:
        (self.open[-1] if self.open else self.loose).append(content)

    def result(self, part: str) -> list[Unit]:
        self._flush()
        units = [_unit(part, text) for text in dict.fromkeys(self.units)]
        units += [_unit(part, text) for text in self.texts]
        units += [_unit(part, value, self.local(key) or "?") for key, value in self.attributes]
        return [u for u in units if u]        # read_units keeps each distinct unit once


def _parse(data: bytes, collector: _Collector) -> None:
    """Parse with expat under defusedxml's rules: no entity declarations, no external references.

    defusedxml's own parsers wrap expat in SAX or a tree, which costs more
    than the parsing; its guards are applied here to a bare expat parser.
    """
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
    parser.Parse(data, True)


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


def _csv_units(path: Path) -> list[Unit]:
    """A CSV report (UTF-8 with BOM, or Shift_JIS as Excel saves it): each cell is one unit."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadablePackage(f"ファイルが読めません: {path}（{exc}）") from exc
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadablePackage(f"CSV ファイルの文字コードが UTF-8 でも Shift_JIS でもありません: {path}")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise UnreadablePackage(f"CSV ファイルとして読めません: {path}（{exc}）") from exc
    return list(dict.fromkeys(u for row in rows for u in (_unit(path.name, cell) for cell in row) if u))


def read_units(path: Path) -> list[Unit]:
    """All text units of the file at ``path``: every member of a .docx/.xlsx package, or every CSV cell."""
    if path.suffix.lower() == ".csv":
        return _csv_units(path)
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as exc:
        raise UnreadablePackage(f"ファイルが見つかりません: {path}") from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadablePackage(f"Word（.docx）または Excel（.xlsx）のファイルとして読めません: {path}") from exc
    units: list[Unit] = []
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UnreadablePackage(f"ファイル内の部品が多すぎます（{len(infos)} 個）: {path}")
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise UnreadablePackage(f"展開後の大きさが上限を超えます: {path}")
        for info in infos:
            if info.is_dir():
                continue
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1 << 20:
                raise UnreadablePackage(f"圧縮率が異常な部品があります（{info.filename}）: {path}")
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
                raise UnreadablePackage(f"ファイル内の部品「{info.filename}」が読めません: {exc}") from exc
            units.extend(dict.fromkeys(_part_units(info.filename, data)))   # each distinct unit once
    return units


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
