"""sesaku-desk exchange: export a submission, import it into another database, return it (SQLite only:
the store's tests hold both engines, tests/store/test_exchange.py)."""

import pytest

from desktop.cli import main
from desktop.store.database import open_database
from desktop.store.repository import Repository, SheetFilter
from desktop.survey.sheet import Status
from tests.factories import complete_sheet


@pytest.fixture
def db_backend():
    return "sqlite"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_import_and_return_through_the_cli(capsys, db_target, db, tmp_path):
    repo = Repository(db)
    sheet = repo.create_sheet(complete_sheet(repo.survey, status=Status.SUBMITTED))
    secretariat = tmp_path / "secretariat.db"
    open_database(secretariat).close()
    path = tmp_path / "提出.xlsx"

    code, out, err = run(capsys, "--db", db_target, "exchange", "export", "--ministry", "総務省", "--year", "令和7年度",
                         "--out", path)
    assert code == 0 and "提出ファイルを作成しました" in out, err
    code, out, err = run(capsys, "--db", secretariat, "exchange", "import", path, "--dry-run")
    assert code == 0 and "新規 1件" in out and "[新規] 広島AIプロセスの推進" in out and "--dry-run" in out, err
    code, out, err = run(capsys, "--db", secretariat, "exchange", "import", path)
    assert code == 0 and "取り込みました" in out, err
    code, out, err = run(capsys, "--db", secretariat, "exchange", "import", path)
    assert code == 0 and "取り込み済み" in out, err

    other = open_database(secretariat)
    received = Repository(other).load_sheets(SheetFilter())
    other.close()
    assert [s.text("title") for s in received] == [sheet.text("title")]
    code, _out, err = run(capsys, "--db", secretariat, "review", "move", received[0].id, "--to", "差戻し",
                          "--role", "事務局", "--reason", "KPI の根拠を記載してください。")
    assert code == 0, err
    returned = tmp_path / "差戻し.xlsx"
    code, out, err = run(capsys, "--db", secretariat, "exchange", "export", "--return", "--ministry", "総務省",
                         "--year", "2025", "--out", returned)
    assert code == 0 and "差戻し・返却ファイル" in out, err
    code, out, err = run(capsys, "--db", db_target, "exchange", "import", returned)
    assert code == 0 and "[変更]" in out, err
    assert repo.get_sheet(sheet.id).status is Status.RETURNED


def test_a_return_for_another_ministry_exits_1_and_changes_nothing(capsys, db_target, db, tmp_path):
    repo = Repository(db)
    repo.create_sheet(complete_sheet(repo.survey, ministry="外務省"))
    path = tmp_path / "外務省.xlsx"
    assert run(capsys, "--db", db_target, "exchange", "export", "--ministry", "外務省", "--year", "2025",
               "--out", path)[0] == 0
    code, _out, err = run(capsys, "--db", db_target, "exchange", "import", path, "--ministry", "総務省")
    assert code == 1 and "外務省用" in err and "変更していません" in err
