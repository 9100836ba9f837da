import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.app.new_year import start_new_year
from desktop.store.history import (
    RestoreRefused,
    diff_texts,
    diff_versions,
    display_value,
    field_versions,
    predecessor_diff,
    restore_field,
    sheet_history,
    value_at,
)
from desktop.survey.parts import Part
from desktop.survey.sheet import CitationData, MarkData, Status, StatusNote
from tests.factories import complete_sheet

V1 = "令和7年度は環境・エネルギーに配分した。自然共生の2領域で策定を進めた。"
V2 = "令和7年度は環境・エネルギー（11億円）に配分した。自然共生の2領域で策定を進めた。"
V3 = "令和7年度は環境・エネルギー（11億円）に配分した。防災の2領域で策定を完了した。"


@pytest.fixture
def edited(repo, survey):
    """A sheet whose content went V1 → V2 (by A) → V3 (by B), with a KPI actual changed on the way."""
    sheet = repo.create_sheet(complete_sheet(survey, fields={**complete_sheet(survey).fields, "content": V1}),
                              author="作成者")
    sheet.fields["content"] = V2
    sheet = repo.save_sheet(sheet, author="A")
    sheet.fields["content"] = V3
    sheet.items[0].kpis[0].actuals[2025] = "4"
    sheet.status = Status.REVIEW
    sheet.status_note = StatusNote(role="ministry")
    return repo.save_sheet(sheet, author="B")


def versions(repo, sheet_id):
    """The versions the two edits produced (a save may advance the version by more than one)."""
    by_author = {e.author: e.version for e in sheet_history(repo, sheet_id)}
    return by_author["A"], by_author["B"]


def test_history_lists_when_who_and_which_field_for_people(repo, survey, edited):
    entries = sheet_history(repo, edited.id)
    a, b = versions(repo, edited.id)
    assert 1 < a < b == edited.version
    kpi_id = edited.items[0].kpis[0].key
    assert [(e.version, e.author, e.field, e.label) for e in entries] == [
        (1, "作成者", "sheet", "施策シートの作成"),
        (a, "A", "field:content", "施策内容"),
        (b, "B", "status", "状態"),
        (b, "B", "field:content", "施策内容"),
        (b, "B", f"kpi:{kpi_id}:actual:2025", "実施項目・KPI：KPI「プロジェクト実施件数」の令和7年度実績"),
    ]
    assert entries[1].old_value == V1 and entries[1].new_value == V2
    assert all(e.at is not None for e in entries)


def test_labels_of_items_kpis_marks_and_deleted_kpis(repo, survey):
    sheet = repo.create_sheet(complete_sheet(survey))
    kpi_id, item_id = sheet.items[0].kpis[0].key, sheet.items[0].key
    sheet.items[0].title = "改めた実施項目"
    sheet.items[0].kpis[0].target_year = 2028
    sheet.marks.append(MarkData(reason="交渉中", part=Part.field("content"), start=0, end=2))
    sheet.areas = []
    sheet = repo.save_sheet(sheet)
    sheet.items[0].kpis = []
    repo.save_sheet(sheet)
    labels = {e.field: e.label for e in sheet_history(repo, sheet.id)}
    assert labels[f"item:{item_id}:title"] == "実施項目・KPI：実施項目「改めた実施項目」の名称"
    assert labels[f"kpi:{kpi_id}:target_year"] == "実施項目・KPI：KPI「プロジェクト実施件数」の目標年度"
    assert labels[f"kpi:{kpi_id}"] == "実施項目・KPI：KPI「プロジェクト実施件数」の削除"   # the name outlives the KPI
    assert labels["mark:new"] == "公開範囲に関する希望：非公開箇所の追加"
    assert labels["areas"] == "戦略領域・重要領域"


def test_value_of_a_field_at_any_version(repo, edited):
    a, b = versions(repo, edited.id)
    assert [value_at(repo, edited.id, "field:content", v) for v in (1, a, b - 1, b)] == [V1, V2, V2, V3]
    assert value_at(repo, edited.id, "field:background", 1) == edited.fields["background"]   # never changed
    kpi_id = edited.items[0].kpis[0].key
    assert [value_at(repo, edited.id, f"kpi:{kpi_id}:actual:2025", v) for v in (1, b)] == ["3", "4"]
    assert value_at(repo, edited.id, "status", 1) == "draft"
    history = field_versions(repo, edited.id, "field:content")
    assert [(v.version, v.author, v.value) for v in history] == [(1, "", V1), (a, "A", V2), (b, "B", V3)]


def test_side_by_side_diff_of_two_versions(repo, edited):
    _, b = versions(repo, edited.id)
    diff = diff_versions(repo, edited.id, "field:content", 1, b)
    assert diff.old == V1 and diff.new == V3 and diff.changed
    assert [(t, tag) for t, tag in diff.new_segments() if tag != "equal"] == [
        ("（11億円）", "insert"), ("防災", "replace"), ("完了し", "replace")]
    assert [(t, tag) for t, tag in diff.old_segments() if tag != "equal"] == [
        ("自然共生", "replace"), ("進め", "replace")]
    assert "".join(t for t, _ in diff.old_segments()) == V1 and "".join(t for t, _ in diff.new_segments()) == V3
    assert not diff_versions(repo, edited.id, "field:content", b, b).changed


def test_restore_is_a_new_revision_and_can_be_undone_the_same_way(repo, edited):
    _, b = versions(repo, edited.id)
    restored = restore_field(repo, edited.id, "field:content", 1, author="C")
    assert restored.fields["content"] == V1 and restored.version > b
    last = sheet_history(repo, edited.id)[-1]
    assert (last.version, last.author, last.field, last.old_value, last.new_value) == \
        (restored.version, "C", "field:content", V3, V1)
    again = restore_field(repo, edited.id, "field:content", b, author="C")
    assert again.fields["content"] == V3 and again.version > restored.version
    unchanged = restore_field(repo, edited.id, "field:content", b, author="C")    # already so: nothing written
    assert unchanged.version == again.version


def test_restore_kpi_values_item_titles_and_scalars(repo, edited):
    kpi_id = edited.items[0].kpis[0].key
    sheet = repo.get_sheet(edited.id)
    sheet.items[0].kpis[0].target_year = 2030
    sheet.items[0].title = "新しい名称"
    sheet.bureau = "新しい局"
    sheet = repo.save_sheet(sheet)
    assert restore_field(repo, sheet.id, f"kpi:{kpi_id}:actual:2025", 1, author="C").items[0].kpis[0].actuals[2025] == "3"
    assert restore_field(repo, sheet.id, f"kpi:{kpi_id}:target_year", 1, author="C").items[0].kpis[0].target_year == 2027
    item_id = sheet.items[0].key
    assert restore_field(repo, sheet.id, f"item:{item_id}:title", 1, author="C").items[0].title == "調査・分析プロジェクト"
    assert restore_field(repo, sheet.id, "bureau", 1, author="C").bureau == "国際戦略局"


def test_restore_refuses_status_and_what_is_gone(repo, edited):
    with pytest.raises(RestoreRefused, match="状態"):
        restore_field(repo, edited.id, "status", 1, author="C")
    kpi_id = edited.items[0].kpis[0].key
    sheet = repo.get_sheet(edited.id)
    sheet.items[0].kpis = []
    repo.save_sheet(sheet)
    with pytest.raises(RestoreRefused, match="現在のシートにない"):
        restore_field(repo, edited.id, f"kpi:{kpi_id}:actual:2025", 1, author="C")
    with pytest.raises(RestoreRefused, match="戻せる項目ではありません"):
        restore_field(repo, edited.id, "mark:new", 1, author="C")


def test_restore_keeps_marks_on_their_passage_and_never_unmarks(repo, survey, edited):
    sheet = repo.get_sheet(edited.id)
    start = V3.index("（11億円）")
    gone = V3.index("防災")
    sheet.marks = [MarkData(reason="金額は非公開", part=Part.field("content"), start=start, end=start + 6),
                   MarkData(reason="領域名は調整中", part=Part.field("content"), start=gone, end=gone + 2)]
    sheet.citations = [CitationData(field_key="content", passage_id=None, quoted_text="引用", position=len(V3))]
    sheet = repo.save_sheet(sheet)
    restored = restore_field(repo, sheet.id, "field:content", 2, author="C")   # V2: 金額 stays, 防災 is not in it
    amount, area = sorted(restored.marks, key=lambda m: m.reason)
    assert V2[amount.start:amount.end] == "（11億円）"
    # its passage is gone: the mark is kept with its text, unplaced, so the sheet asks a person (never unmarked)
    assert (area.reason, area.text, area.unplaced) == ("領域名は調整中", "防災", True)
    assert "防災" in {w.text for w in restored.withheld}
    assert restored.citations[0].position == len(V2)


def test_year_over_year_diff_against_the_predecessor(repo, survey):
    old = repo.create_sheet(complete_sheet(survey))
    [made] = start_new_year(repo, 2025, 2026, author="事務局").created
    new = repo.get_sheet(made.sheet_id)
    new.fields["content"] = old.fields["content"] + "令和8年度は対象国を拡大する。"
    new = repo.save_sheet(new)
    diff = predecessor_diff(repo, new, "content")
    assert [(t, tag) for t, tag in diff.new_segments() if tag != "equal"] == [("令和8年度は対象国を拡大する。", "insert")]
    assert predecessor_diff(repo, old, "content") is None


TEXT = st.text(alphabet="あいうえお国際標準化。、\nAB", max_size=60)


@given(TEXT, TEXT)
def test_diff_segments_rebuild_both_texts(old, new):
    diff = diff_texts(old, new)
    assert "".join(t for t, _ in diff.old_segments()) == old
    assert "".join(t for t, _ in diff.new_segments()) == new
    assert diff.changed == (old != new)
    for a, b in zip(diff.ops, diff.ops[1:]):
        assert (a.old_end, a.new_end) == (b.old_start, b.new_start)
        assert not (a.tag != "equal" and b.tag != "equal")        # changes are merged
    for op in diff.ops:
        if op.tag == "equal":
            assert old[op.old_start:op.old_end] == new[op.new_start:op.new_end]
    for offset in range(len(old) + 1):
        assert 0 <= diff.map_offset(offset) <= len(new) and 0 <= diff.map_offset(offset, after=True) <= len(new)


def test_values_shown_for_people(survey):
    assert display_value(survey, "sheet", "created") == "作成"
    assert display_value(survey, "status", "returned") == "差戻し"
    assert display_value(survey, "deleted", "true") == "削除"
    assert display_value(survey, "classification", "P1-4") == "ポイント① 国際標準の担い手の強化 / 官民連携の場の設置"
    assert display_value(survey, "areas", "digital-ai,quantum") == "デジタル・AI、量子"
    assert display_value(survey, "kpi:3:direction", "down") == "下向き"
    assert display_value(survey, "kpi:3:quantitative", "false") == "定性"
    assert display_value(survey, "item:new", '{"title": "新しい項目", "plan_text": "", "kpis": []}') == "新しい項目"
    assert display_value(survey, "kpi:3", '{"indicator": "消えた指標"}') == "消えた指標"
    assert display_value(survey, "field:content", "本文") == "本文" and display_value(survey, "x", None) == ""
