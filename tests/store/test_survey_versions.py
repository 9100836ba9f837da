"""Survey definitions stored with the sheets, in versions; a sheet records the version it was filled in."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from desktop.store.database import open_database
from desktop.store.models import Sheet
from desktop.store.repository import Repository, SheetFilter
from desktop.store.surveys import SurveyCatalog, SurveyNotFound
from desktop.survey.definition import FieldDef
from desktop.survey.definition_data import definition_to_json
from desktop.survey.loader import default_survey
from tests.factories import complete_sheet
from tests.store.make_fixtures import make_fixture


def revised(survey, key=None, title=None):
    """The survey with 施策内容 renamed to summary (its 旧名 content) and a new field 協力機関."""
    fields = tuple(dataclasses.replace(f, key="summary", label="施策の概要", previous_keys=("content",))
                   if f.key == "content" else f for f in survey.fields)
    fields += (FieldDef(key="partners", label="協力機関", required=False, kind=fields[1].kind,
                        guidance=("連携する機関を記載",)),)
    return dataclasses.replace(survey, key=key or survey.key, title=title or survey.title, fields=fields)


@pytest.fixture
def old_target(request, db_backend, tmp_path):
    """A database of revision 0008 (before definitions were stored) with the fixture's sheets."""
    if db_backend == "sqlite":
        target = str(tmp_path / "old.db")
    else:
        target = request.getfixturevalue("pg_server").url(request.getfixturevalue("pg_database")())
    make_fixture(target, "0008")
    return target


def test_existing_sheets_get_the_shipped_definition_as_version_1(old_target):
    db = open_database(old_target)
    try:
        [info] = SurveyCatalog(db).surveys()
        assert (info.key, [(v.version, v.origin) for v in info.versions]) == (default_survey().key, [(1, "shipped")])
        assert info.versions[0].sheets == Repository(db).count_sheets(SheetFilter(include_deleted=True)) > 0
        stored = SurveyCatalog(db).definition(info.key)
        assert stored == default_survey() and stored.version == 1
        assert definition_to_json(stored) == definition_to_json(default_survey())
        with db.sessions() as s:
            assert set(s.scalars(select(Sheet.survey_version))) == {1}
        assert {s.survey_version for s in Repository(db).load_sheets()} == {1}
    finally:
        db.close()


def test_a_revised_definition_is_the_next_version_and_old_sheets_keep_theirs(db, survey):
    repo = Repository(db)
    old = repo.create_sheet(complete_sheet(survey))
    assert old.survey_version == 1
    catalog = SurveyCatalog(db)
    added = catalog.add(revised(survey), "事務局")
    assert (added.version, added.created) == (2, True)
    assert catalog.add(revised(survey), "事務局").created is False        # the same content: no version 3
    newer = Repository(db)                      # a new window or command works in the latest version
    assert newer.survey.version == 2 and newer.survey.has_field("partners")
    made = newer.create_sheet(complete_sheet(newer.survey, fields={"title": "新しい施策", "summary": "概要"}))
    assert newer.get_sheet(made.id).survey_version == 2
    assert newer.get_sheet(old.id).survey_version == 1
    assert newer.sheet_definition(newer.get_sheet(old.id)).has_field("content")
    assert not newer.sheet_definition(newer.get_sheet(made.id)).has_field("content")
    [info] = catalog.surveys()
    assert [(v.version, v.sheets, v.created_by) for v in info.versions] == [(1, 1, ""), (2, 1, "事務局")]
    assert catalog.definition(survey.key, 1) == survey
    with pytest.raises(SurveyNotFound, match="第3版が見つかりません"):
        catalog.definition(survey.key, 3)


def test_one_database_holds_two_surveys(db, survey):
    other = revised(survey, key="other-followup", title="別の戦略 フォローアップ調査票")
    catalog = SurveyCatalog(db)
    assert catalog.add(other, "事務局").version == 1
    Repository(db).create_sheet(complete_sheet(survey))
    repo = Repository(db, catalog.definition("other-followup"))
    repo.create_sheet(complete_sheet(repo.survey, survey_key="other-followup",
                                     fields={"title": "別の施策", "summary": "概要"}))
    assert [(i.key, i.latest, i.versions[0].sheets) for i in catalog.surveys()] == [
        (survey.key, 1, 1), ("other-followup", 1, 1)]
    assert [r.title for r in repo.list_sheets(SheetFilter(survey_key="other-followup"))] == ["別の施策"]
    assert catalog.keys() == [survey.key, "other-followup"]
    with pytest.raises(SurveyNotFound, match="調査票「nothing」が見つかりません"):
        catalog.definition("nothing")
