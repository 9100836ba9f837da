"""Building report test sheets directly as SheetData (no database), and reading outputs back."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree

from desktop.reports.form import HEADER_ROW, SHEET_KPI, SHEET_LIST
from desktop.reports.textsafe import excel_escape
from desktop.survey.parts import Part
from desktop.survey.sheet import CitationData, ItemData, KpiData, MarkData, SheetData, Status

_ids = itertools.count(1000)

SECRET = "参加予定の業界団体は電機・自動車の2団体である。"


def sheet(survey, title="広島AIプロセスの推進", *, classification=None, ministry="総務省", year=2025,
          with_ids=True, status=Status.ACCEPTED, **fields) -> SheetData:
    """A realistic sheet; ids are given to the sheet, items, KPIs and citations like stored sheets have.

    Accepted by default: the public result prints the sheets the secretariat accepted. A ministry's form
    edits sheets it is still writing (see draft_sheet): an accepted sheet's content is frozen."""
    texts = {
        "title": title,
        "content": "国際指針及び行動規範の普及・展開を行う。\nGPAI日本センターを立ち上げる。",
        "background": "生成AIの国際ルール形成が急速に進んでいる。",
        "outcome": "行動規範が各国・企業に広く受け入れられること。",
        "results": "調査プロジェクトを3件実施した。",
        "issues": "",
        "disclosure": "",
    }
    texts.update(fields)
    s = SheetData(
        survey_key=survey.key, fiscal_year=year, ministry=ministry, bureau="国際戦略局",
        person="担当 一郎", contact="03-0000-0000（内線 1234）",
        status=status,
        classification=classification or survey.choices[0].code, areas=[survey.areas[0].code],
        fields=texts,
        items=[ItemData(title="調査・分析プロジェクト", kpis=[KpiData(
            indicator="プロジェクト実施件数", unit="件", baseline_value="0", baseline_year=2023,
            target_value="5", target_year=2027, data_source="総務省調べ", actuals={2024: "1", 2025: "3"})]),
            ItemData(title="国際会議の開催", plan_text="令和8年度に指標を設定する予定")],
    )
    if with_ids:
        s.id = next(_ids)
        s.version = 1
        for item in s.items:
            item.id = next(_ids)
            for kpi in item.kpis:
                kpi.id = next(_ids)
    return s


def draft_sheet(survey, title="広島AIプロセスの推進", **kwargs) -> SheetData:
    """A sheet a ministry is still writing (下書き), as the sheets its returned forms update."""
    return sheet(survey, title, status=Status.DRAFT, **kwargs)


def cite(sheet: SheetData, field: str, after: str | None, quote: str, reference: str) -> CitationData:
    """Add a citation whose marker stands after ``after`` in the field (end when None)."""
    text = sheet.text(field)
    position = text.index(after) + len(after) if after else len(text)
    c = CitationData(field_key=field, passage_id=None, quoted_text=quote, reference=reference, position=position,
                     id=next(_ids) if sheet.id is not None else None)
    sheet.citations.append(c)
    return c


def mark(sheet: SheetData, field: str, text: str | None = None, reason: str = "調整中のため") -> MarkData:
    """Mark a passage (or the whole field when text is None) as 非公開."""
    if text is None:
        m = MarkData(reason=reason, part=Part.field(field))
    else:
        start = sheet.text(field).index(text)
        m = MarkData(reason=reason, part=Part.field(field), start=start, end=start + len(text))
    sheet.marks.append(m)
    return m


def package_text(path: Path) -> str:
    """All text and attribute values of every XML part of a .docx/.xlsx, parsed (character
    references decoded), for leak checks: body, comments, properties, names, validations."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels", ".vml")):
                root = etree.fromstring(z.read(name))
                for el in root.iter():
                    if isinstance(el.tag, str):
                        out.extend(v for v in el.attrib.values())
                    out.extend(t for t in (el.text, el.tail) if t)
    return "\n".join(out)


def soffice() -> str:
    """The LibreOffice binary, or skip (outside CI) when it is not installed."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) が CI にありません")
        pytest.skip("LibreOffice (soffice) がありません")
    return binary


def convert(path: Path, target: str, outdir: Path) -> Path:
    """Convert with LibreOffice headless (its own profile, so parallel runs do not collide)."""
    binary = soffice()
    profile = outdir / "lo-profile"
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
                    "--outdir", str(outdir), str(path)], check=True, capture_output=True, timeout=180)
    produced = outdir / (path.stem + "." + target.split(":")[0])
    assert produced.exists(), f"LibreOffice did not produce {produced}"
    return produced


def headers(ws) -> dict[str, int]:
    """A form worksheet's header labels → column numbers."""
    return {c.value: c.column for c in ws[HEADER_ROW] if c.value}


def fill(path, rows: list[dict], kpis: list[dict]):
    """Type values into a form the way a person does, by column heading; saved as Excel saves
    them (control characters escaped as _xHHHH_; a leading = typed as text stays text)."""
    wb = openpyxl.load_workbook(path)
    for ws, data in ((wb[SHEET_LIST], rows), (wb[SHEET_KPI], kpis)):
        cols = headers(ws)
        for r, values in enumerate(data, start=HEADER_ROW + 1):
            for label, value in values.items():
                cell = ws.cell(r, cols[label])
                cell.value = excel_escape(value) if isinstance(value, str) else value
                if isinstance(value, str):
                    cell.data_type = "s"
    wb.save(path)


def lock_target(monkeypatch, target: Path) -> None:
    """Make ``target`` behave like a file open in Excel on Windows: replacing it is refused."""
    from desktop.reports import atomic

    replace = atomic.os.replace

    def locked(src, dst):
        if str(dst) == str(target):
            raise PermissionError(13, "Permission denied")
        return replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", locked)


def reopen(repo, *sheet_ids: int) -> None:
    """Take accepted sheets back into 下書き the way the review cycle allows: the secretariat returns them
    (with a reason), the ministry takes them back. An accepted sheet's content is frozen until then."""
    from desktop.store.review import change_status
    from desktop.survey.review import MINISTRY, SECRETARIAT

    for sheet_id in sheet_ids:
        change_status(repo, sheet_id, Status.RETURNED, role=SECRETARIAT, reason="修正のため差し戻します。")
        change_status(repo, sheet_id, Status.DRAFT, role=MINISTRY)


def accept(repo, *sheet_ids: int) -> None:
    """Submit sheets as the ministry and accept them as the secretariat (確定)."""
    from desktop.store.review import change_status
    from desktop.survey.review import MINISTRY, SECRETARIAT

    for sheet_id in sheet_ids:
        change_status(repo, sheet_id, Status.SUBMITTED, role=MINISTRY)
        change_status(repo, sheet_id, Status.ACCEPTED, role=SECRETARIAT)
