"""One spelling of each sheet and KPI attribute label: every screen, writer and message takes it from
survey/vocabulary.py (they had drifted: 「出典・データ」「指標の出典」「データの出典」)."""

from __future__ import annotations

from pathlib import Path

import desktop
from desktop.disclosure.marks import KPI_VALUE_LABELS
from desktop.reports import csv_writer, form, model, xlsx_writer
from desktop.store import history
from desktop.store.repository import ValueTooLong
from desktop.survey.vocabulary import KPI_ATTRIBUTE_LABELS, SHEET_ATTRIBUTE_LABELS

DRIFTED = ("出典・データ", "データの出典")


def test_no_module_spells_a_drifted_label():
    root = Path(desktop.__file__).parent
    found = [str(p.relative_to(root)) for p in root.rglob("*.py")
             if p.name != "vocabulary.py" and any(d in p.read_text(encoding="utf-8") for d in DRIFTED)]
    assert found == []


def test_the_data_source_reads_the_same_everywhere(survey):
    label = KPI_ATTRIBUTE_LABELS["data_source"]
    report = type("R", (), {"title_label": "施策名", "field_labels": (), "classification_field": None})()
    assert label in csv_writer.headers(report)
    assert label in xlsx_writer.KPI_EXTRA and form.LABEL_DATA_SOURCE == label
    assert history.KPI_ATTRIBUTE_LABELS["data_source"] == label == KPI_VALUE_LABELS["data_source"]
    assert f"「{label}」は" in str(ValueTooLong("data_source", 10, 11))
    assert (model.LABEL_MINISTRY, model.LABEL_BUREAU) == (SHEET_ATTRIBUTE_LABELS["ministry"],
                                                          SHEET_ATTRIBUTE_LABELS["bureau"])


def test_the_kpi_editor_shows_the_vocabulary_label(qtbot):
    from desktop.ui.kpi_editor import KpiRow
    from desktop.survey.sheet import KpiData

    row = KpiRow(KpiData(indicator="件数"), 2025, 1)
    qtbot.addWidget(row)
    assert row.captions["data_source"].text() == KPI_ATTRIBUTE_LABELS["data_source"]
