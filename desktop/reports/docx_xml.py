"""WordprocessingML written as text: runs, paragraphs, tables, fields, bookmarks.

The Word report is large (a thousand sheets are about a million elements).
Creating each element through lxml/python-docx costs about 3 µs; writing the
markup as strings and parsing the finished body once is several times
faster, and the same functions keep the markup in one place. Every text goes
through textsafe.printable and is escaped here; attribute values are ours.

Element order inside w:rPr, w:pPr, w:tcPr and w:trPr follows the schema
(Word rejects a document whose children are out of order).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.reports.textsafe import printable, xml_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

def escape(text: str) -> str:
    return xml_text(printable(text))


def run(text: str, *, bold: bool = False, size: int | None = None, color: str | None = None,
        fill: str | None = None, font: str | None = None, style: str | None = None) -> str:
    """A run; tabs become w:tab (line breaks are the caller's paragraphs)."""
    props = []
    if style:
        props.append(f'<w:rStyle w:val="{style}"/>')
    if font:
        props.append(f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}"/>')
    if bold:
        props.append("<w:b/>")
    if color:
        props.append(f'<w:color w:val="{color}"/>')
    if size:
        props.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    if fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    pieces = escape(text).split("\t")
    body = "<w:tab/>".join(f'<w:t xml:space="preserve">{p}</w:t>' if p else "" for p in pieces)
    return f"<w:r>{rpr}{body}</w:r>"


def paragraph(content: str = "", style: str | None = None, *, jc: str | None = None, page_break: bool = False,
              keep_next: bool = False, before: int | None = None, after: int | None = None) -> str:
    props = []
    if style:
        props.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        props.append("<w:keepNext/>")
    if page_break:
        props.append("<w:pageBreakBefore/>")
    if before is not None or after is not None:
        b = f' w:before="{before}"' if before is not None else ""
        a = f' w:after="{after}"' if after is not None else ""
        props.append(f"<w:spacing{b}{a}/>")
    if jc:
        props.append(f'<w:jc w:val="{jc}"/>')
    ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{content}</w:p>"


def field_start(instruction: str, *, dirty: bool = False) -> str:
    flag = ' w:dirty="true"' if dirty else ""
    return (f'<w:r><w:fldChar w:fldCharType="begin"{flag}/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')


def field_end() -> str:
    return '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def field(instruction: str, result: str = "", **run_props) -> str:
    """A complex field (PAGE, TOC, ...) with the result shown until it is updated."""
    return field_start(instruction) + (run(result, **run_props) if result else "") + field_end()


def bookmark(number: int, name: str, content: str) -> str:
    return f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>{content}<w:bookmarkEnd w:id="{number}"/>'


def hyperlink(anchor: str, content: str) -> str:
    return f'<w:hyperlink w:anchor="{anchor}" w:history="1">{content}</w:hyperlink>'


def footnote_reference(number: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'


@dataclass
class Cell:
    """A table cell: its paragraphs' markup, shading and how many grid columns it spans."""

    paragraphs: str
    fill: str | None = None
    span: int = 1


_NO_BORDERS = ("<w:tblBorders>" + "".join(f'<w:{side} w:val="nil"/>' for side in
                                    ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>")


def table(widths: Sequence[int], rows: Sequence[Sequence[Cell]], *, header_rows: int = 1,
          borders: bool = True) -> str:
    """A fixed-layout table (bordered unless told); rows do not split across pages, header rows repeat."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    lines = "" if borders else _NO_BORDERS
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>{lines}'
           '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/>'
           '<w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
           f'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for r, cells in enumerate(rows):
        header = "<w:tblHeader/>" if r < header_rows else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        column = 0
        for cell in cells:
            width = sum(widths[column:column + cell.span])
            column += cell.span
            span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
            shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>' if cell.fill else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{shade}</w:tcPr>'
                       f'{cell.paragraphs or paragraph()}</w:tc>')
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def inline_picture(rel_id: str, shape_id: int, name: str, cx: int, cy: int, description: str = "") -> str:
    """A run holding an inline picture (size in EMU) whose image part is ``rel_id``.

    The DrawingML namespaces are declared on the elements themselves, since
    the document root written by python-docx need not declare them.
    """
    ext = f'cx="{cx}" cy="{cy}"'
    name, description = (escape(t).replace('"', "&quot;") for t in (name, description))
    return (f'<w:r><w:drawing><wp:inline xmlns:wp="{_WP}" distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent {ext}/><wp:docPr id="{shape_id}" name="{name}" descr="{description}"/>'
            f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{_A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
            f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}"><pic:pic xmlns:pic="{_PIC}">'
            f'<pic:nvPicPr><pic:cNvPr id="0" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext {ext}/></a:xfrm>'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
            f'</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def inline_chart(rel_id: str, shape_id: int, name: str, cx: int, cy: int, description: str = "") -> str:
    """A run holding an inline chart (size in EMU) whose chart part is ``rel_id``."""
    name, description = (escape(t).replace('"', "&quot;") for t in (name, description))
    return (f'<w:r><w:drawing><wp:inline xmlns:wp="{_WP}" distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{shape_id}" name="{name}" descr="{description}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_C}">'
            f'<c:chart xmlns:c="{_C}" r:id="{rel_id}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
