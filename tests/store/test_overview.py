import pytest

from desktop.samples import build_demo
from desktop.store.overview import KpiCounts, build_overview, year_overview
from desktop.store.repository import Repository
from desktop.survey.progress import KpiStatus
from desktop.survey.sheet import KpiData, Status
from tests.factories import complete_sheet


def counts(c: KpiCounts) -> tuple[int, int, int, int]:
    return c.achieved, c.on_track, c.behind, c.no_data


@pytest.fixture
def demo(seeded_db):
    repo = Repository(seeded_db)
    build_demo(repo)
    return repo


def test_overview_of_the_sample_year(demo, survey):
    o = year_overview(demo, 2025)
    assert (o.year, o.sheets, o.with_errors) == (2025, 10, 1)
    assert o.by_status == {Status.DRAFT: 4, Status.REVIEW: 3, Status.SUBMITTED: 1, Status.RETURNED: 1, Status.ACCEPTED: 1}
    # 達成: 領域別戦略の策定数. 順調: 支援した領域数, GPAI, 在外事務所の窓口, 相談対応件数.
    # 遅れ: 官民連携の場の開催回数, 拠点の選定数, 海賊版アクセス数 (down). データなし: 受注額, 海外市場規模 ("-").
    assert counts(o.kpis) == (1, 4, 3, 2) and o.kpis.total == 10

    ministries = {m.ministry: m for m in o.ministries}
    assert [m.ministry for m in o.ministries][:2] == ["内閣府", "経済産業省"]        # most sheets first
    cabinet = ministries["内閣府"]
    assert (cabinet.sheets, cabinet.by_status[Status.DRAFT], cabinet.by_status[Status.REVIEW]) == (3, 2, 1)
    assert counts(cabinet.kpis) == (1, 2, 2, 0)
    meti = ministries["経済産業省"]
    assert (meti.sheets, meti.with_errors) == (3, 1)
    assert demo.get_sheet(meti.error_sheet_ids[0]).fields["title"] == "国際標準人材の育成"
    assert ministries["文部科学省"].by_status[Status.RETURNED] == 1
    assert sum(m.sheets for m in o.ministries) == 10

    groups = {g.code: g for g in o.classifications}
    assert [g.code for g in o.classifications] == [c.code for c in survey.choices]    # the survey's order
    assert (groups["P1-4"].measures, counts(groups["P1-4"].kpis)) == (2, (0, 2, 1, 0))
    assert (groups["P2-1"].measures, counts(groups["P2-1"].kpis)) == (1, (1, 1, 0, 0))
    assert (groups["P1-2"].measures, groups["P1-2"].kpis.total) == (2, 0)
    assert groups["P2-2"].measures == 0
    assert groups["P1-4"].label == "ポイント① 国際標準の担い手の強化 / 官民連携の場の設置"
    assert sum(g.measures for g in o.classifications) == 10

    areas = {g.code: g for g in o.areas}
    assert (areas["digital-ai"].measures, counts(areas["digital-ai"].kpis)) == (5, (1, 3, 1, 1))
    assert areas["environment-energy"].label == "環境・エネルギー"
    assert (areas[None].label, areas[None].measures) == ("（戦略領域・重要領域の指定なし）", 3)


def test_overview_of_the_previous_sample_year(demo):
    o = year_overview(demo, 2024)
    assert (o.sheets, o.with_errors, o.by_status[Status.ACCEPTED]) == (6, 0, 6)   # last year: published
    assert o.kpis.behind == 0 and o.kpis.total == 7


def test_every_sheet_counted_even_without_classification_or_area(survey):
    a = complete_sheet(survey, classification=None, areas=[])
    b = complete_sheet(survey, classification="X-9", areas=["nowhere", survey.areas[0].code])
    b.items[0].kpis.append(KpiData(indicator="遅れている指標", target_value="10", target_year=2026,
                                   baseline_value="0", baseline_year=2024, actuals={2025: "1"}))
    o = build_overview(survey, 2025, [a, b])
    groups = {g.code: g for g in o.classifications}
    assert groups[None].measures == 1 and groups["X-9"].measures == 1 and groups["X-9"].label == "X-9"
    assert groups[None].label == "（施策分類なし）"
    areas = {g.code: g for g in o.areas}
    assert areas["nowhere"].measures == 1 and areas[None].measures == 1 and areas[survey.areas[0].code].measures == 1
    assert counts(o.kpis) == (0, 2, 1, 0)
    assert o.kpis.of(KpiStatus.BEHIND) == 1
    assert o.with_errors == 2          # no classification; an unknown one and an unknown area


def test_empty_year():
    from desktop.survey.loader import default_survey

    o = build_overview(default_survey(), 2030, [])
    assert o.sheets == 0 and o.ministries == [] and o.kpis.total == 0
    assert all(g.measures == 0 for g in o.classifications + o.areas)
