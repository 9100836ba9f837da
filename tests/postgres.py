"""A PostgreSQL server for the test run: a throwaway one, or the one SESAKU_TEST_PG_URL names.

Throwaway: when Debian's server binaries exist (/usr/lib/postgresql/*/bin),
one server is started per test session with initdb + pg_ctl in a temporary
folder, listening on a unix socket there and on a free loopback port (so
both URL forms are exercised; nothing is shared with a server the machine
may already run, or with another test session running at the same time). PostgreSQL refuses to run as
root, so under root the folder is given to the ``postgres`` user (created by
Debian's package; ``nobody`` otherwise) and the binaries run through
``runuser``. Durability is switched off (fsync, full_page_writes): the data
lives for minutes.

Each test gets its own database, copied from a template that is already
migrated (or already seeded), owned by an ordinary role ``sesaku`` as an
administrator would set it up, and reached by the URL form staff type:
``postgresql://sesaku@/db?host=/socket/dir&port=N``.

Without a server the PostgreSQL variants are skipped with the reason; with
CI set in the environment they fail instead, so CI can never pass them
silently.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

ENV_URL = "SESAKU_TEST_PG_URL"
APP_ROLE = "sesaku"
ADMIN_ROLE = "sesaku_admin"
BACKENDS = ["sqlite", "postgresql"]


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Unavailable(Exception):
    """No PostgreSQL for this run; the message says why and what to do."""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def find_bin_dir() -> Path | None:
    """The newest installed server's binaries (Debian puts each major version in its own folder)."""
    candidates = []
    for initdb in glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        folder = Path(initdb).parent
        if (folder / "pg_ctl").exists():
            try:
                candidates.append((int(folder.parent.name), folder))
            except ValueError:
                continue
    return max(candidates)[1] if candidates else None


def _url(role: str, database: str, host: str, port: int | str | None, password: str | None = None) -> str:
    auth = quote(role, safe="") + (":" + quote(password, safe="") if password else "")
    query = f"?host={quote(host, safe='/')}" + (f"&port={port}" if port else "")
    return f"postgresql://{auth}@/{quote(database, safe='')}{query}"


class Server:
    """What tests need of a server: admin SQL, and a fresh database per test."""

    app_role = APP_ROLE
    can_create_roles = True

    def __init__(self) -> None:
        self._names = itertools.count(1)
        self._templates: dict[str, str] = {}

    # -- provided by the two kinds ------------------------------------------
    def url(self, database: str, role: str | None = None) -> str:
        raise NotImplementedError

    def admin_url(self, database: str = "postgres") -> str:
        raise NotImplementedError

    def stop(self) -> None:
        pass

    # -- shared ----------------------------------------------------------------
    def admin(self, *statements: str, database: str = "postgres") -> list:
        """Run statements as the administrator (autocommit, as CREATE DATABASE needs)."""
        import psycopg

        with psycopg.connect(self._libpq(self.admin_url(database)), autocommit=True) as conn:
            rows = []
            for sql in statements:
                cur = conn.execute(sql)
                rows = cur.fetchall() if cur.description else []
            return rows

    @staticmethod
    def _libpq(url: str) -> str:
        from sqlalchemy.engine import make_url

        u = make_url(url)
        parts = {"dbname": u.database, "user": u.username, "password": u.password, "host": u.host, "port": u.port}
        parts.update({k: v for k, v in u.query.items() if isinstance(v, str)})
        return " ".join(f"{k}='{str(v)}'" for k, v in parts.items() if v not in (None, ""))

    def create_database(self, template: str | None = None, owner: str | None = None, options: str = "") -> str:
        """``options``: e.g. "LOCALE 'C'" or "ENCODING 'SQL_ASCII' LOCALE 'C'" (they win over the UTF8 default)."""
        name = f"sesaku_t{os.getpid()}_{next(self._names)}"
        owner = owner or self.app_role
        source = f"TEMPLATE {template} STRATEGY FILE_COPY" if template else "TEMPLATE template0"
        encoding = "" if "ENCODING" in options.upper() else "ENCODING 'UTF8'"
        self.admin(f"CREATE DATABASE {name} OWNER {owner} {encoding} {options} {source}")
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def template(self, kind: str, build) -> str:
        """A database built once per session (``build(url)``) that test databases are copied from."""
        if kind not in self._templates:
            name = self.create_database()
            build(self.url(name))
            self._templates[kind] = name
        return self._templates[kind]


DEFAULT_SETTINGS = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": 200}


class ThrowawayServer(Server):
    """``settings``: server parameters over DEFAULT_SETTINGS, e.g. ``{"max_connections": 10}``."""

    def __init__(self, bin_dir: Path, settings: dict[str, object] | None = None) -> None:
        super().__init__()
        self.bin_dir = bin_dir
        self.settings = {**DEFAULT_SETTINGS, **(settings or {})}
        # /tmp rather than $TMPDIR: a unix socket path must stay under ~100 bytes, and
        # under root the postgres user must be able to reach the folder.
        base = "/tmp" if os.path.isdir("/tmp") else None
        self.folder = Path(tempfile.mkdtemp(prefix="sesaku-pg-", dir=base))
        self.data = self.folder / "data"
        self.user = None
        if os.geteuid() == 0:
            self.user = _service_user()
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        try:
            self._run("initdb", "-D", str(self.data), "-U", ADMIN_ROLE, "--auth=trust", "-E", "UTF8",
                      "--locale=C.UTF-8", "--no-sync")
            self.port = _free_port()
            self.start()
        except Exception:
            self._cleanup()
            raise
        self.admin(f"CREATE ROLE {APP_ROLE} LOGIN")

    def start(self) -> None:
        """Start the server (again, after ``halt``) on the same folder, socket and port."""
        options = " ".join([f"-c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder} -p {self.port}",
                            *(f"-c {k}={v}" for k, v in self.settings.items())])
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
                  "-o", options, "start")

    def halt(self) -> None:
        """Stop the server as a crash or an administrator would (connections cut); ``start`` brings it back."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if self.user is not None:
            command = ["runuser", "-u", self.user.pw_name, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.folder)
        if result.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise Unavailable(f"{program} failed ({result.returncode}): {result.stderr.strip()} {tail}")

    def url(self, database: str, role: str | None = None) -> str:
        return _url(role or APP_ROLE, database, str(self.folder), self.port)

    def tcp_url(self, database: str) -> str:
        """The plain form: postgresql://user@host:port/db."""
        return f"postgresql://{APP_ROLE}@127.0.0.1:{self.port}/{database}"

    def admin_url(self, database: str = "postgres") -> str:
        return _url(ADMIN_ROLE, database, str(self.folder), self.port)

    def stop(self) -> None:
        try:
            self.halt()
        except Exception:
            pass
        self._cleanup()

    def _cleanup(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class PgBouncer:
    """PgBouncer in front of a throwaway server, set up as docs/postgresql.md tells an administrator.

    ``pool_mode`` transaction by default: many clients share ``pool_size``
    server connections, each transaction on whichever is free. Listens on a
    free loopback port; ``url`` is what staff would type. Unavailable when
    Debian's pgbouncer package is not installed.
    """

    def __init__(self, server: ThrowawayServer, *, pool_mode: str = "transaction", pool_size: int = 2,
                 max_client_conn: int = 100) -> None:
        import time

        program = shutil.which("pgbouncer") or ("/usr/sbin/pgbouncer" if os.path.exists("/usr/sbin/pgbouncer") else None)
        if program is None:
            raise Unavailable("no pgbouncer (Debian's pgbouncer package)")
        self.server = server
        self.folder = server.folder / "pgbouncer"
        self.folder.mkdir()
        self.port = _free_port()
        (self.folder / "userlist.txt").write_text(f'"{APP_ROLE}" ""\n"{ADMIN_ROLE}" ""\n')
        (self.folder / "pgbouncer.ini").write_text("\n".join([
            "[databases]",
            f"* = host={server.folder} port={server.port}",
            "[pgbouncer]",
            "listen_addr = 127.0.0.1", f"listen_port = {self.port}", f"unix_socket_dir = {self.folder}",
            "auth_type = trust", f"auth_file = {self.folder / 'userlist.txt'}",
            f"pool_mode = {pool_mode}", f"default_pool_size = {pool_size}", f"max_client_conn = {max_client_conn}",
            f"logfile = {self.folder / 'pgbouncer.log'}", f"admin_users = {ADMIN_ROLE}", ""]))
        command = [program, str(self.folder / "pgbouncer.ini")]
        if server.user is not None:
            os.chown(self.folder, server.user.pw_uid, server.user.pw_gid)
            command = ["runuser", "-u", server.user.pw_name, "--", *command]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while not self._listening():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise Unavailable(f"pgbouncer did not start: {self.process.stderr.read() if self.process.stderr else ''}")
            time.sleep(0.05)

    def _listening(self) -> bool:
        import socket

        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    def url(self, database: str) -> str:
        return f"postgresql://{APP_ROLE}@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _service_user():
    import pwd

    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise Unavailable("running as root, and neither a 'postgres' nor a 'nobody' user exists to run the server")


class ExternalServer(Server):
    """A server an administrator provides: the URL's role must be allowed to CREATE DATABASE."""

    def __init__(self, url: str) -> None:
        super().__init__()
        from sqlalchemy.engine import make_url

        self.base = make_url(url)
        import getpass

        self.app_role = self.base.username or getpass.getuser()
        rows = self.admin("SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user")
        self.can_create_roles = bool(rows and rows[0][0])

    def url(self, database: str, role: str | None = None) -> str:
        u = self.base.set(database=database)
        if role:
            u = u.set(username=role, password=None)
        return u.render_as_string(hide_password=False)

    def admin_url(self, database: str = "postgres") -> str:
        return self.base.set(database=database).render_as_string(hide_password=False)

    def stop(self) -> None:
        """Leave the administrator's server as it was: drop the session's template databases."""
        for name in self._templates.values():
            try:
                self.drop_database(name)
            except Exception:
                pass


def start_server(settings: dict[str, object] | None = None) -> Server:
    """The server for this run, or Unavailable with the reason.

    ``settings`` (server parameters such as ``max_connections``) need a
    throwaway server: a test that depends on them is not run against an
    administrator's server, whose settings it cannot choose.
    """
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise Unavailable("psycopg is not installed (pip install -e '.[test]')") from exc
    url = os.environ.get(ENV_URL)
    if url and not settings:
        try:
            return ExternalServer(url)
        except Exception as exc:
            raise Unavailable(f"{ENV_URL} is set but its server cannot be used: {exc}") from exc
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise Unavailable("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb): "
                          "install Debian's postgresql package or set " + ENV_URL)
    return ThrowawayServer(bin_dir, settings)
