"""The revision checks done on every open agree with Alembic, which is imported only to migrate."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import create_engine

from desktop.store import migrate
from desktop.store.database import open_database


def test_revisions_read_from_the_scripts_match_alembic():
    script = migrate._script()
    assert migrate.head_revision() == script.get_current_head()
    assert migrate.base_revision() == next(iter(script.get_bases()))
    known = {r.revision for r in script.walk_revisions()}
    assert all(migrate.is_known_revision(r) for r in known)
    assert not migrate.is_known_revision("9999_from_a_newer_app")


def test_current_revision_of_a_new_file_and_of_an_opened_database(tmp_path):
    empty = create_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    assert migrate.current_revision(empty) is None
    empty.dispose()
    db = open_database(tmp_path / "sheets.db")
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
    finally:
        db.close()


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path):
    open_database(tmp_path / "sheets.db").close()   # created (and migrated) here, in this process
    code = ("import sys; from desktop.store.database import open_database; "
            f"open_database({str(tmp_path / 'sheets.db')!r}).close(); print('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
