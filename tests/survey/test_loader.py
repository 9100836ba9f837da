from pathlib import Path

import pytest

from desktop.survey.definition import FieldKind
from desktop.survey.loader import SurveyDefinitionError, load_survey

DATA = Path(__file__).parent / "data"


def test_default_survey_has_the_nine_fields_of_the_format_in_order(survey):
    assert [f.label for f in survey.fields] == [
        "施策分類", "施策名", "施策内容", "施策が必要となる背景", "目指す成果（定性的に記述）",
        "実施項目・KPI", "当年度の実績", "進捗における課題と解決の方向性（計画）", "公開範囲に関する希望"]
    assert [f.requirement_label for f in survey.fields] == ["必須"] * 7 + ["任意"] * 2


def test_default_survey_guidance_is_verbatim(survey):
    assert survey.field("background").guidance == (
        "施策を実施する理由となる背景を記載（国内の状況・課題、海外の動向等）",)
    assert survey.field("kpi").guidance[1] == "KPIは可能な限り定量的に記載。未設定の場合は今後の検討予定を記載"
    assert survey.field("kpi").kind is FieldKind.KPI_ITEMS


def test_default_survey_classification_and_areas(survey):
    assert [g.label for g in survey.classification_groups] == [
        "ポイント① 国際標準の担い手の強化", "ポイント② 戦略領域・重要領域", "ポイント③ 経済安全保障"]
    assert len(survey.classification_groups[0].choices) == 4
    tiers = {t.label: [a.label for a in t.areas] for t in survey.area_tiers}
    assert len(tiers["戦略領域"]) == 8 and len(tiers["重要領域"]) == 9
    assert "量子" in tiers["戦略領域"] and "フュージョン" in tiers["重要領域"]
    assert survey.classification_display("P1-2") == "ポイント① 国際標準の担い手の強化 / 専門人材・サービス"


def test_second_survey_file_loads_with_its_own_labels():
    tiny = load_survey(DATA / "tiny_survey.toml")
    assert tiny.title_field == "name"
    assert [f.label for f in tiny.fields] == ["事業名", "区分", "備考"]
    assert tiny.public_placeholder == "［不開示］"
    assert tiny.first_field_of_kind(FieldKind.KPI_ITEMS) is None


def _write(tmp_path, text):
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = (DATA / "tiny_survey.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("mutation, key, problem", [
    (lambda t: t.replace('key = "tiny-test"\n', ""), "survey.key", "必須のキー"),
    (lambda t: t.replace('kind = "text"\nmax_length', 'kind = "essay"\nmax_length'), "field[0].kind", "essay"),
    (lambda t: t.replace("required = true", 'required = "yes"'), "field[0].required", "true または false"),
    (lambda t: t.replace("max_length = 10", "max_length = -3"), "field[0].max_length", "正の整数"),
    (lambda t: t.replace('guidance = ["事業の名称を書く"]', "guidance = []"), "field[0].guidance", "1つ以上"),
    (lambda t: t.replace('title_field = "name"', 'title_field = "nothing"'), "survey.title_field", "nothing"),
    (lambda t: t.replace('key = "memo"', 'key = "name"'), "field", "重複"),
    (lambda t: t.replace('code = "A-1"', 'code = "A"'), "classification", "重複"),
    (lambda t: t.replace('guidance = ["事業の名称を書く"]', 'guidance = ["事業の名称を書く"]\naliases = "名称"'),
     "field[0].aliases", "文字列の配列"),
    (lambda t: t + '\n[column_aliases]\nministry = ["府省庁名", ""]\n', "column_aliases.ministry", "空でない文字列"),
])
def test_broken_file_names_file_key_and_problem(tmp_path, mutation, key, problem):
    path = _write(tmp_path, mutation(GOOD))
    with pytest.raises(SurveyDefinitionError) as info:
        load_survey(path)
    assert info.value.key == key
    assert problem in info.value.problem
    assert str(path) in str(info.value)


def test_invalid_toml_and_missing_file(tmp_path):
    with pytest.raises(SurveyDefinitionError, match="TOML"):
        load_survey(_write(tmp_path, "[survey\nkey="))
    with pytest.raises(SurveyDefinitionError, match="読み込めません"):
        load_survey(tmp_path / "missing.toml")
    bad = tmp_path / "sjis.toml"
    bad.write_bytes("[survey]\nkey = \"調査\"\n".encode("cp932"))
    with pytest.raises(SurveyDefinitionError, match="UTF-8"):
        load_survey(bad)


def test_what_carries_to_next_year_is_read_from_the_definition(survey, tmp_path):
    assert [f.key for f in survey.fields if not survey.carries(f.key)] == ["results"]
    assert survey.carries(None) and survey.carries("no_such_field")   # unknown content is never dropped
    custom = load_survey(_write(tmp_path, GOOD.replace('key = "memo"', 'key = "memo"\ncarry_over = false')))
    assert not custom.carries("memo") and custom.carries("name")


def test_accepted_labels_of_columns_come_from_the_definition(survey, tmp_path):
    assert "府省庁名" in survey.aliases("ministry") and "担当課室" in survey.aliases("bureau")
    assert "KPI" in survey.aliases("kpi") and survey.aliases("nothing") == ()
    custom = load_survey(_write(tmp_path, GOOD.replace('guidance = ["事業の名称を書く"]',
                                                       'guidance = ["事業の名称を書く"]\naliases = ["名称", "取組名"]')
                                + '\n[column_aliases]\nbureau = ["担当係"]\n'))
    assert custom.aliases("name") == ("名称", "取組名") and custom.aliases("bureau") == ("担当係",)
