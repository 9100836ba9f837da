"""Last year's sheets as a Word file (.docx), read into the same records as a vertical form.

Ministries keep last year's measure sheets as Word documents in two shapes:
a table per measure whose first column carries the format's labels (施策名,
施策内容 …) and the next one the text, or the labels as headings (or lines
like 「施策名：…」) each followed by paragraphs. Both become rows of
(label, value) cells for form_foreign.read_vertical, so a Word file is
checked, previewed and applied like a form, all or nothing.

The file was checked by form_check.check_file (size, zip bomb, DOCTYPE)
before python-docx parses it; the number of paragraphs and table rows read
is bounded as the rows of a worksheet are.
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop import limits
from desktop.reports.errors import ReportError
from desktop.reports.form_foreign import TextCell, Vertical, Vocabulary, read_vertical

MAX_BLOCKS = limits.DOCX_MAX_BLOCKS   # paragraphs and table rows; a year's sheets of a ministry are a few thousand
_LABEL_LINE = re.compile(r"^\s*[■□●○◆◇▼▶・【\[［]?\s*([^：:】\]］]{1,30}?)\s*[】\]］]?\s*[：:]\s*(.*)$", re.DOTALL)
_BULLET_HEAD = re.compile(r"^\s*[■□●○◆◇▼▶]\s*")


def _blocks(document):
    """The body in order: ("p", paragraph) and ("t", table)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield "p", Paragraph(child, document)
        elif tag == "tbl":
            yield "t", Table(child, document)


def _table_rows(table) -> list[list[TextCell]]:
    """A table's rows as cells, a merged cell once (python-docx repeats it across its span)."""
    rows = []
    for row in table.rows:
        seen, cells = set(), []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(TextCell(cell.text.strip()))
        rows.append(cells)
    return rows


def read_docx(path: Path, vocab: Vocabulary, guidance) -> tuple[list[Vertical], list[str]]:
    """The measures of a Word file (one Vertical per table that holds any, or one for the paragraphs) and the
    text around them (title lines that may carry the year and the ministry)."""
    import docx  # python-docx, imported when used

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types for damaged parts
        raise ReportError(f"「{path.name}」は壊れているため読み込めません（{type(exc).__name__}）。") from None
    tables: list[Vertical] = []
    paragraphs: list[list[TextCell]] = []
    preamble: list[str] = []
    count = 0
    labelled = False             # a label paragraph seen: what follows is the sheet, not its title
    for kind, block in _blocks(document):
        count += 1 if kind == "p" else len(block.rows)
        if count > MAX_BLOCKS:
            raise ReportError(f"「{path.name}」は段落・表の行が多すぎるため読み込めません（上限 {MAX_BLOCKS:,}）。"
                              "文書を分けて取り込んでください。")
        if kind == "t":
            number = len(tables) + 1
            found = read_vertical(f"表{number}", _table_rows(block), vocab, guidance,
                                  ref=lambda c, r, t=number: f"表{t} {r + 1}行{c + 1}列")
            if found.records:
                tables.append(found)
            else:
                paragraphs += [[TextCell(" ".join(c.value for c in row if c.value))] for row in _table_rows(block)]
            continue
        text = block.text.strip()
        if not text:
            continue
        style = (block.style.name if block.style is not None else "") or ""
        m = _LABEL_LINE.match(text)
        if m and vocab.key(m.group(1)) is not None:
            paragraphs.append([TextCell(m.group(1)), TextCell(m.group(2).strip())])
            labelled = True
        elif vocab.key(_BULLET_HEAD.sub("", text)) is not None and (len(text) <= 40 or "heading" in style.lower()
                                                                   or "見出し" in style):
            paragraphs.append([TextCell(_BULLET_HEAD.sub("", text)), TextCell("")])
            labelled = True
        else:
            paragraphs.append([TextCell(""), TextCell(text)])
        if not tables and not labelled:
            preamble.append(text)
    if tables:
        return tables, preamble
    # The labels in the first column, the text in the second: a label paragraph starts a field and the
    # paragraphs under it continue it (read_vertical's continuation rows).
    rows = [[TextCell(r[0].value), r[1]] if r[0].value else [TextCell(""), r[1]] for r in paragraphs]
    found = read_vertical("本文", rows, vocab, guidance, ref=lambda c, r: f"本文 {r + 1}段落目")
    return ([found] if found.records else []), preamble


__all__ = ["read_docx"]
