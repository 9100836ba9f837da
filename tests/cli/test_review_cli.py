"""sesaku-desk review: moves as a role, reasons, the history, comments and the evaluation (SQLite and PostgreSQL)."""

import pytest

from desktop.cli import main
from desktop.store.repository import Repository
from tests.factories import complete_sheet


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stored(db_target, db):
    repo = Repository(db)
    return db_target, repo.create_sheet(complete_sheet(repo.survey)).id


def test_moves_follow_the_roles_and_the_history_shows_them(capsys, stored):
    target, sheet = stored
    assert run(capsys, "--db", target, "review", "move", sheet, "--to", "提出済", "--role", "府省庁")[0] == 0
    code, _out, err = run(capsys, "--db", target, "review", "move", sheet, "--to", "確定", "--role", "ministry")
    assert code == 1 and "事務局が行います" in err
    code, _out, err = run(capsys, "--db", target, "review", "move", sheet, "--to", "差戻し", "--role", "事務局")
    assert code == 1 and "理由を入力" in err
    code, out, err = run(capsys, "--db", target, "review", "move", sheet, "--to", "差戻し", "--role", "事務局",
                         "--reason", "目標年度を記載してください。")
    assert code == 0 and "差戻し" in out, err
    code, out, _err = run(capsys, "--db", target, "review", "history", sheet)
    assert code == 0 and "目標年度を記載してください。" in out and "3件" in out
    code, _out, err = run(capsys, "--db", target, "review", "move", sheet, "--to", "確定", "--role", "総理")
    assert code == 2 and "立場「総理」は使えません" in err


def test_comments_and_the_evaluation(capsys, stored):
    target, sheet = stored
    code, out, err = run(capsys, "--db", target, "review", "comment", sheet, "根拠を示してください。",
                         "--field", "content", "--role", "secretariat")
    assert code == 0, err
    comment_id = int(out.split("コメント ")[1].split(" ")[0])
    assert run(capsys, "--db", target, "review", "comment", sheet, "追記しました。", "--reply-to", comment_id)[0] == 0
    assert run(capsys, "--db", target, "review", "comment", sheet, "--resolve", comment_id)[0] == 0
    code, out, _err = run(capsys, "--db", target, "review", "comments", sheet)
    assert "根拠を示してください。" in out and "追記しました。" in out and "解決済" in out and "2件" in out
    code, _out, err = run(capsys, "--db", target, "review", "evaluate", sheet, "順調", "--role", "ministry")
    assert code == 1 and "事務局が記録" in err
    code, out, err = run(capsys, "--db", target, "review", "evaluate", sheet, "遅れ", "--comment", "KPI未達。",
                         "--role", "secretariat")
    assert code == 0 and "「遅れ」と記録" in out, err
