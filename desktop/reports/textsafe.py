"""Making arbitrary user text safe for OOXML files (Word and Excel).

Sheets hold what staff pasted from other documents, and that sometimes carries
characters XML 1.0 forbids (C0 controls such as the vertical tab Word uses for
a manual line break, U+FFFE/U+FFFF, lone surrogates from broken clipboards).
python-docx and openpyxl raise on them, which would abort a whole export for
one stray byte. Two treatments, chosen by the kind of file:

* Reports (:func:`printable`): the character is replaced, one for one, so the
  rest of the text is kept and offsets into the text stay valid. Vertical tab
  and form feed become a line break (that is what they meant in Word); every
  other illegal character becomes U+FFFD (the replacement character), so a
  reader sees that something was there instead of silently losing it.
* The fillable form (:func:`excel_escape` / :func:`excel_unescape`): the form
  must give back exactly what was put in, so illegal characters (and ``\\r``,
  which XML parsers fold into ``\\n``) are written with the escape Excel itself
  uses in its files (``_x0001_``), and a literal ``_xHHHH_`` typed by a person
  is protected as ``_x005F_xHHHH_``. Excel and LibreOffice show the escaped
  characters as the characters themselves.

Cell text in Excel must never become a formula: :func:`looks_like_formula`
names the texts spreadsheet programs would evaluate, for writers that cannot
force the cell type (CSV) and for guarding imports.
"""

from __future__ import annotations

import re

# XML 1.0 Char excludes these; surrogates can only appear unpaired in a str.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_AS_LINE_BREAK = {"\x0b", "\x0c"}
REPLACEMENT = "\ufffd"

# Excel's ST_Xstring escape: _xHHHH_ stands for the character U+HHHH.
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff\ud800-\udfff]|_(?=x[0-9A-Fa-f]{4}_)")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Excel refuses more than 32,767 characters in a cell; it counts UTF-16 units.
EXCEL_CELL_LIMIT = 32767

# What must be escaped in element text of XML the writers produce as text (Word body, Excel rows).
_XML_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def has_illegal(text: str) -> bool:
    return _ILLEGAL_XML.search(text) is not None


def printable(text: str | None) -> str:
    """Text that any OOXML writer accepts, the same length as the input."""
    if not text:
        return ""
    if not _ILLEGAL_XML.search(text):
        return text
    return _ILLEGAL_XML.sub(lambda m: "\n" if m.group(0) in _AS_LINE_BREAK else REPLACEMENT, text)


def xml_text(text: str) -> str:
    """``text`` escaped as XML element content (already made printable by the caller)."""
    return text.translate(_XML_TEXT_ESCAPES)


def excel_escape(text: str) -> str:
    """Lossless form of ``text`` for a cell: see the module docstring."""
    if not _NEEDS_ESCAPE.search(text):
        return text
    return _NEEDS_ESCAPE.sub(lambda m: "_x{:04X}_".format(ord(m.group(0))), text)


def excel_unescape(text: str) -> str:
    """Undo :func:`excel_escape` (and Excel's own escapes in files it saved)."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def excel_length(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units: an emoji counts two)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet program would evaluate ``text`` typed into a cell."""
    return bool(text) and text.startswith(FORMULA_PREFIXES)


def csv_guard(text: str) -> str:
    """Text for a CSV cell that Excel opens as text, never as a formula.

    Prefixes an apostrophe (the OWASP advice), which Excel hides. Callers
    write numbers as numbers and the bare "-" (not applicable) as it is, so
    neither is touched: only free text that would be evaluated is.
    """
    if looks_like_formula(text) and text != "-":
        return "'" + text
    return text


def cell_text(text: str | None, *, lossless: bool = False) -> str:
    """Text for an Excel cell: see the module docstring for the two treatments."""
    if not text:
        return ""
    return excel_escape(text if lossless else printable(text))


def header_footer_text(text: str) -> str:
    """Text for an Excel page header or footer, where "&" starts a code."""
    return printable(text).replace("&", "&&").replace("\n", " ")
