"""The KPI phrasings ministries write, read into structured KPIs (desktop/survey/kpi_text.py).

Each row: the text, and what a person reading it would put into the form —
indicator, target value, unit, target year, qualifier, direction, kind of
target, baseline (value, year) where the text gives one. ``None`` in the
expected indicator means "not checked" only where noted; everything else is
compared exactly.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.survey.kpi_text import fold, parse_kpi, parse_kpis, read
from desktop.survey.progress import KpiStatus, kpi_progress
from desktop.survey.sheet import Direction, Qualifier, TargetKind

UP, DOWN = Direction.UP, Direction.DOWN
LEVEL, INC, RED, MUL = TargetKind.LEVEL, TargetKind.INCREASE, TargetKind.REDUCTION, TargetKind.MULTIPLE
Q = Qualifier

# (text, indicator, value, unit, year, qualifier, direction, kind, baseline value, baseline year)
PHRASINGS = [
    # sentences with を … とする / にする / 目指す
    ("日本発コンテンツの海外市場規模を2033年までに20兆円とする", "日本発コンテンツの海外市場規模", "20", "兆円", 2033, None, UP, LEVEL, None, None),
    ("WIPOの「グローバルイノベーション指数」を2035年までに4位以内とする", "WIPOのグローバルイノベーション指数の順位", "4", "位", 2035, Q.WITHIN, DOWN, LEVEL, None, None),
    ("時価総額に占める無形資産の割合を2035年までに50%以上とする", "時価総額に占める無形資産の割合", "50", "%", 2035, Q.AT_LEAST, UP, LEVEL, None, None),
    ("2025年までに輸出額を2兆円とすることを目指す。", "輸出額", "2", "兆円", 2025, None, UP, LEVEL, None, None),
    ("令和９年度末までに支援拠点を３００か所とする目標を掲げる。", "支援拠点", "300", "か所", 2027, None, UP, LEVEL, None, None),
    ("2030年までに、訪日客を6,000万人とする目標。", "訪日客", "6000", "万人", 2030, None, UP, LEVEL, None, None),
    ("訪日外国人旅行者数を2030年に6000万人にする", "訪日外国人旅行者数", "6000", "万人", 2030, None, UP, LEVEL, None, None),
    ("農林水産物・食品の輸出額を2030年までに5兆円とすることを目指す", "農林水産物・食品の輸出額", "5", "兆円", 2030, None, UP, LEVEL, None, None),
    ("スタートアップへの投資額を2027年度に10兆円規模とする", "スタートアップへの投資額", "10", "兆円", 2027, None, UP, LEVEL, None, None),
    ("女性役員比率を2030年までに30%以上とすることを目指す", "女性役員比率", "30", "%", 2030, Q.AT_LEAST, UP, LEVEL, None, None),
    ("テレワーク導入率を令和7年度までに約50%とする", "テレワーク導入率", "50", "%", 2025, Q.ABOUT, UP, LEVEL, None, None),
    ("公開データセット数を令和8年度に1,000件程度とする", "公開データセット数", "1000", "件", 2026, Q.AROUND, UP, LEVEL, None, None),
    ("海外売上高を2033年までに20兆円超とする", "海外売上高", "20", "兆円", 2033, Q.ABOVE, UP, LEVEL, None, None),
    ("行政手続のオンライン化率を2026年度までに100%とする", "行政手続のオンライン化率", "100", "%", 2026, None, UP, LEVEL, None, None),
    # verbs: 育成する / 引き上げる / 削減する / 拡大する
    ("専門人材を2027年度までに３００名育成する", "専門人材の育成数", "300", "名", 2027, None, UP, LEVEL, None, None),
    ("デジタル推進人材を2026年度末までに230万人育成する", "デジタル推進人材の育成数", "230", "万人", 2026, None, UP, LEVEL, None, None),
    ("最低賃金を2029年度までに全国加重平均1500円に引き上げる", "最低賃金", "1500", "円", 2029, None, UP, LEVEL, None, None),
    ("再生可能エネルギーの電源構成比を2030年度に36%に引き上げる", "再生可能エネルギーの電源構成比", "36", "%", 2030, None, UP, LEVEL, None, None),
    ("食品ロス量を2030年度までに273万トンに削減する", "食品ロス量", "273", "万トン", 2030, None, DOWN, LEVEL, None, None),
    ("交通事故死者数を2025年までに2000人以下とする", "交通事故死者数", "2000", "人", 2025, Q.AT_MOST, DOWN, LEVEL, None, None),
    ("待機児童数を令和8年度までに100人未満とする", "待機児童数", "100", "人", 2026, Q.BELOW, DOWN, LEVEL, None, None),
    ("平均処理期間を2028年度までに30日以内に短縮する", "平均処理期間", "30", "日", 2028, Q.WITHIN, DOWN, LEVEL, None, None),
    ("日本発のコンテンツ海外市場規模を2033年までに20兆円に拡大することを目指す。", "日本発のコンテンツ海外市場規模", "20", "兆円", 2033, None, UP, LEVEL, None, None),
    ("研究者の海外派遣を2027年度までに年間500人とする", "研究者の海外派遣", "500", "人", 2027, None, UP, LEVEL, None, None),
    # relative targets: 削減率, 増加幅, 倍率
    ("温室効果ガス排出量を2030年度に2013年度比46%削減する", "温室効果ガス排出量", "46", "%", 2030, None, DOWN, RED, None, 2013),
    ("温室効果ガス排出量を2030年度において46%削減（2013年度比）", "温室効果ガス排出量", "46", "%", 2030, None, DOWN, RED, None, 2013),
    ("エネルギー消費量を2030年度までに2019年度比で10%削減する", "エネルギー消費量", "10", "%", 2030, None, DOWN, RED, None, 2019),
    ("残業時間を2028年度までに半減する", "残業時間", "50", "%", 2028, None, DOWN, RED, None, None),
    ("日本ファン割合を2033年までに10ポイント増加を目指す", "日本ファン割合", "10", "ポイント", 2033, None, UP, INC, None, None),
    ("日本ファン割合を2033年までに+10ポイント", "日本ファン割合", "10", "ポイント", 2033, None, UP, INC, None, None),
    ("国民満足度を2027年度までに5ポイント向上させる", "国民満足度", "5", "ポイント", 2027, None, UP, INC, None, None),
    ("輸出額を2030年までに2倍にする", "輸出額", "2", "倍", 2030, None, UP, MUL, None, None),
    ("対内直接投資残高を2030年に2020年比で3倍とする", "対内直接投資残高", "3", "倍", 2030, None, UP, MUL, None, 2020),
    ("農業法人数を2030年までに倍増させる", "農業法人数", "2", "倍", 2030, None, UP, MUL, None, None),
    # label lines
    ("研修修了者数：令和9年度までに累計100名", "研修修了者数", "100", "名", 2027, None, UP, LEVEL, None, None),
    ("研修修了者数:令和9年度までに累計100名", "研修修了者数", "100", "名", 2027, None, UP, LEVEL, None, None),
    ("・支援件数：2026年度 50件以上", "支援件数", "50", "件", 2026, Q.AT_LEAST, UP, LEVEL, None, None),
    ("【KPI】国際標準提案件数：2030年度までに年間100件", "国際標準提案件数", "100", "件", 2030, None, UP, LEVEL, None, None),
    ("参加自治体数：令和10年度までに47都道府県", "参加自治体数", "47", "都道府県", 2028, None, UP, LEVEL, None, None),
    ("導入本数：2027年度 20本", "導入本数", "20", "本", 2027, None, UP, LEVEL, None, None),
    ("協定締結社数：R8年度までに50社", "協定締結社数", "50", "社", 2026, None, UP, LEVEL, None, None),
    ("GII順位：2035年までに4位以内", "GII順位", "4", "位", 2035, Q.WITHIN, DOWN, LEVEL, None, None),
    ("CO2排出量：2030年度までに2013年度比46%削減", "CO2排出量", "46", "%", 2030, None, DOWN, RED, None, 2013),
    ("目標：相談対応件数を2026年度までに1,200件とする", "相談対応件数", "1200", "件", 2026, None, UP, LEVEL, None, None),
    # baselines and paths
    ("相談件数 令和5年度 12件 → 令和9年度 30件", "相談件数", "30", "件", 2027, None, UP, LEVEL, "12", 2023),
    ("相談件数：令和5年度 12件 ⇒ 令和9年度 30件", "相談件数", "30", "件", 2027, None, UP, LEVEL, "12", 2023),
    ("利用者数を現状の120万人（令和5年度）から令和9年度までに200万人に増やす", "利用者数", "200", "万人", 2027, None, UP, LEVEL, "120", 2023),
    ("市場規模を2022年の5,000億円から2030年までに1兆円に拡大する", "市場規模", "1", "兆円", 2030, None, UP, LEVEL, "0.5", 2022),
    ("基準値：15%（2023年度）、目標値：30%（2028年度）", None, "30", "%", 2028, None, UP, LEVEL, "15", 2023),
    # table rows (cells separated by tabs, bars or wide gaps)
    ("研修修了者数\t令和5年度 12名\t令和9年度 30名", "研修修了者数", "30", "名", 2027, None, UP, LEVEL, "12", 2023),
    ("研修修了者数 | 令和5年度 12名 | 令和6年度 15名 | 令和9年度 30名", "研修修了者数", "30", "名", 2027, None, UP, LEVEL, "12", 2023),
    ("海外展開件数｜2023年度 8件｜2030年度 20件以上", "海外展開件数", "20", "件", 2030, Q.AT_LEAST, UP, LEVEL, "8", 2023),
    ("平均待機日数    令和5年度 12日    令和10年度 5日以内", "平均待機日数", "5", "日", 2028, Q.WITHIN, DOWN, LEVEL, "12", 2023),
    # PDF text, 全角
    ("2033 年までに20 兆円", "", "20", "兆円", 2033, None, UP, LEVEL, None, None),
    ("海外市場規模を2033 年までに20 兆円とする", "海外市場規模", "20", "兆円", 2033, None, UP, LEVEL, None, None),
    ("参加企業数を２０３０年までに１，０００社とする", "参加企業数", "1000", "社", 2030, None, UP, LEVEL, None, None),
    ("参加企業数を 2030 年までに 1, 000 社とする", "参加企業数", "1000", "社", 2030, None, UP, LEVEL, None, None),
    ("ＧＩＩ順位を２０３５年までに４位以内とする", "GII順位", "4", "位", 2035, Q.WITHIN, DOWN, LEVEL, None, None),
    # 万/億/兆 kept with the unit
    ("インバウンド消費額を2030年に15兆円とする", "インバウンド消費額", "15", "兆円", 2030, None, UP, LEVEL, None, None),
    ("民間投資を2030年度までに150億円以上誘発する", "民間投資", "150", "億円", 2030, Q.AT_LEAST, UP, LEVEL, None, None),
    ("会員数を2028年までに1.5万人とする", "会員数", "1.5", "万人", 2028, None, UP, LEVEL, None, None),
    # 平成 and 年度 forms
    ("認定事業者数を令和元年度比で2倍の2027年度までに増やす", "認定事業者数", "2", "倍", 2027, None, UP, MUL, None, 2019),
    ("地域拠点を平成30年度の20か所から令和8年度に50か所とする", "地域拠点", "50", "か所", 2026, None, UP, LEVEL, "20", 2018),
    # more ordinary phrasings
    ("オープンデータ公開件数を令和10年度までに累計3,500件とする。", "オープンデータ公開件数", "3500", "件", 2028, None, UP, LEVEL, None, None),
    ("中小企業のDX実施率を2027年度末に40％へ引き上げる", "中小企業のDX実施率", "40", "%", 2027, None, UP, LEVEL, None, None),
    ("サイバーセキュリティ人材を2030年までに5万人確保する", "サイバーセキュリティ人材の確保数", "5", "万人", 2030, None, UP, LEVEL, None, None),
    ("ODA実施件数（短期）：R7年度 120件以上", "ODA実施件数", "120", "件", 2025, Q.AT_LEAST, UP, LEVEL, None, None),
    ("森林吸収量を2030年度に約3,800万t-CO2確保する", "森林吸収量", "3800", "万t-CO2", 2030, Q.ABOUT, UP, LEVEL, None, None),
    ("海外拠点数を2024年度の35拠点から2028年度に50拠点へ拡大", "海外拠点数", "50", "拠点", 2028, None, UP, LEVEL, "35", 2024),
    ("1人当たり労働時間を2030年までに年間1,800時間以下に短縮", "1人当たり労働時間", "1800", "時間", 2030, Q.AT_MOST, DOWN, LEVEL, None, None),
    ("電子申請の利用率を令和6年度の45%から令和9年度には70%以上に高める", "電子申請の利用率", "70", "%", 2027, Q.AT_LEAST, UP, LEVEL, "45", 2024),
    ("不法投棄件数を2030年度までに2019年度比で半減させる", "不法投棄件数", "50", "%", 2030, None, DOWN, RED, None, 2019),
    ("輸出額 1兆円（2025年）→ 2兆円（2030年）", "輸出額", "2", "兆円", 2030, None, UP, LEVEL, "1", 2025),
    ("特許審査の一次審査通知までの期間を2025年度に10か月以内とする", "特許審査の一次審査通知までの期間", "10", "か月", 2025, Q.WITHIN, DOWN, LEVEL, None, None),
    ("2030年の市場規模10兆円を目指す", "市場規模", "10", "兆円", 2030, None, UP, LEVEL, None, None),
    # figures in notes, generic labels (Word files of last year's sheets)
    ("KPI①：研修受講者数 令和9年度 300人（令和5年度 120人）", "研修受講者数", "300", "人", 2027, None, UP, LEVEL, "120", 2023),
    ("【アウトカム】国際標準化提案件数を令和10年度までに年間20件以上（令和5年度：8件）", "国際標準化提案件数", "20", "件", 2028, Q.AT_LEAST, UP, LEVEL, "8", 2023),
    ("成果指標：海外展開支援件数 目標 令和9年度 50件、実績 令和6年度 22件", "海外展開支援件数", "50", "件", 2027, None, UP, LEVEL, None, None),
    ("指標：相談件数、基準値：120件（令和5年度）、目標値：200件（令和9年度）", "相談件数", "200", "件", 2027, None, UP, LEVEL, "120", 2023),
    ("・GII順位（2024年：13位）を2035年までに4位以内", "GII順位", "4", "位", 2035, Q.WITHIN, DOWN, LEVEL, "13", 2024),
    ("導入企業数 20社（R5）→ 50社（R9）", "導入企業数", "50", "社", 2027, None, UP, LEVEL, "20", 2023),
    ("平均通勤時間を2028年までに10分短縮する", "平均通勤時間", "-10", "分", 2028, None, DOWN, INC, None, None),
    ("ワークショップ参加者の満足度を令和9年度に90%以上にする", "ワークショップ参加者の満足度", "90", "%", 2027, Q.AT_LEAST, UP, LEVEL, None, None),
    ("令和6年度実績は45件、令和9年度目標は80件", "", "80", "件", 2027, None, UP, LEVEL, None, None),
    ("地域おこし協力隊員数を2026年度に10,000人とする目標を掲げ、令和5年度は7,200人となった", "地域おこし協力隊員数", "10000", "人", 2026, None, UP, LEVEL, None, None),
    # KPI lines of last year's forms (the 実施項目・KPI cell), which the import reads for review
    ("指標：GII順位、目標値：4位以内、目標年度：令和9年度", "GII順位", "4", "位", 2027, Q.WITHIN, DOWN, LEVEL, None, None),
    ("指標：国際幹事数、基準値：76件、基準年度：令和5年度、目標値：90件、目標年度：令和10年度", "国際幹事数", "90", "件", 2028, None, UP, LEVEL, "76", 2023),
    ("【KPI】規格開発に参加する企業数 2027年度 200社", "規格開発に参加する企業数", "200", "社", 2027, None, UP, LEVEL, None, None),
    ("目標：標準化人材育成研修の修了者数 令和9年度 累計300人", "標準化人材育成研修の修了者数", "300", "人", 2027, None, UP, LEVEL, None, None),
    ("相談対応件数（令和6年度実績 85件）を令和9年度に150件へ", "相談対応件数", "150", "件", 2027, None, UP, LEVEL, None, None),
    ("成果指標　国際標準化活動への参画企業数　令和8年度　150社", "国際標準化活動への参画企業数", "150", "社", 2026, None, UP, LEVEL, None, None),
    ("日本が幹事国を務めるTC/SC数を2030年に100以上", "日本が幹事国を務めるTC/SC数", "100", "", 2030, Q.AT_LEAST, UP, LEVEL, None, None),
    ("普及啓発セミナー開催回数 年10回（令和7年度～令和9年度）", "普及啓発セミナー開催回数", "10", "回", 2027, None, UP, LEVEL, None, None),
    ("国際会議への派遣人数 毎年度 延べ30人以上", "国際会議への派遣人数", "30", "人", None, Q.AT_LEAST, UP, LEVEL, None, None),
    ("標準化に関する相談窓口の利用件数 前年度比10%増", "標準化に関する相談窓口の利用件数", "1.1", "倍", None, None, UP, MUL, None, None),
    ("研修参加者数を令和9年度までに延べ1,200人", "研修参加者数", "1200", "人", 2027, None, UP, LEVEL, None, None),
    ("アウトカム：国際幹事引受数 令和10年度 90件（令和5年度 76件）", "国際幹事引受数", "90", "件", 2028, None, UP, LEVEL, "76", 2023),
    ("標準化人材の育成数 令和9年度までに500人（令和6年度実績 210人）", "標準化人材の育成数", "500", "人", 2027, None, UP, LEVEL, None, None),
    ("国際標準化会議への出席回数　R8：20回", "国際標準化会議への出席回数", "20", "回", 2026, None, UP, LEVEL, None, None),
    ("専門家派遣：延べ50名（令和7～9年度）", "専門家派遣", "50", "名", 2027, None, UP, LEVEL, None, None),
    ("国際幹事の引受数を現状の76から2030年度に100へ", "国際幹事の引受数", "100", "", 2030, None, UP, LEVEL, "76", None),
    ("ISO/TC議長・幹事引受数 令和5年度 80 → 令和12年度 100", "ISO/TC議長・幹事引受数", "100", "", 2030, None, UP, LEVEL, "80", 2023),
    ("国際標準化機関での役職者数を2030年度までに2割増", "国際標準化機関での役職者数", "1.2", "倍", 2030, None, UP, MUL, None, None),
    ("認証取得企業数 令和5年度：120社 令和9年度：300社", "認証取得企業数", "300", "社", 2027, None, UP, LEVEL, "120", 2023),
    ("指標名：相談件数 30件（R9）", "相談件数", "30", "件", 2027, None, UP, LEVEL, None, None),
]

TWO_TARGETS = [
    ("2030年までに参加企業数を100社、支援件数を500件とする",
     [("参加企業数", "100", "社", 2030), ("支援件数", "500", "件", 2030)]),
    ("クールジャパン関連産業を2033年までに合計50兆円以上の海外展開規模とし、日本ファン割合を10ポイント増加を目指し",
     [("クールジャパン関連産業の海外展開規模", "50", "兆円", 2033), ("日本ファン割合", "10", "ポイント", 2033)]),
    ("接種率を2025年までに50%、2030年までに80%とする",
     [("接種率", "50", "%", 2025), ("接種率", "80", "%", 2030)]),
    ("研修受講者を2026年度に200名、2028年度に500名育成する",
     [("研修受講者の育成数", "200", "名", 2026), ("研修受講者の育成数", "500", "名", 2028)]),
    ("令和7年度に実証事業を5件、令和8年度に10件採択する",
     [("実証事業の採択数", "5", "件", 2025), ("実証事業の採択数", "10", "件", 2026)]),
]

NOT_TARGETS = [
    "【予算】国際放送の実施 35.9億円（５年度 35.9億円）",
    "【予算】行政相談制度推進費 7.0億円の内数（５年度 6.9億円の内数)",
    "国際機関への拠出金として2025年度に12億円を拠出する",
    "令和6年度に12.3億円を計上した。",
    "2023年に5.8兆円となった。",
    "2024年度に研修を50回実施した",
    "令和5年度実績：相談件数 120件",
    "2040年に約6300万人となる見込み。",
    "過去10年で3.7倍に拡大して2023年5.8兆円となり",
]


@pytest.mark.parametrize("row", PHRASINGS, ids=[f"phrasing{n:02d}" for n in range(len(PHRASINGS))])
def test_a_phrasing_reads_as_the_kpi_it_states(row):
    text, indicator, value, unit, year, qualifier, direction, kind, baseline, baseline_year = row
    parsed = parse_kpi(text)
    assert parsed is not None, text
    got = (parsed.target_value, parsed.unit, parsed.target_year, parsed.qualifier, parsed.direction,
           parsed.target_kind, parsed.baseline_value, parsed.baseline_year)
    assert got == (Decimal(value), unit, year, qualifier, direction, kind,
                   Decimal(baseline) if baseline is not None else None, baseline_year), text
    if indicator is not None:
        assert parsed.indicator == indicator
    assert parsed.text == text                      # the original text is kept


def test_there_are_at_least_60_phrasings():
    assert len(PHRASINGS) + sum(len(t) for _, t in TWO_TARGETS) >= 60


@pytest.mark.parametrize("text, expected", TWO_TARGETS, ids=[f"two{n}" for n in range(len(TWO_TARGETS))])
def test_two_targets_in_one_sentence_are_two_kpis(text, expected):
    got = [(p.indicator, p.target_value, p.unit, p.target_year) for p in parse_kpis(text)]
    assert got == [(i, Decimal(v), u, y) for i, v, u, y in expected]


@pytest.mark.parametrize("text", NOT_TARGETS, ids=[f"not{n}" for n in range(len(NOT_TARGETS))])
def test_budget_amounts_and_past_figures_are_never_targets(text):
    reading = read(text)
    assert reading.targets == [], [(t.indicator, t.target_value, t.unit) for t in reading.targets]
    assert reading.rejected                         # and the caller can say why they were left out


def test_actuals_given_in_the_text_are_kept_with_the_target():
    [parsed] = parse_kpis("研修修了者数 | 令和5年度 12名 | 令和6年度 15名 | 令和9年度 30名")
    assert parsed.actuals == {2024: Decimal(15)}
    [parsed] = parse_kpis("相談件数を令和9年度までに30件とする（令和6年度実績 18件）")
    assert parsed.actuals == {2024: Decimal(18)} and parsed.target_value == Decimal(30)
    [parsed] = parse_kpis("標準化人材の育成数 令和9年度までに500人（令和6年度実績 210人）")
    assert parsed.actuals == {2024: Decimal(210)} and parsed.target_value == Decimal(500)
    [parsed] = parse_kpis("相談件数 令和7年度 200件 令和8年度 250件 令和9年度 300件")     # a row on one line
    assert (parsed.baseline_value, parsed.actuals, parsed.target_value) == (Decimal(200), {2026: Decimal(250)},
                                                                             Decimal(300))


def test_an_amount_off_the_baseline_is_judged_from_the_baseline():
    kpi = parse_kpi("平均通勤時間を2028年までに10分短縮する").to_kpi()
    kpi.baseline_value, kpi.baseline_year, kpi.actuals = "60", 2024, {2026: "55"}
    assert kpi.target_number() == Decimal(50) and kpi.target_text() == "-10分"
    assert kpi_progress(kpi, 2026).rate == Decimal(50) and kpi_progress(kpi, 2026).status is not KpiStatus.ACHIEVED


def test_folding_removes_spaces_inside_numbers_and_wide_digits():
    assert fold("2033 年までに20 兆円") == "2033年までに20兆円"
    assert fold("１，０００ 社") == "1,000社"


def test_a_parsed_kpi_becomes_a_kpi_whose_progress_follows_its_meaning():
    kpi = parse_kpi("GII順位：2035年までに4位以内").to_kpi()
    assert (kpi.target_value, kpi.qualifier, kpi.unit) == ("4", Q.WITHIN, "位")
    kpi.actuals = {2025: "12"}
    kpi.baseline_value, kpi.baseline_year = "13", 2023
    assert kpi_progress(kpi, 2025).status is not KpiStatus.ACHIEVED
    ghg = parse_kpi("温室効果ガス排出量を2030年度に2013年度比46%削減する").to_kpi()
    ghg.baseline_value = "1400"
    assert ghg.target_number() == Decimal("756") and ghg.judged_direction is DOWN
    path = parse_kpi("相談件数 令和5年度 12件 → 令和9年度 30件").to_kpi()
    assert (path.baseline_value, path.baseline_year, path.target_value, path.target_year) == ("12", 2023, "30", 2027)


@pytest.mark.parametrize("text", ["条約の締約国数は2023年時点で190であった", "予算事業数 12（令和6年度）の予算を計上",
                                  "第3期計画の件数を定める", "得点は100以上"])
def test_a_number_without_a_unit_is_a_target_only_of_a_count_that_states_one(text):
    assert parse_kpis(text) == []
