"""Generated sheets for benchmarks: realistic Japanese text drawn from the seeds.

Shared by every benchmark so they all measure the same kind of data.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from desktop.paths import seeds_dir
from desktop.store.repository import Repository
from desktop.survey.sheet import ItemData, KpiData, SheetData, Status

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


def generate(repo: Repository, count: int, *, year: int = 2025, seed: int = 7, batch: int = 500) -> None:
    rng = random.Random(seed)
    sentences = seed_sentences()
    for start in range(0, count, batch):
        repo.save_sheets([make_sheet(rng, repo.survey, sentences, year, n)
                          for n in range(start, min(count, start + batch))], author="benchmark")


def database(path: Path, count: int) -> Path:
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
            generate(repo, count - have, seed=7 + have)
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return path


def databases(folder: Path, sizes: list[int]) -> dict[int, Path]:
    """One database per size in ``folder``; each larger one starts as a copy of the next smaller one."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    made: dict[int, Path] = {}
    previous: Path | None = None
    for n in sorted(set(sizes)):
        path = folder / f"sheets-{n}.db"
        if not path.exists() and previous is not None:
            shutil.copyfile(previous, path)
        made[n] = previous = database(path, n)
    return made
