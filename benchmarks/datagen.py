"""Generated sheets for benchmarks: realistic Japanese text drawn from the seeds.

Shared by every benchmark so they all measure the same kind of data.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from desktop.paths import seeds_dir
from desktop.store.repository import Repository
from desktop.survey.parts import Part
from desktop.survey.sheet import CitationData, ItemData, KpiData, MarkData, SheetData, Status

MINISTRIES = ["内閣府", "総務省", "外務省", "文部科学省", "厚生労働省", "農林水産省", "経済産業省", "国土交通省",
              "環境省", "デジタル庁"]


def seed_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted(Path(seeds_dir()).glob("*.txt")):
        text = re.sub(r"<[^>]+>|\*\*|[#\-・◆▶○]", " ", path.read_text(encoding="utf-8"))
        sentences += [s.strip() + "。" for s in re.split(r"[。\n]", text) if 15 <= len(s.strip()) <= 120]
    return sentences


def make_sheet(rng: random.Random, survey, sentences: list[str], year: int, n: int) -> SheetData:
    def para(k: int) -> str:
        return "".join(rng.choice(sentences) for _ in range(k))

    choice = rng.choice(survey.choices)
    return SheetData(
        survey_key=survey.key, fiscal_year=year, ministry=rng.choice(MINISTRIES), bureau="政策局 第一課",
        person="担当者", contact="03-0000-0000", status=rng.choice(list(Status)), classification=choice.code,
        areas=[a.code for a in rng.sample(survey.areas, 2)],
        fields={"title": f"施策{n:05d} " + rng.choice(sentences)[:30], "content": para(3), "background": para(3),
                "outcome": para(2), "results": para(2), "issues": para(1)},
        items=[ItemData(title=rng.choice(sentences)[:40], kpis=[KpiData(
            indicator=rng.choice(sentences)[:30], unit="件", baseline_value=str(rng.randint(0, 50)),
            baseline_year=year - 2, target_value=str(rng.randint(60, 200)), target_year=year + 5,
            actuals={year: str(rng.randint(0, 100))})])],
    )


def make_realistic_sheet(rng: random.Random, survey, sentences: list[str], year: int, n: int) -> SheetData:
    """A sheet as staff fill it: longer fields, several 実施項目 with several KPIs and actuals over the years,
    citations in the text and 非公開 marks on a passage, a KPI and a citation (the plain sheet has none)."""
    sheet = make_sheet(rng, survey, sentences, year, n)
    sheet.status = Status.DRAFT      # still being written: its revisions come from the edits (_revise)

    def para(k: int) -> str:
        return "".join(rng.choice(sentences) for _ in range(k))

    for key, count in (("content", 12), ("background", 10), ("outcome", 6), ("results", 10), ("issues", 5)):
        sheet.fields[key] = para(count)
    sheet.items = [ItemData(title=rng.choice(sentences)[:40], plan_text=para(1) if i == 2 else "", kpis=[KpiData(
        indicator=rng.choice(sentences)[:30], unit=rng.choice(["件", "人", "%", "社"]),
        baseline_value=str(rng.randint(0, 50)), baseline_year=year - 4, target_value=str(rng.randint(60, 200)),
        target_year=year + 5, data_source="所管課調べ",
        actuals={y: str(rng.randint(0, 100)) for y in range(year - 3, year + 1)}) for _ in range(rng.randint(1, 3))])
        for i in range(3)]
    content = sheet.fields["content"]
    for i, key in enumerate(("content", "background", "results")):
        text = sheet.fields[key]
        sheet.citations.append(CitationData(field_key=key, passage_id=None, quoted_text=rng.choice(sentences),
                                            locator=f"第{i + 1} > {i + 2}", position=len(text) // 2))
    a = len(content) // 3
    sheet.marks = [MarkData(reason="公表前のため", part=Part.field("content"), start=a, end=a + 60,
                            text=content[a:a + 60]),
                   MarkData(reason="調整中の数値", part=Part.kpi(sheet.items[0].kpis[0].key))]
    return sheet


def _revise(rng: random.Random, repo: Repository, ids: list[int], sentences: list[str], saves: int) -> None:
    """Autosaves of a few typed characters each, as staff make them: the revisions a real database holds."""
    from desktop.disclosure.textedit import follow_edit

    for sheet_id in ids:
        sheet = repo.get_sheet(sheet_id)
        for _ in range(saves):
            key = rng.choice(["content", "results", "issues"])
            old = sheet.fields[key]
            at = rng.randrange(len(old) + 1)
            new = old[:at] + rng.choice(sentences)[:rng.randint(2, 12)] + old[at:]
            sheet.marks = list(follow_edit(sheet.marks, Part.field(key), old, new).marks)
            for c in sheet.citations:
                if c.field_key == key and c.position is not None and c.position >= at:
                    c.position += len(new) - len(old)
            sheet.fields[key] = new
            sheet = repo.save_sheet(sheet, author="benchmark")


def generate(repo: Repository, count: int, *, year: int = 2025, seed: int = 7, batch: int = 500,
             realistic: float = 0.0, saves: int = 5) -> None:
    """``count`` sheets; the fraction ``realistic`` of them made by make_realistic_sheet and then edited
    ``saves`` times each (the plain ones have one KPI, no citations, no marks and no revisions)."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    for start in range(0, count, batch):
        numbers = range(start, min(count, start + batch))
        real = [n for n in numbers if realistic and (n * realistic) % 1 + realistic >= 1]
        sheets = [(make_realistic_sheet if n in real else make_sheet)(rng, repo.survey, sentences, year, n)
                  for n in numbers]
        saved = repo.save_sheets(sheets, author="benchmark")
        if real and saves:
            _revise(rng, repo, [saved[n - start].id for n in real], sentences, saves)


def database(path: Path, count: int, realistic: float = 0.0) -> Path:
    """A database with the seed documents indexed and ``count`` generated sheets of 2025.

    Tops up a database left by an earlier run, so the data is generated once
    and every later run (and every benchmark) measures the same rows.
    """
    from desktop.sources.library import Library
    from desktop.store.database import open_database

    db = open_database(path)
    try:
        repo = Repository(db)
        Library(db).ensure_seeds()
        have = repo.count_sheets()
        if have < count:
            print(f"  generating {count - have} sheets into {path.name} …", flush=True)
            generate(repo, count - have, seed=7 + have, realistic=realistic)
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return path


def databases(folder: Path, sizes: list[int], realistic: float = 0.0) -> dict[int, Path]:
    """One database per size in ``folder``; each larger one starts as a copy of the next smaller one.

    ``realistic``: the fraction of sheets made as staff fill them (make_realistic_sheet, with revisions);
    those databases are kept under their own names."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    made: dict[int, Path] = {}
    previous: Path | None = None
    for n in sorted(set(sizes)):
        path = folder / (f"sheets-{n}.db" if not realistic else f"sheets-{n}-real{round(realistic * 100)}.db")
        if not path.exists() and previous is not None:
            shutil.copyfile(previous, path)
        made[n] = previous = database(path, n, realistic)
    return made
