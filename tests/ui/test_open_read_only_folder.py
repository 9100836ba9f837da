"""A database in a folder nobody may write to is called read-only, with what to do; never 「壊れている」."""

from __future__ import annotations

from desktop.store.database import copy_sqlite
from tests.store.readonly import read_only_folder


def test_opening_a_database_in_a_read_only_folder_says_read_only(qtbot, make_app, seeded_db, tmp_path, dialogs):
    shared = tmp_path / "share" / "sesaku.db"   # e.g. a copy on a read-only share, without SQLite's -shm file
    shared.parent.mkdir()
    copy_sqlite(seeded_db, shared)
    with read_only_folder(shared.parent):
        make_app(shared)
    [(_kind, title, text)] = dialogs.of("warning")
    assert title == "データベースを開けません"
    assert "読み取り専用" in text and "コピー" in text and "壊れている" not in text
    assert "unable to open" not in text
