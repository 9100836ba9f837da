"""Database growth per saved revision: bytes per autosave of a one-character edit, against the field's size.

A realistic sheet (benchmarks/datagen.make_realistic_sheet: several KPIs with
actuals, citations, marks) whose 施策内容 is made N characters long, with
marks and citation markers after the place typed into (so each keystroke
moves them), is saved after each of ``EDITS`` one-character edits. The growth
is read from SQLite's dbstat (the pages the revisions table and its index
use), after a checkpoint. The peer is what storing the field's full old and
new text per save costs (the UTF-8 bytes of both).
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.datagen import make_realistic_sheet, seed_sentences  # noqa: E402

EDITS = 50


def _revision_bytes(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return con.execute("SELECT SUM(pgsize) FROM dbstat WHERE name IN ('revisions', 'ix_revisions_sheet_at')"
                           ).fetchone()[0] or 0
    finally:
        con.close()


def measure(field_chars: int) -> dict[str, float]:
    """Bytes per save (ours) and per save of the full old and new text (peer) for a field of ``field_chars``."""
    from desktop.disclosure.textedit import follow_edit
    from desktop.store.database import open_database
    from desktop.store.repository import Repository
    from desktop.survey.parts import Part
    from desktop.survey.sheet import CitationData, MarkData

    rng = random.Random(11)
    sentences = seed_sentences()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "growth.db"
        db = open_database(path, keep_backups=0)
        try:
            repo = Repository(db)
            sheet = make_realistic_sheet(rng, repo.survey, sentences, 2025, 0)
            text = ""
            while len(text) < field_chars:
                text += rng.choice(sentences)
            text = text[:field_chars]
            sheet.fields["content"] = text
            step = field_chars // 6
            sheet.marks = [MarkData(reason="公表前のため", part=Part.field("content"), start=a, end=a + 60,
                                    text=text[a:a + 60]) for a in range(step, field_chars - 60, step)][:5]
            sheet.citations = [CitationData(field_key="content", passage_id=None, quoted_text=rng.choice(sentences),
                                            locator="第1", position=a + 30) for a in range(step, field_chars, step)][:5]
            sheet = repo.create_sheet(sheet, author="benchmark")
            before = _revision_bytes(path)
            for n in range(EDITS):
                old = sheet.fields["content"]
                at = 50 + n
                new = old[:at] + "あ" + old[at:]
                sheet.marks = list(follow_edit(sheet.marks, Part.field("content"), old, new).marks)
                for c in sheet.citations:
                    if c.position is not None and c.position >= at:
                        c.position += 1
                sheet.fields["content"] = new
                sheet = repo.save_sheet(sheet, author="benchmark")
            grown = _revision_bytes(path) - before
        finally:
            db.close()
    return {"ours": grown / EDITS, "peer": 2 * len(text.encode("utf-8"))}


def main() -> None:
    for chars in (15_000, 30_000):
        r = measure(chars)
        print(f"{chars:>7,} characters: {r['ours']:8.0f} bytes per saved revision; full old and new text "
              f"{r['peer']:,.0f} bytes")


if __name__ == "__main__":
    main()
