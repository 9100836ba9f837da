"""[sharing] of the survey definition: read from TOML, kept through the stored JSON and the workbook."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.reports.definition_workbook import read_definition_workbook, write_definition_workbook
from desktop.survey.definition import Sharing
from desktop.survey.definition_data import content_hash, definition_from_json, definition_to_data, definition_to_json
from desktop.survey.loader import SurveyDefinitionError, parse_survey
from desktop.survey.sheet import Status

SHARED = Sharing(Status.ACCEPTED, "他府省庁の施策シート（公開部分）", ("確定した他府省庁のシートの公開部分です。",))


def _with(survey, table):
    data = definition_to_data(survey)
    data["sharing"] = table
    return parse_survey("test.toml", data)


def test_the_shipped_survey_shares_nothing_and_its_stored_form_is_unchanged(survey):
    assert survey.sharing == Sharing() and not survey.sharing.enabled
    assert "sharing" not in definition_to_data(survey)    # stored definitions keep their content hash


def test_sharing_accepted_sheets_is_read_with_the_views_words(survey):
    shared = _with(survey, {"public_parts": "accepted", "label": SHARED.label, "guidance": list(SHARED.guidance)})
    assert shared.sharing == SHARED
    back = definition_from_json(definition_to_json(shared), "db")
    assert back == shared and back.sharing == SHARED
    assert content_hash(back) != content_hash(survey)
    assert _with(survey, {"public_parts": "off"}).sharing == Sharing()


@pytest.mark.parametrize("table, problem", [
    ({"public_parts": "draft", "label": "x", "guidance": ["y"]}, "内容を変更できない状態ではありません"),
    ({"public_parts": "published", "label": "x", "guidance": ["y"]}, "使えません"),
    ({"public_parts": "accepted", "guidance": ["y"]}, "必須のキーがありません"),
    ({"public_parts": "accepted", "label": "x"}, "文字列の配列"),
])
def test_a_wrong_sharing_setting_is_refused_with_its_key(survey, table, problem):
    with pytest.raises(SurveyDefinitionError, match=problem) as refused:
        _with(survey, table)
    assert refused.value.key.startswith("sharing.")


def test_the_setting_survives_the_definition_workbook(tmp_path, survey):
    shared = replace(survey, sharing=SHARED)
    back = read_definition_workbook(write_definition_workbook(shared, tmp_path / "定義.xlsx"))
    assert back.sharing == SHARED and definition_to_json(back) == definition_to_json(shared)
    plain = read_definition_workbook(write_definition_workbook(survey, tmp_path / "定義なし.xlsx"))
    assert plain.sharing == Sharing() and definition_to_json(plain) == definition_to_json(survey)
