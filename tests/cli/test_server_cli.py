"""sesaku-desk server: setting up roles per ministry on a fresh PostgreSQL database, as docs/postgresql.md says."""

from __future__ import annotations

import json
import os

import pytest

from desktop.cli import main
from tests.factories import complete_sheet

STAFF = f"cli_soumu_{os.getpid()}"
SECRETARIAT = f"cli_sec_{os.getpid()}"


@pytest.fixture
def db_backend():
    return "postgresql"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def fresh(pg_server, pg_database):
    """An empty database owned by the application's role, and two login roles an administrator made."""
    if not pg_server.can_create_roles:
        pytest.skip("the test server's role may not create roles")
    for role in (STAFF, SECRETARIAT):
        if not pg_server.admin(f"SELECT 1 FROM pg_roles WHERE rolname = '{role}'"):
            pg_server.admin(f"CREATE ROLE {role} LOGIN")
    name = pg_database()
    return pg_server, name


def test_setup_on_a_fresh_database_then_grants_then_work_as_those_roles(capsys, fresh, survey):
    server, name = fresh
    admin = server.admin_url(name)
    code, out, err = run(capsys, "server", "setup", "--url", admin)
    assert code == 0, err
    assert "sesaku_staff" in out or "表の権限を設定しました" in out
    # the superuser ran it, but the tables belong to the database's owner (who is not limited by the policies)
    assert server.admin("SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class WHERE relname IN "
                        "('sheets', 'revisions', 'sesaku_role_map')", database=name) == [(server.app_role,)]
    assert run(capsys, "server", "setup", "--url", admin)[0] == 0   # again: the same result
    code, out, err = run(capsys, "server", "grant", STAFF, "--role", "staff", "--ministry", "総務省", "--url", admin)
    assert code == 0 and "総務省の職員" in out, err
    assert run(capsys, "server", "grant", SECRETARIAT, "--role", "secretariat", "--url", admin)[0] == 0
    code, out, _err = run(capsys, "server", "roles", "--url", admin, "--json")
    assert code == 0 and {(r["role_name"], r["role"], r["ministry"]) for r in json.loads(out)} == {
        (STAFF, "staff", "総務省"), (SECRETARIAT, "secretariat", "")}

    # the staff role works on its own ministry's sheet; the server decides its review role
    from desktop.store.database import open_database
    from desktop.store.repository import Repository

    db = open_database(server.url(name, role=STAFF))
    sheet = Repository(db, survey).create_sheet(complete_sheet(survey, ministry="総務省"))
    db.close()
    staff_url, secretariat_url = server.url(name, role=STAFF), server.url(name, role=SECRETARIAT)
    code, _out, err = run(capsys, "--db", staff_url, "review", "move", sheet.id, "--to", "確定", "--role", "事務局")
    assert code == 1 and "サーバーが決めます" in err
    assert run(capsys, "--db", staff_url, "review", "move", sheet.id, "--to", "提出済")[0] == 0
    code, _out, err = run(capsys, "--db", secretariat_url, "review", "move", sheet.id, "--to", "確定")
    assert code == 0, err
    code, out, _err = run(capsys, "--db", secretariat_url, "review", "history", sheet.id)
    assert STAFF in out and SECRETARIAT in out
    # the sample sheets are of many ministries: refused before the server would, with why, nothing written
    code, _out, err = run(capsys, "--db", staff_url, "demo")
    assert code == 1 and "総務省のシートだけ" in err and "予期しない" not in err
    code, out, _err = run(capsys, "--db", staff_url, "sheets", "list", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == [sheet.id]


def test_refusals_say_what_to_do(capsys, fresh, tmp_path):
    server, name = fresh
    admin = server.admin_url(name)
    code, _out, err = run(capsys, "server", "grant", STAFF, "--role", "staff", "--ministry", "総務省", "--url", admin)
    assert code == 2 and "server setup" in err
    assert run(capsys, "server", "setup", "--url", admin)[0] == 0
    code, _out, err = run(capsys, "server", "grant", STAFF, "--role", "staff", "--url", admin)
    assert code == 2 and "--ministry" in err
    code, _out, err = run(capsys, "server", "grant", "nobody_here", "--role", "secretariat", "--url", admin)
    assert code == 2 and "CREATE ROLE nobody_here" in err
    code, _out, err = run(capsys, "server", "grant", server.app_role, "--role", "staff", "--ministry", "総務省",
                          "--url", admin)
    assert code == 2 and "所有者" in err   # the owner is not limited by the policies: refusing beats pretending
    code, _out, err = run(capsys, "server", "setup", "--url", str(tmp_path / "one.db"))
    assert code == 2 and "URL" in err
    code, _out, err = run(capsys, "server", "setup", "--url", f"sqlite:///{tmp_path / 'one.db'}")
    assert code == 2 and "PostgreSQL" in err
