"""Rolling backups of a SQLite database file, and restoring one.

Where: a ``backups`` folder beside the database file. The copies then travel
with the file (a database moved or opened from another PC keeps its history),
the restore command needs no state kept per machine, and a file on a share
that IT backs up has its copies backed up too. Names carry the database's file
name, so two databases in one folder keep apart:
``backups/sesaku.db.20261124-093000.bak``.

How: SQLite's backup API (store/database.copy_sqlite), consistent while the
file is in use, WAL included, written to a temporary name and renamed, so a
crash mid-copy never leaves half a backup that looks whole.

When: the first time a day that the database is opened (open_database), and
whenever staff run ``sesaku-desk backup``. The newest ``keep`` (default 7) are
kept. A restore first copies the current file aside (``.before-restore``), so
a restore can itself be undone; those copies are pruned separately.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from desktop.store.database import DatabaseError, check_sqlite_file, copy_sqlite, read_only_uri

DEFAULT_KEEP = 7
FOLDER = "backups"
ROLLING = "rolling"
BEFORE_RESTORE = "before-restore"
BEFORE_MIGRATION = "before-migration"
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    kind: str   # rolling / before-restore / before-migration
    sequence: int = 0  # the n of a second backup taken within the same second (name-n.bak)

    @property
    def label(self) -> str:
        return {ROLLING: "定期", BEFORE_RESTORE: "復元前", BEFORE_MIGRATION: "更新前"}[self.kind]

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / FOLDER


def _pattern(db_path: Path) -> re.Pattern:
    return re.compile(re.escape(Path(db_path).name) + r"\.(\d{8}-\d{6})(?:-(\d+))?(\.before-restore)?\.bak")


_MIGRATION_RE = re.compile(r"\.bak-[^-]+-(\d{8}-\d{6})")


def list_backups(db_path: Path) -> list[Backup]:
    """Every backup of this database, newest first (pre-migration copies beside the file included)."""
    db_path = Path(db_path)
    found: list[Backup] = []
    folder = backup_folder(db_path)
    pattern = _pattern(db_path)
    if folder.is_dir():
        for entry in folder.iterdir():
            m = pattern.fullmatch(entry.name)
            if m and entry.is_file():
                found.append(Backup(entry, datetime.strptime(m.group(1), _STAMP),
                                    BEFORE_RESTORE if m.group(3) else ROLLING, int(m.group(2) or 0)))
    if db_path.parent.is_dir():
        prefix = db_path.name
        for entry in db_path.parent.iterdir():
            if entry.name.startswith(prefix + ".bak-") and entry.is_file():
                m = _MIGRATION_RE.fullmatch(entry.name[len(prefix):])
                if m:
                    found.append(Backup(entry, datetime.strptime(m.group(1), _STAMP), BEFORE_MIGRATION))
    return sorted(found, key=lambda b: (b.taken_at, b.sequence), reverse=True)


def _target_name(db_path: Path, now: datetime, suffix: str) -> Path:
    folder = backup_folder(db_path)
    base = f"{db_path.name}.{now.strftime(_STAMP)}"
    candidate = folder / f"{base}{suffix}.bak"
    n = 1
    while candidate.exists():   # two backups within one second
        candidate = folder / f"{base}-{n}{suffix}.bak"
        n += 1
    return candidate


def _copy_atomically(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".partial")
    try:
        copy_sqlite(source, temporary, standalone=True)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def prune(db_path: Path, keep: int = DEFAULT_KEEP) -> list[Path]:
    """Remove all but the newest ``keep`` rolling backups (and as many before-restore copies)."""
    removed = []
    backups = list_backups(db_path)
    for kind in (ROLLING, BEFORE_RESTORE):
        for old in [b for b in backups if b.kind == kind][max(keep, 1):]:
            old.path.unlink(missing_ok=True)
            removed.append(old.path)
    return removed


def take_backup(db_path: Path, keep: int = DEFAULT_KEEP, *, now: datetime | None = None) -> Path:
    """A rolling backup now, then the oldest beyond ``keep`` removed."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise DatabaseError(f"{db_path} が見つかりません。")
    target = _target_name(db_path, now or datetime.now(), "")
    try:
        _copy_atomically(db_path, target)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseError(f"バックアップを作成できませんでした（{target.parent}）: {exc}") from exc
    prune(db_path, keep)
    return target


def ensure_daily_backup(db_path: Path, keep: int = DEFAULT_KEEP, *, today: date | None = None) -> Path | None:
    """Take today's backup unless one exists; returns the new backup or None."""
    today = today or date.today()
    if any(b.kind == ROLLING and b.taken_at.date() == today for b in list_backups(db_path)):
        return None
    now = datetime.now() if today == date.today() else datetime.combine(today, datetime.now().time())
    return take_backup(db_path, keep, now=now)


def resolve_backup(db_path: Path, chosen: str) -> Path:
    """A backup named on the command line: a path, a file name in the backups folder, or its number in the list."""
    candidate = Path(chosen).expanduser()
    if candidate.is_file():
        return candidate.resolve()
    for b in list_backups(db_path):
        if b.path.name == chosen:
            return b.path
    if chosen.isdigit():
        listed = list_backups(db_path)
        if 1 <= int(chosen) <= len(listed):
            return listed[int(chosen) - 1].path
    raise DatabaseError(f"バックアップ「{chosen}」が見つかりません。sesaku-desk backups list で一覧を確認してください。")


def _check_backup(backup: Path) -> None:
    check_sqlite_file(backup)
    try:
        con = sqlite3.connect(read_only_uri(backup), uri=True)
        try:
            result = con.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{backup} は壊れているため復元できません（{exc}）。") from exc
    if result != "ok":
        raise DatabaseError(f"{backup} は壊れているため復元できません（{result}）。")
    if "alembic_version" not in tables:
        raise DatabaseError(f"{backup} は施策デスクのデータベースではありません。")


def restore_backup(db_path: Path, backup: Path) -> Path | None:
    """Put a backup's content into the database file; returns the safety copy of what was there.

    The backup is checked (ours, readable, not from a newer release, passes
    integrity_check) before anything is touched. A backup from an older schema
    is restored as it is and migrated (with its own backup) at the next open.
    """
    db_path, backup = Path(db_path), Path(backup)
    if db_path.resolve() == backup.resolve():
        raise DatabaseError("復元元と復元先が同じファイルです。")
    _check_backup(backup)
    safety = None
    if db_path.exists() and db_path.stat().st_size > 0:
        safety = _target_name(db_path, datetime.now(), ".before-restore")
        try:
            _copy_atomically(db_path, safety)
        except (OSError, sqlite3.Error) as exc:
            raise DatabaseError(f"復元前の控えを作成できなかったため、復元を中止しました: {exc}") from exc
    try:
        copy_sqlite(backup, db_path)
    except sqlite3.Error as exc:
        raise DatabaseError(f"復元できませんでした（{exc}）。元のファイルの控え: {safety}") from exc
    return safety
