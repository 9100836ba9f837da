from pathlib import Path

import pytest

from desktop.survey.loader import load_survey
from desktop.survey.parts import Part
from desktop.survey.sheet import ItemData, MarkData, Status
from desktop.survey.validation import (
    Severity,
    TransitionRefused,
    check_transition,
    has_errors,
    validate_sheet,
)
from tests.factories import complete_sheet


def problems_of(survey, sheet, severity=None):
    found = validate_sheet(survey, sheet)
    return [p for p in found if severity is None or p.severity is severity]


def test_complete_sheet_has_no_problem(survey):
    assert validate_sheet(survey, complete_sheet(survey)) == []


@pytest.mark.parametrize("key", ["title", "content", "background", "outcome"])
def test_each_required_text_field_is_an_error_when_empty(survey, key):
    sheet = complete_sheet(survey)
    sheet.fields[key] = "   "
    errors = problems_of(survey, sheet, Severity.ERROR)
    assert [p.field for p in errors] == [key]
    assert survey.field(key).label in errors[0].message


def test_optional_fields_may_stay_empty(survey):
    sheet = complete_sheet(survey)
    sheet.fields.pop("issues", None)
    sheet.fields["disclosure"] = ""
    assert problems_of(survey, sheet) == []


def test_classification_must_be_chosen_from_the_list(survey):
    sheet = complete_sheet(survey, classification=None)
    assert [p.field for p in problems_of(survey, sheet, Severity.ERROR)] == ["classification"]
    sheet.classification = "P9-9"
    assert "一覧にない" in problems_of(survey, sheet, Severity.ERROR)[0].message


def test_item_needs_a_kpi_or_a_plan(survey):
    sheet = complete_sheet(survey)
    sheet.items = [ItemData(title="検討中の項目")]
    errors = problems_of(survey, sheet, Severity.ERROR)
    assert errors and errors[0].field == "kpi" and "今後の検討予定" in errors[0].message
    sheet.items[0].plan_text = "来年度にKPIを設定する。"
    assert problems_of(survey, sheet, Severity.ERROR) == []
    warnings = problems_of(survey, sheet, Severity.WARNING)
    assert [p.field for p in warnings] == ["kpi"] and "KPI未設定" in warnings[0].message


def test_no_items_at_all_is_an_error(survey):
    sheet = complete_sheet(survey, items=[])
    assert any(p.field == "kpi" and p.severity is Severity.ERROR for p in validate_sheet(survey, sheet))


def test_kpi_without_quantitative_target_is_a_warning(survey):
    sheet = complete_sheet(survey)
    kpi = sheet.items[0].kpis[0]
    kpi.unit = ""
    warnings = problems_of(survey, sheet, Severity.WARNING)
    assert len(warnings) == 1 and "定量的" in warnings[0].message
    kpi.unit, kpi.target_year = "件", None
    assert "目標年度" in problems_of(survey, sheet, Severity.WARNING)[0].message
    kpi.target_value, kpi.target_year = None, None
    assert "目標値が未設定" in problems_of(survey, sheet, Severity.WARNING)[0].message
    assert not has_errors(validate_sheet(survey, sheet))


def test_kpi_values_must_be_numbers_but_dash_means_not_applicable(survey):
    sheet = complete_sheet(survey)
    kpi = sheet.items[0].kpis[0]
    kpi.target_value = "たくさん"
    assert "数値ではありません" in problems_of(survey, sheet, Severity.ERROR)[0].message
    kpi.target_value = "１，０００"
    assert problems_of(survey, sheet, Severity.ERROR) == []
    kpi.baseline_value = "-"
    assert problems_of(survey, sheet, Severity.ERROR) == []


def test_actual_of_the_year_required_unless_explained(survey):
    sheet = complete_sheet(survey)
    kpi = sheet.items[0].kpis[0]
    kpi.actuals = {2024: "2"}  # last year only
    sheet.fields["results"] = ""
    errors = problems_of(survey, sheet, Severity.ERROR)
    assert [p.field for p in errors] == ["results"] and "当年度実績" in errors[0].message
    sheet.fields["results"] = "統計の公表が翌年度のため、実績値は次回報告する。"
    assert problems_of(survey, sheet, Severity.ERROR) == []
    assert any(p.field == "results" for p in problems_of(survey, sheet, Severity.WARNING))


def test_zero_and_dash_are_actual_values(survey):
    sheet = complete_sheet(survey)
    sheet.fields["results"] = ""
    for value in ("0", "-"):
        sheet.items[0].kpis[0].actuals = {2025: value}
        assert problems_of(survey, sheet, Severity.ERROR) == []


def test_mark_without_reason_is_an_error(survey):
    sheet = complete_sheet(survey, marks=[MarkData(reason=" ", part=Part.field("content"), start=0, end=2)])
    assert [p.field for p in problems_of(survey, sheet, Severity.ERROR)] == ["disclosure"]


def test_problems_follow_field_order(survey):
    sheet = complete_sheet(survey, classification=None, items=[])
    sheet.fields["background"] = ""
    assert [p.field for p in problems_of(survey, sheet, Severity.ERROR)] == ["classification", "background", "kpi"]


def test_submission_refused_while_errors_remain(survey):
    sheet = complete_sheet(survey)
    sheet.fields["outcome"] = ""
    with pytest.raises(TransitionRefused, match="提出済にできません"):
        check_transition(survey, sheet, Status.SUBMITTED)
    sheet.fields["outcome"] = "成果"
    check_transition(survey, sheet, Status.SUBMITTED)


def test_cycle_transitions(survey):
    sheet = complete_sheet(survey, status=Status.SUBMITTED)
    with pytest.raises(TransitionRefused, match="提出済.*下書き"):
        check_transition(survey, sheet, Status.DRAFT)
    check_transition(survey, sheet, Status.RETURNED)


def test_rules_follow_another_survey_definition():
    tiny = load_survey(Path(__file__).parent / "data" / "tiny_survey.toml")
    from desktop.survey.sheet import SheetData

    sheet = SheetData(survey_key=tiny.key, fiscal_year=2026, fields={"name": "とても長い事業の名前です"})
    found = validate_sheet(tiny, sheet)
    assert [(p.field, p.severity) for p in found] == [("name", Severity.ERROR)]
    assert "10文字以内" in found[0].message
    sheet.fields["name"] = "短い名前"
    assert validate_sheet(tiny, sheet) == []
