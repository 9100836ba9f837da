"""The crash journal's sheet format: everything comes back exactly, marks first; anything odd is refused."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from desktop.survey.parts import Part
from desktop.survey.sheet import MarkData, Release, Status, WithheldText
from desktop.survey.sheet_codec import SheetCodecError, sheet_from_data, sheet_to_data
from tests.factories import complete_sheet


def _marked_sheet(survey):
    sheet = complete_sheet(survey)
    sheet.id, sheet.version, sheet.status = 7, 3, Status.REVIEW
    sheet.updated_at = datetime(2026, 5, 1, 9, 30, 15, 123456)
    kpi = sheet.items[0].kpis[0]
    kpi.actuals = {2025: "120", 2026: None}
    text = sheet.text("content")
    sheet.marks = [
        MarkData(reason="交渉中", part=Part.field("content"), start=0, end=4, text=text[:4], id=11,
                 created_by="標準 花子", created_at=datetime(2026, 4, 1, 10, 0)),
        MarkData(reason="個人情報", part=Part.actual(kpi.key, 2025), text="120"),
        MarkData(reason="未確定", part=Part.kpi(kpi.key), unplaced=True),
    ]
    sheet.withheld = [WithheldText("未公表の数値", "field:content", "交渉中")]
    sheet.releases = [Release("公開済みの語", "公表済み", "field:title")]
    return sheet


def test_a_sheet_with_marks_comes_back_exactly_through_json(survey):
    sheet = _marked_sheet(survey)
    back = sheet_from_data(json.loads(json.dumps(sheet_to_data(sheet), ensure_ascii=False)))
    assert back == sheet
    assert back.marks[1].part == Part.actual(sheet.items[0].kpis[0].key, 2025)
    assert back.items[0].kpis[0].actuals == {2025: "120", 2026: None}


@pytest.mark.parametrize("damage", [
    lambda d: d["sheet"]["marks"][0].pop("reason"),
    lambda d: d["sheet"]["marks"][0].__setitem__("part", "nonsense"),
    lambda d: d["sheet"]["marks"].__setitem__(0, "交渉中"),
    lambda d: d["sheet"].__setitem__("status", "lost"),
    lambda d: d["sheet"].__setitem__("extra", 1),
    lambda d: d.__setitem__("format", 99),
])
def test_damaged_data_is_refused_not_half_read(survey, damage):
    data = json.loads(json.dumps(sheet_to_data(_marked_sheet(survey))))
    damage(data)
    with pytest.raises(SheetCodecError):
        sheet_from_data(data)


def test_qualifier_and_kind_come_back_and_a_journal_written_before_them_still_restores(survey):
    from desktop.survey.sheet import KpiData, Qualifier, TargetKind

    s = complete_sheet(survey)
    s.items[0].kpis = [KpiData(indicator="順位", target_value="4", qualifier=Qualifier.WITHIN,
                               target_kind=TargetKind.LEVEL),
                       KpiData(indicator="排出量", target_value="46", target_kind=TargetKind.REDUCTION)]
    back = sheet_from_data(json.loads(json.dumps(sheet_to_data(s))))
    assert [(k.qualifier, k.target_kind) for k in back.items[0].kpis] == \
        [(Qualifier.WITHIN, TargetKind.LEVEL), (None, TargetKind.REDUCTION)]
    old = sheet_to_data(s)
    for item in old["sheet"]["items"] if "sheet" in old else old["items"]:
        for kpi in item["kpis"]:
            del kpi["qualifier"], kpi["target_kind"]
    restored = sheet_from_data(old)
    assert [(k.qualifier, k.target_kind) for k in restored.items[0].kpis] == [(None, TargetKind.LEVEL)] * 2
    broken = sheet_to_data(s)
    for item in broken["sheet"]["items"] if "sheet" in broken else broken["items"]:
        del item["kpis"][0]["indicator"]                # any other missing field is still refused
    with pytest.raises(SheetCodecError):
        sheet_from_data(broken)
