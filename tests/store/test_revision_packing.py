"""A save is one revision row, whatever it moved: typing one character into a 30,000-character field with
marks and citations after it stores bytes, not the field and not a row per moved mark; the history, each
step's text, restore and the 0010b migration (both ways) read the same."""

from __future__ import annotations

import random

from sqlalchemy import func, select, text

from desktop.disclosure.textedit import follow_edit, replace_text
from desktop.store import migrate, revision_delta
from desktop.store.history import field_versions, restore_field, sheet_history, value_at
from desktop.store.models import Revision
from desktop.store.repository import Repository
from desktop.survey.parts import Part
from desktop.survey.sheet import CitationData, MarkData
from tests.factories import complete_sheet

_CHARS = "国際標準化取組推進関係府省連携産業界参画促進成果指標実績課題方向性計画検討内容記載背景海外動向状況"
_RNG = random.Random(3)
LONG = "".join(_RNG.choice(_CHARS) for _ in range(30_000))    # hardly compressible, like real prose
EDITS = 50


def _stored_bytes(repo, sheet_id) -> int:
    """What the sheet's revision rows hold, in bytes (UTF-8), on either engine."""
    size = "octet_length({})" if repo.db.dialect == "postgresql" else "length(CAST({} AS BLOB))"
    total = " + ".join(f"COALESCE({size.format(c)}, 0)" for c in ("delta", "old_value", "new_value", "field", "author"))
    with repo.db.sessions() as s:
        return s.scalar(text(f"SELECT SUM({total}) FROM revisions WHERE sheet_id = :s"), {"s": sheet_id}) or 0


def _edited_sheet(repo, survey):
    sheet = complete_sheet(survey)
    sheet.fields["content"] = LONG
    for i in range(5):
        a = 3000 + i * 5000
        sheet.marks.append(MarkData(reason="交渉中", part=Part.field("content"), start=a, end=a + 300,
                                    text=LONG[a:a + 300]))
        sheet.citations.append(CitationData(field_key="content", passage_id=None, quoted_text="引用した一節",
                                            locator="p.3", position=a + 1000))
    sheet = repo.create_sheet(sheet, author="担当")
    texts = [LONG]
    for n in range(EDITS):
        now = sheet.fields["content"]
        at = 100 + 37 * n
        edited = now[:at] + "あ" + now[at + 1:] if n % 2 else now[:at] + "い" + now[at:]   # retype, or insert
        replace_text(sheet, "content", edited)          # as the editor does: marks and markers follow the text
        sheet = repo.save_sheet(sheet, author="担当")
        texts.append(sheet.fields["content"])
    return sheet, texts


def test_fifty_one_character_edits_of_a_long_field_store_bytes_and_read_back_exactly(repo, survey):
    sheet, texts = _edited_sheet(repo, survey)
    stored = _stored_bytes(repo, sheet.id)
    with repo.db.sessions() as s:
        rows = s.scalar(select(func.count()).select_from(Revision).where(Revision.sheet_id == sheet.id))
    assert rows == EDITS + 1                    # one row per save (and the creation), not one per moved mark
    assert stored / EDITS < 1024                # bytes per saved revision; the full texts were > 180,000
    history = [e for e in sheet_history(repo, sheet.id) if e.field == "field:content"]
    assert [(e.old_value, e.new_value) for e in history] == list(zip(texts, texts[1:]))
    moved = [e for e in sheet_history(repo, sheet.id) if e.field.endswith(":start")]
    assert len(moved) == 5 * (EDITS // 2)       # each insertion moved the five marks after it, each recorded
    assert all(int(e.new_value) == int(e.old_value) + 1 for e in moved)
    assert [v.value for v in field_versions(repo, sheet.id, "field:content")] == texts
    for k in (1, 17, EDITS):
        assert value_at(repo, sheet.id, "field:content", history[k - 1].version) == texts[k]
    restored = restore_field(repo, sheet.id, "field:content", history[16].version, author="担当")
    assert restored.fields["content"] == texts[17]
    assert repo.get_sheet(sheet.id).fields["content"] == texts[17]
    assert [v.value for v in field_versions(repo, sheet.id, "field:content")][-1] == texts[17]


def test_typing_inside_a_marked_passage_keeps_both_passages_even_after_the_mark_is_gone(repo, survey):
    sheet = complete_sheet(survey)
    passage = LONG[:400]
    sheet.fields["content"] = passage + "公開してよい文。"
    sheet.marks.append(MarkData(reason="交渉中", part=Part.field("content"), start=0, end=400, text=passage))
    sheet = repo.create_sheet(sheet)
    typed_text = passage[:200] + "追記" + passage[200:] + "公開してよい文。"
    sheet.marks = list(follow_edit(sheet.marks, Part.field("content"), sheet.fields["content"], typed_text).marks)
    sheet.fields["content"] = typed_text            # typed in the editor: the mark grows with its passage
    sheet = repo.save_sheet(sheet)
    [mark_id] = [m.id for m in sheet.marks]
    sheet.marks = []
    sheet = repo.save_sheet(sheet)
    [typed] = [e for e in sheet_history(repo, sheet.id) if e.field == f"mark:{mark_id}:text"]
    assert (typed.old_value, typed.new_value) == (passage, passage[:200] + "追記" + passage[200:])
    assert _stored_bytes(repo, sheet.id) < 3 * len(passage.encode()) + 1500    # the passage once, not thrice


def _changes(engine) -> list[tuple]:
    """Every change as the stored rows give it (the reader of either schema), without ids."""
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, sheet_id, sheet_version, at, author, field, old_value, new_value, delta "
                                 "FROM revisions ORDER BY sheet_id, id")).all()
        current = {(s, f"field:{k}"): v for s, k, v in conn.execute(text("SELECT sheet_id, key, value FROM sheet_fields"))}
    out = []
    for sheet_id in sorted({r.sheet_id for r in rows}):
        mine = [r for r in rows if r.sheet_id == sheet_id]
        now = {f: v for (s, f), v in current.items() if s == sheet_id}
        out += [(sheet_id, c.row.sheet_version, c.row.author, c.field, c.old, c.new)
                for c in revision_delta.changes(mine, now)]
    return out


def test_0010b_packs_a_0009d_history_and_both_directions_read_the_same(db, survey):
    repo = Repository(db)
    sheet, texts = _edited_sheet(repo, survey)
    sheet.status_note = None
    before = [(e.version, e.author, e.field, e.old_value, e.new_value) for e in sheet_history(repo, sheet.id)]
    packed = _changes(db.engine)
    migrate.downgrade(db.engine, "0009d")
    with db.engine.connect() as conn:
        at_0009d = conn.execute(text("SELECT count(*), sum(CASE WHEN field = 'changes' THEN 1 ELSE 0 END) "
                                     "FROM revisions WHERE sheet_id = :s"), {"s": sheet.id}).one()
    assert at_0009d[0] > EDITS * 5 and not at_0009d[1]      # one row per change, as 0009d wrote them
    assert _changes(db.engine) == packed
    migrate.upgrade(db.engine)
    assert _changes(db.engine) == packed
    assert [(e.version, e.author, e.field, e.old_value, e.new_value) for e in sheet_history(repo, sheet.id)] == before
    history = [e for e in sheet_history(repo, sheet.id) if e.field == "field:content"]
    assert [(e.old_value, e.new_value) for e in history] == list(zip(texts, texts[1:]))
    assert _stored_bytes(repo, sheet.id) / EDITS < 1024
