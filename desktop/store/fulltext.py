"""Japanese full-text search that works on any SQLite (bigram tokens in FTS5).

SQLite 3.40 (the one Python bundles here) makes the trigram tokenizer miss
queries under three characters and mishandle LIKE, and unicode61 treats a run
of kanji as one token. So the text is normalised (NFKC, lower case, no
whitespace), cut into overlapping two-character grams, and each gram is
written as a fixed-width base-36 token that unicode61 keeps intact. A query is
a phrase of consecutive grams (one character: a prefix match). The FTS tables
are contentless: a row is removed with FTS5's 'delete' command and the grams
of the text it was indexed with, which the callers always still have.

On PostgreSQL these tables do not exist; the same API falls back to ILIKE.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sqlalchemy import Connection, text

PASSAGES_FTS = "passages_fts"
FIELDS_FTS = "sheet_fields_fts"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_WIDTH = 4  # base-36 digits per code point: 36**4 > 0x10FFFF
_SPACE_RE = re.compile(r"\s+")


def normalize(value: str) -> str:
    """The form both the index and queries are compared in: ５ = 5, ＡＩ = AI = ai."""
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", value)).lower()


def _code(ch: str) -> str:
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
    params = [{"id": rowid, "g": grams(value)} for rowid, value in rows if value]
    if params and is_supported(conn):
        conn.execute(text(f"INSERT INTO {table}(rowid, grams) VALUES (:id, :g)"), params)


def remove(conn: Connection, table: str, rows: Iterable[tuple[int, str]]) -> None:
    params = [{"id": rowid, "g": grams(value)} for rowid, value in rows if value]
    if params and is_supported(conn):
        conn.execute(text(f"INSERT INTO {table}({table}, rowid, grams) VALUES ('delete', :id, :g)"), params)


def rebuild(conn: Connection) -> None:
    """Re-create both indexes from the base tables (used by migrations and repairs)."""
    if not is_supported(conn):
        return
    drop_tables(conn)
    create_tables(conn)
    add(conn, PASSAGES_FTS, conn.execute(text("SELECT id, text FROM passages")).all())
    add(conn, FIELDS_FTS, conn.execute(text("SELECT id, value FROM sheet_fields")).all())


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
