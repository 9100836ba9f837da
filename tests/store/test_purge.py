"""The trash: listing deleted sheets, purging them for good, and the register that outlives a purge."""

import pytest
from sqlalchemy import func, select

from desktop.app.disclosure import withheld_elsewhere
from desktop.store.models import Citation, Item, Mark, Revision, Sheet, SheetField, WithheldEntry
from desktop.store.repository import PURGED_OWNER, NotInTrash, SheetFilter, SheetNotFound
from desktop.survey.parts import Part
from desktop.survey.sheet import MarkData
from tests.factories import complete_sheet


def _sheet(survey, title: str, **overrides):
    sheet = complete_sheet(survey, **overrides)
    sheet.fields["title"] = title
    sheet.fields["background"] = f"{title}の背景"
    return sheet


def _count(repo, model, **where) -> int:
    with repo.db.sessions() as s:
        query = select(func.count()).select_from(model)
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        return s.scalar(query)


def test_trash_lists_deleted_sheets_newest_first(repo, survey):
    a = repo.create_sheet(_sheet(survey, "施策A"))
    b = repo.create_sheet(_sheet(survey, "施策B"))
    repo.create_sheet(_sheet(survey, "残る施策"))
    repo.set_deleted(a.id, True)
    repo.set_deleted(b.id, True)
    rows = repo.trashed_sheets(survey.key)
    assert [r.title for r in rows] == ["施策B", "施策A"]
    assert rows[0].deleted_at is not None and rows[0].ministry == b.ministry
    repo.set_deleted(a.id, False)
    assert [r.title for r in repo.trashed_sheets()] == ["施策B"]


def test_purge_removes_every_row_of_the_sheet(repo, survey):
    saved = repo.create_sheet(_sheet(survey, "消す施策"))
    kept = repo.create_sheet(_sheet(survey, "残す施策"))
    repo.set_deleted(saved.id, True)
    assert repo.purge_sheets([saved.id]) == 1
    with pytest.raises(SheetNotFound):
        repo.get_sheet(saved.id)
    for model in (SheetField, Item, Mark, Citation, Revision):
        assert _count(repo, model, sheet_id=saved.id) == 0, model.__name__
    assert _count(repo, Sheet) == 1
    assert repo.get_sheet(kept.id).fields["title"] == "残す施策"
    assert repo.trashed_sheets() == []
    # text search finds only the sheet that is left
    assert repo.sheet_ids(SheetFilter(text="残す施策の背景", include_deleted=True)) == [kept.id]
    assert repo.sheet_ids(SheetFilter(text="消す施策の背景", include_deleted=True)) == []


def test_purge_refuses_a_sheet_not_in_the_trash(repo, survey):
    live = repo.create_sheet(complete_sheet(survey))
    trashed = repo.create_sheet(complete_sheet(survey))
    repo.set_deleted(trashed.id, True)
    with pytest.raises(NotInTrash) as refused:
        repo.purge_sheets([trashed.id, live.id])
    assert "ごみ箱にない" in str(refused.value)
    # all or nothing: the trashed one is still there too
    assert repo.get_sheet(trashed.id).id == trashed.id
    assert repo.get_sheet(live.id).id == live.id


def test_purged_sheets_register_still_protects_copies_elsewhere(repo, survey):
    """A passage withheld in a purged sheet stays withheld: check-public still looks for it."""
    sheet = _sheet(survey, "非公開のある施策",
                   marks=[MarkData(reason="交渉中", part=Part.field("content"), start=0, end=4)])
    saved = repo.create_sheet(sheet)
    withheld = saved.fields["content"][0:4]
    repo.set_deleted(saved.id, True)
    assert repo.trashed_sheets()[0].withheld == 1
    repo.purge_sheets([saved.id])
    assert _count(repo, WithheldEntry, lineage=saved.lineage) == 1
    owners = [(text, owner.sheet_title) for text, owner in withheld_elsewhere(repo)]
    assert (withheld, PURGED_OWNER) in owners
