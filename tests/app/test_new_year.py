import tomllib
from pathlib import Path

import pytest

from desktop.app import new_year as annual
from desktop.app.new_year import NewYearError, start_new_year
from desktop.disclosure.copying import successor
from desktop.store.repository import SheetFilter
from desktop.survey.loader import parse_survey
from desktop.survey.parts import Part
from desktop.survey.sheet import CitationData, ItemData, KpiData, MarkData, Status
from tests.factories import complete_sheet


def full_sheet(survey, **overrides):
    """A 2025 sheet with everything new-year has to decide about."""
    sheet = complete_sheet(survey, status=Status.SUBMITTED, **overrides)
    sheet.fields.update(issues="担い手の確保が課題。", disclosure="調整中の内容を非公開としたい。")
    sheet.areas = [survey.areas[0].code, survey.areas[3].code]
    sheet.items[0].kpis[0].actuals = {2023: "0", 2024: "1", 2025: "3", 2026: "9"}
    sheet.items[0].kpis.append(KpiData(indicator="非公開の指標", unit="%", target_value="50", target_year=2030,
                                       actuals={2024: "-", 2025: None}))
    sheet.items.append(ItemData(title="検討中の項目", plan_text="令和8年度にKPIを設定する。"))
    sheet.citations = [
        CitationData(field_key="content", passage_id=None, quoted_text="国際指針", position=4),
        CitationData(field_key="results", passage_id=None, quoted_text="3件", position=10),
    ]
    return sheet


def with_marks(repo, sheet):
    """Marks name the KPIs and citations they withhold by key, saved or not."""
    content_cite, results_cite = sheet.citations
    sheet.marks = [
        MarkData(reason="交渉中", part=Part.field("content"), start=0, end=4),
        MarkData(reason="今年度の実績は非公開", part=Part.field("results")),
        MarkData(reason="指標は調整中", part=Part.kpi(sheet.items[0].kpis[1].key)),
        MarkData(reason="出典は非公開", part=Part.citation(content_cite.key)),
        MarkData(reason="実績の出典も非公開", part=Part.citation(results_cite.key)),
        MarkData(reason="前年度の実績値は非公開", part=Part.actual(sheet.items[0].kpis[0].key, 2024)),
    ]
    return repo.create_sheet(sheet, author="作成者")


def test_carried_and_cleared_fields_exactly(repo, survey):
    old = with_marks(repo, full_sheet(survey))
    result = start_new_year(repo, 2025, 2026, author="事務局")
    [made] = result.created
    assert (made.predecessor_id, made.title) == (old.id, old.fields["title"])
    new = repo.get_sheet(made.sheet_id)

    assert (new.fiscal_year, new.status, new.predecessor_id, new.is_sample) == (2026, Status.DRAFT, old.id, False)
    assert (new.ministry, new.bureau, new.person, new.contact) == (old.ministry, old.bureau, old.person, old.contact)
    assert (new.classification, new.areas) == (old.classification, old.areas)
    assert new.fields == {k: v for k, v in old.fields.items() if k != "results"}      # 当年度の実績 starts empty
    assert [(i.title, i.plan_text) for i in new.items] == [(i.title, i.plan_text) for i in old.items]
    for before, after in zip([k for _, k in old.all_kpis()], [k for _, k in new.all_kpis()]):
        assert after.id != before.id
        for attr in ("indicator", "unit", "kind", "horizon", "quantitative", "direction", "baseline_value",
                     "baseline_year", "target_value", "target_year", "data_source"):
            assert getattr(after, attr) == getattr(before, attr), attr
    first, second = new.items[0].kpis
    assert first.actuals == {2023: "0", 2024: "1", 2025: "3"}     # earlier years stay, 2026 starts empty
    assert second.actuals == {2024: "-"}                           # "-" is an answer, None was not

    assert [(c.field_key, c.quoted_text, c.position) for c in new.citations] == [("content", "国際指針", 4)]
    marks = {m.reason: m for m in new.marks}
    assert set(marks) == {"交渉中", "指標は調整中", "出典は非公開", "前年度の実績値は非公開"}
    assert (marks["交渉中"].field_key, marks["交渉中"].start, marks["交渉中"].end) == ("content", 0, 4)
    assert marks["指標は調整中"].part == Part.kpi(second.key) and second.key == old.items[0].kpis[1].key
    assert marks["出典は非公開"].part == Part.citation(new.citations[0].key)
    assert marks["前年度の実績値は非公開"].part == Part.actual(first.key, 2024)
    # the cleared field's text stays in the lineage's register, and so does every other withheld text
    assert new.lineage == old.lineage
    assert {w.text for w in new.withheld} >= {old.fields["results"], "非公開の指標", "国際指針"}

    # the old sheet is untouched
    assert repo.get_sheet(old.id) == old


def test_running_twice_creates_nothing_new(repo, survey):
    sheets = repo.save_sheets([complete_sheet(survey, ministry=m) for m in ("総務省", "外務省", "環境省")])
    first = start_new_year(repo, 2025, 2026, author="事務局")
    assert len(first.created) == 3 and first.existing == ()
    again = start_new_year(repo, 2025, 2026, author="事務局")
    assert again.created == ()
    assert {(s.predecessor_id, s.sheet_id) for s in again.existing} == \
        {(s.predecessor_id, s.sheet_id) for s in first.created}
    assert repo.count_sheets(SheetFilter(year=2026)) == 3

    # a sheet added to the old year later is carried on the next run, alone
    late = repo.create_sheet(complete_sheet(survey, ministry="農林水産省"))
    third = start_new_year(repo, 2025, 2026, author="事務局")
    assert [s.predecessor_id for s in third.created] == [late.id] and len(third.existing) == 3
    assert {s.id for s in sheets} | {late.id} == {s.predecessor_id for s in repo.load_sheets(SheetFilter(year=2026))}


def test_deleted_successor_counts_deleted_source_is_not_carried(repo, survey):
    a, b = repo.save_sheets([complete_sheet(survey), complete_sheet(survey, ministry="外務省")])
    repo.set_deleted(b.id, True)
    [made] = start_new_year(repo, 2025, 2026, author="事務局").created
    assert made.predecessor_id == a.id
    repo.set_deleted(made.sheet_id, True)          # the measure ended: someone removed next year's sheet
    again = start_new_year(repo, 2025, 2026, author="事務局")
    assert again.created == () and [s.sheet_id for s in again.existing] == [made.sheet_id]
    # a deleted old sheet with a successor is neither carried nor reported
    repo.set_deleted(a.id, True)
    repo.set_deleted(b.id, False)
    last = start_new_year(repo, 2025, 2026, author="事務局")
    assert [s.predecessor_id for s in last.created] == [b.id] and last.existing == ()


def test_excluded_measures_are_left_behind(repo, survey):
    a, ended = repo.save_sheets([complete_sheet(survey), complete_sheet(survey, ministry="外務省")])
    result = start_new_year(repo, 2025, 2026, exclude_ids=[ended.id], author="事務局")
    assert [s.predecessor_id for s in result.created] == [a.id] and result.excluded == (ended.id,)
    with pytest.raises(NewYearError, match="除外に指定したID 999"):
        start_new_year(repo, 2025, 2026, exclude_ids=[999], author="事務局")


def test_dry_run_writes_nothing(repo, survey):
    sheet = repo.create_sheet(complete_sheet(survey))
    result = start_new_year(repo, 2025, 2026, author="事務局", dry_run=True)
    assert result.dry_run and [(s.predecessor_id, s.sheet_id) for s in result.created] == [(sheet.id, None)]
    assert repo.count_sheets(SheetFilter(year=2026)) == 0 and 2026 not in repo.years()


@pytest.mark.parametrize("from_year, to_year, message", [
    (2025, 2025, "後の年度"),
    (2025, 2024, "後の年度"),
    (2030, 2031, "令和12年度の施策シートがありません"),
])
def test_refused_runs(repo, survey, from_year, to_year, message):
    repo.create_sheet(complete_sheet(survey))
    with pytest.raises(NewYearError, match=message):
        start_new_year(repo, from_year, to_year, author="事務局")


def test_new_sheets_are_searchable_listed_and_have_a_history(repo, survey):
    old = repo.create_sheet(complete_sheet(survey))
    [made] = start_new_year(repo, 2025, 2026, author="事務局").created
    assert repo.years()[:2] == [2026, 2025]
    assert [r.id for r in repo.list_sheets(SheetFilter(year=2026, text="行動規範"))] == [made.sheet_id]
    assert repo.list_sheets(SheetFilter(year=2026, text="調査プロジェクト")) == []   # results text is not carried
    revisions = {r.field: r for r in repo.revisions(made.sheet_id)}
    assert (revisions["sheet"].new_value, revisions["sheet"].author) == ("created", "事務局")
    assert (revisions["predecessor_id"].new_value, revisions["predecessor_id"].author) == (str(old.id), "事務局")
    # and the new sheet is an ordinary sheet: it saves with revisions like any other
    new = repo.get_sheet(made.sheet_id)
    new.fields["results"] = "令和8年度の実績。"
    new.items[0].kpis[0].actuals[2026] = "4"
    saved = repo.save_sheet(new, author="担当")
    assert saved.version == new.version + 1 and repo.get_sheet(old.id).fields["results"] == old.fields["results"]


def test_batches_keep_marks_on_their_own_sheet(repo, survey, monkeypatch):
    monkeypatch.setattr(annual, "BATCH", 2)
    olds = [with_marks(repo, full_sheet(survey, ministry=f"省{n}")) for n in range(5)]
    seen = []
    result = start_new_year(repo, 2025, 2026, author="事務局", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 5), (4, 5), (5, 5)]
    by_predecessor = {s.predecessor_id: repo.get_sheet(s.sheet_id) for s in result.created}
    for old in olds:
        new = by_predecessor[old.id]
        assert new.ministry == old.ministry
        assert new.lineage == old.lineage and new.lineage not in {o.lineage for o in olds if o is not old}
        assert all(new.exists(m.part) and not m.unplaced for m in new.marks)
        assert len(new.marks) == 4


def test_sheet_changed_while_running_is_refused(repo, survey, monkeypatch):
    sheet = repo.create_sheet(complete_sheet(survey))
    load = repo.load_sheets

    def load_then_someone_saves(filters):
        loaded = load(filters)
        other = repo.get_sheet(sheet.id)
        other.fields["content"] = "別の画面で更新。"
        repo.save_sheet(other, author="別の人")
        return loaded

    monkeypatch.setattr(repo, "load_sheets", load_then_someone_saves)
    with pytest.raises(NewYearError, match="更新されました"):
        start_new_year(repo, 2025, 2026, author="事務局")
    assert repo.count_sheets(SheetFilter(year=2026)) == 0


def test_what_carries_follows_the_survey_definition(survey):
    text = Path(survey.path).read_text(encoding="utf-8").replace(
        'key = "issues"\nlabel', 'key = "issues"\ncarry_over = false\nlabel')
    yearly_issues = parse_survey(survey.path, tomllib.loads(text))
    sheet = full_sheet(survey)
    sheet.id = 1
    sheet.fields["unknown"] = "調査票にない項目も失わない。"
    carried = successor(yearly_issues, sheet, 2026)
    assert set(carried.fields) == {"title", "content", "background", "outcome", "disclosure", "unknown"}
    assert set(successor(survey, sheet, 2026).fields) == carried.fields.keys() | {"issues"}


def test_a_mark_in_a_cleared_field_follows_its_passage_into_a_carried_field(repo, survey):
    sheet = full_sheet(survey)
    sheet.fields["results"] = "実証先はΩ社である。"
    sheet.fields["issues"] = "Ω社との調整が課題。"
    sheet.marks = [MarkData(reason="企業名", part=Part.field("results"), start=4, end=6)]
    old = repo.create_sheet(sheet)
    [made] = start_new_year(repo, 2025, 2026, author="事務局").created
    new = repo.get_sheet(made.sheet_id)
    assert "results" not in new.fields
    [mark] = new.marks
    assert (mark.part, new.fields["issues"][mark.start:mark.end], mark.unplaced) == (Part.field("issues"), "Ω社", False)
    assert old.marks[0].text == "Ω社"


def test_the_form_line_a_kpi_was_read_from_carries_to_next_year(survey):
    sheet = full_sheet(survey)
    sheet.items[0].kpis[0].source_text = "研修修了者数：令和9年度までに累計100名"
    carried = successor(survey, sheet, 2026)
    kpi = carried.items[0].kpis[0]
    assert (kpi.source_text, kpi.data_source) == ("研修修了者数：令和9年度までに累計100名",
                                                  sheet.items[0].kpis[0].data_source)
