"""KPIs written as text, read into structured KPIs: one parser for the form import, Word files and sources.

Ministries write KPIs as sentences (「2033年までに日本発コンテンツの海外市場規模を
20兆円とする」), label lines (「研修修了者数：令和9年度までに累計100名」), table
rows (「研修修了者数 | 令和5年度 12名 | 令和9年度 30名」) or a path
(「令和5年度 12件 → 令和9年度 30件」). :func:`parse_kpis` reads each target in
such a text into a :class:`ParsedKpi`: the indicator, the target value and
unit, the target year, the qualifier (以上・以下・以内・未満・超・約・程度), the
direction, a target relative to the baseline (増加幅 「+10ポイント」, 削減率
「2013年度比46%削減」, 倍率 「2倍」), the baseline and actuals where the text
gives them.

What it reads is a proposal for a person to confirm (the import's review, a
source's KPI candidates), so it errs towards saying less: a figure it cannot
place as a target is not one. Figures that are past (「実績」, 「…となった」),
baselines (「現状」「基準」, the left side of an arrow) and budget amounts
(予算, 拠出, 計上) are never targets; :attr:`ParsedKpi.rejected` tells a caller
which figures were set aside and why.

Text from PDFs has spaces inside numbers (「2033 年までに20 兆円」) and 全角
digits; both are folded first. Values keep the unit's multiplier (20 兆円 is
value 20, unit 兆円), as staff write them in the form; a baseline in another
multiplier of the same unit is converted (5,000億円 for a target in 兆円 is 0.5).

Readings worth knowing: in a table row (cells split by tabs, bars or wide
gaps) the first figure is the baseline, the last the target and those between
actuals; a figure in a note with its own year (「300人（令和5年度 120人）」) is
the baseline; 半減 is a 50 % 削減率, 倍増 a 倍率 of 2, 「10%増」 a 倍率 of 1.1 (of
anything but a share); a rank (位) with no qualifier is judged downwards.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.survey.sheet import Direction, KpiData, KpiKind, Qualifier, TargetKind, format_decimal

# -- folding -----------------------------------------------------------------------------

_UNITS = (
    "兆円", "億円", "万円", "千円", "円", "兆ドル", "億ドル", "万ドル", "ドル", "億米ドル",
    "%", "パーセント", "ポイント", "pt", "位",
    "か所", "カ所", "ヶ所", "ケ所", "箇所", "か国", "カ国", "ヶ国", "都道府県", "市町村", "自治体",
    "万人", "千人", "人", "名", "万件", "件", "万社", "社", "校", "団体", "拠点", "地域", "品目",
    "機関", "施設", "店舗", "事業者", "企業", "大学", "本", "回", "台", "基", "隻", "機", "種類", "分野",
    "万トン", "トン", "万t-CO2", "t-CO2", "万t", "GW", "MW", "kWh", "時間", "日", "か月", "ヶ月", "件数", "分", "割",
)
_UNIT_RE = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_SPACE_IN_NUMBER = re.compile(r"(?<=[\d,.])[ \t\u3000]+(?=[\d,.])|(?<=\d)[ \t\u3000]+(?=(?:" + _UNIT_RE +
                              r"|年|月|倍|万|億|兆|千)(?![a-zA-Z]))|(?<=約)[ \t\u3000]+(?=\d)")


def fold(text: str) -> str:
    """全角 as ASCII (NFKC), arrows and dashes unified, spaces inside numbers removed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("⇒", "→").replace("->", "→").replace("➡", "→").replace("−", "-").replace("－", "-")
    text = text.replace("〜", "~").replace("～", "~")
    return _SPACE_IN_NUMBER.sub("", text)


# -- years -------------------------------------------------------------------------------

_YEAR = (r"(?:(?P<{n}w>(?:19|20)\d{{2}})|(?:令和|R)(?P<{n}r>\d{{1,2}}|元)|平成(?P<{n}h>\d{{1,2}}|元))"
         r"(?:年(?P<{n}fy>度)?|(?P<{n}fy2>FY)|(?<=\d)(?=[)）])|(?<=\d)(?=\s*[:：]))")
_YEAR_RE = re.compile(r"(?<![\d.])" + _YEAR.format(n="y") + r"(?!代)(?:\d{1,2}月)?(?:末|中|頃|内)?")


def _year_of(match: re.Match, n: str = "y") -> int:
    if match.group(n + "w"):
        return int(match.group(n + "w"))
    if match.group(n + "r") is not None:
        r = match.group(n + "r")
        return 2018 + (1 if r == "元" else int(r))
    h = match.group(n + "h")
    return 1988 + (1 if h == "元" else int(h))


# -- values ------------------------------------------------------------------------------

_VALUE_RE = re.compile(
    r"(?P<pre>約|およそ|概ね|おおむね|累計|延べ|合計|年間|計|全国|全|毎年度?|各年度?)?\s*"
    r"(?P<sign>[+\-])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>" + _UNIT_RE + r"|倍)?"
    r"(?P<post>以上|以下|以内|未満|超|程度|前後|ほど)?"
    r"(?P<kind>削減|減少|減|低減|縮減|短縮|削除|の削減|増加|増|向上|上昇|改善|拡大|引き上げ|倍増)?"
)
_HALF_RE = re.compile(r"半減")
_DOUBLE_RE = re.compile(r"倍増")

_POST = {"以上": Qualifier.AT_LEAST, "以下": Qualifier.AT_MOST, "以内": Qualifier.WITHIN, "未満": Qualifier.BELOW,
         "超": Qualifier.ABOVE, "程度": Qualifier.AROUND, "前後": Qualifier.AROUND, "ほど": Qualifier.AROUND}
_BOUNDS = {"以上", "以下", "以内", "未満", "超"}
_PRE_ABOUT = {"約", "およそ", "概ね", "おおむね"}
_REDUCE = {"削減", "減少", "減", "低減", "縮減", "短縮", "削除", "の削減"}
_INCREASE = {"増加", "増", "向上", "上昇", "改善", "拡大", "引き上げ"}

_DOWN_VERB_RE = re.compile(r"削減|低減|減少させ|減らす|縮減|抑制|引き下げ|短縮|下げる|抑える|ゼロ|解消")
_ABOVE_RE = re.compile(r"^(?:を|に)?(?:超える|上回る)")
_BELOW_RE = re.compile(r"^(?:を|に)?下回る")
_BASE_YEAR_RE = re.compile(r"(?:と比べ|に比べ|比で?|から|より)")

# Words that make an amount of money a budget, never a target (also used by desktop.sources.kpi_candidates).
BUDGET_RE = re.compile(r"予算|拠出|計上|事業費|交付|補助金|基金|出資|歳出|概算要求|措置|億円の内数")
_BASELINE_RE = re.compile(r"現状|現在|基準値?|直近|足下|足元|策定時|計画策定時")
_TARGET_WORD_RE = re.compile(
    r"目指|目標|KPI|とする|とし(?!て)|にする|に拡大|へ拡大|に増加|に増や|に引き上げ|引き上げる|を達成|達成する|"
    r"実現|育成|確保|養成|整備|創出|増加させ|拡大させ|削減|低減|向上させ|まで|までに|に向上|を実施|実施する|"
    r"を支援|支援する|を設置|設置する|を導入|導入する|構築|を図る|を行う|を超え|を上回|以内|以上|未満|以下"
)
_FORECAST_RE = re.compile(r"見込|予測|推計|試算|想定|予定")
_PAST_END_RE = re.compile(r"(?:した|となった|であった|だった|された|できた|を記録|に達した|に上った|を超えた)[。]?\s*$")


@dataclass(frozen=True)
class _Value:
    start: int
    end: int
    number: Decimal
    unit: str
    qualifier: Qualifier | None
    kind: TargetKind
    down: bool                     # the value itself says less is better (削減, 以内 …)
    prefix: str


@dataclass
class ParsedKpi:
    """One target read from a text, for a person to confirm; :meth:`to_kpi` makes the KPI of it."""

    text: str                                   # the original text (kept with the KPI)
    indicator: str = ""
    target_value: Decimal | None = None
    unit: str = ""
    target_year: int | None = None
    qualifier: Qualifier | None = None
    direction: Direction = Direction.UP
    target_kind: TargetKind = TargetKind.LEVEL
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    actuals: dict[int, Decimal] = field(default_factory=dict)
    cumulative: bool = False                    # 「累計100名」
    fiscal_year: bool = False                   # the target year was written as 年度
    label: bool = False                         # read from a label line or a table row
    context: str = ""                           # the folded text the figure was read in
    span: tuple[int, int] = (0, 0)              # where the figure is in ``context``

    def to_kpi(self, kind: KpiKind = KpiKind.OUTCOME) -> KpiData:
        return KpiData(
            indicator=self.indicator, unit=self.unit if self.target_kind is not TargetKind.MULTIPLE else "",
            kind=kind, direction=self.direction, qualifier=self.qualifier, target_kind=self.target_kind,
            baseline_value=format_decimal(self.baseline_value), baseline_year=self.baseline_year,
            target_value=format_decimal(self.target_value), target_year=self.target_year,
            actuals={y: format_decimal(v) for y, v in sorted(self.actuals.items())},
        )


@dataclass(frozen=True)
class Rejected:
    """A figure in the text that was not taken as a target, and why (予算, 実績, 基準値 …)."""

    text: str
    reason: str


@dataclass
class Reading:
    targets: list[ParsedKpi]
    rejected: list[Rejected]


# What may follow a number without a unit in a line that counts something (「引受数を現状の76から…100へ」)
_BARE_TAIL_RE = re.compile(r"\s*(?:へ|に(?:する|増|拡大|引き上げ|向上)|とする|から|→|$|[)）(（、,]|\s)")


def _values(text: str) -> list[_Value]:
    out = []
    bare: list[_Value] = []      # numbers without a unit: figures only of a line that has no other
    years = [m.span() for m in _YEAR_RE.finditer(text)]
    for m in _VALUE_RE.finditer(text):
        if any(a <= m.start("num") < b for a, b in years):
            continue
        unit = m.group("unit") or ""
        kind_word = m.group("kind") or ""
        post = m.group("post") or ""
        pre = m.group("pre") or ""
        if not unit and not post and not kind_word and not m.group("sign"):
            if _BARE_TAIL_RE.match(text, m.end()) and re.search(r"数", text[:m.start()]) and pre not in _PRE_ABOUT:
                bare.append(_Value(m.start(), m.end(), Decimal(m.group("num").replace(",", "")), "", None,
                                   TargetKind.LEVEL, False, pre))
            continue                            # a bare number is no target (年, 号, 条 …)
        if not unit and not kind_word and not (post in _BOUNDS and re.search(r"(?:数|順位)(?:を|は|が)?\s*"
                                                                            r"(?:\S*年度?(?:までに|に|で)?)?\s*$",
                                                                            text[max(0, m.start() - 24):m.start()])):
            continue      # 「-21.05」 in a table of statistics says nothing; 「TC/SC数を2030年に100以上」 does
        tail = text[m.end():m.end() + 6]
        if re.match(r"(?:当たり|あたり|につき|当り)", tail):
            continue                            # 「1人当たり労働時間」: a denominator, not a figure
        if unit in ("日", "時間") and re.search(r"(?:月|年|/|:)\s*$", text[max(0, m.start() - 2):m.start()]):
            continue                            # 「9月19日」 is a date, 「14:30」 a time
        if re.match(r"[年月日号条項]", tail) and not unit:
            continue
        number = Decimal(m.group("num").replace(",", ""))
        if unit == "割":                         # 「2割増」 is 20 %, read as such below
            number, unit = number * 10, "%"
        qualifier = _POST.get(post) or (Qualifier.ABOUT if pre in _PRE_ABOUT else None)
        if qualifier is None and _ABOVE_RE.match(tail):
            qualifier = Qualifier.ABOVE
        if qualifier is None and _BELOW_RE.match(tail):
            qualifier = Qualifier.BELOW
        kind, down = TargetKind.LEVEL, False
        if unit == "倍" or kind_word == "倍増":
            kind = TargetKind.MULTIPLE
            unit = "倍"
        elif kind_word in _REDUCE and unit in ("%", "パーセント"):
            kind, down, unit = TargetKind.REDUCTION, True, "%"
        elif kind_word in _REDUCE:       # 「10分短縮」「職員を10人削減」: an amount off the baseline
            kind, number, down = TargetKind.INCREASE, -number, True
        elif (m.group("sign") == "+" or kind_word in _INCREASE) and unit in ("ポイント", "pt"):
            kind, unit = TargetKind.INCREASE, "ポイント"
        elif m.group("sign") == "+" and unit:
            kind = TargetKind.INCREASE
        elif kind_word in _INCREASE and unit in ("%", "パーセント") and "割合" not in text[:m.start()][-12:]:
            kind, number, unit = TargetKind.MULTIPLE, 1 + number / 100, "倍"
        if m.group("sign") == "-" and unit:
            kind, number, down = TargetKind.INCREASE, -number, True
        if qualifier is not None and qualifier.implied_direction is Direction.DOWN:
            down = True
        out.append(_Value(m.start(), m.end(), number, unit, qualifier, kind, down, pre))
    if not out and len(bare) >= 1 and not BUDGET_RE.search(text):
        out = bare
    for m in _DOUBLE_RE.finditer(text):
        if not any(v.start <= m.start() < v.end for v in out):
            out.append(_Value(m.start(), m.end(), Decimal(2), "倍", None, TargetKind.MULTIPLE, False, ""))
    for m in _HALF_RE.finditer(text):
        out.append(_Value(m.start(), m.end(), Decimal(50), "%", None, TargetKind.REDUCTION, True, ""))
    return sorted(out, key=lambda v: v.start)


# -- indicators --------------------------------------------------------------------------

_LABEL_RE = re.compile(r"^\s*(?:[・◆●○■□◇\-*]|\d+[.)]|[(（]\d+[)）]|【[^】]*】)?\s*(?P<label>[^：:。、]{2,50}?)\s*[：:]\s*")
_GENERIC_LABELS = re.compile(r"^(?:KPI|目標|成果目標|目標値|成果指標|指標|指標名|アウトカム|アウトプット|活動指標|成果|"
                             r"短期|中期|長期|短期アウトカム|中期アウトカム|長期アウトカム|KPI\d*|目標\d*)$")
_VALUE_LABELS = re.compile(r"^(?:基準値|現状値|現状|実績値|実績|目標値|基準|目標年度|基準年度)$")
_PAREN_RE = re.compile(r"[（(][^（）()]*[)）]")
_YEAR_PHRASE_RE = re.compile(r"(?<![\d.])" + _YEAR.format(n="y") + r"(?:代)?(?:\d{1,2}月)?(?:末|中|頃|内)?"
                             r"(?:比で?|と比べて?|に比べて?|と比較して|から|までに|まで|に|で|時点で|において|には|の)?、?")
_FUNCTION_WORDS = {"から", "まで", "までに", "より", "に", "で", "の", "と", "へ", "を", "は", "が", "比", "比で"}
_LEAD_RE = re.compile(r"^(?:特に|また|さらに|なお|今後|引き続き|具体的には|このため|政府として|政府は|国として)、?")
_CLAUSE_RE = re.compile(r"[、。,;；]")
# 「成果指標 参画企業数」: a generic label in front of the indicator, with a space instead of a colon
_LEADING_LABEL_RE = re.compile(r"^(?:KPI|目標|成果目標|成果指標|指標|アウトカム|アウトプット|活動指標)[\d①-⑳]*\s+(?=\S)")
# 「開催回数 年10回」「派遣人数 毎年度 延べ30人」「利用件数 前年度比10%増」: words of the value, not of the indicator
_TRAILING_WORDS_RE = re.compile(r"(?:\s+(?:年間?|毎年度?|各年度?)|\s*(?:延べ|累計|合計)|\s*(?:前年度?|前年)比で?)+$")
# An indicator's last word that makes it a measure even when it contains a verb of _TARGET_WORD_RE
# (「標準化人材育成研修の修了者数」 is an indicator, 「…を育成する」 a target)
_MEASURE_END_RE = re.compile(r"(?:数|率|額|量|割合|比率|順位|シェア|規模|件数|人数|時間|期間|日数)$")


def _clean(phrase: str) -> str:
    phrase = _PAREN_RE.sub("", phrase)
    phrase = re.sub(r"【[^】]*】|\[[^\]]*\]", "", phrase)
    phrase = _YEAR_PHRASE_RE.sub("", phrase)
    for ch in "「」『』【】\"'":
        phrase = phrase.replace(ch, "")
    phrase = phrase.strip(" 、,・◆●○■-*:：\t()（）")
    phrase = _LEAD_RE.sub("", phrase).strip(" 、,")
    phrase = re.sub(r"^(?:から|より|まで|までに|に|で|の|と|へ|を|は|が)(?=[^ぁ-ん]|$)", "", phrase)
    if phrase in _FUNCTION_WORDS or not re.search(r"\w", phrase) or _GENERIC_LABELS.match(phrase) \
            or _VALUE_LABELS.match(phrase):
        return ""
    phrase = re.sub(r"(?:の目標|について|に関して|において|では)$", "", phrase)
    phrase = _LEADING_LABEL_RE.sub("", phrase)
    phrase = _TRAILING_WORDS_RE.sub("", phrase)
    return phrase.strip(" 、,")


def _is_name(phrase: str) -> bool:
    """Whether words before a figure name what it measures (not 「…を育成する」, 「目標」)."""
    phrase = phrase.strip()
    return not _TARGET_WORD_RE.search(phrase) or bool(_MEASURE_END_RE.search(phrase))


def _subject_before(segment: str) -> str:
    """The thing a target is about, in the words before the value: 「Xを」「Xは」「Xが」「Xについて」."""
    segment = _PAREN_RE.sub("", segment)
    if segment.count("(") > segment.count(")"):    # 「目標(2025年のインフラシステム受注額「34兆円」)」
        before_paren = segment[:segment.rindex("(")]
        segment = segment[segment.rindex("(") + 1:]
        only_a_year = bool(_YEAR_RE.search(segment)) and \
            not re.sub(r"実績値?|現状値?|基準値?|時点", "", _YEAR_RE.sub("", segment)).strip(" :：、")
        if only_a_year:                             # 「GII順位（2024年：13位）」: the name is before the note
            found = _subject_before(before_paren)
            if found:
                return found
    segment = re.sub(r"\s*(?:目標値?|目標年度|実績値?|基準値?)\s*[:：]?\s*$", "", segment)
    # 「経済効果として2033年までに」: として right before the year names no indicator
    segment = re.sub(r"[^、。]*として(?=\s*" + _YEAR.format(n="t") + ")", "、", segment)
    segment = _YEAR_PHRASE_RE.sub("", segment)
    segment = re.sub(r"(?:累計|合計|年間|全国|約|およそ|概ね)$", "", segment.rstrip(" 、"))
    for pattern in (r"(?P<s>[^、。]+?)(?:を|は|が|について|の数を|の数は)[、\s]*$",
                    r"(?P<s>[^、。]+?)(?:を|は|が)[、\s]*(?:累計|合計|年間|全国|約)?\s*$"):
        m = re.search(pattern, segment)
        if m:
            return _clean(_CLAUSE_RE.split(m.group("s"))[-1])
    m = re.search(r"(?P<s>[^、。]+?)(?:として)[、\s]*$", segment)
    if m:
        return _clean(m.group("s"))
    # 「最低賃金を…全国加重平均1500円に」: the object is named further back, short words between
    m = re.search(r"(?P<s>[^、。]{2,40}?)(?:を|は|が)(?P<rest>[^、。をはが]{1,14})$", segment)
    if m and not _TARGET_WORD_RE.search(m.group("rest")):
        return _clean(_CLAUSE_RE.split(m.group("s"))[-1])
    # 「相談件数 令和5年度 12件 → …」: a bare noun in front of the first year or figure
    m = re.match(r"^\s*(?P<s>[^、。をはが\d→~]{2,30}?)\s*$", re.sub(r"【[^】]*】", "", segment))
    if m and _is_name(m.group("s")) and not _BASELINE_RE.search(m.group("s")) and re.search(r"[\w]", m.group("s")):
        return _clean(m.group("s"))
    return ""


_TAIL_NOUN_RE = re.compile(r"^(?:以上|以下|以内|未満|超|程度)?の(?P<n>[^、。をにがはとで「」『』（）()\s]{1,24}?)"
                           r"(?:を|とし|とする|と|に|へ|の|が|。|$)")
_ABSTRACT_NOUNS = {"高み", "水準", "目標", "レベル", "実現", "達成", "確保", "規模感", "増加", "削減"}
_COUNT_UNITS = {"か所", "カ所", "ヶ所", "ケ所", "箇所", "か国", "カ国", "ヶ国", "都道府県", "市町村", "自治体", "万人",
                "千人", "人", "名", "万件", "件", "万社", "社", "校", "団体", "拠点", "地域", "品目", "機関", "施設",
                "店舗", "事業者", "企業", "大学", "本", "回", "台", "基", "隻", "機", "種類", "分野"}
_VERB_NOUN_RE = re.compile(r"^(?:以上|以下|以内|未満|超|程度)?(?:の|を)?(?P<n>[^、。をにがはとで\s]{0,12}?)"
                           r"(?:を|に)?(?P<v>育成|養成|確保|整備|創出|設置|導入|支援|実施|採択|認定|選定|輩出|配置|参加|登録|"
                           r"開催|派遣|受け入れ|受入れ|招へい|締結|策定|普及|展開|研修|修了)")


def _noun_after(tail: str, unit: str) -> str:
    m = _TAIL_NOUN_RE.match(tail)
    if m and not _TARGET_WORD_RE.match(m.group("n")) and m.group("n") not in _ABSTRACT_NOUNS:
        return m.group("n")
    m = _VERB_NOUN_RE.match(tail)
    if m and unit in _COUNT_UNITS:
        noun = m.group("n")
        return (noun + m.group("v") if noun else m.group("v"))
    return ""


def _compose(subject: str, noun: str, unit: str) -> str:
    """「専門人材」 and 「育成」 make 「専門人材の育成数」; a rank gets 「の順位」."""
    indicator = f"{subject}の{noun}" if subject and noun and noun not in subject else subject or noun
    if not indicator:
        return ""
    if unit == "位" and not indicator.endswith("順位") and "順位" not in indicator:
        indicator += "の順位"
    elif noun and unit in _COUNT_UNITS and not indicator.endswith(("数", "件数", "人数")):
        indicator += "数"
    return indicator


# -- cells of a table row ----------------------------------------------------------------

# Between the figures of a row written on one line: spaces and the next figure's year, no words
_ROW_GAP_RE = re.compile(r"\s+(?:" + _YEAR.format(n="g") + r"(?:末)?\s*[:：]?\s*)?")
_CELL_SPLIT_RE = re.compile(r"\s*(?:\t|\||｜|\s{3,})\s*")


def _cells(line: str) -> list[str]:
    return [c for c in _CELL_SPLIT_RE.split(line.strip()) if c]


# -- reading -----------------------------------------------------------------------------

def _years_in(text: str) -> list[tuple[int, int, int, bool]]:
    return [(m.start(), m.end(), _year_of(m), bool(m.group("yfy") or m.group("yfy2")))
            for m in _YEAR_RE.finditer(text)]


_LABELLED_YEAR_RE = re.compile(r"\s*[、,]?\s*(?:目標|基準|達成)?(?:年度|年次|時期)\s*[:：]\s*" + _YEAR_RE.pattern)


def _year_for(text: str, value: _Value, years: list[tuple[int, int, int, bool]], lower: int) -> \
        tuple[int | None, bool, bool]:
    """(year, 年度?, the year is a comparison base 「2013年度比」) that belongs to a value."""
    labelled = _LABELLED_YEAR_RE.match(text, value.end)
    if labelled:                   # 「目標値：4位以内、目標年度：令和9年度」
        inner = _YEAR_RE.search(labelled.group(0))
        if inner:
            return _year_of(inner), bool(inner.group("yfy") or inner.group("yfy2")), False
    after = text[value.end:value.end + 32]
    period = re.match(r"\s*[（(]\s*" + _YEAR_RE.pattern + r"\s*~\s*(?P<end>[^)）]{2,12})[)）]", after)
    if period:                     # 「年10回（令和7年度~令和9年度）」: the period ends in the target year
        inner = _YEAR_RE.search(period.group("end"))
        if inner:
            return _year_of(inner), bool(inner.group("yfy") or inner.group("yfy2")), False
    short = re.match(r"\s*[（(]\s*(?:令和|R)(?P<a>\d{1,2})\s*(?:年度?)?\s*~\s*(?P<b>\d{1,2})\s*年(?P<fy>度)?\s*[)）]", after)
    if short:                      # 「延べ50名（令和7~9年度）」: the end in the era of the start
        return 2018 + int(short.group("b")), bool(short.group("fy")), False
    after = after[:16]
    m = re.match(r"\s*[（(]\s*" + _YEAR_RE.pattern + r"[^)）\d]*[)）]", after)
    if m and "比" not in m.group(0):
        inner = _YEAR_RE.search(after[m.start():])
        if inner:
            return _year_of(inner), bool(inner.group("yfy") or inner.group("yfy2")), False
    before = [y for y in years if lower <= y[1] <= value.start]
    if before:
        start, end, year, fy = before[-1]
        follow = text[end:end + 6]
        base = bool(re.match(r"\s*(?:比|と比べ|に比べ|と比較)", follow))
        return year, fy, base
    return None, False, False


def _comparison_base(text: str) -> int | None:
    for m in _YEAR_RE.finditer(text):
        if re.match(r"\s*(?:比|と比べ|に比べ|と比較|から|を基準|水準から)", text[m.end():m.end() + 6]):
            if "比" in text[m.end():m.end() + 6] or "基準" in text[m.end():m.end() + 6] \
                    or re.search(r"削減|減|倍|増加|ポイント", text[m.end():]):
                return _year_of(m)
    return None


def _role(text: str, value: _Value, previous_end: int) -> str:
    """target, baseline, actual, budget, past or forecast: what a figure is, from the words around it."""
    before = text[previous_end:value.start]
    near_before = before[-14:]
    after = text[value.end:value.end + 14]
    if value.unit.endswith(("円", "ドル")) and (BUDGET_RE.search(text) or re.search(r"[（(][^)）]*$", before)
                                                and _YEAR_RE.search(before[-12:]) is None and "年度" in before[-8:]):
        return "budget"
    if "実績" in near_before or re.match(r"\s*(?:[（(][^、。）)]{0,10})?実績(?!値?\s*[:：]?\s*(?:約\s*)?\d)", after):
        return "actual"
    if "過去" in before:
        return "past"
    if _BASELINE_RE.search(near_before) or re.match(r"\s*(?:[（(][^）)]{0,14}[)）])?\s*(?:→|から|を起点|~)",
                                                     text[value.end:value.end + 24]):
        return "baseline"
    if _FORECAST_RE.search(after[:10]):
        return "forecast"
    if re.match(r"\s*[^、。]{0,8}(?:となった|であった|だった|を記録|に達した|を達成した|した(?:[。、]|$)|しており|"
                r"増加した|拡大した|減少した|となり|まで増加|に増加し(?!、)|された|できた)", after):
        return "past"
    if _PAST_END_RE.search(text) and not re.search(r"目標|目指", text):
        return "past"
    return "target"


def _split_sentences(text: str) -> list[str]:
    out = []
    for line in text.split("\n"):
        for sentence in re.findall(r"[^。]+。?", line):
            if sentence.strip():
                out.append(sentence.strip())
    return out


def read(text: str) -> Reading:
    """Every target in a text (several sentences or lines), with the figures set aside and why."""
    targets: list[ParsedKpi] = []
    rejected: list[Rejected] = []
    for sentence in _split_sentences(text):
        found, dropped = _read_sentence(sentence)
        targets.extend(found)
        rejected.extend(dropped)
    return Reading(targets, rejected)


def parse_kpis(text: str) -> list[ParsedKpi]:
    """The targets of a text (see :func:`read`)."""
    return read(text).targets


def parse_kpi(text: str) -> ParsedKpi | None:
    """The first target of a text, or None when it has none."""
    targets = parse_kpis(text)
    return targets[0] if targets else None


def _read_sentence(original: str) -> tuple[list[ParsedKpi], list[Rejected]]:
    text = fold(original)
    cells = _cells(text)
    label = ""
    body = text
    if len(cells) >= 2 and not _values(cells[0]) and not _years_in(cells[0]):
        label, body = _clean(cells[0]), "　".join(cells[1:])
    else:
        m = _LABEL_RE.match(text)
        if m and not _values(m.group("label")) and not _years_in(text[m.start("label"):m.end() + 2]):
            raw = re.sub(r"【[^】]*】", "", _PAREN_RE.sub("", m.group("label"))).strip(" ・◆●○■-*")
            candidate = _clean(m.group("label"))
            body = text[m.end():]
            if _VALUE_LABELS.match(raw):
                body = text                     # 「基準値：15%、目標値：30%」: the labels say the roles
            elif candidate and not _GENERIC_LABELS.match(raw):
                label = candidate
            else:               # 「指標：相談件数、基準値：…」「成果指標：海外展開支援件数 目標 令和9年度 50件」
                named = re.match(r"\s*([^、。,:：\d()（）]{2,40}?)\s*(?:[、,]|\s+(?=目標|基準|令和|平成|R\d|\d))", body)
                if named and _is_name(named.group(1)) and not _BASELINE_RE.search(named.group(1)):
                    label = _clean(named.group(1))
    values = _values(body)
    years = _years_in(body)
    table = len(cells) >= 3 and label != "" and len(values) >= 2
    if not table and len(values) >= 2 and len({v.unit for v in values}) == 1 \
            and all(v.kind is TargetKind.LEVEL for v in values) and len(years) >= len(values) \
            and all(_ROW_GAP_RE.fullmatch(body[a.end:b.start]) for a, b in zip(values, values[1:])):
        table = True       # 「認証取得企業数 令和5年度：120社 令和9年度：300社」: a row written on one line
    base_year = _comparison_base(body)
    sentence_down = bool(_DOWN_VERB_RE.search(body))
    targets: list[ParsedKpi] = []
    rejected: list[Rejected] = []
    baseline: tuple[Decimal, int | None, str] | None = None
    actuals: dict[int, Decimal] = {}
    previous_end = 0
    subject = label
    last_indicator = label
    for index, value in enumerate(values):
        role = _role(body, value, previous_end)
        year, fiscal, is_base = _year_for(body, value, years, previous_end if index else 0)
        if table and role == "target" and index < len(values) - 1:
            role = "baseline" if index == 0 else "actual"
        if role == "target" and _in_year_note(body, value, bool(targets)):
            role = "baseline"
        if is_base and value.kind is TargetKind.LEVEL and role == "target" and index + 1 < len(values):
            role = "baseline"
        segment = body[previous_end:value.start]
        previous_end = value.end
        figure = body[value.start:value.end].strip()
        if not label and role in ("baseline", "actual"):
            found = _subject_before(segment)
            if found:
                subject = last_indicator = found
        if role == "budget":
            rejected.append(Rejected(figure, "予算額"))
            continue
        if role in ("past", "forecast"):
            rejected.append(Rejected(figure, "過去の数値" if role == "past" else "見込み・推計"))
            continue
        if role == "actual":
            if year is not None:
                actuals[year] = value.number
            rejected.append(Rejected(figure, "実績値"))
            continue
        if role == "baseline":
            baseline = (value.number, year, value.unit)
            rejected.append(Rejected(figure, "基準値"))
            continue
        tail = body[value.end:value.end + 40]
        if not label:
            found = _subject_before(segment)
            if found:
                subject = found
        noun = _noun_after(tail, value.unit)
        indicator = label or _compose(subject, noun, value.unit) or last_indicator
        last_indicator = indicator
        qualifier = value.qualifier
        direction = Direction.DOWN if value.down else Direction.UP
        if value.kind is TargetKind.LEVEL and not value.down:
            if value.unit == "位" and qualifier is None:
                direction = Direction.DOWN
            elif sentence_down and re.search(r"削減|低減|減少|縮減|抑制|引き下げ|短縮|下げ|抑え",
                                             tail[:14] + segment[-10:]):
                direction = Direction.DOWN
        if value.kind is TargetKind.REDUCTION:
            direction = Direction.DOWN
        if value.kind is TargetKind.MULTIPLE and value.number < 1:
            direction = Direction.DOWN
        if year is None and targets:
            year, fiscal = targets[-1].target_year, targets[-1].fiscal_year
        parsed = ParsedKpi(
            text=original, indicator=indicator, target_value=value.number,
            unit=value.unit, target_year=year if not is_base or value.kind is TargetKind.LEVEL else None,
            qualifier=qualifier, direction=direction, target_kind=value.kind,
            cumulative=value.prefix == "累計", fiscal_year=fiscal, label=bool(label),
            context=body, span=(value.start, value.end),
        )
        if is_base and value.kind.relative:
            parsed.target_year = _later_year(years, year)
        if value.kind.relative and base_year is not None:
            parsed.baseline_year = base_year
        targets.append(parsed)
    for n, parsed in enumerate(targets):      # 「Xを2026年度に200名、2028年度に500名育成する」: one indicator
        later = [t.indicator for t in targets[n + 1:] if t.unit == parsed.unit and t.indicator != parsed.indicator
                 and t.indicator.startswith(parsed.indicator) and t.indicator.endswith("数")]
        if later and not label:
            parsed.indicator = later[0]
    for parsed in targets:
        if baseline is not None and parsed.baseline_value is None:
            base_number, base_year, base_unit = baseline
            number: Decimal | None = base_number
            if parsed.target_kind is TargetKind.LEVEL and base_unit and parsed.unit and base_unit != parsed.unit:
                number = _rescale(base_number, base_unit, parsed.unit)
            if number is not None:
                parsed.baseline_value = number
                parsed.baseline_year = base_year if base_year is not None else parsed.baseline_year
        parsed.actuals = dict(actuals)
    return targets, rejected


def _in_year_note(text: str, value: _Value, after_a_target: bool) -> bool:
    """「300人（令和5年度 120人）」「GII順位（2024年：13位）を…」: a figure in a note with its own year
    is where things stand, not the target."""
    before = text[:value.start]
    opened = max(before.rfind("("), before.rfind("（"))
    if opened < 0 or opened < max(before.rfind(")"), before.rfind("）")):
        return False
    note = before[opened + 1:]
    if not _YEAR_RE.search(note) or re.search(r"目標|目指", note) or re.search(r"目標\s*$", before[:opened]):
        return False
    rest = text[value.end:]
    closing = re.search(r"[)）]", rest)
    follows = rest[closing.end():closing.end() + 3] if closing else ""
    return after_a_target or bool(re.match(r"\s*(?:を|は|が|から|→)", follows))


def _later_year(years: list[tuple[int, int, int, bool]], base: int | None) -> int | None:
    later = [y for _, _, y, _ in years if base is None or y > base]
    return later[-1] if later else None


_SCALE = {"兆": Decimal(10) ** 12, "億": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}


def _rescale(number: Decimal, unit: str, to: str) -> Decimal | None:
    """A baseline of 5,000億円 for a target in 兆円 is 0.5; None when the units do not convert."""
    def split(u: str) -> tuple[Decimal, str]:
        if u[:1] in _SCALE and len(u) > 1:
            return _SCALE[u[0]], u[1:]
        return Decimal(1), u
    fa, ba = split(unit)
    fb, bb = split(to)
    if ba != bb:
        return None
    return number * fa / fb
