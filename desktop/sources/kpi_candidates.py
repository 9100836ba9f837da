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
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Protocol

from desktop.sources.text import normalize


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


# -- character folding that keeps positions ------------------------------------------------

_FOLD = {ord(c): ord(a) for c, a in zip("０１２３４５６７８９．，％", "0123456789.,%")}


def _fold(text: str) -> str:
    """Full-width digits, points and % as ASCII, one character for one (positions stay valid)."""
    return text.translate(_FOLD)


# -- patterns ---------------------------------------------------------------------------------

_YEAR_RE = re.compile(
    r"(?:(?P<year>(?:19|20)\d{2})|令和(?P<reiwa>\d{1,2}|元))年(?P<fy>度)?(?:\d{1,2}月)?(?:末|中)?"
    r"(?P<particle>までに|に)(?!は|おいて|かけ|入|至|対し|向け)、?"
)
_UNITS = (
    "兆円", "億円", "万円", "千円", "円", "兆ドル", "億ドル", "万ドル", "ドル",
    "%", "パーセント", "ポイント", "pt", "位",
    "か所", "カ所", "ヶ所", "ケ所", "箇所", "か国", "カ国", "ヶ国",
    "万人", "千人", "人", "万件", "件", "社", "校", "団体", "拠点", "地域", "品目", "倍",
    "GW", "MW", "万トン", "トン",
)
_COUNT_UNITS = {"か所", "カ所", "ヶ所", "ケ所", "箇所", "か国", "カ国", "ヶ国", "万人", "千人", "人",
                "万件", "件", "社", "校", "団体", "拠点", "地域", "品目"}
_VALUE_RE = re.compile(
    r"(?:(?:合計|計|全国|累計|年間)\s*)?(?P<approx>約)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>" + "|".join(re.escape(u) for u in _UNITS) + r")"
    r"(?P<bound>以上|以内|以下|超|未満|程度)?"
)
_TRIGGER_RE = re.compile(r"目指|目標|KPI|とする|とし(?!て)|を実現|実現する|実現し|達成")
_FACT_RE = re.compile(
    r"となり|となった|となる|となっ|した(?:が|。|、)|しており|増加した|拡大した|減少|記録|到達|見込|予測|推計|"
    r"予定|予算|実績|前年|過去|現在|内数|補正"
)
_ACHIEVED_RE = re.compile(r"(?:を?実現|達成)(?:し|され)(?:た|ている|ており)")
_PAREN_RE = re.compile(r"[（(][^（）()]*[)）]|\^\([^)]*\)")
_TAIL_NOUN_RE = re.compile(r"^の([^、。をにがはとで「」『』（）()\s]{1,20}?)(?:を|とし|とする|と|に)")
_CLAUSE_SPLIT_RE = re.compile(r"[、。,]")
_AS_RE = re.compile(r"「?([^、。「」]{2,30}?)」?として")


def _sentences(text: str) -> Iterable[str]:
    for line in text.split("\n"):
        for sentence in re.findall(r"[^。]+。?", line):
            sentence = sentence.strip().lstrip("・").strip()
            if sentence:
                yield sentence


def _clean_phrase(phrase: str) -> str:
    phrase = _PAREN_RE.sub("", phrase)
    phrase = phrase.replace("「", "").replace("」", "").replace("『", "").replace("』", "")
    phrase = re.sub(r"^(?:特に|また|さらに|なお|今後|引き続き)、?", "", phrase.strip(" 、,◆・"))
    return phrase.strip(" 、,")


def _last_clause(text: str) -> str:
    text = text.rstrip(" 、,")
    return _CLAUSE_SPLIT_RE.split(text)[-1].strip()


def _subject(sentence: str, year_start: int, year_end: int, between: str) -> tuple[str, str]:
    """The indicator's subject and the clause before the year (for 「…では」 context)."""
    before = _last_clause(sentence[:year_start])
    if "として" in between:
        head = between[:between.rindex("として")]
        return _clean_phrase(_last_clause(head)), before
    if "を" in between:
        head = _last_clause(between[:between.rindex("を")])
        return _clean_phrase(head), before
    m = re.search(r"(.+?)(?:を|は|が)$", before)
    if m:
        return _clean_phrase(m.group(1)), ""
    # 「…拠点として選定を行い、2033年までに約200か所の選定を目指し」: the thing
    # counted is named earlier with として; 「経済効果として2033年までに」 is not
    # such a name (it ends right at the year).
    found = [m for m in _AS_RE.finditer(sentence[:year_start]) if m.end() < year_start]
    if found:
        return _clean_phrase(found[-1].group(1)), ""
    return "", before


def _indicator(subject: str, context: str, tail: str, unit: str) -> str:
    noun_match = _TAIL_NOUN_RE.match(tail)
    noun = noun_match.group(1) if noun_match else ""
    if context.endswith("では") and subject:
        subject = _clean_phrase(context[:-2]) + "の" + subject
    if subject and noun:
        indicator = f"{subject}の{noun}"
    else:
        indicator = subject or noun
    if indicator and unit == "位" and not indicator.endswith("順位"):
        indicator += "の順位"
    elif indicator and noun and unit in _COUNT_UNITS and not indicator.endswith("数"):
        indicator += "数"
    return indicator


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _year(match: re.Match[str]) -> int:
    if match.group("year"):
        return int(match.group("year"))
    reiwa = match.group("reiwa")
    return 2018 + (1 if reiwa == "元" else int(reiwa))


def _from_sentence(sentence: str, key: str, document: str) -> list[KpiCandidate]:
    folded = _fold(sentence)
    years = list(_YEAR_RE.finditer(folded))
    parens = [m.span() for m in _PAREN_RE.finditer(folded)]   # 「（※2020年現在5兆円）」 is a note, not the target
    out: list[KpiCandidate] = []
    for n, ym in enumerate(years):
        limit = years[n + 1].start() if n + 1 < len(years) else len(folded)
        values = [v for v in _VALUE_RE.finditer(folded, ym.end(), limit)
                  if v.start() - ym.end() <= 60 and not _inside(v.start(), parens)]
        previous_end = ym.end()
        for i, vm in enumerate(values):
            tail_end = values[i + 1].start() if i + 1 < len(values) else limit
            tail = _PAREN_RE.sub("", folded[vm.end():tail_end])
            trigger = _TRIGGER_RE.search(tail)
            between = folded[previous_end:vm.start()]
            previous_end = vm.end()
            if not trigger or _FACT_RE.search(tail[:trigger.end()]) or _FACT_RE.search(between):
                continue
            if _ACHIEVED_RE.match(tail, trigger.start()):
                continue   # 「…を達成した」「…を実現した」 reports a result, it sets no target
            subject, context = _subject(folded, ym.start(), ym.end(), folded[ym.end():vm.start()] if i == 0 else between)
            indicator = _indicator(subject, context, tail, vm.group("unit"))
            if not indicator:
                continue
            out.append(KpiCandidate(
                text=sentence,
                indicator=indicator,
                value=Decimal(vm.group("num").replace(",", "")),
                unit=vm.group("unit"),
                target_year=_year(ym),
                passage_key=key,
                document=document,
                bound=vm.group("bound") or "",
                approximate=bool(vm.group("approx")),
                fiscal_year=bool(ym.group("fy")),
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
