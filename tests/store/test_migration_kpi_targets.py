"""Revision 0007k: existing KPIs get qualifier none and kind 水準, and a target whose text says its
qualifier (「4位以内」) is read as what it says, so progress stops calling 12位 a success."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine

from desktop.store import migrate
from desktop.store.database import open_database
from desktop.store.repository import Repository
from desktop.survey.progress import KpiStatus, kpi_progress
from desktop.survey.sheet import Direction, Qualifier, TargetKind
from tests.store.make_fixtures import make_fixture

_OLD_KPIS = [  # (id, indicator, unit, direction, target)
    (11, "GII順位", "位", "up", "4位以内"),
    (12, "参加企業数", "社", "up", "100社以上"),
    (13, "相談件数", "件", "up", "約30"),
    (14, "待機日数", "日", "down", "5"),
    (15, "満足度", "%", "up", "高い水準を維持"),
    (16, "登録者数", "人", "up", "1万人以上"),     # not a plain number: left as typed
]


def _old_database(path):
    make_fixture(path, "0006")
    con = sqlite3.connect(path)
    for kid, indicator, unit, direction, target in _OLD_KPIS:
        con.execute("INSERT INTO kpis (id, item_id, key, position, kind, quantitative, indicator, unit, direction,"
                    " target_value, target_year, data_source) VALUES (?, 1, ?, ?, 'outcome', 1, ?, ?, ?, ?, 2030, '')",
                    (kid, f"k{kid}", kid, indicator, unit, direction, target))
    con.execute("INSERT INTO kpi_actuals (kpi_id, fiscal_year, value) VALUES (11, 2025, '12')")
    con.commit()
    con.close()


def _kpis(db):
    sheet = next(s for s in Repository(db).load_sheets() if any(k.indicator == "GII順位" for _, k in s.all_kpis()))
    return {k.indicator: k for _, k in sheet.all_kpis()}


def test_existing_kpis_migrate_with_the_qualifier_their_text_says(tmp_path):
    path = tmp_path / "old.db"
    _old_database(path)
    db = open_database(path)
    try:
        kpis = _kpis(db)
        gii = kpis["GII順位"]
        assert (gii.target_value, gii.qualifier, gii.direction) == ("4", Qualifier.WITHIN, Direction.DOWN)
        assert kpi_progress(gii, 2025).status is not KpiStatus.ACHIEVED     # 12位 is not 4位以内
        assert (kpis["参加企業数"].target_value, kpis["参加企業数"].qualifier) == ("100", Qualifier.AT_LEAST)
        assert (kpis["相談件数"].target_value, kpis["相談件数"].qualifier) == ("30", Qualifier.ABOUT)
        plain = kpis["待機日数"]
        assert (plain.target_value, plain.qualifier, plain.direction) == ("5", None, Direction.DOWN)
        assert kpis["満足度"].target_value == "高い水準を維持" and kpis["満足度"].qualifier is None
        assert kpis["登録者数"].target_value == "1万人以上" and kpis["登録者数"].qualifier is None
        assert {k.target_kind for k in kpis.values()} == {TargetKind.LEVEL}
        assert kpis["海外展開件数"].qualifier is None and kpis["海外展開件数"].direction is Direction.UP
    finally:
        db.close()


def test_the_downgrade_writes_qualifier_and_kind_back_into_the_target_text(tmp_path):
    path = tmp_path / "old.db"
    _old_database(path)
    db = open_database(path)
    try:
        repo = Repository(db)
        sheet = next(s for s in repo.load_sheets() if any(k.indicator == "GII順位" for _, k in s.all_kpis()))
        [share] = [k for _, k in sheet.all_kpis() if k.indicator == "満足度"]
        share.target_value, share.target_kind = "10", TargetKind.INCREASE
        repo.save_sheet(sheet)
    finally:
        db.close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        migrate.downgrade(engine, "0006")
        with engine.connect() as conn:
            rows = dict(conn.exec_driver_sql("SELECT indicator, target_value FROM kpis").all())
    finally:
        engine.dispose()
    assert rows["GII順位"] == "4以内" and rows["参加企業数"] == "100以上" and rows["相談件数"] == "約30"
    assert rows["満足度"] == "+10" and rows["待機日数"] == "5"
