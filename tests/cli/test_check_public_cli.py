"""sesaku-desk check-public: exit 0 on a clean public file, 1 with the leaks listed, 2 on an unreadable file."""

import json

import pytest

from desktop.cli import main
from desktop.reports.docx_writer import write_docx
from desktop.reports.model import build_report
from desktop.reports.xlsx_writer import write_xlsx
from desktop.store.database import open_database
from desktop.store.repository import Repository
from tests.reports.sheetkit import SECRET, mark, sheet


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def marked_db(tmp_path, survey):
    target = tmp_path / "marks.db"
    db = open_database(str(target))
    s = sheet(survey, "非公開を含む施策", with_ids=False, content="公開部分。" + SECRET + "後半。")
    mark(s, "content", SECRET, reason="交渉中のため")
    saved = Repository(db).save_sheets([s])
    db.close()
    return str(target), saved


@pytest.mark.parametrize("writer,suffix", [(write_docx, "docx"), (write_xlsx, "xlsx")])
def test_clean_and_leaking_files(marked_db, survey, tmp_path, capsys, writer, suffix):
    target, sheets = marked_db
    public = writer(build_report(survey, sheets, "public"), tmp_path / f"public.{suffix}")
    code, out, _ = run(capsys, "check-public", str(public), "--db", target)
    assert code == 0 and "見つかりませんでした" in out
    internal = writer(build_report(survey, sheets, "internal"), tmp_path / f"internal.{suffix}")
    code, out, _ = run(capsys, "--db", target, "check-public", str(internal))
    assert code == 1
    assert SECRET in out and "非公開を含む施策" in out and "公開しないでください" in out
    code, out, _ = run(capsys, "--db", target, "check-public", str(internal), "--json")
    leaks = json.loads(out)
    assert code == 1 and leaks and {"part", "text", "sheet_id", "context"} <= set(leaks[0])


def test_every_year_and_the_trash_are_compared_one_verdict(marked_db, survey, tmp_path, capsys):
    """check-public compares with every withheld text of the database, as the export does."""
    target, sheets = marked_db
    internal = write_docx(build_report(survey, sheets, "internal"), tmp_path / "internal.docx")
    code, _, _ = run(capsys, "--db", target, "check-public", str(internal))
    assert code == 1
    repo = Repository(open_database(target))
    for s in sheets:
        repo.set_deleted(s.id, True)
    code, out, _ = run(capsys, "--db", target, "check-public", str(internal))
    assert code == 1 and "非公開の内容が" in out        # a sheet in the trash still protects its text


def test_unreadable_or_missing_file_is_exit_2(marked_db, tmp_path, capsys):
    target, _ = marked_db
    text = tmp_path / "memo.docx"
    text.write_text("ただのテキスト")
    code, _, err = run(capsys, "--db", target, "check-public", str(text))
    assert code == 2 and "読めません" in err
    code, _, err = run(capsys, "--db", target, "check-public", str(tmp_path / "none.xlsx"))
    assert code == 2 and "見つかりません" in err


def test_a_passage_in_an_embedded_workbook_is_found_and_its_part_named(marked_db, survey, tmp_path, capsys):
    """A public Word file with an Excel object pasted in: check-public reads the object too."""
    import io
    import zipfile

    from openpyxl import Workbook

    target, sheets = marked_db
    public = write_docx(build_report(survey, sheets, "public"), tmp_path / "public.docx")
    wb = Workbook()
    wb.active["B2"] = "前置き" + SECRET
    embedded = io.BytesIO()
    wb.save(embedded)
    with zipfile.ZipFile(public, "a") as z:
        z.writestr("word/embeddings/Microsoft_Excel_Worksheet1.xlsx", embedded.getvalue())
    code, out, _ = run(capsys, "--db", target, "check-public", str(public))
    assert code == 1
    assert "word/embeddings/Microsoft_Excel_Worksheet1.xlsx!/xl/worksheets/sheet1.xml" in out and SECRET in out


def test_a_sheet_deleted_for_good_still_protects_its_text(marked_db, survey, tmp_path, capsys):
    """Purging a sheet from the trash keeps its register: a file with its withheld text still fails."""
    target, sheets = marked_db
    internal = write_docx(build_report(survey, sheets, "internal"), tmp_path / "internal.docx")
    db = open_database(target)
    repo = Repository(db)
    for s in sheets:
        repo.set_deleted(s.id, True)
    repo.purge_sheets([s.id for s in sheets])
    assert repo.get_sheets([s.id for s in sheets]) == {}
    db.close()
    code, out, _ = run(capsys, "--db", target, "check-public", str(internal))
    assert code == 1 and SECRET in out
    assert "施策「（完全に削除したシート）」で非公開" in out and "ID None" not in out
