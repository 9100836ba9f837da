"""Reading and updating many sheets at once (imports, new-year): batched, with the one-sheet guarantees."""

from __future__ import annotations

import pytest

from desktop.store.repository import StaleSheetError
from tests.factories import complete_sheet


def test_get_sheets_returns_what_get_sheet_returns_and_leaves_out_unknown_ids(repo, survey):
    saved = repo.save_sheets([complete_sheet(survey, title=f"施策{i}") for i in range(3)], author="t")
    ids = [s.id for s in saved]

    found = repo.get_sheets(ids + [999_999])

    assert sorted(found) == sorted(ids)
    for sheet_id in ids:
        assert found[sheet_id] == repo.get_sheet(sheet_id)


def test_updating_many_sheets_saves_every_one(repo, survey):
    sheets = repo.save_sheets([complete_sheet(survey, title=f"施策{i}") for i in range(4)], author="t")
    for s in sheets:
        s.fields["issues"] = f"{s.id} の課題を更新"

    saved = repo.save_sheets(sheets, author="t")

    for before, after in zip(sheets, saved):
        assert after.version == before.version + 1
        assert repo.get_sheet(before.id).fields["issues"] == f"{before.id} の課題を更新"


def test_a_stale_sheet_in_a_batch_saves_none_of_it(repo, survey):
    sheets = repo.save_sheets([complete_sheet(survey, title=f"施策{i}") for i in range(3)], author="t")
    other = repo.get_sheet(sheets[1].id)
    other.fields["issues"] = "別の人の更新"
    repo.save_sheet(other, author="other")
    for s in sheets:
        s.fields["issues"] = "取り込み"

    with pytest.raises(StaleSheetError):
        repo.save_sheets(sheets, author="t")

    assert repo.get_sheet(sheets[0].id).fields.get("issues") != "取り込み"
    assert repo.get_sheet(sheets[1].id).fields["issues"] == "別の人の更新"


def test_get_sheets_carries_marks_citations_and_every_kpi_like_get_sheet(repo, survey):
    from desktop.survey.parts import Part
    from desktop.survey.sheet import CitationData, ItemData, KpiData, MarkData

    sheet = complete_sheet(survey, title="出典と非公開のある施策")
    sheet.items.append(ItemData(title="二つ目", kpis=[KpiData(indicator="件数B", actuals={2024: "-", 2025: "2"}),
                                                     KpiData(indicator="件数C")]))
    sheet.citations = [CitationData(field_key="content", passage_id=None, quoted_text="引用", locator="p.3", position=2),
                       CitationData(field_key="background", passage_id=None, quoted_text="別の引用")]
    sheet.marks = [MarkData(reason="調整中", part=Part.field("content"), start=0, end=2),
                   MarkData(reason="全体", part=Part.field("issues"))]
    stored = repo.save_sheet(sheet, author="t")
    stored.marks.append(MarkData(reason="KPI", part=Part.kpi(stored.items[1].kpis[0].key)))
    stored.marks.append(MarkData(reason="出典", part=Part.citation(stored.citations[0].key)))
    stored = repo.save_sheet(stored, author="t")

    found = repo.get_sheets([stored.id])[stored.id]

    assert found == repo.get_sheet(stored.id) == stored
    assert len(found.marks) == 4 and len(found.citations) == 2 and found.items[1].kpis[0].actuals == {2024: "-", 2025: "2"}
