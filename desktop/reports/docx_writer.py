"""The Word report: a document a ministry would send out, built from the report model.

Layout follows Japanese government papers: A4 portrait, 明朝 body at 10.5 pt
and ゴシック headings (set as East Asian fonts on docDefaults and on every
style, since python-docx's ``Font.name`` sets only the Latin slots), a cover,
a table of contents field that Word fills on opening, one part per sheet with
the survey's fields as a two-column table and the KPIs as a table, citations
as real footnotes, the report's tables from summary.py (集計表 after the 目次,
each measure's 実績の推移 under its KPI table, 別表 KPI一覧 after the body),
the marking (公開版 / 内部資料) in every page header and the page number in
the footer.

The body is written as WordprocessingML text (docx_xml) and parsed once,
rather than built through python-docx's proxies: tables are written whole
(python-docx's ``cell(r, c)`` is quadratic, #1209) and a thousand sheets take
about a second. python-docx provides the package, styles, sections, headers
and footers, and the footnotes part is added by docx_footnotes. From the
first section on, the body text goes to a temporary file as it is written
(zip_parts.Spill) and is streamed into word/document.xml at the save, so a
year of 6,000 sheets does not hold its body (hundreds of megabytes as text)
in memory, let alone the three copies joining and splicing it made.
"""

from __future__ import annotations

import copy
import math
import uuid
from datetime import datetime, timezone
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import nsdecls, qn
from docx.opc.packuri import PackURI
from docx.oxml.parser import parse_xml
from docx.shared import Mm, Twips
from lxml import etree

from desktop.disclosure.leakcheck import SHEET_BOOKMARK_PREFIX
from desktop.reports import docx_xml as x
from desktop.reports.atomic import Verify, atomic_path, write_guard
from desktop.reports.docx_footnotes import Footnotes, insert_in_settings
from desktop.reports.errors import ReportCancelled
from desktop.reports import docx_fit as fit
from desktop.reports import kpi_chart
from desktop.reports import summary as tables
from desktop.reports.kpi_chart import has_chart
from desktop.reports.model import (
    APPENDIX_PREFIX,
    GRID_RATE_NOTE,
    KPI_HEADERS,
    KPI_PROGRESS_HEADERS,
    LABEL_BUREAU,
    LABEL_CONTACT,
    LABEL_CONTENT,
    LABEL_FIELD,
    LABEL_KPI_GRID,
    LABEL_KPI_LIST,
    LABEL_MEASURE_NUMBER,
    LABEL_MINISTRY,
    LABEL_PERSON,
    LABEL_STATUS,
    LABEL_SUMMARY,
    LABEL_YEAR,
    NONPUBLIC_START,
    SUMMARY_CAPTION,
    SUMMARY_INTRO,
    SUMMARY_WITHHELD_NOTE,
    Audience,
    Chapter,
    FieldBlock,
    KpiRow,
    Paragraph,
    Report,
    RunKind,
    Section,
)
from desktop.reports.textsafe import printable
from desktop.reports.zip_parts import Spill, stream_parts
from desktop.survey.wareki import format_fiscal_year

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

BODY_FONT = "游明朝"
HEADING_FONT = "游ゴシック"
BODY_SIZE = 21          # half-points: 10.5 pt
TABLE_SIZE = 19         # 9.5 pt in the field table
KPI_SIZE = 16           # 8 pt in the nine-column KPI table

# A4 portrait with the margins Word uses for Japanese documents (上35・下30・左右30 mm
# would leave 150 mm; 25 mm sides give the KPI table room for seven columns).
PAGE_WIDTH, PAGE_HEIGHT = Twips(11906), Twips(16838)   # A4, as Word writes it
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_SIDE = Mm(30), Mm(25), Mm(25)
TEXT_WIDTH_TWIPS = int((210 - 2 * 25) / 25.4 * 1440)

LABEL_WIDTH_TWIPS = int(TEXT_WIDTH_TWIPS * 0.24)
KPI_SHARES = (0.13, 0.17, 0.055, 0.13, 0.13, 0.1, 0.1, 0.1, 0.085)   # KPI_HEADERS + KPI_PROGRESS_HEADERS
EMU_PER_TWIP = 635
# One chart spans the text width; two or more stand two to a row (a KPI table with four charts
# and its table fit one page), each with its caption in the same cell so the two never part.
CHART_WIDE = (TEXT_WIDTH_TWIPS * EMU_PER_TWIP, 2160000)           # 16 cm x 6 cm
CHART_CELL_TWIPS = TEXT_WIDTH_TWIPS // 2
CHART_HALF = ((CHART_CELL_TWIPS - 2 * 85) * EMU_PER_TWIP, 1800000)  # 7.9 cm x 5 cm
# Lower heights a chart may take to fit under its table on the same page (docx_fit estimates the room).
CHART_WIDE_HEIGHTS = (2160000, 1800000, 1512000, 1296000)         # 6, 5, 4.2, 3.6 cm
CHART_HALF_HEIGHTS = (1800000, 1584000, 1404000)                  # 5, 4.4, 3.9 cm
BODY_HEIGHT_TWIPS = 16838 - int(30 / 25.4 * 1440) - int(25 / 25.4 * 1440)   # A4 less the top and bottom margins

# The report's tables (summary.py): the list of all KPIs and a measure's grid of actuals by year.
KPI_LIST_SHARES = (0.055, 0.15, 0.075, 0.165, 0.06, 0.095, 0.1, 0.08, 0.1, 0.12)
GRID_YEARS = 6                      # year columns per grid table; more years continue in another table
SUMMARY_MARK, KPI_LIST_MARK = "_Toc9000000001", "_Toc9000000002"

HEADER_FILL = "D9E2F3"
LABEL_FILL = "F2F2F2"
NONPUBLIC_FILL = "D9D9D9"
MARK_COLOR = "C00000"

# docProps/app.xml: who wrote the file, nothing the template's copy claimed (page and word counts
# are left to Word, which computes them on saving).
APP_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<Application>施策デスク</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
    '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>'
    '</Properties>').encode("utf-8")

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


# --------------------------------------------------------------------------
# The document.


class _Charts:
    """The report's chart parts (word/charts/chartN.xml), one per chart, added in constant time.

    python-docx's ``relate_to`` scans every relationship of the part for a
    match and for a free id, which is quadratic over a thousand charts; the
    ids are counted here instead.
    """

    def __init__(self, doc) -> None:
        self.part = doc.part
        self.package = doc.part.package
        self.count = 0
        self.next_rid = 1      # first number to try; others (headers, footnotes) take ids in between

    def add(self, xml: str) -> str:
        """The relationship id, from the document part, of a new chart part holding ``xml``."""
        self.count += 1
        part = Part(PackURI(f"/word/charts/chart{self.count}.xml"), kpi_chart.CONTENT_TYPE, xml.encode("utf-8"),
                    self.package)
        while f"rId{self.next_rid}" in self.part.rels:
            self.next_rid += 1
        rel_id = f"rId{self.next_rid}"
        self.part.rels.add_relationship(RT.CHART, part, rel_id)
        self.next_rid += 1
        return rel_id


class _Writer:
    def __init__(self, report: Report, charts: bool = True) -> None:
        self.report = report
        self.charts = charts
        self.doc = docx.Document()
        self.end = self.doc.element.body.find(qn("w:sectPr"))
        # The cover, 目次 and summary stay in ``head`` (the 目次's end is edited at the save); from the
        # first section on, ``parts`` is ``body``, spilled to a temporary file as it is written.
        self.head: list[str] = []
        self.body = Spill()
        self.parts: list[str] | Spill = self.head
        self.notes = Footnotes()
        self.fields_width = (LABEL_WIDTH_TWIPS, TEXT_WIDTH_TWIPS - LABEL_WIDTH_TWIPS)
        kpi = [int(TEXT_WIDTH_TWIPS * s) for s in KPI_SHARES]
        kpi[-1] += TEXT_WIDTH_TWIPS - sum(kpi)
        self.kpi_width = tuple(kpi)
        self.pictures = 0
        self.chart_parts = _Charts(self.doc)
        self.first_heading = True
        self.toc_end = -1          # index in parts of the paragraph that ends the cover section

    # --- set-up --------------------------------------------------------------

    def setup(self) -> None:
        self._styles()
        self._page()
        self._settings()
        self._properties()

    def _styles(self) -> None:
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _set_fonts(rpr, BODY_FONT)
        rpr.find(qn("w:lang")).attrib.update({qn("w:val"): "en-US", qn("w:eastAsia"): "ja-JP"})
        _set_size(rpr, BODY_SIZE)
        ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        ppr.find(qn("w:spacing")).attrib.update({qn("w:after"): "0", qn("w:line"): "300"})
        for style in styles.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id == "Normal":
                style.append(parse_xml(f'<w:pPr {nsdecls("w")}><w:jc w:val="both"/></w:pPr>'))
                _style_fonts(style, BODY_FONT, BODY_SIZE)
            elif style_id in ("Heading1", "Heading2", "Heading3", "Title", "Subtitle", "TOCHeading"):
                size = {"Heading1": 28, "Heading2": 24, "Heading3": 22, "Title": 40, "Subtitle": 28,
                        "TOCHeading": 28}[style_id]
                _style_fonts(style, HEADING_FONT, size, color="000000")
                pbdr = style.find(qn("w:pPr")).find(qn("w:pBdr"))
                if pbdr is not None:
                    pbdr.getparent().remove(pbdr)
        styles.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="TableText">'
            '<w:name w:val="表内文字"/><w:basedOn w:val="Normal"/><w:qFormat/>'
            '<w:pPr><w:spacing w:after="0" w:line="260" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr>'
            f'<w:rPr><w:sz w:val="{TABLE_SIZE}"/><w:szCs w:val="{TABLE_SIZE}"/></w:rPr></w:style>'))
        styles.append(parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="Caption2">'
            '<w:name w:val="表題"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            '<w:pPr><w:keepNext/><w:spacing w:before="200" w:after="60"/></w:pPr>'
            f'<w:rPr><w:rFonts w:ascii="{HEADING_FONT}" w:hAnsi="{HEADING_FONT}" w:eastAsia="{HEADING_FONT}"/>'
            '<w:b/></w:rPr></w:style>'))
        for level in (1, 2):
            styles.append(parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="TOC{level}">'
                f'<w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
                '<w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
                f'<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH_TWIPS}"/></w:tabs>'
                f'<w:spacing w:after="60"/><w:ind w:left="{(level - 1) * 420}"/></w:pPr></w:style>'))

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin = section.right_margin = MARGIN_SIDE
        section.header_distance = section.footer_distance = Mm(12)
        section.different_first_page_header_footer = True
        marking = self.report.marking
        color = MARK_COLOR if self.report.audience is Audience.INTERNAL else None
        for header, with_title in ((section.header, True), (section.first_page_header, False)):
            tabs = ('<w:pPr><w:pStyle w:val="Header"/><w:tabs><w:tab w:val="clear" w:pos="4680"/>'
                    f'<w:tab w:val="clear" w:pos="9360"/><w:tab w:val="right" w:pos="{TEXT_WIDTH_TWIPS}"/>'
                    '</w:tabs></w:pPr>')
            title = x.run(self.report.title, size=16) if with_title else ""
            mark = x.run(f"【{marking}】", bold=True, font=HEADING_FONT, size=22, color=color)
            _replace_paragraph(header.paragraphs[0]._p, f"<w:p>{tabs}{title}{x.run(chr(9))}{mark}</w:p>")
        footer = x.paragraph(x.run("- ") + x.field("PAGE", "1") + x.run(" -"), "Footer", jc="center")
        _replace_paragraph(section.footer.paragraphs[0]._p, footer)
        # No line grid: 游明朝 at 10.5 pt is taller than Word's 18 pt grid line, so
        # every line would snap to two grid lines and text would look double-spaced.
        grid = self.end.find(qn("w:docGrid"))
        if grid is not None:
            grid.attrib.clear()
            grid.set(qn("w:linePitch"), "360")

    def _settings(self) -> None:
        settings = self.doc.settings.element
        insert_in_settings(settings, parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))
        zoom = settings.find(qn("w:zoom"))
        if zoom is not None:   # the template's <w:zoom w:val="bestFit"/> lacks the percent the schema requires
            zoom.set(qn("w:percent"), "100")
        # The current compatibility mode (Word 2013 and later): the template's 14 opened in [互換モード].
        for setting in settings.iter(qn("w:compatSetting")):
            if setting.get(qn("w:name")) == "compatibilityMode":
                setting.set(qn("w:val"), "15")
        lang = settings.find(qn("w:themeFontLang"))
        if lang is not None:
            lang.set(qn("w:val"), "ja-JP")

    def _properties(self) -> None:
        props = self.doc.core_properties
        props.title = printable(self.report.title)
        props.subject = self.report.marking
        props.author = "施策デスク"
        props.last_modified_by = "施策デスク"
        props.comments = ""
        props.keywords = ""
        props.category = self.report.marking
        props.revision = 1
        # The export time, not python-docx's template date (2013-12-23), in Word's File > Info.
        now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
        props.created = props.modified = now
        package = self.doc.part.package
        for rid, rel in list(package.rels.items()):
            if rel.reltype == RT.THUMBNAIL:  # the template's preview picture
                package.rels.pop(rid)
            elif rel.reltype == RT.EXTENDED_PROPERTIES:
                # The template's app.xml says "Microsoft Macintosh Word", AppVersion 14 and 1 page.
                rel.target_part._blob = APP_PROPERTIES
        for rid, rel in list(self.doc.part.rels.items()):
            # The template's stylesWithEffects (Word 2010) no longer matches styles.xml, and its
            # customXml item (an empty bibliography list) is nothing of ours: leave both out.
            if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
                self.doc.part.rels.pop(rid)

    # --- content -------------------------------------------------------------

    def _toc_names(self) -> None:
        """Bookmark names of every heading, known before the body is written."""
        self.chapter_marks = {c.number: f"_Toc{c.number:04d}0000" for c in self.report.chapters}
        self.section_marks = {s.ordinal: f"_Toc{s.ordinal:08d}" for s in self.report.sections}

    def cover(self) -> None:
        r = self.report
        self._toc_names()
        out = self.parts
        out.append(x.paragraph(x.run(r.title), "Title", jc="center", before=2400, after=600))
        for text in (r.fiscal_year_label, r.ministry_label):
            if text:
                out.append(x.paragraph(x.run(text, size=28, font=HEADING_FONT), jc="center", after=240))
        if r.as_of_label:
            out.append(x.paragraph(x.run(r.as_of_label, size=24), jc="center", before=1200, after=240))
        out.append(x.paragraph(x.run(f"作成日　{r.created_label}", size=24), jc="center",
                               before=0 if r.as_of_label else 1200, after=240))
        color = MARK_COLOR if r.audience is Audience.INTERNAL else None
        out.append(x.paragraph(x.run(f"【{r.marking}】", bold=True, font=HEADING_FONT, size=36, color=color),
                               jc="center", before=1200))
        if r.audience is Audience.INTERNAL:
            note = f"非公開部分を含みます。網掛けと{NONPUBLIC_START}の箇所は公表しないでください。"
        else:
            note = f"非公開とされた部分は「{r.placeholder}」と表示しています。"
        out.append(x.paragraph(x.run(note, size=20), jc="center", before=240))
        out.append(x.paragraph(x.run(r.issuer, size=22), jc="center", before=2400))
        out.append(x.paragraph(x.run("目次"), "TOCHeading", page_break=True))
        self._toc()
        self.summary()

    def _toc(self) -> None:
        """A TOC field whose cached result already lists the headings (linked to their bookmarks).

        Word rebuilds it with page numbers on opening (updateFields, dirty).
        LibreOffice shows the cached result as it is, so the cached entries
        carry no page numbers rather than wrong ones.
        """
        instruction = 'TOC \\o "1-2" \\h \\z \\u'
        entries = [(1, LABEL_SUMMARY, SUMMARY_MARK)]
        for chapter in self.report.chapters:
            entries.append((1, f"第{chapter.number}　{chapter.heading}", self.chapter_marks[chapter.number]))
            entries.extend((2, f"{s.number}　{s.heading}", self.section_marks[s.ordinal]) for s in chapter.sections)
        if tables.kpi_list(self.report):
            entries.append((1, f"{APPENDIX_PREFIX}　{LABEL_KPI_LIST}", KPI_LIST_MARK))
        if not entries:
            self.toc_end = len(self.parts)
            self.parts.append(x.paragraph(x.field(instruction, "（見出しがありません）")))
            return
        for i, (level, text, mark) in enumerate(entries):
            start = x.field_start(instruction, dirty=True) if i == 0 else ""
            self.parts.append(x.paragraph(start + x.hyperlink(mark, x.run(text)), f"TOC{level}"))
        self.toc_end = len(self.parts)
        self.parts.append(x.paragraph(x.field_end()))

    def section(self, section: Section, first_in_chapter: bool, chapter: Chapter | None) -> None:
        out = self.parts
        # The body's section starts on a new page: its first heading needs no page break of its own.
        first, self.first_heading = self.first_heading, False
        if chapter is not None:
            title = x.run(f"第{chapter.number}　{chapter.heading}")
            out.append(x.paragraph(x.bookmark(100000 + chapter.number, self.chapter_marks[chapter.number], title),
                                   "Heading1", page_break=not first))
        title = x.run(f"{section.number}　{section.heading}")
        if section.sheet_id is not None:
            # Names the sheet the section prints, so the leak check can say which sheet a passage is in.
            title = x.bookmark(200000 + section.ordinal, f"{SHEET_BOOKMARK_PREFIX}{section.sheet_id}", title)
        out.append(x.paragraph(x.bookmark(section.ordinal, self.section_marks[section.ordinal], title), "Heading2",
                               page_break=not first_in_chapter and not first, keep_next=True))
        self._meta(section)
        self._fields(section.fields)
        if section.review:
            self._review(section)
        if section.kpis:
            out.append(x.paragraph(x.run(f"{self.report.kpi_field_label}（KPI一覧）"), "Caption2"))
            charted = [r for r in section.kpis if not r.withheld and has_chart(r.series)] if self.charts else []
            self._kpis(section.kpis, keep_with_next=bool(charted))
            self._charts(charted, self._room_for_charts(section, chapter is not None))
            self._grid(section)   # after the charts: the KPI table and its charts are kept together
        for note in section.footnotes:
            self.notes.add(note.number, note.text)

    def _meta(self, s: Section) -> None:
        """Who and when, as a small table above the fields (empty pairs left out)."""
        pairs = [(LABEL_YEAR, s.fiscal_year_label), (LABEL_STATUS, s.status), (LABEL_MINISTRY, s.ministry),
                 (LABEL_BUREAU, s.bureau), (LABEL_PERSON, s.person), (LABEL_CONTACT, s.contact)]
        pairs = [(k, v) for k, v in pairs if v]
        rows = [pairs[i:i + 2] for i in range(0, len(pairs), 2)]
        if s.areas:
            rows.append([(self.report.areas_label, s.areas)])
        label = int(TEXT_WIDTH_TWIPS * 0.17)
        value = (TEXT_WIDTH_TWIPS - LABEL_WIDTH_TWIPS - label) // 2
        widths = (LABEL_WIDTH_TWIPS, value, label, TEXT_WIDTH_TWIPS - LABEL_WIDTH_TWIPS - label - value)
        table_rows = []
        for pairs_of_row in rows:
            cells = []
            for label_text, value_text in pairs_of_row:
                cells.append(x.Cell(_cell_text(label_text, size=TABLE_SIZE, bold=True, gothic=True, keep_next=True),
                                    LABEL_FILL))
                cells.append(x.Cell(_cell_text(value_text, size=TABLE_SIZE, keep_next=True),
                                    span=3 if len(pairs_of_row) == 1 else 1))
            table_rows.append(cells)
        self.parts.append(x.table(widths, table_rows, header_rows=0))
        # Two tables in a row would merge into one: a paragraph keeps them apart.
        self.parts.append(x.paragraph(keep_next=True))

    def _review(self, section: Section) -> None:
        """Internal output only: the secretariat's evaluation and the comments on the sheet."""
        self.parts.append(x.paragraph(x.run("点検・評価とコメント（内部資料）"), "Caption2"))
        rows = [[x.Cell(_cell_text(t, size=TABLE_SIZE, bold=True, gothic=True, jc="center"), HEADER_FILL)
                 for t in ("区分", "箇所", "内容", "記入者・日時")]]
        for note in section.review:
            state = "（解決済）" if note.resolved else ""
            rows.append([x.Cell(_cell_text(note.kind + state, size=TABLE_SIZE)),
                         x.Cell(_cell_text(note.where, size=TABLE_SIZE)),
                         x.Cell(_cell_text(note.text, size=TABLE_SIZE)),
                         x.Cell(_cell_text(f"{note.author}　{note.at}".strip(), size=TABLE_SIZE))])
        a = int(TEXT_WIDTH_TWIPS * 0.14)
        b = int(TEXT_WIDTH_TWIPS * 0.22)
        d = int(TEXT_WIDTH_TWIPS * 0.2)
        self.parts.append(x.table((a, b, TEXT_WIDTH_TWIPS - a - b - d, d), rows))
        self.parts.append(x.paragraph(keep_next=True))

    def _fields(self, fields: Sequence[FieldBlock]) -> None:
        rows = [[x.Cell(_cell_text(t, size=TABLE_SIZE, bold=True, gothic=True, jc="center"), HEADER_FILL)
                 for t in (LABEL_FIELD, LABEL_CONTENT)]]
        for block in fields:
            label = _cell_text(block.label, size=TABLE_SIZE, bold=True, gothic=True,
                               prefix=NONPUBLIC_START if block.nonpublic else "")
            rows.append([x.Cell(label, LABEL_FILL), x.Cell(_rich(block.paragraphs))])
        self.parts.append(x.table(self.fields_width, rows))

    def _kpis(self, rows: Sequence[KpiRow], keep_with_next: bool = False) -> None:
        """The KPI table, kept on one page with its caption when it fits (keepNext on all but the last row).

        With charts under it, the last row is kept with the next paragraph too: the table and its
        charts then move to a new page together, so no page holds a chart without its table.
        """
        table_rows = [[x.Cell(_cell_text(t.replace("（", "\n（"), size=KPI_SIZE, bold=True, gothic=True, jc="center",
                                         keep_next=True), HEADER_FILL) for t in KPI_HEADERS + KPI_PROGRESS_HEADERS]]
        for n, row in enumerate(rows, start=1):
            fill = NONPUBLIC_FILL if row.nonpublic else None
            keep = keep_with_next or n < len(rows)
            if not row.has_kpi:  # an item without KPI: its planned consideration spans the KPI columns
                table_rows.append([x.Cell(_cell_text(row.item, size=KPI_SIZE, keep_next=keep), fill),
                                   x.Cell(_cell_text(row.indicator, size=KPI_SIZE, keep_next=keep), fill,
                                          span=len(KPI_HEADERS) + len(KPI_PROGRESS_HEADERS) - 1)])
                continue
            table_rows.append([
                x.Cell(_cell_text(text, size=KPI_SIZE, prefix=NONPUBLIC_START if row.nonpublic and i == 1 else "",
                                  jc="center" if i >= 2 else None, keep_next=keep), fill)
                for i, text in enumerate(row.cells + (row.rate, row.progress))])
        self.parts.append(x.table(self.kpi_width, table_rows))

    def _room_for_charts(self, section: Section, with_chapter: bool) -> float:
        """Twips estimated to be left (docx_fit) on the page where the charts of ``section`` would start."""
        used = fit.line_height(28, 300) + 480 if with_chapter else 0.0
        used += fit.lines(section.heading, TEXT_WIDTH_TWIPS, 24) * fit.line_height(24, 300) + 260
        meta = [v for v in (section.fiscal_year_label, section.status, section.ministry, section.bureau,
                            section.person, section.contact) if v]
        used += math.ceil(len(meta) / 2) * fit.row_height([("", 0)], TABLE_SIZE, 260)
        if section.areas:
            used += fit.row_height([(section.areas, TEXT_WIDTH_TWIPS - LABEL_WIDTH_TWIPS)], TABLE_SIZE, 260)
        used += fit.line_height(BODY_SIZE, 300)
        label, content = self.fields_width
        used += fit.table_height([[(LABEL_FIELD, label)]] + [[(b.label, label), (b.text, content)] for b in section.fields],
                                 TABLE_SIZE, 260)
        if section.review:
            used += fit.table_height([[(n.text, TEXT_WIDTH_TWIPS // 2)] for n in section.review], TABLE_SIZE, 260)
            used += 260 + fit.line_height(BODY_SIZE, 300)
        used += 260 + fit.line_height(BODY_SIZE, 300)           # the KPI table's caption
        headers = [h.replace("（", "\n（") for h in KPI_HEADERS + KPI_PROGRESS_HEADERS]
        used += fit.table_height([list(zip(headers, self.kpi_width))]
                                 + [list(zip(r.cells + (r.rate, r.progress), self.kpi_width)) for r in section.kpis],
                                 KPI_SIZE, 260)
        notes = sum(fit.lines(n.text, TEXT_WIDTH_TWIPS, 18) for n in section.footnotes)
        return fit.room_left(used, BODY_HEIGHT_TWIPS) - notes * fit.line_height(18) - (400 if notes else 0)

    def _charts(self, rows: Sequence[KpiRow], room: float = 0.0) -> None:
        """Under the KPI table, the progress chart of each KPI that has something to draw.

        The legend is one line of text under the chart(s) (kpi_chart.LEGEND).
        One chart prints the text width with its caption kept with it; two or
        more stand two to a row in a borderless table whose cells hold the
        caption and the chart, so a caption can never be left at a page foot
        without its chart. Every row but the last is kept with the next, so a
        KPI table and up to about six charts move as one block.
        """
        if not rows:
            return
        if len(rows) == 1:
            row = rows[0]
            caption = 260 + fit.line_height(KPI_SIZE + 2, 300) + fit.line_height(BODY_SIZE, 300)  # and the legend
            height = _fitting(CHART_WIDE_HEIGHTS, lambda h: caption + h / EMU_PER_TWIP <= room)
            self.parts.append(x.paragraph(x.run(self._caption(row), size=KPI_SIZE + 2), "Caption2", keep_next=True))
            self.parts.append(x.paragraph(self._chart(row, (CHART_WIDE[0], height)), jc="center", keep_next=True))
            self.parts.append(x.paragraph(x.run(kpi_chart.LEGEND, size=KPI_SIZE), jc="center"))
            return
        # Two tables in a row would merge into one: a paragraph (kept with the charts) keeps them apart.
        self.parts.append(x.paragraph(keep_next=True, after=60))
        cells_of_rows = [rows[i:i + 2] for i in range(0, len(rows), 2)]
        caption = fit.lines(max((self._caption(r) for r in rows), key=len), CHART_CELL_TWIPS - fit.CELL_MARGIN,
                            KPI_SIZE) * fit.line_height(KPI_SIZE, 260)
        height = _fitting(CHART_HALF_HEIGHTS, lambda h: len(cells_of_rows) * (caption + h / EMU_PER_TWIP + 100)
                          + fit.line_height(BODY_SIZE, 300) <= room)
        table_rows = []
        for pair in cells_of_rows:
            keep = True     # the last row too: the legend line follows
            cells = [x.Cell(x.paragraph(x.run(self._caption(row), bold=True, size=KPI_SIZE, font=HEADING_FONT),
                                        "TableText", keep_next=True)
                            + x.paragraph(self._chart(row, (CHART_HALF[0], height)), "TableText", jc="center",
                                          keep_next=keep))
                     for row in pair]
            if len(cells) == 1:
                cells.append(x.Cell(x.paragraph("", "TableText", keep_next=keep)))
            table_rows.append(cells)
        self.parts.append(x.table((CHART_CELL_TWIPS, TEXT_WIDTH_TWIPS - CHART_CELL_TWIPS), table_rows,
                                  header_rows=0, borders=False))
        self.parts.append(x.paragraph(x.run(kpi_chart.LEGEND, size=KPI_SIZE), jc="center"))

    @staticmethod
    def _caption(row: KpiRow) -> str:
        return f"図　{row.indicator}（{row.progress}）" if row.progress else f"図　{row.indicator}"

    def _chart(self, row: KpiRow, size: tuple[int, int]) -> str:
        """The inline chart run of one KPI (its chart part added to the package)."""
        assert row.series is not None
        width_cm = size[0] / 360000
        rel_id = self.chart_parts.add(kpi_chart.chart_xml(row.series, width_cm, row.unit, legend=False))
        self.pictures += 1
        return x.inline_chart(rel_id, 1000 + self.pictures, f"KPI chart {self.pictures}", size[0], size[1],
                              f"{row.indicator}の推移")

    def _sections(self) -> None:
        """The cover and 目次 as a section of their own, unnumbered; the body numbered from 「- 1 -」.

        The cover section is the final sectPr's copy without footers, ending the
        paragraph that closes the 目次; the body's (the final sectPr) drops the
        different first page and restarts the page number at 1.
        """
        if self.toc_end < 0:
            return
        cover = copy.deepcopy(self.end)
        for ref in cover.findall(qn("w:footerReference")):
            cover.remove(ref)
        body = self.end
        for element in body.findall(qn("w:titlePg")) + [
                ref for ref in body if ref.get(qn("w:type")) == "first" and ref.tag in
                (qn("w:headerReference"), qn("w:footerReference"))]:
            body.remove(element)
        numbering = body.find(qn("w:pgNumType"))
        if numbering is None:
            numbering = etree.Element(qn("w:pgNumType"))
            after = body.find(qn("w:cols"))
            if after is None:
                after = body.find(qn("w:docGrid"))
            if after is not None:
                after.addprevious(numbering)
            else:
                body.append(numbering)
        numbering.set(qn("w:start"), "1")
        xml = etree.tostring(cover, encoding="unicode")
        end = self.head[self.toc_end]
        assert end.startswith("<w:p>"), "the 目次's last paragraph has no properties of its own"
        self.head[self.toc_end] = f"<w:p><w:pPr>{xml}</w:pPr>{end[len('<w:p>'):]}"

    # --- the report's tables (desktop.reports.summary) ----------------------

    def summary(self) -> None:
        """After the 目次: the counts by 施策分類 and by area, from what the report prints."""
        summary = tables.build_summary(self.report)
        out = self.parts
        # The first heading of the body: the section break before it starts the page (see _sections).
        first, self.first_heading = self.first_heading, False
        out.append(x.paragraph(x.bookmark(300001, SUMMARY_MARK, x.run(LABEL_SUMMARY)), "Heading1",
                               page_break=not first))
        notes = [SUMMARY_INTRO] + ([SUMMARY_WITHHELD_NOTE] if summary.shows_withheld else [])
        out.extend(x.paragraph(x.run(note)) for note in notes)
        headers = tables.count_headers(summary)
        name = int(TEXT_WIDTH_TWIPS * 0.36)
        weights = [max(3, len(h)) + 1 for h in headers]        # 「データなし」 on one line
        counts = [(TEXT_WIDTH_TWIPS - name) * w // sum(weights) for w in weights]
        widths = (name, *counts[:-1], TEXT_WIDTH_TWIPS - name - sum(counts[:-1]))
        for n, table in enumerate(summary.tables, start=1):
            out.append(x.paragraph(x.run(f"表{n}　{SUMMARY_CAPTION.format(kind=table.kind)}"), "Caption2"))
            rows = [[x.Cell(_cell_text(t, size=TABLE_SIZE, bold=True, gothic=True, jc="center", keep_next=True),
                            HEADER_FILL) for t in [table.kind, *headers]]]
            for row, total in [(r, False) for r in table.rows] + [(table.total, True)]:
                rows.append([x.Cell(_cell_text(row.label, size=TABLE_SIZE, bold=total, gothic=total),
                                    LABEL_FILL if total else None)]
                            + [x.Cell(_cell_text(str(v), size=TABLE_SIZE, bold=total, jc="right"),
                                      LABEL_FILL if total else None) for v in tables.counts(summary, row)])
            out.append(x.table(widths, rows))
            out.append(x.paragraph(x.run(table.note, size=KPI_SIZE + 2)) if table.note else x.paragraph())

    def _grid(self, section: Section) -> None:
        """Under the KPI table: each KPI's actuals by fiscal year against its baseline and target."""
        grid = tables.kpi_grid(section)
        if grid is None:
            return
        for start in range(0, len(grid.years), GRID_YEARS):
            years = grid.years[start:start + GRID_YEARS]
            self.parts.append(x.paragraph(x.run(f"{LABEL_KPI_GRID}{GRID_RATE_NOTE}", size=KPI_SIZE + 2), "Caption2"))
            indicator, edge = int(TEXT_WIDTH_TWIPS * 0.26), int(TEXT_WIDTH_TWIPS * 0.14)
            year = (TEXT_WIDTH_TWIPS - indicator - 2 * edge) // len(years)
            widths = (indicator, edge, *([year] * len(years)), TEXT_WIDTH_TWIPS - indicator - edge - year * len(years))
            head = [KPI_HEADERS[1], KPI_HEADERS[3], *(format_fiscal_year(y) for y in years), KPI_HEADERS[4]]
            rows = [[x.Cell(_cell_text(t.replace("（", "\n（"), size=KPI_SIZE, bold=True, gothic=True, jc="center",
                                       keep_next=True), HEADER_FILL) for t in head]]
            for n, line in enumerate(grid.lines, start=1):
                fill = NONPUBLIC_FILL if line.nonpublic else None
                keep = n < len(grid.lines)
                values = []
                for i, value in enumerate(line.values[start:start + GRID_YEARS]):
                    rate = line.rates[start + i] if line.rates else ""
                    values.append(f"{value}\n（{rate}）" if value and rate else value)
                label = f"{line.indicator}（{line.unit}）" if line.unit else line.indicator
                cells = [_cell_text(label, size=KPI_SIZE, prefix=NONPUBLIC_START if line.nonpublic else "",
                                    keep_next=keep)]
                cells += [_cell_text(t, size=KPI_SIZE, jc="center", keep_next=keep)
                          for t in (line.baseline, *values, line.target)]
                rows.append([x.Cell(c, fill) for c in cells])
            self.parts.append(x.table(widths, rows))

    def kpi_list(self) -> None:
        """The appendix after the body: every KPI of the report with this year's actual and its progress."""
        entries = tables.kpi_list(self.report)
        if not entries:
            return
        heading = x.bookmark(300002, KPI_LIST_MARK, x.run(f"{APPENDIX_PREFIX}　{LABEL_KPI_LIST}"))
        self.parts.append(x.paragraph(heading, "Heading1", page_break=True))
        widths = [int(TEXT_WIDTH_TWIPS * share) for share in KPI_LIST_SHARES]
        widths[-1] += TEXT_WIDTH_TWIPS - sum(widths)
        head = [LABEL_MEASURE_NUMBER, self.report.title_label, LABEL_MINISTRY, *KPI_HEADERS[1:6],
                *KPI_PROGRESS_HEADERS]
        head = [h.replace("施策番号", "施策\n番号").replace("年度実績", "年度\n実績") for h in head]
        rows = [[x.Cell(_cell_text(t.replace("（", "\n（"), size=KPI_SIZE, bold=True, gothic=True, jc="center"),
                        HEADER_FILL) for t in head]]
        for e in entries:
            k = e.row
            fill = NONPUBLIC_FILL if k.nonpublic else None
            texts = (str(e.number), e.title, e.ministry, k.indicator, k.unit, k.baseline, k.target,
                     tables.shown_value(k.actual, k.unit), k.rate.replace("%（", "%\n（"), k.progress)
            rows.append([x.Cell(_cell_text(t, size=KPI_SIZE, jc="center" if i in (0, 4, 5, 6, 7, 8, 9) else None,
                                           prefix=NONPUBLIC_START if k.nonpublic and i == 3 else ""), fill)
                         for i, t in enumerate(texts)])
        self.parts.append(x.table(widths, rows))

    def save(self, path: Path) -> None:
        """Save the package, then put the body text in place of a marker paragraph.

        The body is spliced into word/document.xml as text: parsing a million
        elements and moving them into python-docx's tree took longer than
        writing them. The root element of document.xml declares the w and r
        namespaces the body uses.
        """
        if self.notes.count:
            self.notes.attach(self.doc)
        self._sections()
        last = self.body.last if self.body else (self.head[-1] if self.head else "")
        if last.lstrip().startswith("<w:tbl"):
            self.body.append(x.paragraph())   # Word never ends a body with a table before w:sectPr
        marker = f"SESAKU-BODY-{uuid.uuid4().hex}"
        self.end.addprevious(parse_xml(f'<w:p {nsdecls("w")}><w:r><w:t>{marker}</w:t></w:r></w:p>'))
        self.doc.save(str(path))
        try:
            _splice(path, "word/document.xml", marker, self.head, self.body)
        finally:
            self.body.close()

    def spill(self) -> None:
        """From here on (the sections, the appendix) the body is written to ``body``, not kept in memory."""
        self.parts = self.body


def _fitting(heights: Sequence[int], fits: Callable[[int], bool]) -> int:
    """The tallest of ``heights`` (tallest first) that fits, else the tallest (the block moves to a new page)."""
    return next((h for h in heights if fits(h)), heights[0])


def _splice(path: Path, part: str, marker: str, head: Sequence[str], body: Spill) -> None:
    """Replace the paragraph holding ``marker`` in ``part`` of the package at ``path`` by ``head`` and then
    the text of ``body``, streamed into the package piece by piece."""
    def put(data: bytes, write) -> None:
        text = data.decode("utf-8")
        at = text.index(marker)
        start = max(text.rfind("<w:p>", 0, at), text.rfind("<w:p ", 0, at))
        end = text.index("</w:p>", at) + len("</w:p>")
        write(text[:start].encode("utf-8"))
        for piece in head:
            write(piece.encode("utf-8"))
        for piece in body.chunks():
            write(piece.encode("utf-8"))
        write(text[end:].encode("utf-8"))

    stream_parts(path, {part: put})


def _cell_text(text: str, *, size: int, bold: bool = False, gothic: bool = False, prefix: str = "",
               jc: str | None = None, keep_next: bool = False) -> str:
    """Plain text for a cell, one paragraph per line."""
    lines = text.split("\n") if text else [""]
    out = []
    for i, line in enumerate(lines):
        runs = x.run(prefix, bold=True, size=size, color=MARK_COLOR) if i == 0 and prefix else ""
        if line:
            runs += x.run(line, size=size, bold=bold, font=HEADING_FONT if gothic else None)
        out.append(x.paragraph(runs, "TableText", jc=jc, keep_next=keep_next))
    return "".join(out)


def _rich(paragraphs: Sequence[Paragraph]) -> str:
    """A field's paragraphs: marked runs shaded after a 【非公開】 tag, footnote references in place."""
    out = []
    for paragraph in paragraphs or ((),):
        runs, inside = [], False
        for r in paragraph:
            if r.kind is RunKind.FOOTNOTE:
                runs.append(x.footnote_reference(r.footnote or 0))
                continue
            marked = r.kind is RunKind.NONPUBLIC
            if marked and not inside:
                runs.append(x.run(NONPUBLIC_START, bold=True, size=TABLE_SIZE - 3, color=MARK_COLOR))
            inside = marked
            runs.append(x.run(r.text, fill=NONPUBLIC_FILL if marked else None))
        out.append(x.paragraph("".join(runs), "TableText"))
    return "".join(out)


def _replace_paragraph(old: etree._Element, xml: str) -> None:
    """Put a paragraph written as text in place of ``old`` (headers and footers)."""
    holder = parse_xml(f'<w:hdr xmlns:w="{x.W_NS}" xmlns:r="{x.R_NS}">{xml}</w:hdr>')
    old.getparent().replace(old, holder[0])


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    child = etree.SubElement(parent, qn(tag))
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), value)
    return child


def _set_fonts(rpr: etree._Element, face: str) -> None:
    """Explicit fonts for Latin and East Asian text, dropping theme fonts that would override them."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = etree.Element(qn("w:rFonts"))
        rpr.insert(0, fonts)
    fonts.attrib.clear()
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), face)


def _set_size(rpr: etree._Element, size: int) -> None:
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = _el(rpr, tag)
        el.set(qn("w:val"), str(size))


def _style_fonts(style: etree._Element, face: str, size: int, color: str | None = None) -> None:
    rpr = style.find(qn("w:rPr"))
    if rpr is None:
        rpr = _el(style, "w:rPr")
    _set_fonts(rpr, face)
    if color:
        c = rpr.find(qn("w:color"))
        if c is not None:
            c.attrib.clear()
            c.set(qn("w:val"), color)
    # w:sz must follow w:color in rPr; rebuild the size elements in place.
    for tag in ("w:sz", "w:szCs"):
        old = rpr.find(qn(tag))
        if old is not None:
            old.set(qn("w:val"), str(size))
    if rpr.find(qn("w:sz")) is None:
        _set_size(rpr, size)


def write_docx(report: Report, path: str | Path, *, progress: Progress | None = None,
               cancelled: Cancelled | None = None, charts: bool = True,
               verify: Verify | None = None) -> Path:
    """Write the Word report to ``path`` atomically; returns the path.

    ``charts`` puts each KPI's progress chart (kpi_chart, about 2 ms a chart)
    under its KPI table; without them the report has the tables only.

    ``progress(done, total)`` is called after each sheet; ``cancelled()`` is
    polled between sheets and ends the export with ReportCancelled, leaving no
    file behind and an existing file untouched.
    """
    path = Path(path)
    sections = report.sections
    total = len(sections) + 1
    with atomic_path(path, verify=verify) as temp:
        guard = write_guard(report)
        writer = _Writer(report, charts)
        try:
            writer.setup()
            writer.cover()
            writer.spill()
            done = 0
            for chapter in report.chapters:
                for i, section in enumerate(chapter.sections):
                    if cancelled and cancelled():
                        raise ReportCancelled()
                    if guard is not None:
                        guard.section(section)
                    writer.section(section, i == 0, chapter if i == 0 else None)
                    done += 1
                    if progress:
                        progress(done, total)
            if cancelled and cancelled():
                raise ReportCancelled()
            writer.kpi_list()
            writer.save(temp)
        finally:
            writer.body.close()     # the spilled body, also when cancelled or refused
    if progress:
        progress(total, total)
    return path
