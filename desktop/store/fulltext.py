"""Japanese full-text search that works on any SQLite (bigram tokens in FTS5).

SQLite 3.40 (the one Python bundles here) makes the trigram tokenizer miss
queries under three characters and mishandle LIKE, and unicode61 treats a run
of kanji as one token. So the text is normalised (NFKC, lower case, no
whitespace), cut into overlapping two-character grams, and each gram is
written as a fixed-width base-36 token that unicode61 keeps intact. A query is
a phrase of consecutive grams (one character: a prefix match). The FTS tables
are contentless: a row is removed with FTS5's 'delete' command and the grams
of the text it was indexed with, which the callers always still have.

On PostgreSQL these tables do not exist. There every searchable row keeps a
``search_text`` column holding ``normalize(text)`` (written by the models on
both dialects), and a word matches with ``search_text LIKE '%word%'`` on the
normalised word, so width and case fold exactly as in the bigram index. A
pg_trgm GIN index serves those LIKEs for words of three or more characters;
where the extension may not be created (no permission, not installed) the
same LIKE runs as a scan: slower on a large library, never wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import logging

from sqlalchemy import Connection, exc, text

log = logging.getLogger(__name__)

PASSAGES_FTS = "passages_fts"
FIELDS_FTS = "sheet_fields_fts"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_WIDTH = 4  # base-36 digits per code point: 36**4 > 0x10FFFF
_SPACE_RE = re.compile(r"\s+")


def normalize(value: str) -> str:
    """The form both the index and queries are compared in: ５ = 5, ＡＩ = AI = ai."""
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", value)).lower()


@lru_cache(maxsize=None)
def _code(ch: str) -> str:
    """One character's token (cached: Japanese text reuses a few thousand characters, and indexing
    a year's sheets encodes millions; uncached this was the largest cost of new-year and imports)."""
    n = ord(ch)
    digits = []
    for _ in range(_WIDTH):
        n, r = divmod(n, 36)
        digits.append(_DIGITS[r])
    return "".join(reversed(digits))


def grams(value: str) -> str:
    """The token string stored in the index for a text."""
    norm = normalize(value)
    if not norm:
        return ""
    codes = [_code(ch) for ch in norm]
    tokens = [a + b for a, b in zip(codes, codes[1:])]
    tokens.append(codes[-1])  # so a one-character query also finds the last character
    return " ".join(tokens)


def _term_query(term: str) -> str | None:
    norm = normalize(term)
    if not norm:
        return None
    codes = [_code(ch) for ch in norm]
    if len(codes) == 1:
        return f"{codes[0]}*"
    return '"' + " ".join(a + b for a, b in zip(codes, codes[1:])) + '"'


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH string: every whitespace-separated word must occur.

    Words are encoded, never passed through, so punctuation such as 「DX-推進」
    cannot raise a syntax error.
    """
    parts = [q for q in (_term_query(w) for w in query.split()) if q]
    return " AND ".join(parts) if parts else None


def query_terms(query: str) -> list[str]:
    return [normalize(w) for w in query.split() if normalize(w)]


def is_supported(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def create_tables(conn: Connection) -> None:
    for table in (PASSAGES_FTS, FIELDS_FTS):
        conn.execute(text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
            f"grams, content='', tokenize='unicode61', prefix='{_WIDTH}')"))


def drop_tables(conn: Connection) -> None:
    for table in (PASSAGES_FTS, FIELDS_FTS):
        conn.execute(text(f"DROP TABLE IF EXISTS {table}"))


def add(conn: Connection, table: str, rows: Iterable[tuple[int, str]]) -> None:
    if not is_supported(conn):
        return
    params = [{"id": rowid, "g": grams(value)} for rowid, value in rows if value]
    if params:
        conn.execute(text(f"INSERT INTO {table}(rowid, grams) VALUES (:id, :g)"), params)


def remove(conn: Connection, table: str, rows: Iterable[tuple[int, str]]) -> None:
    if not is_supported(conn):
        return
    params = [{"id": rowid, "g": grams(value)} for rowid, value in rows if value]
    if params:
        conn.execute(text(f"INSERT INTO {table}({table}, rowid, grams) VALUES ('delete', :id, :g)"), params)


def rebuild(conn: Connection) -> None:
    """Re-create both indexes from the base tables (used by migrations and repairs)."""
    if not is_supported(conn):
        return
    drop_tables(conn)
    create_tables(conn)
    add(conn, PASSAGES_FTS, conn.execute(text("SELECT id, text FROM passages")).all())
    add(conn, FIELDS_FTS, conn.execute(text("SELECT id, value FROM sheet_fields")).all())


# Trigram indexes on PostgreSQL: (index name, table). Created by migration 0003
# when pg_trgm can be had, or later at open once an administrator installed it.
TRIGRAM_INDEXES = (("ix_sheet_fields_search_trgm", "sheet_fields"), ("ix_passages_search_trgm", "passages"))


def _trigram_extension_present(conn: Connection) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")).first() is not None


def _missing_trigram_indexes(conn: Connection) -> list[tuple[str, str]]:
    present = set(conn.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"))
                  .scalars())
    return [(name, table) for name, table in TRIGRAM_INDEXES if name not in present]


def _try(conn: Connection, sql: str) -> bool:
    """Run one statement in a savepoint: a refusal must not abort the surrounding migration."""
    try:
        with conn.begin_nested():
            conn.execute(text(sql))
        return True
    except exc.DBAPIError as error:
        log.warning("PostgreSQL refused %r: %s", sql, str(error.orig).strip())
        return False


def ensure_trigram_indexes(conn: Connection, *, create_extension: bool = True) -> bool:
    """Give the search LIKEs a pg_trgm GIN index where PostgreSQL allows it; True when indexed.

    ``CREATE EXTENSION`` needs the CREATE privilege on the database (pg_trgm
    is a trusted extension) or an administrator who ran it beforehand. When
    it cannot be had, search still works by scanning, and nothing fails.
    """
    if conn.dialect.name != "postgresql":
        return False
    missing = _missing_trigram_indexes(conn)
    if not missing:
        return True
    if not _trigram_extension_present(conn):
        if not create_extension or not _try(conn, "CREATE EXTENSION IF NOT EXISTS pg_trgm"):
            return False
    ok = True
    for name, table in missing:
        ok &= _try(conn, f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)")
    return ok


def drop_trigram_indexes(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        for name, _table in TRIGRAM_INDEXES:
            conn.execute(text(f"DROP INDEX IF EXISTS {name}"))


def postgres_notes(conn: Connection) -> list[str]:
    """What an administrator could fix to make search on PostgreSQL fast (Japanese, for a status line)."""
    if conn.dialect.name != "postgresql":
        return []
    notes = []
    if _missing_trigram_indexes(conn):
        notes.append("全文検索の索引（pg_trgm）がありません。検索は動作しますが、資料が多いと遅くなります。"
                     "管理者がこのデータベースで CREATE EXTENSION pg_trgm を実行すると、次回の起動時に索引を作成します。")
    ctype = conn.execute(text("SELECT datctype FROM pg_database WHERE datname = current_database()")).scalar()
    if ctype in ("C", "POSIX"):
        notes.append(f"データベースの LC_CTYPE が {ctype} のため、日本語の検索に索引が使われません。"
                     "LC_CTYPE を C.UTF-8 などの UTF-8 ロケールにしたデータベースを推奨します。")
    return notes


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
