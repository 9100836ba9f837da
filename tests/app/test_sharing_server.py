"""Other ministries' public parts on a shared server ([sharing], migration 0010a, app/sharing.py).

Staff of 外務省 read 総務省's accepted sheet in its public form only: through
plain SQL as their own role (what a patched client would send) and through
the program's read-only view. The withheld passage is never in the shared
table, the sheets' own tables stay closed, and the shared form goes away
when the sheet leaves the shared status or the survey stops sharing.
"""

from __future__ import annotations

import json
from dataclasses import replace

import psycopg
import pytest

from desktop.app import sharing
from desktop.store.database import open_database
from desktop.store.repository import Repository
from desktop.store.review import change_status
from desktop.store.surveys import SurveyCatalog
from desktop.survey.definition import Sharing
from desktop.survey.sheet import Status
from tests.store.test_server_roles import GAIMU, SECRETARIAT, SOUMU, _connect, _count
from tests.store.test_server_roles import login_roles, shared  # noqa: F401 - the role tests' set-up database


@pytest.fixture
def ministries(request):
    return request.getfixturevalue("shared")

WITHHELD = "国際指針"     # the fixture's mark on 総務省's 施策内容
SHARING = Sharing(Status.ACCEPTED, "他府省庁の施策シート（公開部分）", ("確定した他府省庁のシートの公開部分です。",))


def _share(server, name, survey, setting=SHARING):
    """The secretariat imports a revision of the survey that shares (or stops sharing) accepted sheets."""
    db = open_database(server.url(name))
    try:
        SurveyCatalog(db).add(replace(survey, sharing=setting), "owner")
    finally:
        db.close()


def _as(server, name, role, survey):
    db = open_database(server.url(name, role=role))
    sharing.install(db)
    return db, Repository(db, survey)


def _accept(server, name, survey, sheet_id):
    db, repo = _as(server, name, SECRETARIAT, survey)
    try:
        change_status(repo, sheet_id, Status.ACCEPTED, role="secretariat")
    finally:
        db.close()


def _public_rows(server, name, role):
    with _connect(server, name, role) as conn:
        return conn.execute("SELECT sheet_id, ministry, title, rendering FROM sesaku_public_sheets").fetchall()


def test_another_ministry_reads_the_accepted_sheets_public_part_and_nothing_else(ministries, survey):
    server, name, ids = ministries
    soumu = ids["総務省"]
    _share(server, name, survey)
    _accept(server, name, survey, soumu)

    rows = _public_rows(server, name, GAIMU)      # plain SQL, as 外務省's role
    assert [(r[0], r[1], r[2]) for r in rows] == [(soumu, "総務省", "総務省の施策")]
    stored = rows[0][3]
    assert WITHHELD not in stored and survey.public_placeholder in stored
    content = json.loads(stored)
    assert content["fields"][0]["label"] == survey.fields[0].label
    assert not any(f["key"] == "disclosure" for f in content["fields"])       # internal fields stay out
    with _connect(server, name, server.app_role) as conn:   # not even anywhere else in the table
        assert conn.execute("SELECT count(*) FROM sesaku_public_sheets WHERE rendering LIKE %s OR title LIKE %s",
                            (f"%{WITHHELD}%", f"%{WITHHELD}%")).fetchone()[0] == 0
    with _connect(server, name, GAIMU) as conn:   # the sheet's own rows stay closed to 外務省
        for table in ("sheets", "sheet_fields", "withheld_texts", "marks", "kpis"):
            assert _count(conn, table, soumu) == 0, table

    db, repo = _as(server, name, GAIMU, survey)   # the program's read-only view
    try:
        listed = sharing.shared_sheets(repo)
        assert [(s.sheet_id, s.ministry, s.title, s.status) for s in listed] == [
            (soumu, "総務省", "総務省の施策", Status.ACCEPTED)]
        text = sharing.shared_text(sharing.shared_sheet(repo, soumu))
        assert "総務省の施策" in text and WITHHELD not in text and survey.public_placeholder in text
        with pytest.raises(sharing.SharedNotFound):
            sharing.shared_sheet(repo, ids["外務省"])        # its own, not accepted: not shared
    finally:
        db.close()


def test_staff_cannot_forge_a_public_part_by_sql(ministries, survey):
    server, name, ids = ministries
    _share(server, name, survey)
    insert = ("INSERT INTO sesaku_public_sheets (sheet_id, survey_id, sheet_version, status, fiscal_year, ministry, "
              "title, rendering) SELECT id, survey_id, version, %(status)s, fiscal_year, ministry, title, '{}' "
              "FROM sheets WHERE id = %(id)s")
    with _connect(server, name, SOUMU) as conn:
        # its own sheet is submitted, not accepted: the server refuses a public part claiming otherwise
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(insert, {"status": "accepted", "id": ids["総務省"]})
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(insert, {"status": "submitted", "id": ids["総務省"]})
        # nor can it write one of another ministry's sheet (which it does not even see)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO sesaku_public_sheets (sheet_id, survey_id, sheet_version, status, fiscal_year, "
                         "ministry, title, rendering) VALUES (%(id)s, 1, 1, 'accepted', 2025, '外務省', 'x', '{}')",
                         {"id": ids["外務省"]})


def test_with_sharing_off_another_ministry_sees_nothing(ministries, survey):
    server, name, ids = ministries
    _accept(server, name, survey, ids["総務省"])     # the shipped survey shares nothing
    assert _public_rows(server, name, GAIMU) == []
    assert _public_rows(server, name, server.app_role) == []     # and nothing was written
    db, repo = _as(server, name, GAIMU, survey)
    try:
        assert sharing.shared_sheets(repo) == []
    finally:
        db.close()


def test_a_survey_that_stops_sharing_hides_every_public_part_at_once(ministries, survey):
    server, name, ids = ministries
    _share(server, name, survey)
    _accept(server, name, survey, ids["総務省"])
    assert len(_public_rows(server, name, GAIMU)) == 1
    _share(server, name, survey, Sharing())
    assert _public_rows(server, name, GAIMU) == []            # the server reads the latest definition
    db = open_database(server.url(name))
    try:                                                       # and the owner's refresh clears the table
        result = sharing.share_public_parts(Repository(db, survey))
    finally:
        db.close()
    assert result.removed == 1 and _public_rows(server, name, server.app_role) == []


def test_a_sheet_moved_back_from_accepted_disappears(ministries, survey):
    server, name, ids = ministries
    soumu = ids["総務省"]
    _share(server, name, survey)
    _accept(server, name, survey, soumu)
    assert [r[0] for r in _public_rows(server, name, GAIMU)] == [soumu]
    db, repo = _as(server, name, SECRETARIAT, survey)
    try:
        change_status(repo, soumu, Status.RETURNED, role="secretariat", reason="追記を")
    finally:
        db.close()
    assert _public_rows(server, name, GAIMU) == []
    assert _public_rows(server, name, server.app_role) == []   # removed by the server, not only hidden


def test_any_change_of_a_shared_sheet_removes_its_public_part_even_by_sql(ministries, survey):
    server, name, ids = ministries
    soumu = ids["総務省"]
    _share(server, name, survey)
    _accept(server, name, survey, soumu)
    with _connect(server, name, SECRETARIAT) as conn:
        conn.execute("UPDATE sheets SET updated_at = now() WHERE id = %(s)s", {"s": soumu})
    assert _public_rows(server, name, server.app_role) == []
    db, repo = _as(server, name, SECRETARIAT, survey)
    try:      # the refresh writes it again from the sheet as it is now
        assert sharing.share_public_parts(repo).written == 1
    finally:
        db.close()
    assert [r[0] for r in _public_rows(server, name, GAIMU)] == [soumu]


def test_the_command_line_lists_and_shows_others_public_parts_read_only(ministries, survey, capsys):
    from desktop.cli import main

    server, name, ids = ministries
    soumu = ids["総務省"]
    url = server.url(name, role=GAIMU)
    assert main(["--db", url, "shared", "list"]) == 0
    assert "共有されていません" in capsys.readouterr().out          # the shipped survey shares nothing
    _share(server, name, survey)
    _accept(server, name, survey, soumu)
    assert main(["--db", url, "shared", "list"]) == 0
    out = capsys.readouterr().out
    assert SHARING.label in out and SHARING.guidance[0] in out and "総務省の施策" in out and "1件" in out
    assert main(["--db", url, "shared", "show", str(soumu)]) == 0
    out = capsys.readouterr().out
    assert "（閲覧のみ）" in out and "総務省の施策" in out and WITHHELD not in out
    assert main(["--db", url, "shared", "show", str(ids["外務省"])]) == 1
    assert "共有されていません" in capsys.readouterr().err
    # the set-up, run again after an update, rewrites every public part as the administrator
    assert main(["server", "setup", "--url", server.admin_url(name)]) == 0
    assert "公開部分を" in capsys.readouterr().out
    assert [r[0] for r in _public_rows(server, name, GAIMU)] == [soumu]
