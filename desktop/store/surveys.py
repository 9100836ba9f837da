"""The survey definitions a database holds: several surveys, each in numbered versions.

A definition travels with the sheets filled in it: it is stored in
``survey_versions`` (the tables of survey/definition_data.py), and a sheet
records the version it was filled in. The shipped TOML files seed version 1
of a survey the first time a database meets it; a revised format (a workbook
the secretariat edited, a new TOML file) is added as the next version and
never changes one already stored. Which version a window or a command works
in is the latest one, unless it asks for another.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.store.database import Database
from desktop.store.models import Sheet, Survey, SurveyVersion
from desktop.survey.definition import SurveyDefinition
from desktop.survey.definition_data import content_hash, definition_from_json, definition_to_json
from desktop.survey.loader import available_surveys


class SurveyNotFound(KeyError):
    """A survey key (or a version of it) the database does not hold; the message is for staff."""

    def __init__(self, key: str, version: int | None = None) -> None:
        self.key, self.version = key, version
        what = f"調査票「{key}」の第{version}版" if version is not None else f"調査票「{key}」"
        super().__init__(f"{what}が見つかりません。`sesaku-desk survey list` で登録済みの調査票を確認してください。")

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class VersionInfo:
    version: int
    title: str
    origin: str          # shipped / imported
    created_at: datetime | None
    created_by: str
    sheets: int          # sheets filled in this version (deleted ones too)


@dataclass(frozen=True)
class SurveyInfo:
    key: str
    title: str
    versions: tuple[VersionInfo, ...]

    @property
    def latest(self) -> int:
        return max((v.version for v in self.versions), default=0)


@dataclass(frozen=True)
class Added:
    key: str
    version: int
    created: bool        # False: the latest version already had this content


@lru_cache(maxsize=32)
def _parsed(text: str, where: str, version: int) -> SurveyDefinition:
    """Stored versions never change, so each is parsed once per process."""
    return definition_from_json(text, where, version)


def _shipped(key: str) -> SurveyDefinition | None:
    return next((d for d in available_surveys() if d.key == key), None)


def _read(row: SurveyVersion, key: str) -> SurveyDefinition:
    return _parsed(row.definition, f"データベースの調査票「{key}」第{row.version}版", row.version)


def _store(s: Session, survey_id: int, definition: SurveyDefinition, version: int, origin: str,
           author: str) -> None:
    s.add(SurveyVersion(survey_id=survey_id, version=version, title=definition.title,
                        definition=definition_to_json(definition), content_hash=content_hash(definition),
                        origin=origin, created_by=author))


def ensure_survey(s: Session, definition: SurveyDefinition) -> int:
    """The survey row of ``definition``'s key (made, with the definition as version 1, when missing)."""
    row = s.scalar(select(Survey).where(Survey.key == definition.key))
    if row is None:
        row = Survey(key=definition.key, title=definition.title)
        s.add(row)
        s.flush()
    if s.scalar(select(SurveyVersion.id).where(SurveyVersion.survey_id == row.id).limit(1)) is None:
        _store(s, row.id, replace(definition, version=1), 1, "shipped" if definition.path else "imported", "")
        s.flush()
    return row.id


def stored_definition(s: Session, key: str, version: int | None = None) -> SurveyDefinition | None:
    """The stored definition of ``key`` (its latest version when ``version`` is None), or None."""
    q = select(SurveyVersion).join(Survey, Survey.id == SurveyVersion.survey_id).where(Survey.key == key)
    q = q.where(SurveyVersion.version == version) if version is not None else \
        q.order_by(SurveyVersion.version.desc()).limit(1)
    row = s.scalar(q)
    return _read(row, key) if row is not None else None


def version_with_content(db: Database, key: str, digest: str) -> int | None:
    """This database's number of the stored version of ``key`` whose content hash is ``digest`` (None: no
    such version). A shipped survey the database has not met yet counts as its version 1."""
    with db.sessions() as s:
        found = s.scalar(select(SurveyVersion.version).join(Survey, Survey.id == SurveyVersion.survey_id)
                         .where(Survey.key == key, SurveyVersion.content_hash == digest)
                         .order_by(SurveyVersion.version).limit(1))
        if found is not None:
            return found
        stored_any = s.scalar(select(SurveyVersion.id).join(Survey).where(Survey.key == key).limit(1))
    shipped = _shipped(key) if stored_any is None else None
    return 1 if shipped is not None and content_hash(shipped) == digest else None


def add_version(s: Session, definition: SurveyDefinition, author: str, origin: str = "imported") -> Added:
    """Store ``definition`` as the next version of its survey (nothing when the latest is the same)."""
    row = s.scalar(select(Survey).where(Survey.key == definition.key))
    if row is None:
        row = Survey(key=definition.key, title=definition.title)
        s.add(row)
        s.flush()
    latest = s.scalar(select(SurveyVersion).where(SurveyVersion.survey_id == row.id)
                      .order_by(SurveyVersion.version.desc()).limit(1))
    shipped = _shipped(definition.key) if latest is None else None
    if shipped is not None and content_hash(shipped) != content_hash(definition):
        # The shipped survey is version 1 of every database (migration 0009a, ensure_survey), so a
        # revision of it imported before any sheet was saved is version 2, not a new version 1.
        ensure_survey(s, shipped)
        return add_version(s, definition, author, origin)
    if latest is not None and latest.content_hash == content_hash(definition):
        return Added(definition.key, latest.version, False)
    version = latest.version + 1 if latest is not None else 1
    _store(s, row.id, definition, version, origin, author)
    row.title = definition.title
    s.flush()
    return Added(definition.key, version, True)


class SurveyCatalog:
    """The surveys of one database, for the CLI's ``survey`` commands and the window's 調査票 menu."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def surveys(self) -> list[SurveyInfo]:
        """Every survey stored, with its versions and how many sheets each holds (by key); then the shipped
        ones the database has not met yet, as the version 1 they become when first used."""
        with self.db.sessions() as s:
            counts = dict(((sid, v), n) for sid, v, n in s.execute(
                select(Sheet.survey_id, Sheet.survey_version, func.count()).group_by(
                    Sheet.survey_id, Sheet.survey_version)))
            out = []
            for survey in s.scalars(select(Survey).order_by(Survey.key)):
                rows = s.scalars(select(SurveyVersion).where(SurveyVersion.survey_id == survey.id)
                                 .order_by(SurveyVersion.version))
                out.append(SurveyInfo(survey.key, survey.title, tuple(
                    VersionInfo(r.version, r.title, r.origin, r.created_at, r.created_by,
                                counts.get((survey.id, r.version), 0)) for r in rows)))
        stored = {info.key for info in out if info.versions}
        out += [SurveyInfo(d.key, d.title, (VersionInfo(1, d.title, "shipped", None, "", 0),))
                for d in available_surveys() if d.key not in stored]
        return sorted(out, key=lambda info: info.key)

    def keys(self) -> list[str]:
        """The keys of the surveys the database holds a definition of (one light query: the window asks at
        every open)."""
        with self.db.sessions() as s:
            return list(s.scalars(select(Survey.key).where(
                select(SurveyVersion.id).where(SurveyVersion.survey_id == Survey.id).exists()).order_by(Survey.key)))

    def definition(self, key: str, version: int | None = None) -> SurveyDefinition:
        """The stored definition (latest version unless asked); a shipped one the database has not stored."""
        with self.db.sessions() as s:
            found = stored_definition(s, key, version)
            if found is None and version is None:
                stored_any = s.scalar(select(SurveyVersion.id).join(Survey).where(Survey.key == key).limit(1))
                found = _shipped(key) if stored_any is None else None
        if found is None:
            raise SurveyNotFound(key, version)
        return found

    def field_label(self, key: str, field_key: str) -> str:
        """The label a field had in the latest version of survey ``key`` that has it (else the field key)."""
        with self.db.sessions() as s:
            rows = s.scalars(select(SurveyVersion).join(Survey).where(Survey.key == key)
                             .order_by(SurveyVersion.version.desc()))
            for row in rows:
                d = _read(row, key)
                if d.has_field(field_key):
                    return d.field(field_key).label
        return field_key

    def add(self, definition: SurveyDefinition, author: str) -> Added:
        """Store a definition as its survey's next version, in one transaction."""
        with self.db.write_sessions() as s, s.begin():
            return add_version(s, definition, author)


def current_definition(db: Database, key: str) -> SurveyDefinition | None:
    """The latest stored definition of ``key``, None when the database holds none for it."""
    with db.sessions() as s:
        return stored_definition(s, key)


__all__ = ["Added", "SurveyCatalog", "SurveyInfo", "SurveyNotFound", "VersionInfo", "add_version",
           "current_definition", "ensure_survey", "stored_definition", "version_with_content"]
