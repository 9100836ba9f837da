"""The review cycle in the database: who may move a sheet where, reasons, history, comments, 施策番号.

Runs on SQLite and PostgreSQL (tests/store/conftest.py).
"""

import pytest

from desktop.store.review import (
    ReviewError,
    add_comment,
    change_status,
    comments,
    evaluation,
    last_return,
    measure_numbers,
    open_comments,
    set_evaluation,
    set_resolved,
    status_history,
)
from desktop.survey.review import MINISTRY, SECRETARIAT
from desktop.survey.sheet import Status, StatusNote
from tests.factories import complete_sheet


@pytest.fixture
def sheet(repo, survey):
    return repo.create_sheet(complete_sheet(survey), author="作成者")


def test_a_ministry_submits_and_only_the_secretariat_accepts(repo, sheet):
    submitted = change_status(repo, sheet.id, Status.SUBMITTED, role=MINISTRY, actor="府省 花子")
    assert submitted.status is Status.SUBMITTED
    with pytest.raises(ReviewError, match="事務局が行います"):
        change_status(repo, sheet.id, Status.ACCEPTED, role=MINISTRY, actor="府省 花子")
    assert repo.get_sheet(sheet.id).status is Status.SUBMITTED
    accepted = change_status(repo, sheet.id, Status.ACCEPTED, role=SECRETARIAT, actor="事務局 太郎")
    assert accepted.status is Status.ACCEPTED


def test_the_secretariat_cannot_submit_for_a_ministry(repo, sheet):
    with pytest.raises(ReviewError, match="府省庁が行います"):
        change_status(repo, sheet.id, Status.SUBMITTED, role=SECRETARIAT)
    with pytest.raises(ReviewError, match="には変更できません"):
        change_status(repo, sheet.id, Status.ACCEPTED, role=SECRETARIAT)   # a draft is never accepted


def test_returning_needs_a_reason_and_the_history_keeps_it(repo, sheet):
    change_status(repo, sheet.id, Status.SUBMITTED, role=MINISTRY, actor="府省 花子")
    with pytest.raises(ReviewError, match="理由を入力"):
        change_status(repo, sheet.id, Status.RETURNED, role=SECRETARIAT, reason="  ")
    assert repo.get_sheet(sheet.id).status is Status.SUBMITTED
    change_status(repo, sheet.id, Status.RETURNED, role=SECRETARIAT, reason="KPIの目標年度を記載してください。",
                  actor="事務局 太郎")
    history = status_history(repo, sheet.id)
    assert [(h.from_status, h.to_status) for h in history] == [
        (None, Status.DRAFT), (Status.DRAFT, Status.SUBMITTED), (Status.SUBMITTED, Status.RETURNED)]
    assert (history[1].actor, history[1].role) == ("府省 花子", MINISTRY)
    assert (history[2].actor, history[2].role, history[2].reason) == (
        "事務局 太郎", SECRETARIAT, "KPIの目標年度を記載してください。")
    assert history[2].at >= history[1].at
    assert last_return(repo, sheet.id).reason == "KPIの目標年度を記載してください。"


def test_an_edit_that_changes_the_status_is_in_the_history_too(repo, sheet):
    sheet.status = Status.REVIEW
    sheet.status_note = StatusNote(role=MINISTRY)
    repo.save_sheet(sheet, author="府省 花子")
    assert [(h.to_status, h.actor) for h in status_history(repo, sheet.id)][-1] == (Status.REVIEW, "府省 花子")


def test_submitting_a_sheet_with_errors_is_refused(repo, survey):
    broken = repo.create_sheet(complete_sheet(survey, fields={"title": "未完成"}))
    with pytest.raises(ReviewError, match="提出済にできません"):
        change_status(repo, broken.id, Status.SUBMITTED, role=MINISTRY)
    assert len(status_history(repo, broken.id)) == 1


def test_comments_thread_reply_and_resolve(repo, sheet):
    first = add_comment(repo, sheet.id, "field:content", "根拠を追記してください。", quote="普及・展開",
                        author="事務局 太郎", role=SECRETARIAT)
    reply = add_comment(repo, sheet.id, "", "追記しました。", parent_id=first.id, author="府省 花子", role=MINISTRY)
    assert reply.part == "field:content" and reply.parent_id == first.id
    assert [c.body for c in comments(repo, sheet.id)] == ["根拠を追記してください。", "追記しました。"]
    assert [c.id for c in open_comments(repo, sheet.id)] == [first.id]
    set_resolved(repo, reply.id, True, author="事務局 太郎")
    assert open_comments(repo, sheet.id) == []
    resolved = comments(repo, sheet.id)[0]
    assert resolved.resolved and resolved.resolved_by == "事務局 太郎"
    # a comment does not make an open copy of the sheet stale
    assert repo.get_sheet(sheet.id).version == sheet.version
    with pytest.raises(ReviewError):
        add_comment(repo, sheet.id, "field:content", "   ")


def test_the_evaluation_is_the_secretariats_on_the_surveys_scale(repo, sheet):
    with pytest.raises(ReviewError, match="事務局が記録"):
        set_evaluation(repo, sheet.id, "順調", role=MINISTRY)
    with pytest.raises(ReviewError, match="選べません"):
        set_evaluation(repo, sheet.id, "たいへん順調", role=SECRETARIAT)
    set_evaluation(repo, sheet.id, "概ね順調", "KPIの一部に遅れ。", role=SECRETARIAT, author="事務局 太郎")
    set_evaluation(repo, sheet.id, "遅れ", "再点検の結果。", role=SECRETARIAT, author="事務局 太郎")
    row = evaluation(repo, sheet.id)
    assert (row.grade, row.comment, row.author) == ("遅れ", "再点検の結果。", "事務局 太郎")


def test_measure_numbers_are_assigned_once_in_the_defined_order(repo, survey):
    later_class = survey.choices[-1].code
    a = repo.create_sheet(complete_sheet(survey, classification=later_class, ministry="総務省"))
    b = repo.create_sheet(complete_sheet(survey, ministry="経済産業省"))
    c = repo.create_sheet(complete_sheet(survey, ministry="内閣府"))
    first = measure_numbers(repo, {2025})
    # 施策分類 in the survey's order, then 府省庁 in its order (内閣府 before 経済産業省)
    assert [first[c.id], first[b.id], first[a.id]] == [1, 2, 3]
    d = repo.create_sheet(complete_sheet(survey, ministry="内閣府"))
    repo.set_deleted(c.id, True)
    again = measure_numbers(repo, {2025})
    assert again[c.id] == 1 and again[a.id] == 3 and again[d.id] == 4   # kept, never reused, appended


# -- what a status freezes, checked where every save passes -----------------------------------

def _accepted(repo, sheet):
    change_status(repo, sheet.id, Status.SUBMITTED, role=MINISTRY)
    return change_status(repo, sheet.id, Status.ACCEPTED, role=SECRETARIAT)


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ACCEPTED])
def test_what_was_submitted_or_accepted_cannot_be_edited_until_returned(repo, sheet, status):
    from desktop.survey.review import ContentLocked

    frozen = change_status(repo, sheet.id, Status.SUBMITTED, role=MINISTRY)
    if status is Status.ACCEPTED:
        frozen = change_status(repo, sheet.id, Status.ACCEPTED, role=SECRETARIAT)
    for edit in (lambda s: s.fields.__setitem__("content", "確定後に書き換えた内容"),
                 lambda s: s.items[0].kpis[0].actuals.__setitem__(2025, "99"),
                 lambda s: setattr(s, "bureau", "別の課")):
        changed = repo.get_sheet(sheet.id)
        edit(changed)
        with pytest.raises(ContentLocked, match=f"「{status.label}」のため、内容を変更できません"):
            repo.save_sheet(changed)
    stored = repo.get_sheet(sheet.id)
    assert (stored.version, stored.text("content"), stored.bureau) == (frozen.version, frozen.text("content"),
                                                                        frozen.bureau)
    # Returned, the ministry edits it again.
    change_status(repo, sheet.id, Status.RETURNED, role=SECRETARIAT, reason="KPIの出典を記載してください。")
    returned = repo.get_sheet(sheet.id)
    returned.fields["content"] = "差戻し後に直した内容"
    assert repo.save_sheet(returned).text("content") == "差戻し後に直した内容"


def test_more_may_be_withheld_on_an_accepted_sheet_but_nothing_else_changes(repo, sheet):
    from desktop.survey.parts import Part
    from desktop.survey.sheet import MarkData

    accepted = _accepted(repo, sheet)
    text = accepted.text("content")
    marked = repo.get_sheet(sheet.id)
    marked.marks.append(MarkData(reason="交渉中のため", part=Part.field("content"), start=0, end=len(text), text=text))
    saved = repo.save_sheet(marked)
    assert [m.text for m in saved.marks] == [text] and saved.status is Status.ACCEPTED


def test_a_status_move_saved_directly_is_checked_against_the_cycle(repo, sheet):
    from desktop.survey.review import MoveRefused

    accepted = _accepted(repo, sheet)
    for target, note, match in ((Status.DRAFT, StatusNote(role=MINISTRY), "には変更できません"),
                                (Status.RETURNED, StatusNote(role=MINISTRY, reason="理由"), "事務局が行います"),
                                (Status.RETURNED, StatusNote(role=SECRETARIAT), "理由を入力"),
                                (Status.RETURNED, None, "未設定")):
        moved = repo.get_sheet(sheet.id)
        moved.status, moved.status_note = target, note
        with pytest.raises(MoveRefused, match=match):
            repo.save_sheet(moved)
    assert repo.get_sheet(sheet.id).version == accepted.version
    assert status_history(repo, sheet.id)[-1].to_status is Status.ACCEPTED
