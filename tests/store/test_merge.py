"""Merging a stale copy with what was saved meanwhile: only true conflicts are asked, nothing is lost."""

from __future__ import annotations

import copy

import pytest

from desktop.store.merge import Decision, Take, conflicts, merge
from desktop.store.repository import StaleSheetError
from desktop.survey.parts import Part
from desktop.survey.sheet import CitationData, MarkData
from tests.factories import complete_sheet


@pytest.fixture
def three(repo, survey):
    """The stored sheet (base), my copy and their saved copy of it."""
    base = repo.get_sheet(repo.create_sheet(complete_sheet(survey)).id)
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    return base, mine, theirs


def test_parts_changed_on_one_side_merge_by_themselves(repo, survey, three):
    base, mine, theirs = three
    mine.fields["content"] = "私の内容"
    theirs.fields["background"] = "相手の背景"
    theirs.person = "担当 二郎"
    theirs = repo.save_sheet(theirs, author="相手")
    assert conflicts(survey, base, mine, theirs) == []
    saved = repo.save_sheet(merge(base, mine, theirs, {}), author="私")
    assert (saved.fields["content"], saved.fields["background"], saved.person) == ("私の内容", "相手の背景", "担当 二郎")


def test_a_field_both_changed_is_a_conflict_decided_by_the_person(repo, survey, three):
    base, mine, theirs = three
    mine.fields["content"] = "国際指針の普及を行う（私）。"
    mine.items[0].title = "私の実施項目"
    theirs.fields["content"] = "国際指針の展開を行う（相手）。"
    theirs.items[0].title = "相手の実施項目"
    theirs.fields["outcome"] = "相手の成果"
    theirs = repo.save_sheet(theirs, author="相手")
    with pytest.raises(StaleSheetError):
        repo.save_sheet(mine, author="私")
    found = {c.part: c for c in conflicts(survey, base, mine, theirs)}
    item_title = f"item:{base.items[0].key}:title"
    assert set(found) == {"field:content", item_title}
    assert found["field:content"].mine == "国際指針の普及を行う（私）。"
    assert found["field:content"].theirs == "国際指針の展開を行う（相手）。"
    assert found["field:content"].editable and found[item_title].editable
    assert found["field:content"].path == ("text", "content")
    merged = merge(base, mine, theirs, {"field:content": Decision(Take.EDITED, "国際指針の普及と展開を行う。"),
                                        item_title: Decision(Take.THEIRS)})
    saved = repo.save_sheet(merged, author="私")
    assert saved.fields["content"] == "国際指針の普及と展開を行う。"
    assert saved.fields["outcome"] == "相手の成果"
    assert saved.items[0].title == "相手の実施項目"


def test_taking_mine_keeps_my_marks_and_citations_moved_with_an_edited_text(repo, survey, three):
    base, mine, theirs = three
    mine.fields["content"] = "前置き。秘密の計画を行う。"
    mine.marks.append(MarkData(reason="調整中", part=Part.field("content"), start=4, end=9))
    mine.citations.append(CitationData(field_key="content", passage_id=None, quoted_text="引用", position=4))
    theirs.fields["content"] = "相手の文。"
    theirs = repo.save_sheet(theirs, author="相手")
    merged = merge(base, mine, theirs, {"field:content": Decision(Take.EDITED, "新しい前置き。秘密の計画を行う。相手の文。")})
    saved = repo.save_sheet(merged, author="私")
    (mark,) = [m for m in saved.marks if m.field_key == "content"]
    assert saved.fields["content"][mark.start:mark.end] == "秘密の計画"
    (cite,) = [c for c in saved.citations if c.field_key == "content"]
    assert cite.position == len("新しい前置き。")


def test_changes_in_different_places_of_one_text_are_offered_combined(survey, three):
    base, mine, theirs = three
    base.fields["content"] = "第一文。第二文。第三文。"
    mine.fields["content"] = "第一文。第二文を直した。第三文。"
    theirs.fields["content"] = "第一文。第二文。第三文。第四文を足した。"
    theirs.version += 1
    (conflict,) = conflicts(survey, base, mine, theirs)
    assert conflict.combined == "第一文。第二文を直した。第三文。第四文を足した。"
    theirs.fields["content"] = "第一文。第二文は相手が直した。第三文。"
    (conflict,) = conflicts(survey, base, mine, theirs)
    assert conflict.combined is None   # both changed the same sentence: the person writes it
