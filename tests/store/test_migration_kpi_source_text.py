"""Revision 0009d: a KPI accepted from a form's text kept its line in 指標の出典 as 「調査票の記載：…」;
the line moves to the KPI's own 調査票の記載 (source_text), so the 出典 the secretariat prints is clean."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine

from desktop.store import migrate
from desktop.store.database import open_database
from desktop.store.repository import Repository
from tests.store.make_fixtures import make_fixture

_OLD_KPIS = [  # (id, indicator, data_source as the earlier release stored it)
    (21, "研修修了者数", "調査票の記載：研修修了者数：令和9年度までに累計100名"),
    (22, "相談件数", "所管課調べ"),
    (23, "参加企業数", "出典は調査票の記載：別紙"),      # the words appear, but not as the prefix: left alone
]


def _old_database(path):
    make_fixture(path, "0009b")
    con = sqlite3.connect(path)
    for kid, indicator, source in _OLD_KPIS:
        con.execute("INSERT INTO kpis (id, item_id, key, position, kind, quantitative, indicator, unit, direction,"
                    " target_kind, target_value, target_year, data_source) VALUES (?, 1, ?, ?, 'outcome', 1, ?, '',"
                    " 'up', 'level', '100', 2027, ?)", (kid, f"k{kid}", kid, indicator, source))
    con.commit()
    con.close()


def _kpis(db):
    sheet = next(s for s in Repository(db).load_sheets() if any(k.indicator == "研修修了者数" for _, k in s.all_kpis()))
    return {k.indicator: k for _, k in sheet.all_kpis()}


def test_old_form_lines_move_out_of_the_data_source(tmp_path):
    path = tmp_path / "old.db"
    _old_database(path)
    db = open_database(path)
    try:
        kpis = _kpis(db)
        trained = kpis["研修修了者数"]
        assert (trained.data_source, trained.source_text) == ("", "研修修了者数：令和9年度までに累計100名")
        assert (kpis["相談件数"].data_source, kpis["相談件数"].source_text) == ("所管課調べ", "")
        assert (kpis["参加企業数"].data_source, kpis["参加企業数"].source_text) == ("出典は調査票の記載：別紙", "")
        assert (kpis["海外展開件数"].data_source, kpis["海外展開件数"].source_text) == ("所管課調べ", "")
    finally:
        db.close()


def test_the_downgrade_puts_the_line_back_with_its_prefix(tmp_path):
    path = tmp_path / "old.db"
    _old_database(path)
    db = open_database(path)
    try:
        repo = Repository(db)
        sheet = next(s for s in repo.load_sheets() if any(k.indicator == "研修修了者数" for _, k in s.all_kpis()))
        [consult] = [k for _, k in sheet.all_kpis() if k.indicator == "相談件数"]
        consult.source_text = "相談件数 30件"            # a line read since, beside a typed 出典
        repo.save_sheet(sheet)
    finally:
        db.close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        migrate.downgrade(engine, "0009b")
        with engine.connect() as conn:
            rows = dict(conn.exec_driver_sql("SELECT indicator, data_source FROM kpis").all())
            columns = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info('kpis')")]
    finally:
        engine.dispose()
    assert "source_text" not in columns
    assert rows["研修修了者数"] == "調査票の記載：研修修了者数：令和9年度までに累計100名"
    assert rows["相談件数"] == "所管課調べ\n調査票の記載：相談件数 30件"     # nothing lost either way
    assert rows["参加企業数"] == "出典は調査票の記載：別紙"
