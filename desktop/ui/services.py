"""The core services of one open database, as the UI uses them.

The repository and the library are "one instance per thread"; this object
hands each thread (the GUI thread, the writer thread, reader threads) its own
instances over the one shared Database. No Qt here: worker functions receive
this object and stay plain Python.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from desktop.store.database import Database, open_database
from desktop.store.repository import Repository
from desktop.survey.definition import SurveyDefinition
from desktop.survey.loader import default_survey


@dataclass
class Services:
    db: Database
    survey: SurveyDefinition
    _local: threading.local = field(default_factory=threading.local, repr=False)

    @classmethod
    def open(cls, target: str | None, *, create: bool = True,
             survey: SurveyDefinition | None = None) -> "Services":
        """Open a database; raises DatabaseError (Japanese message) and changes nothing on failure."""
        return cls(open_database(target, create=create), survey or default_survey())

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
