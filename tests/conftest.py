"""Shared fixtures. Qt runs offscreen so plain `pytest` works on a machine without a screen.

Databases: ``db``, ``repo``, ``seeded_db`` and ``db_target`` run on the backend
that ``db_backend`` names: SQLite everywhere by default. A test folder that
must also hold on PostgreSQL overrides ``db_backend`` with ``backend_params``
(tests/store, tests/sources, tests/cli do); see tests/postgres.py for the
server behind it.
"""

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


from tests.postgres import BACKENDS  # noqa: E402,F401


def pytest_addoption(parser):
    parser.addoption("--pg-url", default=None,
                     help="PostgreSQL URL of a role that may CREATE DATABASE; overrides the throwaway server "
                          "(also: env SESAKU_TEST_PG_URL)")


def _unavailable(exc: Exception, what: str = "PostgreSQL"):
    """Skip the test (fail it under CI) when the server or tool it needs cannot be had."""
    from tests import postgres

    message = f"{what} variant not run: {exc}"
    if postgres.in_ci():
        pytest.fail(f"{message} (CI is set: {what} is required)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_server(request):
    """One PostgreSQL server per session; skipped (failed under CI) when none can be had."""
    from tests import postgres

    if request.config.getoption("--pg-url"):
        os.environ[postgres.ENV_URL] = request.config.getoption("--pg-url")
    try:
        server = postgres.start_server()
    except postgres.Unavailable as exc:
        _unavailable(exc)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_server_with():
    """``pg_server_with(max_connections=10)``: a throwaway server with those settings, one per set per session.

    Tests of what a server's settings do (a full server) cannot run on an
    administrator's server, so these are always throwaway ones.
    """
    from tests import postgres

    started: dict = {}

    def make(**settings):
        key = tuple(sorted(settings.items()))
        if key not in started:
            try:
                started[key] = postgres.start_server(settings)
            except postgres.Unavailable as exc:
                _unavailable(exc)
        return started[key]

    yield make
    for server in started.values():
        server.stop()


@pytest.fixture
def db_backend():
    return "sqlite"


@pytest.fixture
def pg_database(pg_server):
    """A database of its own on the session's server, dropped afterwards; yields a factory."""
    made = []

    def make(template: str | None = None, owner: str | None = None, options: str = "") -> str:
        name = pg_server.create_database(template, owner, options)
        made.append(name)
        return name

    yield make
    for name in made:
        pg_server.drop_database(name)


def _pg_template(pg_server, kind: str) -> str:
    def migrated(url):
        open_database(url).close()

    def seeded(url):
        from desktop.sources.library import Library

        database = open_database(url)
        Library(database).ensure_seeds()
        database.close()

    return pg_server.template(kind, {"migrated": migrated, "seeded": seeded}[kind])


@pytest.fixture
def db_target(request, db_backend, db_path):
    """Where the test's database lives, as staff would type it: a file path or a postgresql:// URL."""
    if db_backend == "sqlite":
        return str(db_path)
    server = request.getfixturevalue("pg_server")
    make = request.getfixturevalue("pg_database")
    return server.url(make(_pg_template(server, "migrated")))


@pytest.fixture
def db(db_target):
    database = open_database(db_target)
    yield database
    database.close()


@pytest.fixture
def repo(db):
    return Repository(db)


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path, tmp_path_factory, monkeypatch):
    """No test may touch the real user's default database, settings or data folder."""
    monkeypatch.setenv("SESAKU_DATA_DIR", str(tmp_path_factory.mktemp("user-data")))   # not in tmp_path:
    # tests list the export folder (tmp_path) and expect only the report there.
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
def seeded_db(request, db_backend, db_path):
    import shutil

    if db_backend == "sqlite":
        shutil.copyfile(request.getfixturevalue("seeded_template"), db_path)
        target = str(db_path)
    else:
        server = request.getfixturevalue("pg_server")
        target = server.url(request.getfixturevalue("pg_database")(_pg_template(server, "seeded")))
    database = open_database(target)
    yield database
    database.close()
