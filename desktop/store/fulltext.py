"""The full-text index of passages and sheet fields, on SQLite and on PostgreSQL.

Everything indexed and every query word is first folded to its search form
(desktop/search/searchform.py: width, punctuation, old kanji, okurigana…),
then cut into overlapping two-character grams, so a word of any length,
also of one or two characters (「AI」「量子」), is found through the index:

* **SQLite**: FTS5 tables whose tokens are the grams, each written as a
  fixed-width base-36 token that unicode61 keeps intact (its own tokenizers
  treat a run of kanji as one word, and trigram misses short words on the
  SQLite that Python bundles). A word is a phrase of consecutive grams; one
  character is a prefix query. The tables are contentless: a row is removed
  with FTS5's 'delete' command and the text it was indexed with, which the
  callers always still have.
* **PostgreSQL**: a side table per kind holding, for each row, the distinct
  gram codes of its text as an ``integer[]`` under a GIN index (core
  PostgreSQL, no extension needed). Every gram of a word must be in the
  array; a word of three or more characters is then confirmed with ``LIKE``
  on the row's ``search_text``. pg_trgm (migration 0003) is no longer needed
  for speed; its indexes, where present, are left alone. For the sheet list
  a third table (migration 0010c) holds one row per sheet, the union of its
  fields' grams: a word of one or two characters is one gram, exact at sheet
  level, so a common one (「AI」) is 37,000 sheet ids rather than 52,000 wide
  field rows; every save writes its sheets' unions (:func:`set_sheet_grams`).

Passages are indexed with their heading path and their document's title
beside the body (columns body / heading / title on SQLite; on PostgreSQL all
three in one array), so a section title or a speaker's name finds the
passages under it. Sheet fields on SQLite are keyed by sheet: the FTS rowid
is ``sheet_id * SLOT_SPAN + slot`` (slot: the field key's number in
``search_field_slots``), so the sheet list's text filter reads sheet ids
straight from the index.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from sqlalchemy import Connection, bindparam, exc, text

log = logging.getLogger(__name__)

PASSAGES_FTS = "passages_fts"
FIELDS_FTS = "sheet_fields_fts"
FIELD_SLOTS = "search_field_slots"
PG_PASSAGE_GRAMS = "search_passage_grams"
PG_FIELD_GRAMS = "search_field_grams"
PG_FIELD_HITS = "search_field_hits"
PG_SHEET_GRAMS = "search_sheet_grams"
PG_SHEET_HITS = "search_sheet_hits"
PG_PASSAGE_HITS = "search_passage_hits"
#: Field slots per sheet in the SQLite field index's rowid.
SLOT_SPAN = 1024
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_WIDTH = 4  # base-36 digits per code point: 36**4 > 0x10FFFF
_BATCH = 500


def normalize(value: str) -> str:
    """The search form of a text (what ``search_text`` holds and queries are compared in)."""
    from desktop.search.searchform import fold

    return fold(value)


def query_terms(query: str) -> list[str]:
    """The folded words of a query (no alternatives; for simple callers)."""
    return [f for f in (normalize(w) for w in query.split()) if f]


# == grams ===========================================================================

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


def _tokens(form: str) -> str:
    if not form:
        return ""
    codes = [_code(ch) for ch in form]
    tokens = [a + b for a, b in zip(codes, codes[1:])]
    tokens.append(codes[-1])  # so a one-character query also finds the last character
    return " ".join(tokens)


def grams(value: str) -> str:
    """The token string stored in the SQLite index for a text."""
    return _tokens(normalize(value))


def phrase(form: str) -> str | None:
    """The FTS5 phrase that finds a folded word (never user syntax: 「DX-推進」 cannot raise)."""
    if not form:
        return None
    codes = [_code(ch) for ch in form]
    if len(codes) == 1:
        return f"{codes[0]}*"
    return '"' + " ".join(a + b for a, b in zip(codes, codes[1:])) + '"'


def _any_of(forms: Sequence[str]) -> str | None:
    parts = [p for p in (phrase(f) for f in forms) if p]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def match_expression(terms: Sequence[Sequence[str]] | str) -> str | None:
    """An FTS5 MATCH string: each term (a list of alternative folded forms) must occur.

    A plain string is taken as a query whose whitespace-separated words must all occur.
    """
    if isinstance(terms, str):
        terms = [[f] for f in query_terms(terms)]
    parts = [p for p in (_any_of(t) for t in terms) if p]
    return " AND ".join(parts) if parts else None


def _pair(a: str, b: str) -> int:
    return (((ord(a) & 0xFFFF) << 16) | (ord(b) & 0xFFFF)) - 2 ** 31


def codes(form: str) -> list[int]:
    """Distinct gram codes of a folded text (PostgreSQL): its two-character grams and its characters."""
    return sorted(_code_set(form))


@lru_cache(maxsize=4096)
def _code_set(form: str) -> frozenset[int]:
    """Cached: a save computes a field's codes for its row and again for its sheet's union."""
    out = {_pair(a, b) for a, b in zip(form, form[1:])}
    out.update(_pair(ch, "\0") for ch in form)
    return frozenset(out)


def _query_codes(form: str) -> list[int]:
    """What a row must hold for a folded word: its grams (one character: the character itself)."""
    if len(form) == 1:
        return [_pair(form, "\0")]
    return sorted({_pair(a, b) for a, b in zip(form, form[1:])})


def _needs_confirmation(form: str) -> bool:
    """Grams prove one or two BMP characters exactly; longer words (or astral ones) need LIKE."""
    return len(form) >= 3 or any(ord(ch) > 0xFFFF for ch in form)


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# == the index of revisions 0002-0003 (for their migrations and downgrades) =============

_SPACE_RE = re.compile(r"\s+")
LEGACY_TABLES = ((PASSAGES_FTS, "SELECT id, text FROM passages"), (FIELDS_FTS, "SELECT id, value FROM sheet_fields"))


def legacy_form(value: str) -> str:
    """The search form revisions 0002-0003 compared in (NFKC, lower case, no whitespace); frozen."""
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", value or "")).lower()


def legacy_grams(value: str) -> str:
    return _tokens(legacy_form(value))


def create_legacy_tables(conn: Connection) -> None:
    """The one-column bigram tables of revision 0002, filled from the base tables as that release did."""
    for table, source in LEGACY_TABLES:
        conn.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5("
                          f"grams, content='', tokenize='unicode61', prefix='{_WIDTH}')"))
        conn.execute(text(f"INSERT INTO {table}({table}) VALUES ('delete-all')"))
        rows = [{"id": rid, "g": legacy_grams(v)} for rid, v in conn.execute(text(source)).all() if v]
        if rows:
            conn.execute(text(f"INSERT INTO {table}(rowid, grams) VALUES (:id, :g)"), rows)


# == the tables ========================================================================

def is_supported(conn: Connection) -> bool:
    """Whether this connection keeps FTS5 tables (SQLite); PostgreSQL keeps gram arrays instead."""
    return conn.dialect.name == "sqlite"


def create_tables(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {PASSAGES_FTS} USING fts5("
                          f"body, heading, title, content='', tokenize='unicode61', prefix='{_WIDTH}')"))
        conn.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FIELDS_FTS} USING fts5("
                          f"grams, content='', tokenize='unicode61', prefix='{_WIDTH}')"))
        conn.execute(text(f"CREATE TABLE IF NOT EXISTS {FIELD_SLOTS} (key VARCHAR(100) PRIMARY KEY, "
                          f"slot INTEGER NOT NULL UNIQUE)"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(f"CREATE TABLE IF NOT EXISTS {PG_PASSAGE_GRAMS} ("
                          f"passage_id INTEGER PRIMARY KEY REFERENCES passages(id) ON DELETE CASCADE, "
                          f"grams INTEGER[] NOT NULL, heading_form TEXT NOT NULL DEFAULT '') "
                          f"WITH (toast_tuple_target = 128)"))
        # toast_tuple_target: the arrays live out of line, so a scan for sheet ids reads small rows
        conn.execute(text(f"CREATE TABLE IF NOT EXISTS {PG_FIELD_GRAMS} ("
                          f"field_id INTEGER PRIMARY KEY REFERENCES sheet_fields(id) ON DELETE CASCADE, "
                          f"sheet_id INTEGER NOT NULL, grams INTEGER[] NOT NULL) WITH (toast_tuple_target = 128)"))
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_{PG_PASSAGE_GRAMS} ON {PG_PASSAGE_GRAMS} USING gin (grams)"))
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_{PG_FIELD_GRAMS} ON {PG_FIELD_GRAMS} USING gin (grams)"))
        create_sheet_table(conn)
        # Every probe goes through the GIN index: a scan of the table would unpack every array, which
        # the planner does not count (it chose that scan for 「AI」: 65 ms against 17 at 10,000 sheets).
        for name, columns, table, key in ((PG_FIELD_HITS, "field_id integer, sheet_id integer", PG_FIELD_GRAMS,
                                           "g.field_id, g.sheet_id"),
                                          (PG_PASSAGE_HITS, "passage_id integer", PG_PASSAGE_GRAMS, "g.passage_id")):
            conn.execute(text(f"CREATE OR REPLACE FUNCTION {name}(codes integer[]) RETURNS TABLE({columns}) "
                              f"LANGUAGE sql STABLE SET enable_seqscan = off AS "
                              f"$$ SELECT {key} FROM {table} g WHERE g.grams @> codes $$"))


def create_sheet_table(conn: Connection) -> None:
    """PostgreSQL's sheet-level grams: per sheet, the union of its fields' gram codes.

    Why: the list's text filter wants sheet ids, and a common short word (「AI」 is in two sheets of
    three) holds in 52,000 of 360,000 field rows, whose wide heap rows (arrays under 2 kB stay inline)
    must each be visited for their sheet id. One row per sheet, its array always out of line (a union
    is several kB), gives 37,000 sheet ids from a heap of 1,000 pages. A word of one or two characters
    is one gram, which never spans fields, so the union answers it exactly; longer words still go
    through the field rows (their grams could come from different fields).
    """
    conn.execute(text(f"CREATE TABLE IF NOT EXISTS {PG_SHEET_GRAMS} ("
                      f"sheet_id INTEGER PRIMARY KEY REFERENCES sheets(id) ON DELETE CASCADE, "
                      f"grams INTEGER[] NOT NULL) WITH (toast_tuple_target = 128)"))
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_{PG_SHEET_GRAMS} ON {PG_SHEET_GRAMS} USING gin (grams)"))
    # Through the GIN index only (a scan would detoast every union; the planner chose it for 「AI」: 1.2 s
    # against 45 ms). ROWS: without it the planner expects 1,000 rows in 200 groups and probes sheets once
    # per id (37,000 probes, 250 ms) instead of one hash join.
    conn.execute(text(f"CREATE OR REPLACE FUNCTION {PG_SHEET_HITS}(codes integer[]) RETURNS TABLE(sheet_id integer) "
                      f"LANGUAGE sql STABLE ROWS 20000 SET enable_seqscan = off AS "
                      f"$$ SELECT g.sheet_id FROM {PG_SHEET_GRAMS} g WHERE g.grams && codes $$"))


def refresh_sheets(conn: Connection, sheet_ids: Iterable[int]) -> None:
    """Recompute the sheet-level grams of these sheets from their field rows (PostgreSQL; else nothing)."""
    if conn.dialect.name != "postgresql":
        return
    ids = sorted(set(sheet_ids))
    for batch in _batches(ids):
        params = {"ids": batch}
        conn.execute(text(f"DELETE FROM {PG_SHEET_GRAMS} WHERE sheet_id IN :ids").bindparams(
            bindparam("ids", expanding=True)), params)
        conn.execute(text(f"INSERT INTO {PG_SHEET_GRAMS} (sheet_id, grams) "
                          f"SELECT f.sheet_id, array_agg(DISTINCT c ORDER BY c) FROM {PG_FIELD_GRAMS} f "
                          f"CROSS JOIN LATERAL unnest(f.grams) AS c WHERE f.sheet_id IN :ids "
                          f"GROUP BY f.sheet_id").bindparams(bindparam("ids", expanding=True)), params)


def set_sheet_grams(conn: Connection, forms_by_sheet: dict[int, Iterable[str]]) -> None:
    """Write the sheet-level grams of these sheets from the folded text of *all* their fields
    (PostgreSQL; else nothing). What a save uses: it holds every field of the sheets it wrote, and
    the union in Python costs a fraction of recomputing it from the field rows on the server
    (4 ms a sheet there, which would have added half again to a new year of 6,000 sheets)."""
    if conn.dialect.name != "postgresql" or not forms_by_sheet:
        return
    rows = []
    for sheet_id, forms in forms_by_sheet.items():
        union: set[int] = set()
        for form in forms:
            if form:
                union.update(_code_set(form))
        if union:
            rows.append({"s": sheet_id, "g": sorted(union)})
    for batch in _batches(sorted(forms_by_sheet)):
        conn.execute(text(f"DELETE FROM {PG_SHEET_GRAMS} WHERE sheet_id IN :ids").bindparams(
            bindparam("ids", expanding=True)), {"ids": batch})
    for batch in _batches(rows):
        conn.execute(text(f"INSERT INTO {PG_SHEET_GRAMS} (sheet_id, grams) VALUES (:s, CAST(:g AS INTEGER[]))"),
                     batch)


def fill_sheet_table(conn: Connection) -> None:
    """Fill the sheet-level grams from every field row (migrations and rebuilds), in batches of sheets."""
    if conn.dialect.name != "postgresql":
        return
    last = 0
    while True:
        ids = list(conn.execute(text("SELECT id FROM sheets WHERE id > :last ORDER BY id LIMIT 5000"),
                                {"last": last}).scalars())
        if not ids:
            break
        conn.execute(text(f"INSERT INTO {PG_SHEET_GRAMS} (sheet_id, grams) "
                          f"SELECT f.sheet_id, array_agg(DISTINCT c ORDER BY c) FROM {PG_FIELD_GRAMS} f "
                          f"CROSS JOIN LATERAL unnest(f.grams) AS c WHERE f.sheet_id BETWEEN :a AND :b "
                          f"GROUP BY f.sheet_id ON CONFLICT (sheet_id) DO UPDATE SET grams = excluded.grams"),
                     {"a": ids[0], "b": ids[-1]})
        last = ids[-1]


def drop_tables(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for table in (PASSAGES_FTS, FIELDS_FTS, FIELD_SLOTS):
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
    elif conn.dialect.name == "postgresql":
        for name in (PG_FIELD_HITS, PG_PASSAGE_HITS, PG_SHEET_HITS):
            conn.execute(text(f"DROP FUNCTION IF EXISTS {name}(integer[])"))
        for table in (PG_PASSAGE_GRAMS, PG_SHEET_GRAMS, PG_FIELD_GRAMS):
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))


def _batches(rows: list, size: int = _BATCH):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _slots(conn: Connection, keys: Iterable[str]) -> dict[str, int]:
    """Each field key's slot in the sheet-keyed rowid; new keys get the next free slot."""
    known = dict(conn.execute(text(f"SELECT key, slot FROM {FIELD_SLOTS}")).all())
    for key in sorted(set(keys) - set(known)):
        slot = max(known.values(), default=-1) + 1
        if slot >= SLOT_SPAN:
            raise RuntimeError(f"more than {SLOT_SPAN} text field keys: the field index cannot hold {key!r}")
        conn.execute(text(f"INSERT INTO {FIELD_SLOTS} (key, slot) VALUES (:k, :s)"), {"k": key, "s": slot})
        known[key] = slot
    return known


def _field_places(conn: Connection, field_ids: list[int]) -> dict[int, tuple[int, str]]:
    """(sheet id, key) of sheet-field rows."""
    places: dict[int, tuple[int, str]] = {}
    for batch in _batches(field_ids):
        q = text("SELECT id, sheet_id, key FROM sheet_fields WHERE id IN :ids").bindparams(
            bindparam("ids", expanding=True))
        places.update((fid, (sid, key)) for fid, sid, key in conn.execute(q, {"ids": batch}).all())
    return places


def _field_rowids(conn: Connection, rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    places = _field_places(conn, [fid for fid, _ in rows])
    slots = _slots(conn, {key for _, key in places.values()})
    return [(places[fid][0] * SLOT_SPAN + slots[places[fid][1]], value) for fid, value in rows if fid in places]


def add(conn: Connection, table: str, rows: Iterable[tuple], *, refresh: bool = True) -> None:
    """Index rows: sheet fields as ``(field id, value)``, passages as ``(id, body, heading, title)``.

    ``refresh`` False: the caller refreshes the sheets' grams itself (:func:`refresh_sheets`), once
    for a remove and add of the same fields."""
    rows = [r for r in rows if any(r[1:])]
    if not rows:
        return
    if table == PASSAGES_FTS:
        _add_passages(conn, rows)
    elif conn.dialect.name == "sqlite":
        params = [{"id": rowid, "g": grams(value)} for rowid, value in _field_rowids(conn, rows)]
        if params:
            conn.execute(text(f"INSERT INTO {FIELDS_FTS}(rowid, grams) VALUES (:id, :g)"), params)
    elif conn.dialect.name == "postgresql":
        places = _field_places(conn, [fid for fid, _ in rows])
        params = [{"id": fid, "s": places[fid][0], "g": codes(normalize(value))} for fid, value in rows
                  if fid in places]
        for batch in _batches(params):
            conn.execute(text(f"INSERT INTO {PG_FIELD_GRAMS} (field_id, sheet_id, grams) "
                              f"VALUES (:id, :s, CAST(:g AS INTEGER[])) ON CONFLICT (field_id) "
                              f"DO UPDATE SET grams = excluded.grams, sheet_id = excluded.sheet_id"), batch)
        if refresh:
            refresh_sheets(conn, [p["s"] for p in params])


def remove(conn: Connection, table: str, rows: Iterable[tuple], *, refresh: bool = True) -> None:
    """Take rows out of the index, given the text they were indexed with (the shapes of :func:`add`)."""
    rows = [r for r in rows if any(r[1:])]
    if not rows:
        return
    if table == PASSAGES_FTS:
        _remove_passages(conn, rows)
    elif conn.dialect.name == "sqlite":
        params = [{"id": rowid, "g": grams(value)} for rowid, value in _field_rowids(conn, rows)]
        if params:
            conn.execute(text(f"INSERT INTO {FIELDS_FTS}({FIELDS_FTS}, rowid, grams) VALUES ('delete', :id, :g)"),
                         params)
    elif conn.dialect.name == "postgresql":
        sheets: set[int] = set()
        for batch in _batches([r[0] for r in rows]):
            sheets.update(conn.execute(text(f"DELETE FROM {PG_FIELD_GRAMS} WHERE field_id IN :ids RETURNING sheet_id")
                                       .bindparams(bindparam("ids", expanding=True)), {"ids": batch}).scalars())
        if refresh:
            refresh_sheets(conn, sheets)


def _passage_params(rows: list[tuple]) -> list[dict]:
    out = []
    for row in rows:
        pid, body = row[0], row[1]
        heading = row[2] if len(row) > 2 else ""
        title = row[3] if len(row) > 3 else ""
        out.append({"id": pid, "b": grams(body or ""), "h": grams(heading or ""), "t": grams(title or "")})
    return out


def _add_passages(conn: Connection, rows: list[tuple]) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"INSERT INTO {PASSAGES_FTS}(rowid, body, heading, title) VALUES (:id, :b, :h, :t)"),
                     _passage_params(rows))
    elif conn.dialect.name == "postgresql":
        params = []
        for row in rows:
            forms = [normalize(part or "") for part in (list(row[1:4]) + ["", ""])[:3]]
            params.append({"id": row[0], "g": sorted(set().union(*(codes(f) for f in forms))),
                           "h": forms[1] + "\n" + forms[2]})
        for batch in _batches(params):
            conn.execute(text(f"INSERT INTO {PG_PASSAGE_GRAMS} (passage_id, grams, heading_form) "
                              f"VALUES (:id, CAST(:g AS INTEGER[]), :h) ON CONFLICT (passage_id) "
                              f"DO UPDATE SET grams = excluded.grams, heading_form = excluded.heading_form"), batch)


def _remove_passages(conn: Connection, rows: list[tuple]) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"INSERT INTO {PASSAGES_FTS}({PASSAGES_FTS}, rowid, body, heading, title) "
                          f"VALUES ('delete', :id, :b, :h, :t)"), _passage_params(rows))
    elif conn.dialect.name == "postgresql":
        for batch in _batches([r[0] for r in rows]):
            conn.execute(text(f"DELETE FROM {PG_PASSAGE_GRAMS} WHERE passage_id IN :ids").bindparams(
                bindparam("ids", expanding=True)), {"ids": batch})


PASSAGE_ROWS_SQL = ("SELECT p.id, p.text, p.heading_path, d.title FROM passages p "
                    "JOIN documents d ON d.id = p.document_id WHERE p.ordinal >= 0")


def rebuild(conn: Connection) -> None:
    """Re-create both indexes from the base tables (used by migrations and repairs)."""
    if conn.dialect.name not in ("sqlite", "postgresql"):
        return
    drop_tables(conn)
    create_tables(conn)
    add(conn, PASSAGES_FTS, conn.execute(text(PASSAGE_ROWS_SQL)).all())
    last = 0
    while True:   # in batches: 60,000 sheets are 360,000 field rows
        rows = conn.execute(text("SELECT id, value FROM sheet_fields WHERE id > :last ORDER BY id LIMIT 20000"),
                            {"last": last}).all()
        if not rows:
            break
        add(conn, FIELDS_FTS, rows, refresh=False)
        last = rows[-1][0]
    fill_sheet_table(conn)


# == finding rows ========================================================================
#
# ``terms`` below is a list of terms, each a list of alternative folded forms
# (any one of them counts). The functions return ids: passage ids for
# "passages", sheet-field ids for "fields". ``where`` is an extra SQL
# condition on ``r`` (the passages or sheet_fields row) and ``s`` (for
# fields: the sheets row), with its ``params``.

def _pg_term(kind: str, forms: Sequence[str], params: dict, prefix: str) -> str:
    """The rows holding one term on PostgreSQL, as a subquery of ids (sheet fields: ``field_id,
    sheet_id``): any alternative's grams, through the GIN index; a long word confirmed with LIKE on
    the row's search text (a passage's: or its headings and title)."""
    selects = []
    if kind == "fields":   # the short forms (no join) first: the later ones exclude what they found
        forms = sorted(forms, key=_needs_confirmation)
    for i, form in enumerate(forms):
        name = f"{prefix}_{i}"
        params[name] = _query_codes(form)
        if kind == "passages":
            hits = f"{PG_PASSAGE_HITS}(CAST(:{name} AS INTEGER[])) h"
            if not _needs_confirmation(form):
                selects.append(f"SELECT h.passage_id AS id FROM {hits}")
                continue
            params[name + "_like"] = like_pattern(form)
            selects.append(f"SELECT h.passage_id AS id FROM {hits} JOIN passages p2 ON p2.id = h.passage_id "
                           f"JOIN {PG_PASSAGE_GRAMS} g2 ON g2.passage_id = h.passage_id "
                           f"WHERE p2.search_text LIKE :{name}_like OR g2.heading_form LIKE :{name}_like")
        else:
            selects.append(_pg_field_branch(forms, i, name, params))
    return (" UNION ALL " if kind == "fields" else " UNION ").join(selects)


def _pg_field_branch(forms: Sequence[str], i: int, name: str, params: dict) -> str:
    """The field rows holding alternative ``i`` and none before it, so the alternatives' rows are
    disjoint and need no UNION to be distinct (a UNION hashed 52,000 rows of 「AI」 again to find the
    few 人工知能 rows it already had). A field holds a short form exactly when its search text does."""
    form = forms[i]
    hits = f"{PG_FIELD_HITS}(CAST(:{name} AS INTEGER[])) h"
    checks = []
    if _needs_confirmation(form):
        params[name + "_like"] = like_pattern(form)
        checks.append(f"f2.search_text LIKE :{name}_like")
    if i:
        params[name + "_before"] = [like_pattern(f) for f in forms[:i]]
        checks.append(f"NOT f2.search_text LIKE ANY (CAST(:{name}_before AS TEXT[]))")
    if not checks:
        return f"SELECT h.field_id, h.sheet_id FROM {hits}"
    return (f"SELECT h.field_id, h.sheet_id FROM {hits} JOIN sheet_fields f2 ON f2.id = h.field_id "
            f"WHERE {' AND '.join(checks)}")


def _pg_rows(kind: str, terms: Sequence[Sequence[str]], params: dict, prefix: str = "t") -> str:
    """The rows holding every term: the terms' subqueries intersected."""
    return " INTERSECT ".join(f"({_pg_term(kind, forms, params, f'{prefix}{i}')})" for i, forms in enumerate(terms))


def _pg_from(kind: str, rows_sql: str) -> str:
    if kind == "passages":
        return (f"FROM ({rows_sql}) hit JOIN passages r ON r.id = hit.id "
                f"JOIN documents d ON d.id = r.document_id WHERE r.ordinal >= 0")
    return f"FROM ({rows_sql}) hit JOIN sheets s ON s.id = hit.sheet_id WHERE s.deleted_at IS NULL"


def _sqlite_from(kind: str) -> str:
    if kind == "passages":
        return (f"FROM {PASSAGES_FTS} f JOIN passages r ON r.id = f.rowid JOIN documents d ON d.id = r.document_id "
                f"WHERE {PASSAGES_FTS} MATCH :m AND r.ordinal >= 0")
    return (f"FROM {FIELDS_FTS} f JOIN {FIELD_SLOTS} k ON k.slot = f.rowid % {SLOT_SPAN} "
            f"JOIN sheet_fields r ON r.sheet_id = f.rowid / {SLOT_SPAN} AND r.key = k.key "
            f"JOIN sheets s ON s.id = r.sheet_id WHERE {FIELDS_FTS} MATCH :m AND s.deleted_at IS NULL")


def _query(conn: Connection, kind: str, terms: Sequence[Sequence[str]], select: str, tail: str,
           where: str, params: dict | None) -> list | None:
    params = dict(params or {})
    extra = f" AND {where}" if where else ""
    terms = [list(t) for t in terms if t]
    if not terms:
        return None
    if conn.dialect.name == "sqlite":
        params["m"] = match_expression(terms)
        sql = f"{select} {_sqlite_from(kind)}{extra} {tail}"
    else:
        if "{body_first}" in tail:
            # no bm25 here: rows whose own text (not only a heading or the title) holds more terms first
            held = []
            for i, forms in enumerate(terms):
                params[f"b{i}"] = [like_pattern(f) for f in forms]
                held.append(f"(CASE WHEN r.search_text LIKE ANY (CAST(:b{i} AS TEXT[])) THEN 1 ELSE 0 END)")
            tail = tail.replace("{body_first}", " + ".join(held) + " DESC,")
        if kind == "fields":
            select, tail = select.replace("r.id", "hit.field_id"), tail.replace("r.id", "hit.field_id")
        sql = f"{select} {_pg_from(kind, _pg_rows(kind, terms, params))}{extra} {tail}"
    return conn.execute(text(sql), params).all()


def matching(conn: Connection, kind: str, terms: Sequence[Sequence[str]], *, limit: int,
             where: str = "", params: dict | None = None) -> list[int]:
    """Ids of the rows holding every term, at most ``limit``: passages the best by bm25 first (on
    PostgreSQL: those whose own text holds most terms), sheet fields the newest sheet first."""
    if conn.dialect.name == "sqlite":
        order = f"bm25({PASSAGES_FTS}, 1.0, 0.6, 0.25)" if kind == "passages" else "f.rowid DESC"
        tail = f"ORDER BY {order} LIMIT {int(limit)}"
    elif kind == "passages":
        tail = f"ORDER BY {{body_first}} r.id LIMIT {int(limit)}"
    else:
        tail = f"ORDER BY r.id DESC LIMIT {int(limit)}"
    rows = _query(conn, kind, terms, "SELECT r.id", tail, where, params)
    return [r[0] for r in rows or []]


def matching_total(conn: Connection, kind: str, terms: Sequence[Sequence[str]], *, limit: int,
                   where: str = "", params: dict | None = None) -> tuple[list[int], int]:
    """:func:`matching` and how many rows match in all (:func:`count_matching`). Sheet fields on
    PostgreSQL in one query (a window count over the same hits): finding 「AI」's 52,000 field rows
    is most of the cost, so doing it twice, for the top rows and for the count, doubled it."""
    if conn.dialect.name == "postgresql" and kind == "fields":
        rows = _query(conn, kind, terms, "SELECT r.id, count(*) OVER ()", f"ORDER BY r.id DESC LIMIT {int(limit)}",
                      where, params) or []
        return [r[0] for r in rows], (int(rows[0][1]) if rows else 0)
    ids = matching(conn, kind, terms, limit=limit, where=where, params=params)
    if not ids:
        return ids, 0
    total = len(ids) if len(ids) < limit else count_matching(conn, kind, terms, where=where, params=params)
    return ids, total


def count_matching(conn: Connection, kind: str, terms: Sequence[Sequence[str]], *, where: str = "",
                   params: dict | None = None) -> int:
    if conn.dialect.name == "sqlite" and kind == "fields":
        # the sheet id is in the rowid: no need to find each field's row to count them
        m = match_expression([list(t) for t in terms if t])
        if m is None:
            return 0
        extra = f" AND {where}" if where else ""
        sql = (f"SELECT count(*) FROM {FIELDS_FTS} f JOIN sheets s ON s.id = f.rowid / {SLOT_SPAN} "
               f"WHERE {FIELDS_FTS} MATCH :m AND s.deleted_at IS NULL{extra}")
        return int(conn.execute(text(sql), dict(params or {}, m=m)).scalar() or 0)
    rows = _query(conn, kind, terms, "SELECT count(*)", "", where, params)
    return int(rows[0][0]) if rows else 0


def frequency(conn: Connection, kind: str, form: str) -> int:
    """How many rows hold a folded form (a word's rarity for ranking): straight from the index."""
    if conn.dialect.name == "sqlite":
        table = PASSAGES_FTS if kind == "passages" else FIELDS_FTS
        return int(conn.execute(text(f"SELECT count(*) FROM {table} WHERE {table} MATCH :m"),
                                {"m": match_expression([[form]])}).scalar() or 0)
    return count_matching(conn, kind, [[form]])


def any_of(conn: Connection, kind: str, pieces: Sequence[str], *, limit: int, where: str = "",
           params: dict | None = None) -> list[int]:
    """Ids of rows holding at least one of the pieces (the ranked fallback's candidates)."""
    pieces = [p for p in dict.fromkeys(pieces) if p]
    if not pieces:
        return []
    params = dict(params or {})
    extra = f" AND {where}" if where else ""
    if conn.dialect.name == "sqlite":
        params["m"] = " OR ".join(p for p in (phrase(x) for x in pieces) if p)
        order = f"bm25({PASSAGES_FTS}, 1.0, 0.6, 0.25)" if kind == "passages" else "f.rowid DESC"
        sql = f"SELECT r.id {_sqlite_from(kind)}{extra} ORDER BY {order} LIMIT {int(limit)}"
    else:
        rows_sql = _pg_term(kind, pieces, params, "any")
        ident, order = ("hit.field_id", "hit.field_id DESC") if kind == "fields" else ("r.id", "r.id")
        if kind == "passages":   # no bm25: rows whose own text holds more of the pieces first
            order = " + ".join(f"(CASE WHEN r.search_text LIKE :any_b{i} THEN 1 ELSE 0 END)"
                               for i in range(len(pieces))) + " DESC, r.id"
            params.update({f"any_b{i}": like_pattern(p) for i, p in enumerate(pieces)})
        sql = f"SELECT {ident} {_pg_from(kind, rows_sql)}{extra} ORDER BY {order} LIMIT {int(limit)}"
    return list(conn.execute(text(sql), params).scalars())


def row_count(conn: Connection, kind: str) -> tuple[int, float]:
    """Rows that search sees and their mean folded length (for BM25's length normalisation)."""
    if kind == "passages":
        sql = "SELECT count(*), avg(length(search_text)) FROM passages WHERE ordinal >= 0"
    else:
        sql = "SELECT count(*), avg(length(search_text)) FROM sheet_fields"
    n, mean = conn.execute(text(sql)).one()
    return int(n or 0), float(mean or 1.0)


def sheet_condition(dialect: str, terms: Sequence[Sequence[str]]):
    """SQL (a ``text()`` clause on ``sheets.id``) for: every term occurs in some text field of the sheet.

    Each term is a list of alternative folded forms. SQLite reads the sheet id
    from the field index's rowid; PostgreSQL from the sheet-level grams (short
    forms) and the field rows (long forms, confirmed).

    On PostgreSQL the ``IN`` is wrapped in ``IS TRUE`` so that it stays a
    *hashed subplan*: the ids are put in a hash once and the list reads the
    sheets in its own order (the index on updated_at), testing each. Left bare,
    the planner turns it into a join, cannot know the ids are distinct, and
    probed the sheets once per id (37,000 probes for 「AI」: 350 ms of 570).
    The hash costs a walk over every sheet, which a rare word does not need
    (「海賊版」: 38 ms against 19 joined), so terms of long forms only are
    left to the planner as before.
    """
    from sqlalchemy import and_, true

    clauses = []
    for i, forms in enumerate(t for t in terms if t):
        params: dict = {}
        if dialect == "sqlite":
            params[f"sm{i}"] = _any_of(list(forms))
            sql = f"sheets.id IN (SELECT rowid / {SLOT_SPAN} FROM {FIELDS_FTS} WHERE {FIELDS_FTS} MATCH :sm{i})"
        else:
            sql = f"sheets.id IN ({_pg_sheet_term(list(forms), params, f'st{i}')})"
            if any(not _needs_confirmation(f) for f in forms):
                sql = f"({sql}) IS TRUE"   # a short form can be common; long words are rarer: let the planner join
        clauses.append(text(sql).bindparams(**params))
    return and_(*clauses) if clauses else true()


def _pg_sheet_term(forms: Sequence[str], params: dict, prefix: str) -> str:
    """The sheets holding one term on PostgreSQL (``sheet_id``, a sheet possibly more than once): the
    short forms (one gram each, exact) from the sheet-level grams in one probe; a long form from the
    field rows, confirmed with LIKE (its grams could come from different fields of a sheet)."""
    selects = []
    short = sorted({code for f in forms if not _needs_confirmation(f) for code in _query_codes(f)})
    if short:
        params[f"{prefix}_s"] = short
        selects.append(f"SELECT h.sheet_id FROM {PG_SHEET_HITS}(CAST(:{prefix}_s AS INTEGER[])) h")
    for i, form in enumerate(f for f in forms if _needs_confirmation(f)):
        name = f"{prefix}_{i}"
        params[name], params[name + "_like"] = _query_codes(form), like_pattern(form)
        selects.append(f"SELECT h.sheet_id FROM {PG_FIELD_HITS}(CAST(:{name} AS INTEGER[])) h "
                       f"JOIN sheet_fields f2 ON f2.id = h.field_id WHERE f2.search_text LIKE :{name}_like")
    return " UNION ALL ".join(selects)


# == PostgreSQL: pg_trgm ====================================================================

# Trigram indexes on PostgreSQL: (index name, table). Created by migration 0003
# when pg_trgm can be had, or later at open once an administrator installed it.
# Search no longer depends on them (the gram tables above serve every word);
# where they exist they still serve the LIKE that confirms a long word.
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
    """Give the confirming LIKEs a pg_trgm GIN index where PostgreSQL allows it; True when indexed.

    ``CREATE EXTENSION`` needs the CREATE privilege on the database (pg_trgm
    is a trusted extension) or an administrator who ran it beforehand. When
    it cannot be had, nothing fails.
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
