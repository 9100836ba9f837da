"""Alembic, driven from code: the app migrates a database when it opens it.

The migration scripts live inside the package (desktop/migrations) so an
installed or bundled app carries them.

Opening a database that is already at head — every start but the first
after an update — only needs the stored revision and the head revision.
Both are read here without Alembic (the revision ids straight from the
scripts' source, the stored one with one SELECT): importing Alembic costs
about a tenth of the app's start-up, so it is imported only to migrate.
"""

from __future__ import annotations

import ast
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
VERSION_TABLE = "alembic_version"   # Alembic's default, which env.py keeps


class MigrationError(RuntimeError):
    """The migration scripts do not form one line of revisions, or the version table is inconsistent."""


def alembic_config(bind: Engine | Connection | None = None) -> Config:
    """``bind``: an engine (env.py takes a connection of its own and commits) or a connection
    (env.py migrates inside the caller's transaction; the caller commits)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if isinstance(bind, Connection):
        cfg.attributes["connection"] = bind
    elif bind is not None:
        cfg.attributes["engine"] = bind
    return cfg


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _assigned(tree: ast.Module, name: str):
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets) and node.value is not None:
                return ast.literal_eval(node.value)
    return None


@lru_cache(maxsize=1)
def _revisions() -> dict[str, tuple[str, ...]]:
    """Every revision of the scripts with the revisions it follows (what Alembic reads when it imports them)."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        revision = _assigned(tree, "revision")
        if revision is None:
            continue
        down = _assigned(tree, "down_revision")
        graph[revision] = tuple(down) if isinstance(down, (tuple, list)) else ((down,) if down else ())
    return graph


def head_revision() -> str:
    graph = _revisions()
    followed = {d for downs in graph.values() for d in downs}
    heads = [r for r in graph if r not in followed]
    if len(heads) != 1:
        raise MigrationError(f"the migration scripts have {len(heads)} heads: {heads}")
    return heads[0]


def base_revision() -> str:
    return next(r for r, downs in _revisions().items() if not downs)


def is_known_revision(revision: str) -> bool:
    return revision in _revisions()


def current_revision(bind: Engine | Connection) -> str | None:
    """The revision stored in the database; None for a database Alembic has not touched."""
    with (nullcontext(bind) if isinstance(bind, Connection) else bind.connect()) as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        rows = list(conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())
    if len(rows) > 1:
        raise MigrationError(f"the version table holds several revisions: {rows}")
    return rows[0] if rows else None


def upgrade(bind: Engine | Connection, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(bind), revision)


def downgrade(bind: Engine | Connection, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(bind), revision)
