import json
import subprocess
import sys

import pytest

from desktop.cli import main
from desktop.store.database import open_database
from desktop.store.repository import Repository
from desktop.survey.sheet import Status
from tests.factories import complete_sheet


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled_db(db_target, survey):
    """The --db argument of a database holding three sheets (a file path, or a postgresql:// URL)."""
    db = open_database(db_target)
    repo = Repository(db)
    good = complete_sheet(survey, ministry="総務省")
    bad = complete_sheet(survey, ministry="経済産業省", status=Status.REVIEW, classification=None)
    bad.fields["background"] = ""
    bad.fields["title"] = "未完成の施策"
    other_year = complete_sheet(survey, fiscal_year=2026)
    repo.save_sheets([good, bad, other_year])
    db.close()
    return db_target


def test_init_creates_the_database(tmp_path, capsys):
    target = tmp_path / "new.db"
    code, out, _ = run(capsys, "--db", str(target), "init")
    assert code == 0 and target.exists() and str(target) in out


def test_a_mistyped_db_path_is_an_error_not_a_new_empty_database(tmp_path, capsys):
    target = tmp_path / "typo" / "sesaku.db"
    code, _, err = run(capsys, "--db", str(target), "sheets", "list")
    assert code == 2 and "見つかりません" in err
    assert not target.exists() and not target.parent.exists()


def test_sheets_list_json_shape(filled_db, capsys):
    code, out, _ = run(capsys, "--db", str(filled_db), "sheets", "list", "--year", "2025", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["ministry"] for r in rows] == ["総務省", "経済産業省"]
    first = rows[0]
    assert {"id", "fiscal_year", "ministry", "bureau", "classification", "title", "status"} <= set(first)
    assert first["fiscal_year"] == 2025 and isinstance(first["id"], int)
    assert first["status"] == "draft" and rows[1]["status"] == "review"


def test_sheets_list_filters_accept_japanese_years_and_names(filled_db, capsys):
    code, out, _ = run(capsys, "--db", str(filled_db), "sheets", "list", "--year", "令和7年度",
                       "--ministry", "経済産業省", "--json")
    assert code == 0 and [r["title"] for r in json.loads(out)] == ["未完成の施策"]
    code, out, _ = run(capsys, "--db", str(filled_db), "sheets", "list", "--status", "確認中")
    assert code == 0 and "未完成の施策" in out and "令和7年度" in out and "1件" in out


def test_validate_reports_problems_with_field_keys_and_exit_1(filled_db, capsys):
    code, out, _ = run(capsys, "--db", str(filled_db), "validate", "--year", "2025", "--json")
    assert code == 1
    problems = json.loads(out)
    assert {(p["field"], p["severity"]) for p in problems} == {("classification", "error"), ("background", "error")}
    assert all(set(p) == {"sheet_id", "severity", "field", "message"} for p in problems)
    assert all(p["message"] for p in problems)


def test_validate_clean_year_exits_0(filled_db, capsys):
    code, out, _ = run(capsys, "--db", str(filled_db), "validate", "--year", "2026")
    assert code == 0 and "エラー 0件" in out


def test_bad_usage_exits_2_with_japanese_message(filled_db, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--db", str(filled_db), "sheets", "list", "--year", "来年"])
    assert info.value.code == 2
    assert "年度として読み取れません" in capsys.readouterr().err


def test_unreadable_database_exits_2(tmp_path, capsys):
    bogus = tmp_path / "not-a-db.db"
    bogus.write_text("hello")
    code, out, err = run(capsys, "--db", str(bogus), "sheets", "list")
    assert code == 2 and out == "" and "施策デスクのデータベースではありません" in err
    assert bogus.read_text() == "hello"


def test_entry_point_runs_as_module(filled_db):
    result = subprocess.run([sys.executable, "-m", "desktop", "--db", str(filled_db), "sheets", "list", "--json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 3
