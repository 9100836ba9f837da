"""Rows to plain sheet data and back, without deciding anything about history.

Kept apart from the repository so the mapping between the schema and
SheetData is written once and read in one place.
"""

from __future__ import annotations

from desktop.store.models import Citation, Item, Kpi, KpiActual, Mark, Passage, Sheet
from desktop.survey.reference import format_reference
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


def kpi_to_data(kpi: Kpi) -> KpiData:
    return KpiData(
        id=kpi.id,
        key=kpi.key,
        indicator=kpi.indicator,
        unit=kpi.unit,
        kind=KpiKind(kpi.kind),
        horizon=Horizon(kpi.horizon) if kpi.horizon else None,
        quantitative=kpi.quantitative,
        direction=Direction(kpi.direction),
        qualifier=Qualifier(kpi.qualifier) if kpi.qualifier else None,
        target_kind=TargetKind(kpi.target_kind) if kpi.target_kind else TargetKind.LEVEL,
        baseline_value=kpi.baseline_value,
        baseline_year=kpi.baseline_year,
        target_value=kpi.target_value,
        target_year=kpi.target_year,
        data_source=kpi.data_source,
        source_text=kpi.source_text or "",
        actuals={a.fiscal_year: a.value for a in kpi.actuals},
    )


def citation_to_data(citation: Citation, passage: Passage | None) -> CitationData:
    document = passage.document if passage is not None else None
    return CitationData(
        id=citation.id,
        key=citation.key,
        field_key=citation.field_key,
        passage_id=citation.passage_id,
        quoted_text=citation.quoted_text,
        locator=citation.locator,
        position=citation.position,
        document_title=document.title if document else "",
        reference=format_reference(document.title, document.issuer, document.issued, citation.locator)
        if document else "",
    )


def sheet_to_data(sheet: Sheet, survey_key: str, passages: dict[int, Passage]) -> SheetData:
    return SheetData(
        id=sheet.id,
        survey_key=survey_key,
        survey_version=sheet.survey_version,
        fiscal_year=sheet.fiscal_year,
        ministry=sheet.ministry,
        bureau=sheet.bureau,
        person=sheet.person,
        contact=sheet.contact,
        status=Status(sheet.status),
        classification=sheet.classification,
        areas=[a.area_code for a in sheet.areas],
        fields={f.key: f.value for f in sheet.fields},
        items=[ItemData(id=i.id, key=i.key, title=i.title, plan_text=i.plan_text,
                        kpis=[kpi_to_data(k) for k in i.kpis]) for i in sheet.items],
        marks=[mark_to_data(m) for m in sheet.marks],
        citations=[citation_to_data(c, passages.get(c.passage_id) if c.passage_id else None)
                   for c in sheet.citations],
        is_sample=sheet.is_sample,
        predecessor_id=sheet.predecessor_id,
        lineage=sheet.lineage,
        version=sheet.version,
        created_at=sheet.created_at,
        updated_at=sheet.updated_at,
    )


KPI_ATTRIBUTES = ("indicator", "unit", "kind", "horizon", "quantitative", "direction", "qualifier",
                  "target_kind", "baseline_value",
                  "baseline_year", "target_value", "target_year", "data_source",
                  "source_text")


def kpi_column_value(data: KpiData, attr: str):
    """The value a KPI attribute is stored as (enums by their code)."""
    value = getattr(data, attr)
    return value.value if hasattr(value, "value") else value


def mark_to_data(m: Mark) -> MarkData:
    try:
        part = Part.parse(m.part)
    except ValueError:
        part, unplaced = Part.field("?"), True     # unreadable: kept, withheld, and shown for a person
    else:
        unplaced = m.unplaced
    return MarkData(id=m.id, reason=m.reason, part=part, start=m.start, end=m.end, text=m.text or "",
                    unplaced=unplaced, created_by=m.created_by or "", created_at=m.created_at)


MARK_ATTRIBUTES = ("reason", "part", "start", "end", "text", "unplaced")


def mark_column_value(data: MarkData, attr: str):
    value = getattr(data, attr)
    return str(value) if attr == "part" else value


def new_item(data: ItemData, position: int) -> Item:
    item = Item(key=data.key, title=data.title, plan_text=data.plan_text, position=position)
    item.kpis = [new_kpi(k, i) for i, k in enumerate(data.kpis)]
    return item


def new_kpi(data: KpiData, position: int) -> Kpi:
    kpi = Kpi(key=data.key, position=position, **{a: kpi_column_value(data, a) for a in KPI_ATTRIBUTES})
    kpi.actuals = [KpiActual(fiscal_year=y, value=v) for y, v in sorted(data.actuals.items())]
    return kpi


def new_mark(data: MarkData, author: str = "") -> Mark:
    return Mark(created_by=data.created_by or author, **{a: mark_column_value(data, a) for a in MARK_ATTRIBUTES})


def new_citation(c: CitationData, order: int) -> Citation:
    return Citation(key=c.key, field_key=c.field_key, position=c.position, position_order=order,
                    passage_id=c.passage_id, quoted_text=c.quoted_text, locator=c.locator)
