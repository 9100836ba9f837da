"""The sample database (``sesaku-desk demo`` and the first-run offer).

The sheets are data (resources/demo/samples.toml), drafted from the seed
documents; their citations are resolved against the indexed seeds by the
quoted text, so they point at real passages. Samples are flagged and rebuilt
from scratch each time, never merged with what staff typed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from desktop.paths import resources_dir
from desktop.store.repository import Repository
from desktop.survey.sheet import (
    CitationData,
    Direction,
    Horizon,
    ItemData,
    KpiData,
    KpiKind,
    MarkData,
    SheetData,
    Status,
)


def samples_file() -> Path:
    return resources_dir() / "demo" / "samples.toml"


def _kpi(raw: dict) -> KpiData:
    return KpiData(
        indicator=raw["indicator"],
        unit=raw.get("unit", ""),
        kind=KpiKind(raw.get("kind", "outcome")),
        horizon=Horizon(raw["horizon"]) if raw.get("horizon") else None,
        quantitative=raw.get("quantitative", True),
        direction=Direction(raw.get("direction", "up")),
        baseline_value=raw.get("baseline_value"),
        baseline_year=raw.get("baseline_year"),
        target_value=raw.get("target_value"),
        target_year=raw.get("target_year"),
        data_source=raw.get("data_source", ""),
        actuals={int(y): v for y, v in raw.get("actuals", {}).items()},
    )


def _sheet(raw: dict, survey_key: str) -> SheetData:
    fields = dict(raw.get("fields", {}))
    marks = []
    for m in raw.get("mark", []):
        if "text" in m:
            start = fields[m["field"]].index(m["text"])
            marks.append(MarkData(reason=m["reason"], field_key=m["field"], start=start, end=start + len(m["text"])))
        else:
            marks.append(MarkData(reason=m["reason"], field_key=m["field"]))
    return SheetData(
        survey_key=survey_key,
        fiscal_year=raw["fiscal_year"],
        ministry=raw.get("ministry", ""),
        bureau=raw.get("bureau", ""),
        person=raw.get("person", ""),
        contact=raw.get("contact", ""),
        status=Status(raw.get("status", "draft")),
        classification=raw.get("classification"),
        areas=list(raw.get("areas", [])),
        fields=fields,
        items=[ItemData(title=i["title"], plan_text=i.get("plan_text", ""),
                        kpis=[_kpi(k) for k in i.get("kpi", [])]) for i in raw.get("item", [])],
        marks=marks,
        is_sample=True,
    )


def _citations(raw: dict, sheet: SheetData, library) -> list[CitationData]:
    out = []
    for c in raw.get("citation", []):
        view = library.find_quote(c["document"], c["quote"])
        if view is None:
            raise ValueError(f"サンプルの引用文が資料 {c['document']} に見つかりません: {c['quote'][:30]}…")
        field_text = sheet.text(c["field"])
        anchor = c.get("anchor")
        position = field_text.index(anchor) + len(anchor) if anchor else len(field_text)
        out.append(library.citation_for(view.id, c["field"], quoted_text=c["quote"], position=position))
    return out


def build_demo(repo: Repository) -> list[SheetData]:
    """Replace the sample sheets with fresh ones; returns the saved sheets."""
    from desktop.sources.library import Library

    raw = tomllib.loads(samples_file().read_text(encoding="utf-8"))
    library = Library(repo.db)
    library.ensure_seeds()
    repo.purge_samples()
    sheets = []
    for entry in raw["sheet"]:
        sheet = _sheet(entry, repo.survey.key)
        sheet.citations = _citations(entry, sheet, library)
        sheets.append(sheet)
    return repo.save_sheets(sheets, author="サンプル")
