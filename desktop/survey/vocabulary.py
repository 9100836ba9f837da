"""The one spelling of every label of a sheet's and a KPI's attributes that are not survey fields.

Survey fields (施策名, 施策内容 …) are labelled by the survey definition;
everything else a sheet or a KPI holds (府省庁, 担当者, 指標の出典 …) is
labelled here, and every screen, writer, form, history and message takes the
label from here. Before, each module spelled its own and they drifted (a
KPI's data source was 「出典・データ」, 「指標の出典」 or 「データの出典」
depending on the screen).
"""

from __future__ import annotations

# Sheet attributes (SheetData) that are not survey fields.
SHEET_ATTRIBUTE_LABELS = {
    "sheet": "施策シートの作成",
    "status": "状態",
    "fiscal_year": "年度",
    "ministry": "府省庁",
    "bureau": "担当部局・課室",
    "person": "担当者",
    "contact": "連絡先",
    "is_sample": "サンプル",
    "predecessor_id": "前年度の施策シート",
    "deleted": "削除",
    "survey_version": "調査票の版",
}

# KPI attributes (KpiData).
KPI_ATTRIBUTE_LABELS = {
    "indicator": "指標",
    "unit": "単位",
    "kind": "指標の種類",
    "horizon": "期間",
    "quantitative": "定量・定性",
    "direction": "目標の方向",
    "qualifier": "目標値の限定",
    "target_kind": "目標値の種類",
    "baseline_value": "基準値",
    "baseline_year": "基準年度",
    "target_value": "目標値",
    "target_year": "目標年度",
    "data_source": "指標の出典",
    "source_text": "調査票の記載",
    "actual": "実績値",
    "position": "順序",
}

# The short headers of KPI columns in tables (the survey form, the Excel report), where the full
# label would not fit; the form's import recognises a column by them, so they never change.
KPI_COLUMN_LABELS = KPI_ATTRIBUTE_LABELS | {"kind": "種類", "direction": "方向"}

# 実施項目 attributes (ItemData).
ITEM_ATTRIBUTE_LABELS = {"title": "名称", "plan_text": "今後の検討予定", "position": "順序"}


def sheet_label(attribute: str) -> str:
    return SHEET_ATTRIBUTE_LABELS[attribute]


def kpi_label(attribute: str) -> str:
    return KPI_ATTRIBUTE_LABELS[attribute]


__all__ = ["ITEM_ATTRIBUTE_LABELS", "KPI_ATTRIBUTE_LABELS", "KPI_COLUMN_LABELS", "SHEET_ATTRIBUTE_LABELS", "kpi_label", "sheet_label"]
