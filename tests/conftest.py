"""Shared fixtures. Qt runs offscreen so plain `pytest` works on a machine without a screen."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from desktop.store.database import open_database  # noqa: E402
from desktop.store.repository import Repository  # noqa: E402
from desktop.survey.loader import default_survey  # noqa: E402


@pytest.fixture
def survey():
    return default_survey()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "sesaku.db"


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def repo(db):
    return Repository(db)


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path, monkeypatch):
    """No test may touch the real user's default database or settings."""
    monkeypatch.setenv("SESAKU_DB", str(tmp_path / "default-from-env.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory):
    """A database with the seeds indexed once per run; tests get a copy of it."""
    from desktop.sources.library import Library

    path = tmp_path_factory.mktemp("template") / "seeded.db"
    database = open_database(path)
    Library(database).ensure_seeds()
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture
def seeded_db(seeded_template, db_path):
    import shutil

    shutil.copyfile(seeded_template, db_path)
    database = open_database(db_path)
    yield database
    database.close()
