"""Target statements in source passages that could become a sheet's KPIs.

A KPI candidate is a sentence that fixes a number to reach by a year:
「日本発コンテンツの海外市場規模を2033年までに20兆円に拡大する」,
「WIPOの『グローバルイノベーション指数』を2035年までに4位以内とする」. Staff
pick one and it becomes a structured KPI with its citation, so a wrong
candidate costs more than a missed one: precision comes first.

A candidate therefore needs all three of

* a target year directly followed by までに / に (「2033年までに」「2030年に、」
  「令和9年度末までに」) — a year without the particle is a date of a fact
  (「2023年5.8兆円となり」),
* a number with a unit after it in the same sentence (20兆円, 4位以内, 50%以上,
  約200か所, 10ポイント),
* a target word after the number (目指す, 目標, KPI, とする, 実現, 達成),
  with nothing in between that marks a fact, forecast or budget (となり,
  見込み, 推計, 予定, 予算, 実績 …).

Budget lines (【予算】…12.3億円（５年度…）), survey results and statistics
fail at least one of these.

The figures themselves are read by the one KPI parser (desktop.survey.kpi_text),
so a candidate keeps what the sentence means: 「4位以内」 is a target of 4 to be
reached downwards, 「10ポイント増加」 an increase over the baseline, 「2013年度比46%
削減」 a reduction from the 2013 level. Beside sentences it takes label lines
whose label names a measure (「研修修了者数：令和9年度までに累計100名」), table
rows that run from a baseline to a later target, several targets sharing one
verb (「…を100社、…を500件とする」), and a target in a note (「目標（2025年の
受注額「34兆円」）」). An amount of money in a sentence about a budget (予算,
拠出, 計上 …) is never a candidate, whatever else the sentence says.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Protocol

from desktop.sources.text import normalize
from desktop.survey.kpi_text import BUDGET_RE, ParsedKpi, parse_kpis
from desktop.survey.sheet import Direction, KpiData, Qualifier, TargetKind, format_decimal


class _Passage(Protocol):
    key: str
    text: str


@dataclass(frozen=True)
class KpiCandidate:
    text: str              # the sentence, as displayed in the passage
    indicator: str         # e.g. 日本発コンテンツの海外市場規模
    value: Decimal         # 20 for 20兆円
    unit: str              # as written: 兆円, 位, %, か所, ポイント …
    target_year: int       # Western year (fiscal year for 年度 targets)
    passage_key: str
    document: str
    bound: str = ""        # 以上, 以内, 以下, 超, 未満, 程度 ("" when exact)
    approximate: bool = False   # 約…
    fiscal_year: bool = False   # the year was written as 年度
    qualifier: Qualifier | None = None
    direction: Direction = Direction.UP
    target_kind: TargetKind = TargetKind.LEVEL      # 「10ポイント増加」: 増加幅; 「46%削減」: 削減率
    baseline_value: Decimal | None = None
    baseline_year: int | None = None               # 「2013年度比」

    def to_kpi(self) -> KpiData:
        """The KPI this candidate proposes, its qualifier, direction and kind kept."""
        return KpiData(indicator=self.indicator, unit="" if self.target_kind is TargetKind.MULTIPLE else self.unit,
                       direction=self.direction, qualifier=self.qualifier, target_kind=self.target_kind,
                       target_value=format_decimal(self.value), target_year=self.target_year,
                       baseline_value=format_decimal(self.baseline_value), baseline_year=self.baseline_year)


# -- what makes a parsed target a candidate -------------------------------------------------

_TARGET_YEAR_RE = re.compile(
    r"(?:(?:19|20)\d{2}|(?:令和|R)(?:\d{1,2}|元))年度?(?:\d{1,2}月)?(?:末|中)?"
    r"(?:までに|に|まで)(?!は|おいて|かけ|入|至|対し|向け)"
)
_TRIGGER_RE = re.compile(
    r"目指|目標|KPI|とする|とし(?!て)|を実現|実現する|実現し|達成|育成する|育成し|養成する|引き上げる|引き上げ|"
    r"削減する|削減し|削減を|低減する|半減|倍増|にする|増加を目指|に拡大する|に増やす|を確保する|"
    r"以内|以上|未満"
)
_FACT_RE = re.compile(
    r"となり|となった|となる|となっ|した(?:が|。|、)|しており|増加した|拡大した|減少し|記録|到達|見込|予測|推計|"
    r"予定|予算|実績|前年|過去|現在|内数|補正|拠出|計上"
)
_ACHIEVED_RE = re.compile(r"(?:を?実現|達成)(?:し|され)(?:た|ている|ており)")
# A label that names something counted or measured, and a line that says it is a target.
_INDICATOR_RE = re.compile(r"(?:数|率|額|量|割合|順位|規模|高|比|シェア|指数|時間|日数|件数|人数|者数|期間|度)$")
_LABEL_TARGET_RE = re.compile(r"までに|目標|目指|KPI")
_PAREN_RE = re.compile(r"[（(][^（）()]*[)）]")
_GOAL_NOTE_RE = re.compile(r"目標[（(]\s*(?:19|20)\d{2}年度?(?:末)?(?:の|に|までに)")


# A line of PDF text that ends inside a phrase (「…海外市場規模を」「…2033 年までに20」) goes on on the next line.
_OPEN_END_RE = re.compile(r"(?:[をにはがのとへで、,]|までに|\d)\s*$")


def _lines(text: str) -> list[str]:
    out: list[str] = []
    for line in text.split("\n"):
        if out and _OPEN_END_RE.search(out[-1]) and line.strip():
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
    return out


def _sentences(text: str) -> Iterable[str]:
    for line in _lines(text):
        for sentence in re.findall(r"[^。]+。?", line):
            sentence = sentence.strip().lstrip("・").strip()
            if sentence:
                yield sentence


def _is_target_statement(parsed: ParsedKpi, following: int) -> bool:
    """Precision first: a target year with までに/に, a target word after the figure, no fact word between."""
    body = parsed.context
    start, end = parsed.span
    if parsed.unit.endswith(("円", "ドル")) and BUDGET_RE.search(body):
        return False                                    # a budget amount is never a target
    if parsed.label:      # 「研修修了者数：令和9年度までに累計100名」, a table row from a baseline to a target
        if not _INDICATOR_RE.search(parsed.indicator):
            return False
        return bool(_LABEL_TARGET_RE.search(body)) or (
            parsed.baseline_year is not None and parsed.target_year is not None
            and parsed.baseline_year < parsed.target_year and parsed.baseline_value is not None)
    years = [m for m in _TARGET_YEAR_RE.finditer(body) if m.end() <= start]
    goal = [m for m in _GOAL_NOTE_RE.finditer(body) if m.end() <= start and start - m.end() <= 30]
    if goal:          # 「設定された目標（2025年のインフラシステム受注額「34兆円」）」: the note names the target
        return not _FACT_RE.search(body[goal[-1].end():start])
    if not years or start - years[-1].end() > 60:
        return False
    tail = _PAREN_RE.sub("", body[end:following])
    figure_end = body[max(start, end - 4):end]           # 「4位以内」「46%削減」 say it themselves
    trigger = _TRIGGER_RE.search(figure_end + tail)
    if trigger is None and following < len(body) and re.fullmatch(r"[、,]\s*[^、。]{1,30}?(?:を|は)\s*", tail):
        tail = _PAREN_RE.sub("", body[end:])      # 「…を100社、…を500件とする」: one verb for both
        trigger = _TRIGGER_RE.search(figure_end + tail)
    if not trigger:
        return False
    tail = figure_end + tail
    if _FACT_RE.search(tail[:trigger.end()]) or _FACT_RE.search(body[years[-1].end():start]):
        return False
    return not _ACHIEVED_RE.match(tail, trigger.start())


def _from_sentence(sentence: str, key: str, document: str) -> list[KpiCandidate]:
    targets = parse_kpis(sentence)
    out: list[KpiCandidate] = []
    for n, parsed in enumerate(targets):
        if parsed.target_year is None or not parsed.indicator or parsed.target_value is None:
            continue
        following = next((t.span[0] for t in targets[n + 1:] if t.context == parsed.context), len(parsed.context))
        if not _is_target_statement(parsed, following):
            continue
        qualifier = parsed.qualifier
        out.append(KpiCandidate(
            text=sentence, indicator=parsed.indicator, value=parsed.target_value, unit=parsed.unit,
            target_year=parsed.target_year, passage_key=key, document=document,
            bound=qualifier.label if qualifier is not None and qualifier is not Qualifier.ABOUT else "",
            approximate=qualifier is Qualifier.ABOUT or "約" in parsed.context[max(0, parsed.span[0] - 1):parsed.span[1]],
            fiscal_year=parsed.fiscal_year, qualifier=qualifier, direction=parsed.direction,
            target_kind=parsed.target_kind,
            baseline_value=parsed.baseline_value,
            baseline_year=parsed.baseline_year,
        ))
    return out


def _same_indicator(a: str, b: str) -> bool:
    """日本発のコンテンツ海外市場規模 and 日本発コンテンツの海外市場規模 are one indicator."""
    fa, fb = normalize(a).replace("の", ""), normalize(b).replace("の", "")
    return fa == fb or fa in fb or fb in fa


def extract_candidates(passages: Iterable[_Passage], document_name: str) -> list[KpiCandidate]:
    """Target statements in a document's passages, first occurrence of each target kept.

    ``passages`` are anything with ``key`` and ``text`` (segments or stored
    passages). Two statements of the same target (same indicator, value,
    unit, bound and year) are one candidate; the longer indicator wording wins.
    """
    found: list[KpiCandidate] = []
    for passage in passages:
        for sentence in _sentences(unicodedata.normalize("NFC", passage.text)):
            for candidate in _from_sentence(sentence, passage.key, document_name):
                for index, kept in enumerate(found):
                    if (kept.value, kept.unit, kept.bound, kept.target_year) == \
                            (candidate.value, candidate.unit, candidate.bound, candidate.target_year) \
                            and _same_indicator(kept.indicator, candidate.indicator):
                        if len(candidate.indicator) > len(kept.indicator):
                            found[index] = replace(kept, indicator=candidate.indicator)
                        break
                else:
                    found.append(candidate)
    return found
