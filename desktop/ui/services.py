"""The core services of one open database, as the UI uses them.

The repository and the library are "one instance per thread"; this object
hands each thread (the GUI thread, the writer thread, reader threads) its own
instances over the one shared Database. No Qt here: worker functions receive
this object and stay plain Python.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from desktop.store.database import Database, is_url, open_database, resolve_target
from desktop.store.instance_lock import InstanceLock, holder
from desktop.store.repository import Repository
from desktop.survey.definition import SurveyDefinition
from desktop.survey.loader import default_survey


READ_ONLY_HELD = ("このデータベースは別の施策デスクで開かれているため、読み取り専用で開きました{0}。"
                  "閲覧はできますが、変更は保存できません。編集するには、もう一方の施策デスクを閉じてから開き直してください。"
                  "複数の人で同時に編集する場合は PostgreSQL のデータベースをお使いください。")
READ_ONLY_DENIED = ("このデータベースのファイル（またはフォルダ）に書き込む権限がないため、読み取り専用で開きました。"
                    "閲覧はできますが、変更は保存できません。編集するには、書き込みできる場所にコピーして開くか、"
                    "管理者に権限を確認してください。")


def writable(path: Path) -> bool:
    """May this user change the file (and create its journal beside it)?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


@dataclass
class Services:
    db: Database
    survey: SurveyDefinition
    read_only_reason: str | None = None   # why an editing window opened read-only (Japanese)
    lock: InstanceLock | None = None
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def __post_init__(self) -> None:
        if self.db.dialect == "postgresql":   # other ministries' public parts follow every save (app/sharing.py)
            from desktop.app.sharing import install

            install(self.db)

    @classmethod
    def open(cls, target: str | None, *, create: bool = True, survey: SurveyDefinition | None = None,
             editing: bool = False) -> "Services":
        """Open a database; raises DatabaseError (Japanese message) and changes nothing on failure.

        ``editing``: the window's open. A SQLite file another program edits
        (store/instance_lock.py) or one this user may not write is opened
        read-only, with the reason in ``read_only_reason``; today's backup is
        left due for the window to take once it is up (ui/daily_backup.py).
        """
        survey = survey or default_survey()
        resolved = resolve_target(target)
        if not editing or is_url(resolved):
            return cls(open_database(resolved, create=create), survey)
        path = Path(resolved).expanduser().resolve()
        if not path.exists():   # a new file: created, then held like any other
            db = open_database(path, create=create)
            try:
                return cls(db, survey, None, InstanceLock.acquire(path))
            except OSError:
                return cls(db, survey)
        lock, reason = None, None
        if not writable(path):
            reason = READ_ONLY_DENIED
        else:
            try:
                lock = InstanceLock.acquire(path)
            except OSError:
                reason = READ_ONLY_DENIED
            else:
                if lock is None:
                    who = holder(path)
                    reason = READ_ONLY_HELD.format(f"（{who}）" if who else "")
        try:
            db = open_database(path, read_only=reason is not None, defer_backup=True)
        except Exception:
            if lock is not None:
                lock.release()
            raise
        return cls(db, survey, reason, lock)

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    @property
    def target(self) -> str:
        return self.db.target

    def repository(self) -> Repository:
        repo = getattr(self._local, "repository", None)
        if repo is None:
            repo = Repository(self.db, self.survey)
            self._local.repository = repo
        return repo

    def library(self):
        lib = getattr(self._local, "library", None)
        if lib is None:
            from desktop.sources.library import Library

            lib = Library(self.db)
            self._local.library = lib
        return lib

    def close(self) -> None:
        self.db.close()
        if self.lock is not None:
            self.lock.release()
