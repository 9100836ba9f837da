"""Submission and return files between two databases that share nothing (both engines).

A ministry's database exports a submission; a fresh secretariat database
imports it, returns two sheets with comments (差戻し with a reason); the
ministry imports the return. Afterwards every field, KPI value, citation,
mark, comment, evaluation and status history row is equal on both sides.
"""

import dataclasses
import shutil
import zipfile

import openpyxl
import pytest
from sqlalchemy import text

from desktop.app.exchange import (CHANGED, CONFLICT, NEW, RETURN, UNCHANGED, apply_exchange_import, export_exchange,
                                  plan_exchange_import)
from desktop.reports.errors import ReportError
from desktop.reports.form import SHEET_LIST
from desktop.sources.library import Library
from desktop.store import exchange as links_store
from desktop.store.database import open_database
from desktop.store.merge import Take
from desktop.store.repository import Repository, SheetFilter
from desktop.store.review import add_comment, change_status, set_evaluation, status_history
from desktop.survey.parts import Part
from desktop.survey.portable import canonical, to_portable
from desktop.survey.review import SECRETARIAT
from desktop.survey.sheet import MarkData, Status
from tests.factories import complete_sheet

MINISTRY = "総務省"
SOURCE_LINE = "研修修了者数：令和9年度までに累計100名"


@pytest.fixture
def ministry(seeded_db):
    """The ministry's database, with the seeds in its library (its sheets cite them)."""
    return Repository(seeded_db)


@pytest.fixture
def secretariat(request, db_backend, tmp_path):
    """A fresh database of the secretariat's: no sheets, no library."""
    if db_backend == "sqlite":
        target = str(tmp_path / "secretariat.db")
    else:
        server = request.getfixturevalue("pg_server")
        from tests.conftest import _pg_template

        target = server.url(request.getfixturevalue("pg_database")(_pg_template(server, "migrated")))
    database = open_database(target)
    yield Repository(database)
    database.close()


def _sheets(repo, survey, status=Status.SUBMITTED):
    """Three sheets of 総務省; submitted by default. Tests where both sides edit use sheets still under
    the ministry's own review (確認中): a submitted sheet's content is frozen until returned."""
    library = Library(repo.db)
    hit = library.search("国際標準")[0]
    sheets = []
    for n, title in enumerate(["標準人材の育成", "国際会議の招致", "認証機関の強化"]):
        sheet = complete_sheet(survey, status=status)
        sheet.fields["title"] = title
        sheet.fields["content"] = f"{title}のため、非公開の調整先と協議する。"
        sheet.items[0].kpis[0].actuals = {2023: "1", 2024: "2", 2025: "3"}
        sheet.items[0].kpis[0].qualifier = None
        sheet.items[0].kpis[0].source_text = SOURCE_LINE if n == 0 else ""     # read from last year's form's text
        citation = library.citation_for(hit.passage_id, "background")
        sheet.citations = [citation]
        content = sheet.fields["content"]
        start = content.index("非公開の調整先")
        kpi = sheet.items[0].kpis[0]
        sheet.marks = [MarkData(reason="調整中のため", part=Part.field("content"), start=start,
                                end=start + len("非公開の調整先"), text="非公開の調整先"),
                       MarkData(reason="未公表の数値", part=Part.actual(kpi.key, 2025), text="3")]
        sheets.append(sheet)
    return repo.save_sheets(sheets, author="府省 花子")


def _state(repo, survey):
    """Everything the exchange must carry, by exchange key, compared as data."""
    sheets = repo.load_sheets(SheetFilter(survey_key=survey.key, year=2025, ministry=MINISTRY))
    keys = {link.sheet_id: link.key for link in links_store.links(repo, sheet_ids=[s.id for s in sheets])}
    infos = links_store.passage_infos(repo, {c.passage_id for s in sheets for c in s.citations if c.passage_id})
    reviews = links_store.reviews(repo, [s.id for s in sheets])
    registers = links_store.register_forms(repo, {s.lineage for s in sheets})
    out = {}
    for s in sheets:
        refs = {c.key: infos[c.passage_id].ref for c in s.citations if c.passage_id in infos}
        review = reviews[s.id]
        out[keys[s.id]] = (
            canonical(to_portable(s, refs)),
            [(c.key, c.parent, c.body, c.author, c.role, c.resolved) for c in review.comments],
            [h.identity for h in review.history],
            review.evaluation,
            sorted(registers[s.lineage]),
            sorted((infos[c.passage_id].text, infos[c.passage_id].ref) for c in s.citations),
        )
    return out


def test_a_round_trip_leaves_both_databases_equal(ministry, secretariat, survey, tmp_path):
    mine = _sheets(ministry, survey)
    submission = tmp_path / "提出.xlsx"
    export_exchange(ministry, submission, ministry=MINISTRY, year=2025)

    plan = plan_exchange_import(secretariat, submission)
    assert plan.ok, [str(p) for p in plan.problems]
    assert [e.state for e in plan.entries] == [NEW, NEW, NEW]
    apply_exchange_import(secretariat, plan, author="事務局 太郎")
    assert _state(secretariat, survey) == _state(ministry, survey)

    received = secretariat.load_sheets(SheetFilter(year=2025, ministry=MINISTRY), order="id")
    cited = received[0].citations[0]
    assert cited.passage_id is not None and cited.quoted_text == mine[0].citations[0].quoted_text
    assert cited.document_title == mine[0].citations[0].document_title    # the document came with the passage
    assert [k.source_text for _, k in received[0].all_kpis()][0] == SOURCE_LINE   # the form's line travels
    for sheet in received[:2]:
        add_comment(secretariat, sheet.id, "field:content", "目標との関係を記載してください。", author="事務局 太郎",
                    role=SECRETARIAT)
        change_status(secretariat, sheet.id, Status.RETURNED, role=SECRETARIAT, reason="記載が不足しています",
                      actor="事務局 太郎")
    set_evaluation(secretariat, received[2].id, secretariat.survey.review.evaluation_scale[0], "良好",
                   role=SECRETARIAT, author="事務局 太郎")
    returned = tmp_path / "差戻し.xlsx"
    export_exchange(secretariat, returned, ministry=MINISTRY, year=2025, kind=RETURN)

    plan = plan_exchange_import(ministry, returned)
    assert plan.ok, [str(p) for p in plan.problems]
    assert [e.state for e in plan.entries] == [CHANGED, CHANGED, UNCHANGED]
    assert [e.new_comments for e in plan.entries] == [1, 1, 0]
    assert plan.entries[2].new_evaluation is not None
    apply_exchange_import(ministry, plan, author="府省 花子")

    assert _state(ministry, survey) == _state(secretariat, survey)
    assert plan_exchange_import(ministry, returned).nothing_new     # the return, imported again, brings nothing
    back = ministry.get_sheet(mine[0].id)
    assert back.status is Status.RETURNED
    assert back.items[0].kpis[0].source_text == SOURCE_LINE and back.items[0].kpis[0].data_source == \
        mine[0].items[0].kpis[0].data_source
    assert [(h.to_status, h.reason, h.actor) for h in status_history(ministry, mine[0].id)][-1] == \
        (Status.RETURNED, "記載が不足しています", "事務局 太郎")
    assert {(str(m.part), m.text, m.reason) for m in back.marks} == \
        {(str(m.part), m.text, m.reason) for m in mine[0].marks}


def test_a_second_import_changes_nothing(ministry, secretariat, survey, tmp_path):
    _sheets(ministry, survey)
    path = tmp_path / "提出.xlsx"
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    apply_exchange_import(secretariat, plan_exchange_import(secretariat, path))
    before = _state(secretariat, survey)
    versions = [(s.id, s.version) for s in secretariat.load_sheets(SheetFilter())]

    again = plan_exchange_import(secretariat, path)
    assert again.nothing_new and [e.state for e in again.entries] == [UNCHANGED] * 3
    assert apply_exchange_import(secretariat, again) == []
    assert _state(secretariat, survey) == before
    assert [(s.id, s.version) for s in secretariat.load_sheets(SheetFilter())] == versions


def test_a_sheet_changed_on_both_sides_is_a_conflict_to_decide(ministry, secretariat, survey, tmp_path):
    mine = _sheets(ministry, survey, Status.REVIEW)
    path = tmp_path / "提出.xlsx"
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    apply_exchange_import(secretariat, plan_exchange_import(secretariat, path))
    theirs = secretariat.load_sheets(SheetFilter(year=2025), order="id")[0]
    theirs.fields["outcome"] = "事務局が直した成果"
    secretariat.save_sheet(theirs)
    returned = tmp_path / "返却.xlsx"
    export_exchange(secretariat, returned, ministry=MINISTRY, year=2025, kind=RETURN)
    local = ministry.get_sheet(mine[0].id)
    local.fields["outcome"] = "府省が直した成果"
    local.fields["results"] = "府省だけが直した実績"
    ministry.save_sheet(local)

    plan = plan_exchange_import(ministry, returned)
    assert plan.entries[0].state == CONFLICT
    assert [c.part for c in plan.entries[0].conflicts] == ["field:outcome"]
    with pytest.raises(ReportError, match="両方で変更"):
        apply_exchange_import(ministry, plan)
    assert ministry.get_sheet(mine[0].id).text("outcome") == "府省が直した成果"
    apply_exchange_import(ministry, plan, take=Take.THEIRS)
    merged = ministry.get_sheet(mine[0].id)
    assert (merged.text("outcome"), merged.text("results")) == ("事務局が直した成果", "府省だけが直した実績")


def _database_state(repo):
    return [(s.id, s.version, s.status, sorted(s.fields.items())) for s in repo.load_sheets(SheetFilter())]


def test_an_edited_readable_cell_is_named_and_nothing_is_imported(ministry, secretariat, survey, tmp_path):
    _sheets(ministry, survey)
    path = tmp_path / "提出.xlsx"
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_LIST]
    header = {ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
    cell = ws.cell(5, header["施策内容"])
    cell.value = "Excel で書き換えた内容"
    wb.save(path)

    plan = plan_exchange_import(secretariat, path)
    assert [p.cell for p in plan.problems] == [f"{SHEET_LIST}!{cell.coordinate}"]
    assert "一致しません" in plan.problems[0].message
    with pytest.raises(ReportError):
        apply_exchange_import(secretariat, plan)
    assert _database_state(secretariat) == []


def test_a_file_for_another_ministry_is_refused(ministry, secretariat, survey, tmp_path):
    _sheets(ministry, survey)
    other = complete_sheet(survey, ministry="外務省", status=Status.SUBMITTED)
    secretariat.save_sheet(other)
    path = tmp_path / "外務省.xlsx"
    export_exchange(secretariat, path, ministry="外務省", year=2025, kind=RETURN)
    before = _database_state(ministry)

    plan = plan_exchange_import(ministry, path)
    assert not plan.ok and "このデータベースから提出された施策ではありません" in plan.problems[0].message
    with pytest.raises(ReportError):
        apply_exchange_import(ministry, plan)
    refused = plan_exchange_import(ministry, path, ministry=MINISTRY)
    assert "外務省用" in refused.problems[0].message
    assert _database_state(ministry) == before


def test_a_key_of_another_ministrys_sheet_is_refused(ministry, secretariat, survey, tmp_path):
    _sheets(ministry, survey, Status.REVIEW)
    path = tmp_path / "提出.xlsx"
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    apply_exchange_import(secretariat, plan_exchange_import(secretariat, path))
    first = secretariat.load_sheets(SheetFilter(year=2025), order="id")[0]
    first.ministry = "外務省"        # the secretariat's copy now says it is another ministry's
    secretariat.save_sheet(first)
    before = _database_state(secretariat)
    plan = plan_exchange_import(secretariat, path)
    ws = openpyxl.load_workbook(path)[SHEET_LIST]
    column = next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == "府省庁")
    assert [p.cell for p in plan.problems] == [f"{SHEET_LIST}!{ws.cell(4, column).coordinate}"]
    assert "外務省の施策です" in plan.problems[0].message
    assert _database_state(secretariat) == before


@pytest.mark.parametrize("damage", ["truncated", "data"])
def test_a_corrupt_file_is_refused_in_japanese(ministry, secretariat, survey, tmp_path, damage):
    _sheets(ministry, survey)
    path = tmp_path / "提出.xlsx"
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    broken = tmp_path / "壊れた.xlsx"
    if damage == "truncated":
        data = path.read_bytes()
        broken.write_bytes(data[: len(data) // 2])
    else:   # the data sheet's text cut short inside an otherwise sound workbook
        shutil.copyfile(path, broken)
        wb = openpyxl.load_workbook(broken)
        ws = wb["交換データ"]
        ws.cell(1, 1).value = ws.cell(1, 1).value[:-10]
        wb.save(broken)
    with pytest.raises(ReportError, match="壊れ"):
        plan_exchange_import(secretariat, broken)
    assert _database_state(secretariat) == []


def test_the_file_is_a_valid_workbook_with_its_data_very_hidden(ministry, survey, tmp_path):
    import subprocess
    import sys

    _sheets(ministry, survey)
    path = tmp_path / "提出.xlsx"
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    wb = openpyxl.load_workbook(path)
    assert wb["交換データ"].sheet_state == "veryHidden" and wb[SHEET_LIST].sheet_state == "visible"
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
    result = subprocess.run([sys.executable, "/work/shared/tools/validate_ooxml.py", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_mark_that_cannot_be_placed_stays_withheld_and_is_flagged(ministry, secretariat, survey, tmp_path):
    mine = _sheets(ministry, survey, Status.REVIEW)[0]
    kpi = mine.items[0].kpis[0]
    marked = ministry.get_sheet(mine.id)
    marked.marks.append(MarkData(reason="相手国との調整中", part=Part.kpi(kpi.key)))
    ministry.save_sheet(marked)
    path = tmp_path / "提出.xlsx"
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    apply_exchange_import(secretariat, plan_exchange_import(secretariat, path))
    theirs = secretariat.load_sheets(SheetFilter(year=2025), order="id")[0]
    theirs.items[0].kpis = []            # the secretariat took the marked KPI out
    secretariat.save_sheet(theirs)
    returned = tmp_path / "返却.xlsx"
    export_exchange(secretariat, returned, ministry=MINISTRY, year=2025, kind=RETURN)

    plan = plan_exchange_import(ministry, returned)
    assert plan.ok
    flagged = [w for w in plan.warnings if "非公開の確認が必要" in w.message]
    assert flagged and "プロジェクト実施件数" in flagged[0].message
    apply_exchange_import(ministry, plan)
    back = ministry.get_sheet(mine.id)
    kept = [m for m in back.marks if str(m.part) == str(Part.kpi(kpi.key))]
    assert len(kept) == 1 and kept[0].unplaced and kept[0].reason == "相手国との調整中"
    assert "プロジェクト実施件数" in {w.text for w in back.withheld}


def test_passages_the_library_lacks_come_with_the_file_and_survive_indexing(ministry, secretariat, survey, tmp_path):
    mine = _sheets(ministry, survey)
    path = tmp_path / "提出.xlsx"
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    plan = plan_exchange_import(secretariat, path)
    assert plan.placeholders and any("資料に追加します" in w.message for w in plan.warnings)
    apply_exchange_import(secretariat, plan)
    before = _state(secretariat, survey)
    Library(secretariat.db).ensure_seeds()       # the secretariat installs the shipped library afterwards
    assert _state(secretariat, survey) == before
    received = secretariat.load_sheets(SheetFilter(year=2025), order="id")[0]
    assert Library(secretariat.db).passage(received.citations[0].passage_id).text == \
        Library(ministry.db).passage(mine[0].citations[0].passage_id).text


def test_a_file_naming_a_sheet_in_the_trash_is_refused(ministry, secretariat, survey, tmp_path):
    _sheets(ministry, survey, Status.REVIEW)
    path = tmp_path / "提出.xlsx"
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    apply_exchange_import(secretariat, plan_exchange_import(secretariat, path))
    first = secretariat.load_sheets(SheetFilter(year=2025), order="id")[0]
    secretariat.set_deleted(first.id, True)
    local = ministry.load_sheets(SheetFilter(year=2025), order="id")[0]
    local.fields["results"] = "出し直した実績"
    ministry.save_sheet(local)
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    plan = plan_exchange_import(secretariat, path)
    assert [p.cell for p in plan.problems] == [f"{SHEET_LIST}!4"] and "ごみ箱" in plan.problems[0].message


def test_a_submission_cannot_accept_its_own_sheets(ministry, secretariat, survey, tmp_path):
    """A file moves a status as the side that sends it (a submission as the ministry): a ministry's file
    whose sheets say 確定 is refused by the review cycle, and nothing of it is saved."""
    from desktop.reports.errors import ReportError

    _sheets(ministry, survey)
    path = tmp_path / "提出.xlsx"
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    apply_exchange_import(secretariat, plan_exchange_import(secretariat, path))
    for s in ministry.load_sheets(SheetFilter(year=2025)):   # forged in the ministry's database
        with ministry.db.sessions() as session, session.begin():
            session.execute(text("UPDATE sheets SET status = 'accepted' WHERE id = :id"), {"id": s.id})
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    before = _database_state(secretariat)
    with pytest.raises(ReportError, match="事務局が行います"):
        apply_exchange_import(secretariat, plan_exchange_import(secretariat, path))
    assert _database_state(secretariat) == before


def test_a_revised_definition_travels_with_the_file_and_is_known_by_content(ministry, secretariat, survey, tmp_path):
    """The ministry fills its sheets in a revised format the secretariat's database has never seen; the file
    brings the definition, the import stores it (not the preview), and a database where the same content has
    another number maps the sheets to its own number both ways."""
    from desktop.reports.definition_workbook import read_definition_workbook
    from desktop.store.surveys import SurveyCatalog
    from desktop.survey.definition_data import content_hash
    from tests.app.test_new_year_onto import revised_workbook

    revised = read_definition_workbook(revised_workbook(survey, tmp_path / "r8.xlsx"))
    assert SurveyCatalog(ministry.db).add(revised, "事務局").version == 2
    in_revised = Repository(ministry.db, SurveyCatalog(ministry.db).definition(survey.key))
    sheet = complete_sheet(in_revised.survey, status=Status.SUBMITTED)
    sheet.fields.update(context="新しい様式の背景欄の記載。", partners="協力機関として乙研究所。")
    sheet.fields.pop("background", None)
    sheet.fields.pop("outcome", None)
    mine = in_revised.create_sheet(sheet, author="府省 花子")
    assert mine.survey_version == 2
    # The secretariat's database holds a different second version already: the ministry's becomes its third.
    other = dataclasses.replace(revised, title=revised.title + "（別案）")
    assert SurveyCatalog(secretariat.db).add(other, "事務局").version == 2

    path = tmp_path / "提出.xlsx"
    export_exchange(in_revised, path, ministry=MINISTRY, year=2025)
    plan = plan_exchange_import(secretariat, path)
    assert plan.ok, [str(p) for p in plan.problems]
    assert any("新しい版として追加" in p.message for p in plan.warnings)
    assert SurveyCatalog(secretariat.db).surveys()[0].latest == 2           # the preview stores nothing
    apply_exchange_import(secretariat, plan, author="事務局 太郎")
    catalog = SurveyCatalog(secretariat.db)
    assert catalog.surveys()[0].latest == 3
    assert content_hash(catalog.definition(survey.key, 3)) == content_hash(revised)
    [received] = secretariat.load_sheets(SheetFilter(year=2025, ministry=MINISTRY))
    assert received.survey_version == 3
    assert received.fields["partners"] == "協力機関として乙研究所。"
    assert secretariat.sheet_definition(received).field("context").label == "施策の背景・必要性"

    again = plan_exchange_import(secretariat, path)                         # known now: nothing to add
    assert again.nothing_new and not again.definitions
    change_status(secretariat, received.id, Status.RETURNED, role=SECRETARIAT, reason="協力機関の役割を記載",
                  actor="事務局 太郎")
    returned = tmp_path / "差戻し.xlsx"
    export_exchange(secretariat, returned, ministry=MINISTRY, year=2025, kind=RETURN)
    back_plan = plan_exchange_import(ministry, returned)
    assert back_plan.ok and not back_plan.definitions                       # the ministry's version 2, by content
    apply_exchange_import(ministry, back_plan, author="府省 花子")
    back = ministry.get_sheet(mine.id)
    assert back.status is Status.RETURNED and back.survey_version == 2
    assert SurveyCatalog(ministry.db).surveys()[0].latest == 2


def test_a_definition_edited_inside_the_file_is_refused(ministry, secretariat, survey, tmp_path):
    from desktop.reports.exchange_file import read_exchange, write_exchange
    from desktop.survey.portable import from_portable

    _sheets(ministry, survey)
    path = tmp_path / "提出.xlsx"
    export_exchange(ministry, path, ministry=MINISTRY, year=2025)
    payload, _ = read_exchange(path)
    payload["survey"]["definition"] = payload["survey"]["definition"].replace("施策名", "施策の名前")
    shown = [from_portable(e["content"])[0] for e in payload["sheets"]]
    write_exchange(survey, payload, shown, path, ministry=MINISTRY, year=2025,
                   created=__import__("datetime").date.fromisoformat(payload["created"]))
    before = _database_state(secretariat)
    with pytest.raises(ReportError, match="読み取れません"):
        plan_exchange_import(secretariat, path)
    assert _database_state(secretariat) == before
