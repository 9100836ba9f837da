"""府省庁: the survey's list, its order, and names typed with stray spaces."""

import pytest

from desktop.survey.loader import SurveyDefinitionError, default_survey, load_survey
from desktop.survey.ministries import clean_ministry, ministry_choices, ordered_ministries
from desktop.store.repository import SheetFilter
from tests.factories import complete_sheet


def test_the_survey_lists_ministries_in_the_governments_order():
    listed = default_survey().ministries
    main = ["内閣官房", "内閣府", "デジタル庁", "復興庁", "総務省", "法務省", "外務省", "財務省", "文部科学省",
            "厚生労働省", "農林水産省", "経済産業省", "国土交通省", "環境省", "防衛省"]
    assert [m for m in listed if m in main] == main
    # agencies sit with their ministry: 警察庁・金融庁・消費者庁・こども家庭庁 under 内閣府, 特許庁 under 経産省
    for agency, after, before in (("警察庁", "内閣府", "デジタル庁"), ("金融庁", "内閣府", "デジタル庁"),
                                  ("消費者庁", "内閣府", "デジタル庁"), ("こども家庭庁", "内閣府", "デジタル庁"),
                                  ("特許庁", "経済産業省", "国土交通省")):
        assert listed.index(after) < listed.index(agency) < listed.index(before), agency


def test_names_off_the_list_come_after_it_in_unicode_order():
    listed = ("内閣府", "総務省", "経済産業省")
    used = ["経済産業省", "総務庁", "総務省 ", "", "原子力委員会", "総務省"]
    assert ordered_ministries(listed, used) == ["総務省", "経済産業省", "原子力委員会", "総務庁"]
    assert ministry_choices(listed, ["総務庁"]) == ["内閣府", "総務省", "経済産業省", "総務庁"]


def test_surrounding_whitespace_is_trimmed_full_width_too():
    assert clean_ministry("\u3000総務省 ") == "総務省"
    assert clean_ministry(None) == ""


def test_a_repeated_ministry_in_the_definition_is_refused(tmp_path):
    text = open(default_survey().path, encoding="utf-8").read()
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace('"内閣法制局",', '"内閣法制局", "総務省",', 1), encoding="utf-8")
    with pytest.raises(SurveyDefinitionError) as refused:
        load_survey(broken)
    assert "総務省" in str(refused.value) and "ministries" in str(refused.value)


def test_the_store_trims_the_ministry_so_filters_do_not_split(repo, survey):
    a = repo.create_sheet(complete_sheet(survey, ministry="総務省 "))
    repo.create_sheet(complete_sheet(survey, ministry="\u3000総務省"))
    assert repo.ministries() == ["総務省"]
    assert repo.count_sheets(SheetFilter(ministry="総務省")) == 2
    again = repo.get_sheet(a.id)
    before = len(repo.revisions(a.id))
    repo.save_sheet(again)            # saving the trimmed value again records nothing
    assert len(repo.revisions(a.id)) == before
