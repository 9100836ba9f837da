"""Real Word footnotes for python-docx, which has no footnote API (python-docx #1).

A footnote needs four things in the package, and Word or LibreOffice drop or
"repair" the document when one is missing:

1. the part ``/word/footnotes.xml`` holding the separator (id -1), the
   continuation separator (id 0) and one ``w:footnote`` per note;
2. a relationship of type ``footnotes`` from the document part to it (the
   ``[Content_Types].xml`` override is written by python-docx from the
   part's content type);
3. the styles ``FootnoteText`` and ``FootnoteReference`` (superscript, printed at 8 pt);
4. in the body, a run ``<w:footnoteReference w:id="n"/>`` where the mark
   stands (docx_xml.footnote_reference), and ``w:footnotePr`` in the
   settings naming the separators.

Word numbers footnotes by their order in the document, not by id; the report
model numbers them in document order too, so both agree.
"""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from lxml import etree

from desktop.reports.textsafe import printable

_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)

_STYLES = (
    '<w:style {ns} w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
    '<w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/><w:uiPriority w:val="99"/>'
    '<w:unhideWhenUsed/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/><w:ind w:left="210" w:hangingChars="100" w:hanging="210"/></w:pPr>'
    '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>',
    '<w:style {ns} w:type="character" w:customStyle="1" w:styleId="FootnoteTextChar">'
    '<w:name w:val="脚注文字列 (文字)"/><w:basedOn w:val="DefaultParagraphFont"/><w:link w:val="FootnoteText"/>'
    '<w:uiPriority w:val="99"/><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>',
    '<w:style {ns} w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
    '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
    # A superscript prints at about 60 % of its size (Word: 2/3, LibreOffice: 58 %); at 14 pt the
    # note number comes out at 8 pt or more, the smallest size the report prints.
    '<w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
)

# The end of w:settings' schema sequence: Word rejects children out of this order.
_SETTINGS_TAIL = ("updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                  "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                  "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
                  "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def insert_in_settings(settings: etree._Element, element: etree._Element) -> None:
    """Insert a settings child (one of _SETTINGS_TAIL) before the first element that must follow it."""
    rank = _SETTINGS_TAIL.index(etree.QName(element).localname)
    for child in settings:
        name = etree.QName(child).localname
        if name in _SETTINGS_TAIL and _SETTINGS_TAIL.index(name) > rank:
            child.addprevious(element)
            return
    settings.append(element)


class Footnotes:
    """Collects footnotes while the body is written; :meth:`attach` adds the part."""

    def __init__(self) -> None:
        self.root = parse_xml(f'<w:footnotes {nsdecls("w", "r")}>{_SEPARATORS}</w:footnotes>')
        self.count = 0

    def add(self, number: int, text: str) -> None:
        note = etree.SubElement(self.root, qn("w:footnote"))
        note.set(qn("w:id"), str(number))
        p = etree.SubElement(note, qn("w:p"))
        ppr = etree.SubElement(p, qn("w:pPr"))
        etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), "FootnoteText")
        ref = etree.SubElement(p, qn("w:r"))
        etree.SubElement(etree.SubElement(ref, qn("w:rPr")), qn("w:rStyle")).set(qn("w:val"), "FootnoteReference")
        etree.SubElement(ref, qn("w:footnoteRef"))
        run = etree.SubElement(p, qn("w:r"))
        t = etree.SubElement(run, qn("w:t"))
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = " " + printable(text)
        self.count += 1

    def attach(self, document) -> None:
        """Add the part, its relationship, the styles and the settings to ``document``."""
        package = document.part.package
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, self.root, package)
        document.part.relate_to(part, RT.FOOTNOTES)
        styles = document.styles.element
        present = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
        for xml in _STYLES:
            style = parse_xml(xml.format(ns=nsdecls("w")))
            if style.get(qn("w:styleId")) not in present:
                styles.append(style)
        settings = document.settings.element
        if settings.find(qn("w:footnotePr")) is None:
            pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
                           '</w:footnotePr>')
            insert_in_settings(settings, pr)
