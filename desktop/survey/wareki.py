"""Fiscal years as ministry staff write them (令和8年度) and as tables need them (2026).

A fiscal year (年度) is named after the Western year in which it starts on
April 1. Fiscal 2019 began under 平成 and is written 平成31年度 in budget
papers, 令和元年度 elsewhere: both are read, 令和元年度 is shown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Era:
    name: str
    start: date        # first day of the era
    first_year: int    # Western year of the era's year 1
    short: str         # the letter used in abbreviations like R8


ERAS: tuple[Era, ...] = (
    Era("令和", date(2019, 5, 1), 2019, "R"),
    Era("平成", date(1989, 1, 8), 1989, "H"),
    Era("昭和", date(1926, 12, 25), 1926, "S"),
)


class FiscalYearError(ValueError):
    """Text that is not a fiscal year; the message is shown to staff."""


def _era_for_fiscal_year(year: int) -> Era:
    # A fiscal year takes the era in force for most of it: 2019 → 令和.
    for era in ERAS:
        if year >= era.first_year:
            return era
    raise FiscalYearError(f"{year}年度は対応していない年です（昭和以降のみ）")


def _era_number(n: int) -> str:
    return "元" if n == 1 else str(n)


def format_fiscal_year(year: int) -> str:
    """2026 → 令和8年度; 2019 → 令和元年度."""
    era = _era_for_fiscal_year(year)
    return f"{era.name}{_era_number(year - era.first_year + 1)}年度"


def format_fiscal_year_short(year: int) -> str:
    """2026 → R8, for narrow table columns."""
    era = _era_for_fiscal_year(year)
    return f"{era.short}{year - era.first_year + 1}"


def format_fiscal_year_both(year: int) -> str:
    """2026 → 令和8年度（2026年度）, where a table wants both."""
    return f"{format_fiscal_year(year)}（{year}年度）"


_ERA_RE = re.compile(r"^(令和|平成|昭和|R|H|S)\s*(元|\d{1,2})\s*(年度|年)?$", re.IGNORECASE)
_WESTERN_RE = re.compile(r"^(?:FY\s*)?(\d{4})\s*(年度|年)?$", re.IGNORECASE)


def parse_fiscal_year(text: str | int) -> int:
    """Read 令和8年度, R8, 令和元年度, 平成31年度, ２０２６年度, FY2026 or 2026 as 2026-style years."""
    if isinstance(text, int):
        return text
    cleaned = unicodedata.normalize("NFKC", str(text)).strip()
    m = _WESTERN_RE.match(cleaned)
    if m:
        year = int(m.group(1))
        if 1926 <= year <= 2200:
            return year
        raise FiscalYearError(f"「{text}」は年度として扱えない年です")
    m = _ERA_RE.match(cleaned)
    if m:
        name = m.group(1).upper()
        n = 1 if m.group(2) == "元" else int(m.group(2))
        era = next(e for e in ERAS if name in (e.name, e.short))
        if n < 1:
            raise FiscalYearError(f"「{text}」は年度として正しくありません")
        # Years beyond an era's end (平成31年度, 平成32年度) still name a
        # fiscal year unambiguously; budget papers use them.
        return era.first_year + n - 1
    raise FiscalYearError(f"「{text}」を年度として読み取れません（例: 令和8年度、2026）")


def fiscal_year_range(year: int) -> tuple[date, date]:
    """The first and last day of a fiscal year: April 1 to March 31."""
    return date(year, 4, 1), date(year + 1, 3, 31)


def fiscal_year_of(day: date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def format_date(day: date) -> str:
    """A calendar date in 和暦, as on a cover page: 令和8年11月23日."""
    era = next(e for e in ERAS if day >= e.start)
    return f"{era.name}{_era_number(day.year - era.first_year + 1)}年{day.month}月{day.day}日"


def format_month(day: date) -> str:
    """令和7年11月, the way documents give their issue date."""
    era = next(e for e in ERAS if day >= e.start)
    return f"{era.name}{_era_number(day.year - era.first_year + 1)}年{day.month}月"
