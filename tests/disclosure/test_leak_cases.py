"""The classes of leak of issue 14, table-driven on Word, Excel and CSV: each withheld passage is withheld
wherever a reader would recognise it, or the export is refused naming the sheet and field where it was found.

Each case marks a passage in one sheet and writes a copy of it — differing only in what a reader does not
see — into another field and a KPI's source (so the CSV, which holds KPIs only, carries it too), in the same
sheet or in another measure's sheet.
"""

from __future__ import annotations

import pytest

from desktop.app.export import Selection, export_report
from desktop.disclosure.package import read_units
from desktop.disclosure.reader_form import reader_form
from desktop.reports.errors import DisclosureRefused
from desktop.survey.parts import Part
from desktop.survey.sheet import KpiData, MarkData, Qualifier, TargetKind
from tests.factories import complete_sheet

# (case, marked passage, the copy as written elsewhere, where the copy goes: "same" sheet or "other")
CASES = [
    ("zero-width space", "Ω社との共同実証", "Ω社との\u200b共同実証", "same"),
    ("soft hyphen", "Ω社との共同実証", "Ω社との共\u00ad同実証", "other"),
    ("word joiner", "Ω社との共同実証", "Ω社\u2060との共同実証", "same"),
    ("BOM inside", "Ω社との共同実証", "Ω社との\ufeff共同実証", "other"),
    ("variation selector after a kanji", "辻調整官との協議", "辻\U000E0100調整官との協議", "same"),
    ("line break inside (copied from a PDF)", "Ω社との共同実証", "Ω社との共同\n実証", "other"),
    ("CRLF and an ideographic space", "Ω社との共同実証", "Ω社との\r\n共同\u3000実証", "same"),
    ("the marked passage has the invisible character", "Ω社との\u200b共同実証", "Ω社との共同実証", "other"),
    ("Latin letter case", "Open RAN協議会の設立", "OPEN RAN協議会の設立", "same"),
    ("full width", "ＡＩ実証基盤の整備", "AI実証基盤の整備", "other"),
    ("hyphen variants", "データ‐連携基盤の実証", "データ−連携基盤の実証", "same"),
    ("long vowel written as a dash", "データ連携センターの設置", "デ－タ連携センタ－の設置", "other"),
    ("Cyrillic look-alike", "Alpha社との交渉", "Аlpha社との交渉", "same"),
    ("digit groups", "予算は1,500億円規模", "予算は1500億円規模", "other"),
]


def titled(survey, title: str, **overrides):
    sheet = complete_sheet(survey, **overrides)
    sheet.fields["title"] = title
    return sheet


def _export_all(repo, tmp_path, selection):
    out = {}
    for fmt in ("docx", "xlsx", "csv"):
        target = tmp_path / f"public.{fmt}"
        export_report(repo, fmt, target, selection=selection, include_unaccepted=True)
        out[fmt] = target
    return out


def _seen(path) -> str:
    return "\n".join(reader_form(u.text) for u in read_units(path))


@pytest.mark.parametrize("case, passage, copy, where", CASES, ids=[c[0] for c in CASES])
def test_a_disguised_copy_is_withheld_in_every_format(repo, survey, tmp_path, case, passage, copy, where):
    marked = titled(survey, "非公開を含む施策")
    marked.fields["content"] = f"前文。{passage}を行う。"
    start = marked.fields["content"].index(passage)
    marked.marks = [MarkData(reason="交渉中", part=Part.field("content"), start=start, end=start + len(passage))]
    holder = marked if where == "same" else titled(survey, "別の施策", ministry="外務省")
    holder.fields["outcome"] = f"成果として{copy}が見込まれる。"
    holder.items[0].kpis[0].data_source = f"{copy}の報告"
    sheets = [marked] if holder is marked else [marked, holder]
    repo.save_sheets(sheets)
    for selection in (Selection(year=2025), Selection(ministry=holder.ministry, year=2025)):
        for fmt, path in _export_all(repo, tmp_path, selection).items():
            assert reader_form(passage) not in _seen(path), (case, fmt)


def test_short_marks_are_withheld_where_they_recur_in_their_sheet(repo, survey, tmp_path):
    s = titled(survey, "短い名前を含む施策")
    s.fields["content"] = "連携先はΩ社、担当は田中氏、対象は越南国である。"
    text = s.fields["content"]
    s.marks = [MarkData(reason="名称", part=Part.field("content"), start=text.index(n), end=text.index(n) + len(n))
               for n in ("Ω社", "田中氏", "越南国")]
    s.items[0].kpis[0].indicator = "Ω社の参加企業数"                # recurs in a KPI name
    s.items[0].kpis[0].data_source = "田中氏調べ（越南国）"          # and in the CSV's source column
    s.fields["outcome"] = "Ω社長の来日を目指す。"                   # inside a longer word, same sheet
    repo.save_sheets([s])
    for fmt, path in _export_all(repo, tmp_path, Selection(year=2025)).items():
        seen = _seen(path)
        for name in ("ω社", "田中氏", "越南国"):
            assert name not in seen, (fmt, name)


def test_a_short_mark_found_in_another_measure_refuses_naming_where_it_was_found(repo, survey, tmp_path):
    s = titled(survey, "田中氏を含む施策")
    s.fields["content"] = "担当は田中氏である。"
    at = s.fields["content"].index("田中氏")
    s.marks = [MarkData(reason="個人名", part=Part.field("content"), start=at, end=at + 3)]
    other = titled(survey, "外務省の施策", ministry="外務省")
    other.fields["background"] = "田中氏の報告による。"
    repo.save_sheets([s, other])
    target = tmp_path / "p.docx"
    with pytest.raises(DisclosureRefused) as refused:
        export_report(repo, "docx", target, selection=Selection(year=2025), include_unaccepted=True)
    message = str(refused.value)
    assert "外務省の施策" in message and "施策が必要となる背景" in message and "田中氏" in message
    assert "田中氏を含む施策" in message                 # and the sheet that withholds it
    assert not target.exists()


def test_values_derived_from_a_withheld_actual_are_withheld_too(repo, survey, tmp_path):
    s = complete_sheet(survey)
    kpi = KpiData(indicator="参加企業数", unit="社", baseline_value="0", baseline_year=2023,
                  target_value="100", target_year=2027, actuals={2024: "30", 2025: "61.7"})
    s.items[0].kpis = [kpi]
    s.marks = [MarkData(reason="未公表", part=Part.actual(kpi.key, 2025))]
    s.fields["results"] = "参加企業数は61.7社となった。"           # the value repeated in the text
    repo.save_sheets([s])
    for fmt, path in _export_all(repo, tmp_path, Selection(year=2025)).items():
        seen = _seen(path)
        assert "61.7" not in seen and "61%" not in seen and "62%" not in seen, fmt
    internal = tmp_path / "internal.xlsx"
    export_report(repo, "xlsx", internal, audience="internal", selection=Selection(year=2025))
    assert "61.7" in _seen(internal)


@pytest.mark.parametrize("kind, target, level, rate", [
    (TargetKind.REDUCTION, "46", "775.98", "64.1"),       # 1437 × 0.54; (1437 − 1013) / (1437 − 775.98)
    (TargetKind.INCREASE, "417", "1854", "-101.7"),       # 1437 + 417
    (TargetKind.MULTIPLE, "3", "4311", "-14.8"),          # 1437 × 3
])
def test_a_relative_target_of_a_withheld_baseline_is_withheld_too(repo, survey, tmp_path, kind, target, level, rate):
    s = complete_sheet(survey)
    kpi = KpiData(indicator="排出量", unit="万トン", baseline_value="1437", baseline_year=2013, target_value=target,
                  target_year=2030, target_kind=kind, qualifier=Qualifier.AT_MOST, actuals={2025: "1013"})
    s.items[0].kpis = [kpi]
    s.marks = [MarkData(reason="未公表", part=Part.kpi(kpi.key, "baseline_value"))]
    repo.save_sheets([s])
    for fmt, path in _export_all(repo, tmp_path, Selection(year=2025)).items():
        seen = _seen(path)
        assert "1437" not in seen and level not in seen and rate not in seen, fmt
    internal = tmp_path / "internal.xlsx"
    export_report(repo, "xlsx", internal, audience="internal", selection=Selection(year=2025))
    assert level in _seen(internal) and "1437" in _seen(internal)


def test_a_sheet_in_the_trash_still_protects_a_passage_copied_from_it(repo, survey, tmp_path):
    marked = titled(survey, "削除した施策")
    marked.fields["content"] = "Ω社との共同実証を行う。"
    marked.marks = [MarkData(reason="企業名", part=Part.field("content"), start=0, end=8)]
    copy = titled(survey, "写した施策", ministry="外務省")
    copy.fields["content"] = "Ω社との共同実証を行う。"
    marked, copy = repo.save_sheets([marked, copy])
    repo.set_deleted(marked.id, True)
    for fmt, path in _export_all(repo, tmp_path, Selection(sheet_id=copy.id)).items():
        assert reader_form("Ω社との共同実証") not in _seen(path), fmt
