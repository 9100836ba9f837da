"""Revisions grow with what changed, not with the field's size; history, diffs and restore read the same."""

from __future__ import annotations

from sqlalchemy import func, select

from desktop.store.history import diff_versions, field_versions, restore_field, value_at
from desktop.store.models import Revision
from tests.factories import complete_sheet

LONG = "国際標準化の取組を進める。" * 2300          # about 30,000 characters


def _stored_characters(repo, sheet_id) -> int:
    with repo.db.sessions() as s:
        size = (func.coalesce(func.length(Revision.delta), 0) + func.coalesce(func.length(Revision.old_value), 0)
                + func.coalesce(func.length(Revision.new_value), 0))
        return s.scalar(select(func.sum(size)).where(Revision.sheet_id == sheet_id,
                                                     Revision.field == "field:content")) or 0


def test_small_edits_of_a_long_field_store_small_revisions_and_read_back_exactly(repo, survey):
    sheet = complete_sheet(survey)
    sheet.fields["content"] = LONG
    sheet = repo.create_sheet(sheet)
    texts = [LONG]
    for n in range(20):                         # twenty autosaves of a few typed characters each
        text = texts[-1]
        at = (n * 1511) % len(text)
        sheet.fields["content"] = text[:at] + f"追記{n}" + text[at:]
        sheet = repo.save_sheet(sheet, author="担当")
        texts.append(sheet.fields["content"])
    stored = _stored_characters(repo, sheet.id)
    assert stored < 20 * 60                     # a few dozen characters per save, not 2 x 30,000
    versions = field_versions(repo, sheet.id, "field:content")
    assert [v.value for v in versions] == texts
    changes = [r for r in repo.revisions(sheet.id) if r.field == "field:content"]
    assert [(r.old_value, r.new_value) for r in changes] == list(zip(texts, texts[1:]))
    middle = changes[9].sheet_version
    assert value_at(repo, sheet.id, "field:content", middle) == texts[10]
    assert diff_versions(repo, sheet.id, "field:content", changes[0].sheet_version, middle).changed
    restored = restore_field(repo, sheet.id, "field:content", changes[0].sheet_version, author="担当")
    assert restored.fields["content"] == texts[1]
    assert [v.value for v in field_versions(repo, sheet.id, "field:content")][-1] == texts[1]


def test_filling_and_emptying_a_field_are_recorded_in_full(repo, survey):
    sheet = repo.create_sheet(complete_sheet(survey))
    sheet.fields["issues"] = "課題がある。"
    sheet = repo.save_sheet(sheet)
    sheet.fields["issues"] = ""
    sheet = repo.save_sheet(sheet)
    changes = [(r.old_value, r.new_value) for r in repo.revisions(sheet.id) if r.field == "field:issues"]
    assert changes == [(None, "課題がある。"), ("課題がある。", "")]
