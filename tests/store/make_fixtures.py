"""Databases as each earlier schema revision wrote them, for the migration tests.

    python tests/store/make_fixtures.py            # (re)write tests/store/fixtures/revision-*.db

For every revision before head: a new SQLite file is upgraded to exactly that
revision by the migration scripts, and representative rows are written with
raw SQL (the models only know the current schema): Japanese and full-width
text, the three kinds of empty KPI value, a span mark, a citation of a
passage, a deleted sheet, a predecessor link, revisions. Whatever that
revision's own migration maintained beside the rows (the bigram index from
0002, ``search_text`` from 0003) is filled as that release's program did
(its search form frozen here: later releases fold differently).

The files are committed: a later edit of an old migration script then cannot
quietly change what "a database of revision 0002" means. When a new revision
becomes head, run this script once to add the fixture of the previous head;
tests/store/test_migration_fixtures.py fails until it exists.

``make_fixture(target, revision)`` also works on a PostgreSQL URL (an empty
database), which the tests use to migrate a server database the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import Engine, create_engine, inspect, text

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.store import fulltext, migrate  # noqa: E402
from desktop.store.database import _normalise_url, is_url  # noqa: E402

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
SURVEY_KEY = "intl-standards-followup"

# What the tests check after migrating (kept here, beside the rows that make it true).
EXPECTED = {
    "sheets": 3,
    "live_titles": ["ＡＩを活用した５Ｇの展開", "海賊版対策の強化"],
    "deleted_title": "取り下げた施策",
    "kpi_values": {"baseline_value": None, "actuals": {2024: "0", 2025: "-"}},
    "citation_quote": "ＷＩＰＯのグローバルイノベーション指数",
    "revisions": 5,
}

_ROWS = [
    "INSERT INTO surveys (id, key, title, created_at) VALUES (1, '{survey}', 'フォローアップ調査', '2025-04-01 09:00:00')",
    "INSERT INTO fiscal_years (id, survey_id, year, created_at) VALUES (1, 1, 2024, '2025-04-01 09:00:00'),"
    " (2, 1, 2025, '2025-04-01 09:00:00')",
    "INSERT INTO documents (id, file_name, title, issuer, issued, origin, content_hash, added_at) VALUES"
    " (1, '旧資料.txt', '旧版の参考資料', '知的財産戦略推進事務局', '令和7年6月', 'user', 'old', '2025-04-01 09:00:00')",
    "INSERT INTO passages (id, document_id, key, ordinal, heading_path, line_start, line_end, page, text) VALUES"
    " (1, 1, 'p1', 0, '第1 > 1', 1, 3, NULL, 'ＷＩＰＯのグローバルイノベーション指数で世界4位以内を目指す。'),"
    " (2, 1, 'p2', 1, '第1 > 2', 4, 6, NULL, '海賊版サイトへの対策を官民で進める。')",
    "INSERT INTO sheets (id, survey_id, fiscal_year, ministry, bureau, person, contact, status, classification,"
    " title, is_sample, predecessor_id, created_at, updated_at, deleted_at, version) VALUES"
    " (1, 1, 2024, '総務省', '国際戦略局', '担当 一郎', '03-0000-0000', 'submitted', 'P1-3',"
    "  '海賊版対策の強化', FALSE, NULL, '2024-05-01 09:00:00', '2024-06-01 09:00:00', NULL, 3),"
    " (2, 1, 2025, '総務省', '国際戦略局', '担当 一郎', '03-0000-0000', 'draft', 'P3-1',"
    "  'ＡＩを活用した５Ｇの展開', FALSE, 1, '2025-05-01 09:00:00', '2025-06-01 09:00:00', NULL, 2),"
    " (3, 1, 2025, '経済産業省', '', '', '', 'draft', NULL,"
    "  '取り下げた施策', FALSE, NULL, '2025-05-01 09:00:00', '2025-05-02 09:00:00', '2025-05-02 09:00:00', 2)",
    "INSERT INTO sheet_fields (id, sheet_id, key, value) VALUES"
    " (1, 1, 'title', '海賊版対策の強化'), (2, 1, 'content', '海賊版サイトの検知を強化する。'),"
    " (3, 2, 'title', 'ＡＩを活用した５Ｇの展開'), (4, 2, 'content', 'Ｏｐｅｎ　ＲＡＮの海外展開を支援する。'),"
    " (5, 2, 'background', '5Gの国際標準化が進む。'), (6, 3, 'title', '取り下げた施策')",
    "INSERT INTO sheet_areas (sheet_id, area_code, position) VALUES (2, 'digital-ai', 0)",
    "INSERT INTO items (id, sheet_id, position, title, plan_text) VALUES (1, 2, 0, '実証事業', '')",
    "INSERT INTO kpis (id, item_id, position, kind, horizon, quantitative, indicator, unit, direction,"
    " baseline_value, baseline_year, target_value, target_year, data_source) VALUES"
    " (1, 1, 0, 'outcome', 'medium', TRUE, '海外展開件数', '件', 'up', NULL, 2023, '20', 2030, '所管課調べ')",
    "INSERT INTO kpi_actuals (id, kpi_id, fiscal_year, value) VALUES (1, 1, 2024, '0'), (2, 1, 2025, '-')",
    "INSERT INTO citations (id, sheet_id, field_key, position, position_order, passage_id, quoted_text, locator,"
    " created_at) VALUES (1, 2, 'background', 3, 0, 1, 'ＷＩＰＯのグローバルイノベーション指数', '第1 > 1',"
    " '2025-05-01 09:00:00')",
    "INSERT INTO revisions (id, sheet_id, sheet_version, at, author, field, old_value, new_value) VALUES"
    " (1, 1, 1, '2024-05-01 09:00:00', '担当 一郎', 'sheet', NULL, 'created'),"
    " (2, 1, 3, '2024-06-01 09:00:00', '担当 一郎', 'status', 'draft', 'submitted'),"
    " (3, 2, 1, '2025-05-01 09:00:00', '担当 一郎', 'sheet', NULL, 'created'),"
    " (4, 3, 2, '2025-05-02 09:00:00', '担当 二郎', 'deleted', 'false', 'true'),"
    " (5, 2, 2, '2025-06-01 09:00:00', '担当 一郎', 'field:content', 'Ｏｐｅｎ　ＲＡＮの展開。',"
    "  'Ｏｐｅｎ　ＲＡＮの海外展開を支援する。')",
]

# Marks as each schema stored them: by row id up to 0003, by part (with keys and the register) from 0004.
_MARKS_BY_ID = (
    "INSERT INTO marks (id, sheet_id, field_key, start, \"end\", kpi_id, citation_id, reason, created_at) VALUES"
    " (1, 2, 'content', 0, 8, NULL, NULL, '調整中のため', '2025-05-01 09:00:00'),"
    " (2, 2, NULL, NULL, NULL, 1, NULL, '公表前の数値', '2025-05-01 09:00:00')")
_MARKS_BY_PART = [
    "UPDATE items SET key = 'item0000000000001'",
    "UPDATE kpis SET key = 'kpi00000000000001'",
    "UPDATE citations SET key = 'cite000000000001'",
    "UPDATE sheets SET lineage = CASE WHEN id IN (1, 2) THEN 'lineage000000001' ELSE 'lineage000000003' END",
    "INSERT INTO marks (id, sheet_id, part, start, \"end\", text, unplaced, reason, created_by, created_at) VALUES"
    " (1, 2, 'field:content', 0, 8, 'Ｏｐｅｎ　ＲＡＮの', FALSE, '調整中のため', '担当 一郎', '2025-05-01 09:00:00'),"
    " (2, 2, 'kpi:kpi00000000000001', NULL, NULL, '海外展開件数', FALSE, '公表前の数値', '担当 一郎',"
    "  '2025-05-01 09:00:00')",
    "INSERT INTO withheld_texts (id, lineage, text, form, part, reason, sheet_id, created_at, created_by) VALUES"
    " (1, 'lineage000000001', 'Ｏｐｅｎ　ＲＡＮの', 'openranの', 'field:content', '調整中のため', 2,"
    "  '2025-05-01 09:00:00', '担当 一郎'),"
    " (2, 'lineage000000001', '海外展開件数', '海外展開件数', 'kpi:kpi00000000000001', '公表前の数値', 2,"
    "  '2025-05-01 09:00:00', '担当 一郎')",
]

# The status history from 0008: the release wrote a sheet's first status when it was created.
_STATUS_HISTORY = (
    "INSERT INTO status_changes (id, sheet_id, at, actor, role, from_status, to_status, reason) VALUES"
    " (1, 1, '2024-05-01 09:00:00', '担当 一郎', '', NULL, 'submitted', ''),"
    " (2, 2, '2025-05-01 09:00:00', '担当 一郎', '', NULL, 'draft', ''),"
    " (3, 3, '2025-05-01 09:00:00', '担当 二郎', '', NULL, 'draft', '')")

_SEQUENCED = ("surveys", "fiscal_years", "documents", "passages", "sheets", "sheet_fields", "items", "kpis",
              "kpi_actuals", "citations", "marks", "revisions", "withheld_texts", "status_changes")


def earlier_revisions() -> list[str]:
    """Every revision before head, oldest first."""
    script = migrate._script()
    head = script.get_current_head()
    return [r.revision for r in reversed(list(script.walk_revisions())) if r.revision != head]


def fixture_path(revision: str) -> Path:
    return FIXTURES_DIR / f"revision-{revision}.db"


def _engine(target: str | Path) -> Engine:
    if isinstance(target, Path) or not is_url(str(target)):
        return create_engine(f"sqlite:///{Path(target)}")
    return create_engine(_normalise_url(str(target)))


def fill_search_index(conn) -> None:
    """What revisions 0002-0006 kept beside the rows, filled as their program did: ``search_text``
    (0003; folded again from 0006) and the bigram FTS tables (0002; SQLite; three columns from 0006)."""
    columns = {t: {c["name"] for c in inspect(conn).get_columns(t)} for t in ("sheet_fields", "passages")}
    if {fulltext.FIELD_SLOTS, fulltext.PG_FIELD_GRAMS} & set(inspect(conn).get_table_names()):   # 0006 on
        for table, source in (("sheet_fields", "value"), ("passages", "text")):
            for rid, value in conn.execute(text(f"SELECT id, {source} FROM {table}")).all():
                conn.execute(text(f"UPDATE {table} SET search_text = :s WHERE id = :id"),
                             {"s": fulltext.normalize(value or ""), "id": rid})
        fulltext.rebuild(conn)
        return
    if "search_text" in columns["sheet_fields"]:
        for table, source in (("sheet_fields", "value"), ("passages", "text")):
            for rid, value in conn.execute(text(f"SELECT id, {source} FROM {table}")).all():
                conn.execute(text(f"UPDATE {table} SET search_text = :s WHERE id = :id"),
                             {"s": fulltext.legacy_form(value), "id": rid})
    if conn.dialect.name == "sqlite" and fulltext.FIELDS_FTS in inspect(conn).get_table_names():
        fulltext.create_legacy_tables(conn)


def _write_rows(engine: Engine, revision: str = "") -> None:
    with engine.begin() as conn:
        for sql in _ROWS:
            conn.execute(text(sql.format(survey=SURVEY_KEY)))
        by_part = "part" in {c["name"] for c in inspect(conn).get_columns("marks")}
        for sql in (_MARKS_BY_PART if by_part else [_MARKS_BY_ID]):
            conn.execute(text(sql))
        if "status_changes" in inspect(conn).get_table_names():     # 0008 on: each sheet's history as that
            conn.execute(text(_STATUS_HISTORY))                       # release began it (its first status)
        fill_search_index(conn)
        if conn.dialect.name == "postgresql":
            for table in [t for t in _SEQUENCED if t in inspect(conn).get_table_names()]:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))


def make_fixture(target: str | Path, revision: str) -> None:
    """A database at ``revision`` holding the representative rows (SQLite file or empty PostgreSQL database)."""
    engine = _engine(target)
    try:
        migrate.upgrade(engine, revision)
        _write_rows(engine, revision)
    finally:
        engine.dispose()
    if engine.dialect.name == "sqlite":
        import sqlite3

        con = sqlite3.connect(Path(target))
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("VACUUM")
        con.close()


def main() -> None:
    FIXTURES_DIR.mkdir(exist_ok=True)
    for revision in earlier_revisions():
        path = fixture_path(revision)
        path.unlink(missing_ok=True)
        make_fixture(path, revision)
        print(f"{path.relative_to(ROOT)}: revision {revision}, {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
