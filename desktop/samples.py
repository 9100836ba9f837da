"""The sample database (``sesaku-desk demo`` and the first-run offer).

The sheets are data (resources/demo/samples.toml), drafted from the seed
documents; their citations are resolved against the indexed seeds by the
quoted text, so they point at real passages. Samples are flagged and rebuilt
from scratch each time, never merged with what staff typed.

The demo spans two fiscal years, so the year-over-year comparison, the KPI
charts and the overview have something to show: most 令和7年度 sheets have a
令和6年度 predecessor, and some KPIs have actuals over three years, one of
them behind with the cause written in the issues field and one behind
without it. One sheet is saved through a few drafts so its history has
changes to compare and restore.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from desktop.paths import resources_dir
from desktop.store.repository import Repository
from desktop.survey.parts import Part
from desktop.survey.sheet import (
    CitationData,
    Direction,
    Horizon,
    ItemData,
    KpiData,
    KpiKind,
    MarkData,
    Qualifier,
    SheetData,
    Status,
    TargetKind,
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
        qualifier=Qualifier(raw["qualifier"]) if raw.get("qualifier") else None,
        target_kind=TargetKind(raw.get("target_kind", "level")),
        baseline_value=raw.get("baseline_value"),
        baseline_year=raw.get("baseline_year"),
        target_value=raw.get("target_value"),
        target_year=raw.get("target_year"),
        data_source=raw.get("data_source", ""),
        actuals={int(y): v for y, v in raw.get("actuals", {}).items()},
    )


def _marks(raw: dict, fields: dict[str, str]) -> list[MarkData]:
    marks = []
    for m in raw.get("mark", []):
        if "text" in m:
            start = fields[m["field"]].index(m["text"])
            marks.append(MarkData(reason=m["reason"], part=Part.field(m["field"]), start=start,
                                  end=start + len(m["text"]), text=m["text"]))
        else:
            marks.append(MarkData(reason=m["reason"], part=Part.field(m["field"])))
    return marks


def _sheet(raw: dict, survey_key: str, fields: dict[str, str] | None = None) -> SheetData:
    fields = dict(raw.get("fields", {})) if fields is None else fields
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
        marks=_marks(raw, fields),
        is_sample=True,
    )


def _citations(raw: dict, sheet: SheetData, library, entries: list[dict] | None = None) -> list[CitationData]:
    out = []
    for c in raw.get("citation", []) if entries is None else entries:
        view = library.find_quote(c["document"], c["quote"])
        if view is None:
            raise ValueError(f"サンプルの引用文が資料 {c['document']} に見つかりません: {c['quote'][:30]}…")
        field_text = sheet.text(c["field"])
        anchor = c.get("anchor")
        position = field_text.index(anchor) + len(anchor) if anchor else len(field_text)
        out.append(library.citation_for(view.id, c["field"], quoted_text=c["quote"], position=position))
    return out


def _previous_entry(raw: dict) -> dict:
    """The 令和6年度 version of a sheet entry (see the header of samples.toml)."""
    previous = raw["previous"]
    year = raw["fiscal_year"] - 1
    changed = dict(previous.get("fields", {}))
    fields = {k: v for k, v in {**raw.get("fields", {}), **changed}.items() if v}

    def kept(field: str, text: str | None) -> bool:
        return field not in changed or (text is not None and text in fields.get(field, ""))

    items = [{**item, "kpi": [{**k, "actuals": {y: v for y, v in k.get("actuals", {}).items() if int(y) <= year}}
                              for k in item.get("kpi", [])]} for item in raw.get("item", [])]
    return {
        **{k: v for k, v in raw.items() if k not in ("previous", "draft")},
        "fiscal_year": year,
        "status": previous.get("status", "accepted"),
        "fields": fields,
        "item": items,
        "mark": [m for m in raw.get("mark", []) if kept(m["field"], m.get("text"))],
        "citation": [c for c in raw.get("citation", []) if kept(c["field"], c.get("anchor"))]
        + list(previous.get("citation", [])),
    }


def _drafts(raw: dict) -> list[tuple[str, dict[str, str]]]:
    """(author, fields) of each earlier state of the sheet, then its final state."""
    final = dict(raw.get("fields", {}))
    guarded = {c["field"] for c in raw.get("citation", [])} | {m["field"] for m in raw.get("mark", [])}
    states = []
    for draft in raw.get("draft", []):
        touched = set(draft["fields"]) & guarded
        if touched:
            raise ValueError(f"サンプルの下書きが引用・非公開箇所のある項目を変更しています: {', '.join(sorted(touched))}")
        states.append((draft["author"], {**final, **draft["fields"]}))
    return states + [(raw.get("person") or "サンプル", final)] if states else []


def build_demo(repo: Repository) -> list[SheetData]:
    """Replace the sample sheets with fresh ones (two fiscal years); returns the saved sheets."""
    from desktop.sources.library import Library

    raw = tomllib.loads(samples_file().read_text(encoding="utf-8"))
    library = Library(repo.db)
    library.ensure_seeds()
    repo.purge_samples()
    entries = raw["sheet"]

    previous_entries = [(n, _previous_entry(e)) for n, e in enumerate(entries) if "previous" in e]
    previous = []
    for _, entry in previous_entries:
        sheet = _sheet(entry, repo.survey.key)
        sheet.citations = _citations(entry, sheet, library)
        previous.append(sheet)
    saved_previous = repo.save_sheets(previous, author="サンプル")
    predecessor = {n: saved for (n, _), saved in zip(previous_entries, saved_previous)}

    sheets = []
    for n, entry in enumerate(entries):
        states = _drafts(entry)
        sheet = _sheet(entry, repo.survey.key, dict(states[0][1]) if states else None)
        sheet.citations = _citations(entry, sheet, library)
        if n in predecessor:        # this year's sheet continues last year's measure: one lineage
            sheet.predecessor_id, sheet.lineage = predecessor[n].id, predecessor[n].lineage
        sheets.append(sheet)
    saved = repo.save_sheets(sheets, author="サンプル")
    for n, entry in enumerate(entries):
        for author, fields in _drafts(entry)[1:]:
            saved[n].fields = dict(fields)
            saved[n] = repo.save_sheet(saved[n], author=author)
    return saved_previous + saved
