"""Concurrent edits never lose a mark: every mark of both sides survives the merge, whatever is chosen,
and edits of different KPIs (actuals, targets) merge without asking. Both engines (the repo fixture)."""

from __future__ import annotations

import copy

import pytest

from desktop.store.merge import Decision, Take, conflicts, merge, merge_marks
from desktop.store.repository import StaleSheetError
from desktop.survey.parts import Part
from desktop.survey.sheet import KpiData, MarkData, Release
from tests.factories import complete_sheet

SECRET = "Ω社との共同実証"
CONTENT = Part.field("content")


@pytest.fixture
def three(repo, survey):
    sheet = complete_sheet(survey)
    sheet.fields["content"] = f"国際指針を普及する。{SECRET}を行う。海外展開も進める。"
    sheet.items[0].kpis.append(KpiData(indicator="研修修了者数", unit="名", target_value="100", target_year=2027))
    base = repo.get_sheet(repo.create_sheet(sheet).id)
    return base, copy.deepcopy(base), copy.deepcopy(base)


def _span(text: str, passage: str) -> tuple[int, int]:
    at = text.index(passage)
    return at, at + len(passage)


def _marked(sheet) -> list[str]:
    return [sheet.text(m.part.key)[m.start:m.end] for m in sheet.marks
            if m.part.kind.value == "field" and m.start is not None and not m.unplaced]


def _save_theirs(repo, theirs):
    saved = repo.save_sheet(theirs, author="相手")
    return saved


def test_one_edits_a_field_while_the_other_marks_a_passage_in_it(repo, survey, three):
    base, mine, theirs = three
    a, b = _span(mine.text("content"), SECRET)
    mine.marks.append(MarkData(reason="企業名", part=CONTENT, start=a, end=b))
    theirs.fields["content"] = "冒頭に一文を加えた。" + theirs.text("content")
    theirs = _save_theirs(repo, theirs)
    with pytest.raises(StaleSheetError):
        repo.save_sheet(mine, author="私")
    assert conflicts(survey, base, mine, theirs) == []          # nothing to ask: both changes are kept
    saved = repo.save_sheet(merge(base, mine, theirs, {}, survey), author="私")
    assert saved.text("content").startswith("冒頭に一文を加えた。")
    assert _marked(saved) == [SECRET]


@pytest.mark.parametrize("take", [Take.MINE, Take.THEIRS])
def test_whatever_is_chosen_for_a_text_both_changed_the_marks_of_both_sides_stay(repo, survey, three, take):
    base, mine, theirs = three
    mine.fields["content"] = mine.text("content").replace("海外展開も進める。", "海外展開を加速する。")
    a, b = _span(mine.text("content"), SECRET)
    mine.marks.append(MarkData(reason="私の指定", part=CONTENT, start=a, end=b))
    theirs.fields["content"] = theirs.text("content").replace("海外展開も進める。", "海外展開は来年度。")
    a, b = _span(theirs.text("content"), "国際指針")
    theirs.marks.append(MarkData(reason="相手の指定", part=CONTENT, start=a, end=b))
    theirs = _save_theirs(repo, theirs)
    (conflict,) = conflicts(survey, base, mine, theirs)
    assert conflict.part == "field:content"
    assert [m.reason for m in conflict.mine_marks] == ["私の指定"]
    assert [m.reason for m in conflict.theirs_marks] == ["相手の指定"]     # the dialog shows both sides' marks
    decisions = {"field:content": Decision(take)}
    outcomes = merge_marks(survey, base, mine, theirs, decisions)
    assert sorted((o.reason, o.placed) for o in outcomes) == [("相手の指定", True), ("私の指定", True)]
    saved = repo.save_sheet(merge(base, mine, theirs, decisions, survey), author="私")
    assert sorted(_marked(saved)) == sorted([SECRET, "国際指針"])


def test_the_combined_proposal_keeps_every_mark(repo, survey, three):
    base, mine, theirs = three
    mine.fields["content"] = mine.text("content").replace("国際指針を普及する。", "国際指針を広く普及する。")
    a, b = _span(mine.text("content"), SECRET)
    mine.marks.append(MarkData(reason="企業名", part=CONTENT, start=a, end=b))
    theirs.fields["content"] = theirs.text("content").replace("海外展開も進める。", "海外展開も進める。以上。")
    theirs = _save_theirs(repo, theirs)
    (conflict,) = conflicts(survey, base, mine, theirs)
    assert conflict.combined is not None
    saved = repo.save_sheet(merge(base, mine, theirs, {"field:content": Decision(Take.EDITED, conflict.combined)},
                                  survey), author="私")
    assert saved.text("content") == conflict.combined and _marked(saved) == [SECRET]


def test_a_mark_whose_passage_the_chosen_text_lacks_is_kept_unplaced_and_its_text_withheld(repo, survey, three):
    base, mine, theirs = three
    mine.fields["content"] = mine.text("content") + "追記。"
    a, b = _span(mine.text("content"), SECRET)
    mine.marks.append(MarkData(reason="企業名", part=CONTENT, start=a, end=b))
    theirs.fields["content"] = "すべて書き直した内容。"
    theirs = _save_theirs(repo, theirs)
    decisions = {"field:content": Decision(Take.THEIRS)}
    [outcome] = merge_marks(survey, base, mine, theirs, decisions)
    assert not outcome.placed                                 # the dialog says so before saving
    saved = repo.save_sheet(merge(base, mine, theirs, decisions, survey), author="私")
    [mark] = saved.marks
    assert mark.unplaced and mark.text == SECRET and SECRET in {w.text for w in saved.withheld}


def test_a_kpi_mark_made_here_survives_taking_the_saved_version_of_the_items(repo, survey, three):
    base, mine, theirs = three
    kpi = mine.items[0].kpis[0]
    mine.marks.append(MarkData(reason="調整中", part=Part.kpi(kpi.key)))
    mine.items[0].title = "私の名称"
    theirs.items[0].title = "相手の名称"
    theirs = _save_theirs(repo, theirs)
    (conflict,) = conflicts(survey, base, mine, theirs)
    saved = repo.save_sheet(merge(base, mine, theirs, {conflict.part: Decision(Take.THEIRS)}, survey), author="私")
    assert saved.items[0].title == "相手の名称"
    assert [m.part for m in saved.marks] == [Part.kpi(kpi.key)] and not saved.marks[0].unplaced


def test_actuals_and_targets_of_different_kpis_merge_without_asking(repo, survey, three):
    base, mine, theirs = three
    first, second = mine.items[0].kpis[0], mine.items[0].kpis[1]
    first.actuals[2025] = "4"
    theirs.items[0].kpis[1].actuals[2025] = "80"
    theirs.items[0].kpis[1].target_value = "120"
    theirs = _save_theirs(repo, theirs)
    assert conflicts(survey, base, mine, theirs) == []
    saved = repo.save_sheet(merge(base, mine, theirs, {}, survey), author="私")
    by_key = {k.key: k for _i, k in saved.all_kpis()}
    assert by_key[first.key].actuals[2025] == "4"
    assert (by_key[second.key].actuals[2025], by_key[second.key].target_value) == ("80", "120")


def test_a_release_on_one_side_is_kept_and_recorded(repo, survey, three):
    base, mine, theirs = three
    a, b = _span(base.text("content"), SECRET)
    base.marks.append(MarkData(reason="企業名", part=CONTENT, start=a, end=b))
    stored = repo.save_sheet(base, author="作成者")
    base, mine, theirs = stored, copy.deepcopy(stored), copy.deepcopy(stored)
    mine.marks = []
    mine.releases = [Release(SECRET, "公表済みのため", str(CONTENT))]
    theirs.fields["background"] = "背景を書き足した。"
    theirs = _save_theirs(repo, theirs)
    saved = repo.save_sheet(merge(base, mine, theirs, {}, survey), author="私")
    assert saved.marks == [] and SECRET not in {w.text for w in saved.withheld}
    assert saved.text("background") == "背景を書き足した。"
