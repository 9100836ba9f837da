import pytest

from desktop.store.repository import SheetFilter, SheetNotFound, StaleSheetError
from desktop.survey.parts import Part
from desktop.survey.sheet import ItemData, KpiData, MarkData, Status, StatusNote
from tests.factories import complete_sheet


def test_create_and_read_back_everything(repo, survey):
    sheet = complete_sheet(survey, marks=[MarkData(reason="交渉中のため", part=Part.field("content"), start=0, end=4)])
    sheet.items[0].kpis[0].actuals = {2024: "0", 2025: "-"}
    sheet.items[0].kpis[0].baseline_value = None
    saved = repo.create_sheet(sheet, author="tester")
    again = repo.get_sheet(saved.id)
    assert again.fields["title"] == "広島AIプロセスの推進"
    assert again.areas == [survey.areas[0].code]
    kpi = again.items[0].kpis[0]
    # empty, 0 and "-" stay three different things
    assert (kpi.baseline_value, kpi.actuals[2024], kpi.actuals[2025]) == (None, "0", "-")
    assert again.marks[0].reason == "交渉中のため" and again.marks[0].id is not None
    assert again.version == saved.version >= 1


def test_every_save_writes_a_revision_per_changed_value(repo, survey):
    saved = repo.create_sheet(complete_sheet(survey), author="作成者")
    before = len(repo.revisions(saved.id))
    saved.fields["content"] = "内容を改めた。"
    saved.items[0].kpis[0].actuals[2025] = "4"
    saved.status = Status.REVIEW
    saved.status_note = StatusNote(role="ministry")
    updated = repo.save_sheet(saved, author="更新者")
    new = repo.revisions(saved.id)[before:]
    assert {(r.field, r.old_value, r.new_value) for r in new} == {
        ("field:content", "国際指針及び行動規範の普及・展開を行う。", "内容を改めた。"),
        (f"kpi:{saved.items[0].kpis[0].key}:actual:2025", "3", "4"),
        ("status", "draft", "review"),
    }
    assert all(r.author == "更新者" and r.sheet_version == updated.version for r in new)
    assert updated.version > saved.version


def test_saving_without_changes_writes_nothing(repo, survey):
    saved = repo.create_sheet(complete_sheet(survey))
    count = len(repo.revisions(saved.id))
    again = repo.save_sheet(saved)
    assert len(repo.revisions(saved.id)) == count and again.version == saved.version


def test_stale_save_is_refused_and_applies_nothing(repo, survey):
    saved = repo.create_sheet(complete_sheet(survey))
    first, second = repo.get_sheet(saved.id), repo.get_sheet(saved.id)
    first.fields["background"] = "Aさんの背景"
    repo.save_sheet(first, author="A")
    second.fields["background"] = "Bさんの背景"
    with pytest.raises(StaleSheetError, match="他の人"):
        repo.save_sheet(second, author="B")
    assert repo.get_sheet(saved.id).fields["background"] == "Aさんの背景"


def test_save_sheets_is_all_or_nothing(repo, survey):
    saved = repo.create_sheet(complete_sheet(survey))
    stale = repo.get_sheet(saved.id)
    repo.save_sheet(_touch(repo, saved.id))
    new = complete_sheet(survey)
    new.fields["title"] = "一緒に保存されるはずの新しいシート"
    with pytest.raises(StaleSheetError):
        repo.save_sheets([new, stale])
    assert repo.count_sheets(SheetFilter(text="一緒に保存されるはず")) == 0


def _touch(repo, sheet_id):
    sheet = repo.get_sheet(sheet_id)
    sheet.fields["issues"] = "別の画面での編集"
    return sheet


def test_items_and_kpis_added_reordered_removed(repo, survey):
    saved = repo.create_sheet(complete_sheet(survey))
    saved.items.append(ItemData(title="二つ目", kpis=[KpiData(indicator="新指標", unit="%")]))
    saved = repo.save_sheet(saved)
    assert [i.title for i in saved.items] == ["調査・分析プロジェクト", "二つ目"]
    saved.items.reverse()
    saved = repo.save_sheet(saved)
    assert [i.title for i in repo.get_sheet(saved.id).items] == ["二つ目", "調査・分析プロジェクト"]
    saved.items = saved.items[1:]
    saved = repo.save_sheet(saved)
    assert [i.title for i in repo.get_sheet(saved.id).items] == ["調査・分析プロジェクト"]
    fields = [r.field for r in repo.revisions(saved.id)]
    assert any(f.startswith("item:") and f.endswith(":position") for f in fields)


def test_delete_is_recorded_and_reversible(repo, survey):
    saved = repo.create_sheet(complete_sheet(survey))
    repo.set_deleted(saved.id, True)
    assert repo.count_sheets() == 0 and repo.count_sheets(SheetFilter(only_deleted=True)) == 1
    repo.set_deleted(saved.id, False)
    assert repo.count_sheets() == 1
    assert [r.new_value for r in repo.revisions(saved.id) if r.field == "deleted"] == ["true", "false"]


def test_missing_sheet(repo):
    with pytest.raises(SheetNotFound, match="見つかりません"):
        repo.get_sheet(999)


@pytest.fixture
def populated(repo, survey):
    specs = [
        (2025, "総務省", "P1-3", Status.SUBMITTED, "広島AIプロセスの推進", "生成AIの国際ルール"),
        (2025, "経済産業省", "P1-2", Status.DRAFT, "試験・認証機関の見える化", "ニューアプローチの検討"),
        (2025, "総務省", "P3-1", Status.REVIEW, "Open RANの海外展開", "AIを活用した５G"),
        (2026, "総務省", "P1-3", Status.DRAFT, "広島AIプロセスの推進", "海賊版対策との連携"),
    ]
    for year, ministry, cls, status, title, content in specs:
        sheet = complete_sheet(survey, fiscal_year=year, ministry=ministry, classification=cls, status=status)
        sheet.fields.update(title=title, content=content)
        repo.create_sheet(sheet)
    return repo


@pytest.mark.parametrize("flt, titles", [
    (SheetFilter(year=2025), ["広島AIプロセスの推進", "試験・認証機関の見える化", "Open RANの海外展開"]),
    (SheetFilter(ministry="総務省", year=2025), ["広島AIプロセスの推進", "Open RANの海外展開"]),
    (SheetFilter(classification="P1-3"), ["広島AIプロセスの推進", "広島AIプロセスの推進"]),
    (SheetFilter(status=Status.DRAFT), ["試験・認証機関の見える化", "広島AIプロセスの推進"]),
    (SheetFilter(text="海賊版"), ["広島AIプロセスの推進"]),
    (SheetFilter(text="open"), ["Open RANの海外展開"]),
    (SheetFilter(text="ａｉを活用 5g"), ["Open RANの海外展開"]),
    (SheetFilter(text="見"), ["試験・認証機関の見える化"]),
    (SheetFilter(text="DX-推進 \"'%"), []),
])
def test_filters(populated, flt, titles):
    rows = populated.list_sheets(flt, order="id", descending=False)
    assert [r.title for r in rows] == titles
    assert populated.count_sheets(flt) == len(titles)


def test_text_filter_follows_edits(populated):
    sheet_id = populated.list_sheets(SheetFilter(text="海賊版"))[0].id
    sheet = populated.get_sheet(sheet_id)
    sheet.fields["content"] = "模倣品対策との連携"
    populated.save_sheet(sheet)
    assert populated.count_sheets(SheetFilter(text="海賊版")) == 0
    assert populated.count_sheets(SheetFilter(text="模倣品")) == 1


def test_sorting_and_paging(populated):
    ids = populated.sheet_ids(order="ministry", descending=False)
    rows = populated.sheet_rows(ids)
    assert [rows[i].ministry for i in ids] == sorted(rows[i].ministry for i in ids)
    assert len(populated.list_sheets(offset=1, limit=2)) == 2
    assert populated.years() == [2026, 2025]
    assert populated.ministries(2025) == ["総務省", "経済産業省"]   # the government's order, not Unicode


def test_too_long_values_are_refused_alike_on_every_database(repo, survey):
    """PostgreSQL enforces column lengths, SQLite does not: the repository refuses first, the same way."""
    from desktop.store.repository import ValueTooLong

    sheet = complete_sheet(survey, ministry="省" * 101)
    with pytest.raises(ValueTooLong, match="「府省庁」は100文字以内"):
        repo.create_sheet(sheet)
    sheet = complete_sheet(survey)
    sheet.items[0].kpis[0].actuals[2025] = "9" * 101
    with pytest.raises(ValueTooLong, match="実績値"):
        repo.create_sheet(sheet)
    assert repo.count_sheets() == 0
    sheet = complete_sheet(survey, ministry="省" * 100, contact="☎" * 300)   # exactly at the limit: fine
    assert repo.get_sheet(repo.create_sheet(sheet).id).ministry == "省" * 100
