"""export, template and import from the command line, on SQLite and PostgreSQL."""

import csv

import docx
import openpyxl
import pytest

from desktop.cli import main
from desktop.store.repository import Repository, SheetFilter
from tests.reports.sheetkit import SECRET, accept, fill, lock_target, mark, package_text, reopen, sheet


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stored(seeded_db):
    """Three stored sheets: two of 2025 (総務省, 外務省), one of 2024 (総務省) with a marked passage."""
    repo = Repository(seeded_db)
    survey = repo.survey
    a = sheet(survey, "総務省の施策", with_ids=False, content="国際指針の普及。" + SECRET)
    mark(a, "content", SECRET)
    b = sheet(survey, "外務省の施策", ministry="外務省", with_ids=False, classification=survey.choices[1].code)
    c = sheet(survey, "前年度の施策", year=2024, with_ids=False)
    saved = repo.save_sheets([a, b, c])
    return repo, seeded_db.target, saved


@pytest.fixture
def outdir(tmp_path):
    """A folder of its own for what the commands write (the database lives in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def titles(repo, year):
    return sorted(s.text("title") for s in repo.load_sheets(SheetFilter(year=year)))


def test_export_formats_filters_and_one_sheet(capsys, stored, outdir):
    repo, target, saved = stored
    out = outdir / "報告書.docx"
    code, text, err = run(capsys, "--db", target, "export", "docx", "--out", out, "--year", "2025",
                          "--ministry", "総務省")
    assert code == 0, err
    assert "公開版のWord 文書を出力しました" in text and "施策シート 1件" in text and "確認済み" in text
    body = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "総務省の施策" in body and "外務省の施策" not in body and SECRET not in body

    code, text, err = run(capsys, "--db", target, "export", "xlsx", "--out", outdir / "a.xlsx",
                          "--audience", "internal", "--classification", repo.survey.choices[1].label)
    assert code == 0, err
    listing = openpyxl.load_workbook(outdir / "a.xlsx")["一覧"]
    assert "外務省の施策" in package_text(outdir / "a.xlsx") and "総務省の施策" not in package_text(outdir / "a.xlsx")
    assert listing.max_row >= 2

    code, text, err = run(capsys, "--db", target, "export", "csv", "--out", outdir / "k.csv", "--sheet", saved[2].id)
    assert code == 0, err
    raw = (outdir / "k.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) > 1 and all("前年度の施策" in row for row in rows[1:])


def test_public_and_internal_exports_of_a_marked_passage(capsys, stored, outdir):
    _repo, target, _saved = stored
    for audience in ("public", "internal"):
        code, _, err = run(capsys, "--db", target, "export", "xlsx", "--out", outdir / f"{audience}.xlsx",
                           "--audience", audience, "--year", "2025")
        assert code == 0, err
    assert SECRET not in package_text(outdir / "public.xlsx")
    assert SECRET in package_text(outdir / "internal.xlsx")


def test_a_passage_repeated_in_another_sheet_is_withheld_there(capsys, stored, outdir):
    repo, target, _saved = stored
    repo.save_sheets([sheet(repo.survey, "別の施策", with_ids=False, outcome=SECRET)])
    code, _, err = run(capsys, "--db", target, "export", "docx", "--out", outdir / "公開版.docx", "--year", "2025")
    assert code == 0, err
    text = package_text(outdir / "公開版.docx")
    assert SECRET not in text and "（非公開）" in text
    code, out_text, err = run(capsys, "--db", target, "check-public", outdir / "公開版.docx")
    assert code == 0, err


def test_public_export_of_a_sheet_needing_a_person_is_refused_and_writes_nothing(capsys, stored, outdir):
    repo, target, saved = stored
    # An import rewrote the field and the marked passage was not found: the mark waits for a person.
    reopen(repo, saved[0].id)
    a = repo.get_sheet(saved[0].id)
    a.fields["content"] = "書き換えられた内容。"
    repo.save_sheet(a)
    assert repo.get_sheet(a.id).marks[0].unplaced
    accept(repo, a.id)
    out = outdir / "公開版.docx"
    out.write_bytes(b"last week's report")
    code, _, err = run(capsys, "--db", target, "export", "docx", "--out", out, "--year", "2025")
    assert code == 1
    assert "非公開の確認が必要" in err and "総務省の施策" in err and "施策内容" in err and SECRET[:20] in err
    assert out.read_bytes() == b"last week's report"
    assert sorted(p.name for p in outdir.iterdir()) == ["公開版.docx"]       # no temporary file left


@pytest.mark.parametrize("args, message", [
    (["export", "docx", "--out", "{tmp}/a.xlsx"], "拡張子を .docx にしてください"),
    (["export", "xlsx", "--out", "{tmp}/a.xlsx", "--classification", "存在しない分類"], "選択肢にありません"),
    (["export", "xlsx", "--out", "{tmp}/a.xlsx", "--year", "2030"], "条件（令和12年度）に合う施策シートがありません"),
    (["export", "xlsx", "--out", "{tmp}/無い/a.xlsx"], "フォルダ"),
    (["export", "xlsx", "--out", "{tmp}/a.xlsx", "--sheet", "99999"], "施策シート 99999 が見つかりません"),
    (["template", "--year", "2025", "--out", "{tmp}/a.docx"], "拡張子を .xlsx"),
])
def test_export_and_template_refusals(capsys, stored, outdir, args, message):
    _repo, target, _saved = stored
    code, _, err = run(capsys, "--db", target, *[a.format(tmp=outdir) for a in args])
    assert code == 2 and err.startswith("エラー: ") and message in err
    assert not (outdir / "a.xlsx").exists()


def test_locked_target_gives_a_clear_message_and_stays_as_it_was(capsys, stored, outdir, monkeypatch):
    _repo, target, _saved = stored
    out = outdir / "開いている.xlsx"
    out.write_bytes(b"open in Excel")
    lock_target(monkeypatch, out)
    code, _, err = run(capsys, "--db", target, "export", "xlsx", "--out", out)
    assert code == 2 and "開いている場合は閉じてから" in err
    assert out.read_bytes() == b"open in Excel"
    assert sorted(p.name for p in outdir.iterdir()) == ["開いている.xlsx"]


def test_template_fill_and_import_with_dry_run_first(capsys, stored, outdir):
    repo, target, saved = stored
    reopen(repo, saved[0].id)     # the ministry is still writing it (an accepted sheet's content is frozen)
    form = outdir / "調査票.xlsx"
    code, text, err = run(capsys, "--db", target, "template", "--ministry", "総務省", "--year", "2025", "--out", form)
    assert code == 0, err
    assert "令和7年度の調査票（総務省）を作成しました" in text
    assert "当年度の施策 1件、前年度から引き継ぐ施策 1件" in text     # 前年度の施策 has no 2025 sheet yet
    assert "内部資料: 非公開の箇所を含む施策が 1件あります" in text      # the form shows the marked passage
    fill(form, [{"施策内容": "改訂した施策内容\n二行目"}, {},
                {"No.": 3, "施策名": "新しい施策", "施策内容": "内容😀", "施策分類": repo.survey.choices[0].label}], [])

    code, text, err = run(capsys, "--db", target, "import", form, "--dry-run")
    assert code == 0, err
    assert "新規 2件、変更 1件" in text and "[新規] 新しい施策" in text and "[新規] 前年度の施策（令和7年度" in text
    assert f"[変更] ID {saved[0].id} 総務省の施策" in text and "改訂した施策内容 二行目" in text
    assert "試行のため保存していません" in text
    assert titles(repo, 2025) == ["外務省の施策", "総務省の施策"]

    code, text, err = run(capsys, "--db", target, "import", form)
    assert code == 0, err
    assert "取り込みました（新規 2件、変更 1件" in text
    assert titles(repo, 2025) == ["前年度の施策", "外務省の施策", "新しい施策", "総務省の施策"]
    updated = repo.get_sheet(saved[0].id)
    assert updated.text("content") == "改訂した施策内容\n二行目"
    # the marked passage is not in the new text: the mark is kept, unplaced, and the sheet waits for a person
    assert [(m.field_key, m.text, m.unplaced) for m in updated.marks] == [("content", SECRET, True)]
    assert "非公開の確認が必要" in err


def test_import_problems_name_cells_and_nothing_is_saved(capsys, stored, outdir):
    repo, target, saved = stored
    good, bad = outdir / "good.xlsx", outdir / "bad.xlsx"
    for path, ministry in ((good, "総務省"), (bad, "外務省")):
        code, _, err = run(capsys, "--db", target, "template", "--year", "2025", "--ministry", ministry, "--out", path)
        assert code == 0, err
    fill(good, [{"施策内容": "正しい変更"}], [])
    fill(bad, [{"施策分類": "存在しない分類"}], [{"No.": 7, "指標": "迷子のKPI"}])
    before = {s.id: s.version for s in repo.load_sheets()}

    code, text, err = run(capsys, "--db", target, "import", good, bad)
    assert code == 1 and text == ""
    assert "エラー: bad.xlsx 一覧!I4: 「施策分類」の「存在しない分類」は選択肢にありません" in err
    assert "エラー: bad.xlsx KPI!C4: 一覧シートにない No. です" in err
    assert "good.xlsx" not in err.replace("確認", "\n確認").split("エラー")[-1]
    assert "データベースは変更していません" in err
    assert {s.id: s.version for s in repo.load_sheets()} == before


def test_import_refuses_what_is_not_a_form(capsys, stored, outdir):
    _repo, target, _saved = stored
    fake = outdir / "壊れた.xlsx"
    fake.write_bytes(b"not a zip at all")
    code, _, err = run(capsys, "--db", target, "import", fake, outdir / "memo.txt")
    assert code == 2
    assert "壊れた.xlsx" in err and "壊れている" in err and "Excel ブック（.xlsx）ではありません" in err


def test_template_of_next_year_starts_from_last_years_sheets(capsys, stored, outdir):
    repo, target, saved = stored
    form = outdir / "next.xlsx"
    code, text, err = run(capsys, "--db", target, "template", "--year", "2026", "--out", form)
    assert code == 0, err
    assert "当年度の施策 0件、前年度から引き継ぐ施策 2件" in text
    code, text, err = run(capsys, "--db", target, "import", form)
    assert code == 0, err
    created = repo.load_sheets(SheetFilter(year=2026))
    assert sorted(s.predecessor_id for s in created) == sorted(s.id for s in saved[:2])
    assert all(s.text("results") == "" and s.text("content") for s in created)   # results start empty


def test_the_apps_own_reports_are_refused_and_nothing_changes(capsys, stored, outdir):
    """An exported report is not a form: importing it would turn 【非公開】 passages into plain text."""
    repo, target, _saved = stored
    before = {s.id: s.version for s in repo.load_sheets()}
    internal, public, stripped = outdir / "内部.xlsx", outdir / "公開.xlsx", outdir / "一覧だけ.xlsx"
    for path, audience in ((internal, "internal"), (public, "public")):
        code, _, err = run(capsys, "--db", target, "export", "xlsx", "--audience", audience, "--year", "2025",
                           "--out", path)
        assert code == 0, err
    code, text, err = run(capsys, "--db", target, "import", internal)
    assert code != 0 and text == ""
    assert "内部.xlsx: このファイルはアプリが出力した内部資料の報告書です（「非公開一覧」シートがあります）" in err
    assert "記入用の調査票（sesaku-desk template）を使ってください" in err and "データベースは変更していません" in err
    code, text, err = run(capsys, "--db", target, "import", public)
    assert code != 0 and "このファイルはアプリが出力した報告書です" in err

    wb = openpyxl.load_workbook(internal)     # only the list of the internal report, as if copied elsewhere
    for name in wb.sheetnames[1:]:
        del wb[name]
    wb.save(stripped)
    code, text, err = run(capsys, "--db", target, "import", stripped)
    assert code != 0 and text == ""
    assert "一覧だけ.xlsx 一覧!" in err and "アプリが出力した報告書です（【内部資料】の表示があります）" in err
    assert {s.id: s.version for s in repo.load_sheets()} == before
    assert SECRET not in "".join(s.text("content") for s in repo.load_sheets() if not s.marks)


def _foreign_form(path, rows):
    """Another tool's form: its own sheet name, a title row, no hidden ids, no 情報 sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "回答"
    ws["A1"] = "フォローアップ調査（回答）"
    ws.append(["施策名", "年度", "府省庁", "施策内容"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_another_tools_form_imported_twice_updates_instead_of_duplicating(capsys, stored, outdir):
    repo, target, saved = stored
    reopen(repo, saved[1].id)
    form = _foreign_form(outdir / "回答.xlsx", [["外務省の施策", "令和7年度", "外務省", "外部様式で改訂した内容"],
                                               ["外部様式の施策", "令和7年度", "外務省", "新しい内容"]])
    code, text, err = run(capsys, "--db", target, "import", form, "--dry-run")
    assert code == 0, err
    assert "新規 1件、変更 1件、変更なし 0件" in text and f"[変更] ID {saved[1].id} 外務省の施策" in text
    code, text, err = run(capsys, "--db", target, "import", form)
    assert code == 0, err
    assert repo.get_sheet(saved[1].id).text("content") == "外部様式で改訂した内容"
    code, text, err = run(capsys, "--db", target, "import", form)
    assert code == 0, err
    assert "新規 0件、変更 0件、変更なし 2件" in text
    assert titles(repo, 2025) == ["外務省の施策", "外部様式の施策", "総務省の施策"]


def test_another_tools_row_matching_several_sheets_is_a_problem(capsys, stored, outdir):
    repo, target, saved = stored
    twin = sheet(repo.survey, "外務省の施策", ministry="外務省", with_ids=False)
    repo.save_sheets([twin])
    before = {s.id: s.version for s in repo.load_sheets()}
    form = _foreign_form(outdir / "回答.xlsx", [["外務省の施策", "令和7年度", "外務省", "どちらの施策か"]])
    code, text, err = run(capsys, "--db", target, "import", form)
    assert code != 0 and text == ""
    assert "エラー: 回答.xlsx 回答!A3: 令和7年度・外務省に施策名「外務省の施策」の施策が複数あります" in err
    assert "ID 付きの調査票（sesaku-desk template）" in err
    assert {s.id: s.version for s in repo.load_sheets()} == before


def test_import_of_another_tools_form_takes_the_year_from_the_command(capsys, stored, outdir):
    repo, target, _saved = stored
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.append(["府省庁名", "担当課室", "施策名", "施策内容", "KPI"])
    wb.active.append(["環境省", "地球環境局", "年度は指定で", "内容", "温室効果ガス 46%削減（2013年度比）"])
    form = outdir / "他様式.xlsx"
    wb.save(form)
    code, text, err = run(capsys, "--db", target, "import", form)
    assert code == 1 and "--year" in err
    code, text, err = run(capsys, "--db", target, "import", form, "--year", "令和7年度", "--kpi", "text")
    assert code == 0, err
    [got] = repo.load_sheets(SheetFilter(year=2025, text="年度は指定で"))
    assert (got.ministry, got.bureau) == ("環境省", "地球環境局")
    assert [k.indicator for i in got.items for k in i.kpis] == ["温室効果ガス 46%削減（2013年度比）"]
    assert "Sheet!E2" in err and "46%削減" in err          # the KPI text, listed for review


KPI_CELL = "・研修修了者数：令和9年度までに累計100名\n・GII 4位以内\n・相談件数 令和5年度 12件 → 令和9年度 30件\n" \
           "・関係機関との連携を深める"


def _kpi_form(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "調査票"
    ws["A1"] = "令和7年度 フォローアップ調査票"
    ws.append(["府省庁名", "担当課室", "施策名", "施策内容", "実施項目・KPI"])
    ws.append(["環境省", "地球環境局", "文章のKPIの施策", "内容", KPI_CELL])
    wb.save(path)
    return path


def test_kpis_read_from_text_need_a_choice_and_are_listed_with_their_lines(capsys, stored, outdir):
    repo, target, _saved = stored
    form = _kpi_form(outdir / "文章.xlsx")
    before = {s.id: s.version for s in repo.load_sheets()}
    code, text, err = run(capsys, "--db", target, "import", form)
    assert code == 2
    assert "KPI を 3件読み取りました" in err and "--kpi accept" in err and "--kpi text" in err
    assert "データベースは変更していません" in err
    assert "原文「研修修了者数：令和9年度までに累計100名」（調査票!E3）" in text
    assert "指標「研修修了者数」 目標 100名（令和9年度）" in text
    assert "指標「相談件数」 基準 12件（令和5年度） 目標 30件（令和9年度）" in text
    assert "目標 4位以内" in text and "下向き" in text
    assert "読み取れない記載" in text and "・「関係機関との連携を深める」" in text     # listed, not dropped
    assert {s.id: s.version for s in repo.load_sheets()} == before
    code, text, err = run(capsys, "--db", target, "import", form, "--dry-run")
    assert code == 0 and "--kpi accept" in text and "試行のため保存していません" in text
    assert {s.id: s.version for s in repo.load_sheets()} == before


def test_kpi_accept_saves_the_readings_and_keeps_each_line(capsys, stored, outdir):
    repo, target, _saved = stored
    code, text, err = run(capsys, "--db", target, "import", _kpi_form(outdir / "文章.xlsx"), "--kpi", "accept")
    assert code == 0, err
    assert "取り込みました（新規 1件" in text and "［読み取りどおり登録］" in text
    [got] = repo.load_sheets(SheetFilter(year=2025, text="文章のKPIの施策"))
    kpis = {k.indicator: k for i in got.items for k in i.kpis}
    assert list(kpis) == ["研修修了者数", "GIIの順位", "相談件数", "関係機関との連携を深める"]
    trained, rank, consult, text_only = kpis.values()
    assert (trained.target_value, trained.unit, trained.target_year) == ("100", "名", 2027)
    assert (trained.data_source, trained.source_text) == ("", "研修修了者数：令和9年度までに累計100名")  # the line, kept
    assert (rank.target_value, rank.qualifier.label, rank.judged_direction.label) == ("4", "以内", "下向き")
    assert (consult.baseline_value, consult.baseline_year, consult.target_value) == ("12", 2023, "30")
    assert (text_only.target_value, text_only.data_source, text_only.source_text) == (None, "", "")     # the line it could not read, as text


def test_kpi_text_keeps_every_line_as_written(capsys, stored, outdir):
    repo, target, _saved = stored
    code, text, err = run(capsys, "--db", target, "import", _kpi_form(outdir / "文章.xlsx"), "--kpi", "text")
    assert code == 0, err
    [got] = repo.load_sheets(SheetFilter(year=2025, text="文章のKPIの施策"))
    assert [(k.indicator, k.target_value) for i in got.items for k in i.kpis] == [
        ("研修修了者数：令和9年度までに累計100名", None), ("GII 4位以内", None),
        ("相談件数 令和5年度 12件 → 令和9年度 30件", None), ("関係機関との連携を深める", None)]


def test_kpi_choice_is_refused_when_it_is_not_one_of_the_two(capsys, stored, outdir):
    repo, target, _saved = stored
    before = {s.id: s.version for s in repo.load_sheets()}
    with pytest.raises(SystemExit) as stop:
        main(["--db", str(target), "import", str(_kpi_form(outdir / "文章.xlsx")), "--kpi", "yes"])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "'yes' は選べません" in err and "'accept', 'text'" in err
    assert {s.id: s.version for s in repo.load_sheets()} == before
def _heading_numbers(path):
    """The 施策番号 printed before each measure heading (Heading 2 paragraphs: 「3　施策名」)."""
    return {p.text.split("　", 1)[1]: int(p.text.split("　", 1)[0])
            for p in docx.Document(path).paragraphs if p.style.name.startswith("Heading 2")}


def test_the_public_result_leaves_drafts_out_and_says_how_many(capsys, stored, outdir):
    from desktop.survey.sheet import Status

    from desktop.store.review import change_status

    repo, target, saved = stored
    # The secretariat returns an accepted sheet and the ministry takes it back into 下書き.
    change_status(repo, saved[1].id, Status.RETURNED, role="secretariat", reason="KPIを見直してください。")
    change_status(repo, saved[1].id, Status.DRAFT, role="ministry")
    out = outdir / "結果.docx"
    code, text, err = run(capsys, "--db", target, "export", "docx", "--out", out, "--year", "2025")
    assert code == 0, err
    assert "施策シート 1件" in text
    assert "「確定」でない施策シート 1件（下書き 1件）は公開版に含めていません" in text
    body = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "総務省の施策" in body and "外務省の施策" not in body
    assert "フォローアップ結果" in body and "状態" not in body and "公開範囲に関する希望" not in body

    code, text, err = run(capsys, "--db", target, "export", "docx", "--out", out, "--year", "2025",
                          "--include-unaccepted", "--title", "令和7年度 点検結果", "--as-of", "2026-11-30")
    assert code == 0, err
    assert "施策シート 2件" in text and "含めました" in text
    body = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "【未確定（下書き）】外務省の施策" in body
    assert "令和7年度 点検結果" in body and "令和8年11月30日時点" in body


def test_nothing_accepted_writes_no_public_file_and_says_why(capsys, stored, outdir):
    from desktop.survey.sheet import Status

    from desktop.store.review import change_status

    repo, target, saved = stored
    for s in saved:   # returned, then submitted again: none is accepted now
        change_status(repo, s.id, Status.RETURNED, role="secretariat", reason="再確認")
        change_status(repo, s.id, Status.SUBMITTED, role="ministry")
    out = outdir / "結果.docx"
    code, _text, err = run(capsys, "--db", target, "export", "docx", "--out", out, "--year", "2025")
    assert code != 0 and not out.exists()
    assert "「確定」のものがないため" in err and "提出済 2件" in err


def test_a_measure_prints_the_same_number_in_a_full_and_a_one_sheet_export(capsys, stored, outdir):
    repo, target, saved = stored
    full, one = outdir / "全体.docx", outdir / "一件.docx"
    assert run(capsys, "--db", target, "export", "docx", "--out", full, "--year", "2025")[0] == 0
    assert run(capsys, "--db", target, "export", "docx", "--out", one, "--sheet", saved[1].id)[0] == 0
    numbers = _heading_numbers(full)
    assert sorted(numbers.values()) == [1, 2]
    assert _heading_numbers(one) == {"外務省の施策": numbers["外務省の施策"]}
    assert run(capsys, "--db", target, "export", "docx", "--out", full, "--year", "2025")[0] == 0
    assert _heading_numbers(full) == numbers


def test_bad_as_of_date_is_refused(capsys, stored, outdir):
    _repo, target, _saved = stored
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(target), "export", "docx", "--out", str(outdir / "a.docx"), "--as-of", "昨日"])
    assert exc.value.code != 0
    assert "2026-12-03 の形" in capsys.readouterr().err


def test_review_comments_and_the_evaluation_print_in_internal_output_only(capsys, stored, outdir):
    from desktop.store.review import add_comment, set_evaluation

    repo, target, saved = stored
    b = saved[1]
    add_comment(repo, b.id, "field:content", "成果物の公表時期を記載してください。", author="事務局 太郎",
                role="secretariat")
    set_evaluation(repo, b.id, "概ね順調", "KPIは概ね目標どおり。", role="secretariat", author="事務局 太郎")
    internal, public = outdir / "内部.docx", outdir / "公開.docx"
    assert run(capsys, "--db", target, "export", "docx", "--out", internal, "--audience", "internal",
               "--year", "2025")[0] == 0
    assert run(capsys, "--db", target, "export", "docx", "--out", public, "--year", "2025")[0] == 0
    inside = package_text(internal)
    assert "成果物の公表時期を記載してください。" in inside and "概ね順調：KPIは概ね目標どおり。" in inside
    outside = package_text(public)
    assert "成果物の公表時期" not in outside and "概ね順調" not in outside and "事務局 太郎" not in outside
    book, public_book = outdir / "内部.xlsx", outdir / "公開.xlsx"
    assert run(capsys, "--db", target, "export", "xlsx", "--out", book, "--audience", "internal",
               "--year", "2025")[0] == 0
    assert run(capsys, "--db", target, "export", "xlsx", "--out", public_book, "--year", "2025")[0] == 0
    review = openpyxl.load_workbook(book)["点検・評価"]
    cells = [c for row in review.iter_rows(values_only=True) for c in row if c]
    assert "成果物の公表時期を記載してください。" in cells and "概ね順調：KPIは概ね目標どおり。" in cells
    assert "点検・評価" not in openpyxl.load_workbook(public_book).sheetnames
    assert "成果物の公表時期" not in package_text(public_book)


def test_kpi_text_numbers_keep_those_readings_as_text(capsys, stored, outdir):
    repo, target, _saved = stored
    form = _kpi_form(outdir / "文章.xlsx")
    before = {s.id: s.version for s in repo.load_sheets()}
    code, _text, err = run(capsys, "--db", target, "import", form, "--kpi", "accept", "--kpi-text", "2,7")
    assert code == 2 and "--kpi-text の番号 7 は読み取った KPI の番号ではありません（1〜3" in err
    assert {s.id: s.version for s in repo.load_sheets()} == before
    code, text, err = run(capsys, "--db", target, "import", form, "--kpi", "accept", "--kpi-text", "２")
    assert code == 0, err
    assert "2. → 指標「GIIの順位」 目標 4位以内（目標年度なし） 下向き［文章のまま］" in text
    [got] = repo.load_sheets(SheetFilter(year=2025, text="文章のKPIの施策"))
    assert [k.indicator for i in got.items for k in i.kpis] == ["研修修了者数", "GII 4位以内", "相談件数",
                                                                "関係機関との連携を深める"]
