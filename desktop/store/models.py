"""The database schema, in one place (SQLAlchemy 2 typed declarative models).

Text fields of a sheet are rows keyed by the survey's field key, so a new
survey format needs no schema change. Searchable text (sheet fields and
passages) also keeps a ``search_text`` copy in the normalised form search
compares in (NFKC, lower case, no whitespace; see store/fulltext.py): on
PostgreSQL, where the bigram index does not exist, ``LIKE`` over that column
(served by a pg_trgm index) finds ＡＩ for AI exactly as the SQLite index does. KPI values are strings: empty (NULL), "0"
and "-" are three different answers. Each sheet carries a version counter
(``version_id_col``) so a save based on a stale copy is refused, not applied.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from desktop.store.fulltext import normalize
from desktop.survey.parts import new_key

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _search_default(source: str):
    """An INSERT that names the text but not its search copy (Core inserts) still gets it right.

    ORM writes set ``search_text`` through the ``validates`` hooks below; this
    default covers ``insert(SheetField).values(...)`` written elsewhere.
    A bulk ``update()`` of the text must set ``search_text`` itself.
    """
    def default(context) -> str:
        return normalize(context.get_current_parameters().get(source) or "")
    return default


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Survey(Base):
    """A survey (its stable key and current title); its definitions are the rows of ``survey_versions``."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class SurveyVersion(Base):
    """One version of a survey's definition, stored with the sheets filled in it (0009a).

    ``definition`` is the definition's tables as JSON (survey/definition_data.py), so a shared
    server and an exchange file carry the format with the sheets; versions are never changed
    once stored, a revised format is the next version.
    """

    __tablename__ = "survey_versions"
    __table_args__ = (UniqueConstraint("survey_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300), default="")
    definition: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(20), default="imported")   # shipped / imported
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class FiscalYear(Base):
    """A survey round: the sheets of one survey in one fiscal year."""

    __tablename__ = "fiscal_years"
    __table_args__ = (UniqueConstraint("survey_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Sheet(Base):
    __tablename__ = "sheets"
    __table_args__ = (
        ForeignKeyConstraint(["survey_id", "fiscal_year"], ["fiscal_years.survey_id", "fiscal_years.year"],
                             name="fk_sheets_fiscal_year"),
        Index("ix_sheets_year_ministry", "survey_id", "fiscal_year", "ministry"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"))
    # The version of the survey's definition the sheet is filled in (survey_versions.version, 0009a).
    survey_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    fiscal_year: Mapped[int] = mapped_column(Integer)
    ministry: Mapped[str] = mapped_column(String(100), default="")
    bureau: Mapped[str] = mapped_column(String(200), default="")
    person: Mapped[str] = mapped_column(String(200), default="")
    contact: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    classification: Mapped[str | None] = mapped_column(String(50), index=True)
    title: Mapped[str] = mapped_column(Text, default="")  # copy of the title field, for lists and sorting
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    predecessor_id: Mapped[int | None] = mapped_column(ForeignKey("sheets.id", ondelete="SET NULL"))
    # The measure across years and copies (successors and duplicates share it): the register's key.
    lineage: Mapped[str] = mapped_column(String(32), default=new_key, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}

    fields: Mapped[list[SheetField]] = relationship(
        back_populates="sheet", cascade="all, delete-orphan", order_by="SheetField.key")
    areas: Mapped[list[SheetArea]] = relationship(cascade="all, delete-orphan", order_by="SheetArea.position")
    items: Mapped[list[Item]] = relationship(
        back_populates="sheet", cascade="all, delete-orphan", order_by="Item.position")
    marks: Mapped[list[Mark]] = relationship(cascade="all, delete-orphan", order_by="Mark.id")
    citations: Mapped[list[Citation]] = relationship(
        cascade="all, delete-orphan", order_by="Citation.position_order")


class SheetField(Base):
    __tablename__ = "sheet_fields"
    __table_args__ = (UniqueConstraint("sheet_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))
    value: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default=_search_default("value"), server_default="")

    sheet: Mapped[Sheet] = relationship(back_populates="fields")

    @validates("value")
    def _keep_search_text(self, _key: str, value: str | None) -> str | None:
        self.search_text = normalize(value or "")
        return value


class SheetArea(Base):
    __tablename__ = "sheet_areas"

    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), primary_key=True)
    area_code: Mapped[str] = mapped_column(String(100), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Item(Base):
    """実施項目: one line of work towards the outcome, with KPIs or a plan text."""

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32), default=new_key)   # stable across copies (survey/parts.py)
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(Text, default="")
    plan_text: Mapped[str] = mapped_column(Text, default="")

    sheet: Mapped[Sheet] = relationship(back_populates="items")
    kpis: Mapped[list[Kpi]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Kpi.position")


class Kpi(Base):
    """A KPI in the logic model of the 行政事業レビュー data."""

    __tablename__ = "kpis"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32), default=new_key)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20), default="outcome")
    horizon: Mapped[str | None] = mapped_column(String(20))
    quantitative: Mapped[bool] = mapped_column(Boolean, default=True)
    indicator: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[str] = mapped_column(String(100), default="")
    direction: Mapped[str] = mapped_column(String(10), default="up")
    qualifier: Mapped[str | None] = mapped_column(String(20))          # 以上・以内… (0007k)
    target_kind: Mapped[str] = mapped_column(String(20), default="level")   # 水準・増加幅・削減率・倍率 (0007k)
    baseline_value: Mapped[str | None] = mapped_column(String(100))
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    target_value: Mapped[str | None] = mapped_column(String(100))
    target_year: Mapped[int | None] = mapped_column(Integer)
    data_source: Mapped[str] = mapped_column(Text, default="")
    source_text: Mapped[str] = mapped_column(Text, default="", server_default="")   # the form line it was read from (0009d)

    item: Mapped[Item] = relationship(back_populates="kpis")
    actuals: Mapped[list[KpiActual]] = relationship(cascade="all, delete-orphan", order_by="KpiActual.fiscal_year")


class KpiActual(Base):
    __tablename__ = "kpi_actuals"
    __table_args__ = (UniqueConstraint("kpi_id", "fiscal_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kpi_id: Mapped[int] = mapped_column(ForeignKey("kpis.id", ondelete="CASCADE"))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    value: Mapped[str | None] = mapped_column(String(100))


class Mark(Base):
    """A non-public part of a sheet, named by its Part (survey/parts.py), never by another row's id.

    A mark on a KPI or a citation that pointed at the row's id was lost by
    every copy of the sheet; the part names the KPI's key, which copies keep.
    """

    __tablename__ = "marks"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), index=True)
    part: Mapped[str] = mapped_column(String(200))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")     # what it withholds, as last placed
    unplaced: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class WithheldEntry(Base):
    """The register: a text withheld in some saved version of a lineage's sheets.

    Rows are added by saves and never deleted by them; only a person's
    release sets ``released_at`` (with who and why), after which the text
    may be published again. ``form`` is the text's reader form
    (desktop.disclosure.reader_form), which exports and the leak check
    compare in.
    """

    __tablename__ = "withheld_texts"
    __table_args__ = (Index("ix_withheld_texts_lineage_form", "lineage", "form"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lineage: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    form: Mapped[str] = mapped_column(Text)
    part: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    sheet_id: Mapped[int | None] = mapped_column(ForeignKey("sheets.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(200), default="")
    released_at: Mapped[datetime | None] = mapped_column(DateTime)
    released_by: Mapped[str | None] = mapped_column(String(200))
    release_reason: Mapped[str | None] = mapped_column(Text)


class Document(Base):
    """A source document of the reference library (a shipped seed or one a user added)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(300), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    issuer: Mapped[str] = mapped_column(Text, default="")
    issued: Mapped[str] = mapped_column(String(50), default="")   # as written, e.g. 令和7年11月
    origin: Mapped[str] = mapped_column(String(20), default="user")  # seed / user
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    passages: Mapped[list[Passage]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Passage.ordinal")


class Passage(Base):
    __tablename__ = "passages"
    __table_args__ = (UniqueConstraint("document_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(100))   # stable across re-indexing of unchanged text
    ordinal: Mapped[int] = mapped_column(Integer)
    heading_path: Mapped[str] = mapped_column(Text, default="")  # headings joined by " > "
    line_start: Mapped[int] = mapped_column(Integer, default=0)
    line_end: Mapped[int] = mapped_column(Integer, default=0)
    page: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default=_search_default("text"), server_default="")

    document: Mapped[Document] = relationship(back_populates="passages")

    @validates("text")
    def _keep_search_text(self, _key: str, value: str | None) -> str | None:
        self.search_text = normalize(value or "")
        return value


class Citation(Base):
    __tablename__ = "citations"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32), default=new_key)
    field_key: Mapped[str] = mapped_column(String(100))
    position: Mapped[int | None] = mapped_column(Integer)       # offset of the marker in the field text
    position_order: Mapped[int] = mapped_column(Integer, default=0)
    passage_id: Mapped[int | None] = mapped_column(ForeignKey("passages.id", ondelete="RESTRICT"), index=True)
    quoted_text: Mapped[str] = mapped_column(Text, default="")
    locator: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Revision(Base):
    """One changed value: who, when, what it was and what it became."""

    __tablename__ = "revisions"
    __table_args__ = (Index("ix_revisions_sheet_at", "sheet_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"))
    sheet_version: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    author: Mapped[str] = mapped_column(String(200), default="")
    field: Mapped[str] = mapped_column(String(200))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    # A text field's change as a reverse delta (store/revision_delta.py); the values are then NULL.
    delta: Mapped[str | None] = mapped_column(Text)


class StatusChange(Base):
    """One move of a sheet in the review cycle: who, as what, when, from, to and why."""

    __tablename__ = "status_changes"
    __table_args__ = (Index("ix_status_changes_sheet_at", "sheet_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(50), default="")
    from_status: Mapped[str | None] = mapped_column(String(20))   # None: the sheet was created
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")


class Comment(Base):
    """A review comment anchored on a part of a sheet (a field, optionally a passage of it), or a reply.

    Comments are workflow, not content: saving them does not change the
    sheet's version, and only internal output prints them.
    """

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    part: Mapped[str] = mapped_column(String(200), default="")     # desktop/survey/parts.py, e.g. field:content
    quote: Mapped[str] = mapped_column(Text, default="")           # the passage commented on ("" = the whole part)
    body: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(50), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_by: Mapped[str | None] = mapped_column(String(200))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)


class Evaluation(Base):
    """The secretariat's 点検・評価 of one sheet: a grade of the survey's scale and a comment."""

    __tablename__ = "evaluations"

    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), primary_key=True)
    grade: Mapped[str] = mapped_column(String(50), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MeasureNumber(Base):
    """The 施策番号 of a sheet in its year: assigned once, printed the same in every export."""

    __tablename__ = "measure_numbers"
    __table_args__ = (UniqueConstraint("survey_id", "fiscal_year", "number"),)

    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    assigned_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ExchangeLink(Base):
    """A sheet's name in submission and return files, and what the other side last sent of it.

    Sheet ids differ between a ministry's database and the secretariat's; the
    ``key`` is the one both use (made by the first export, kept by every
    import). ``received`` is the sheet as the other side last sent it, in the
    exchange file's portable form (JSON): the common ancestor for merging the
    next file, and how a file imported twice is known to bring nothing new.
    """

    __tablename__ = "exchange_links"

    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    received: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime | None] = mapped_column(DateTime)


# PostgreSQL only (revision 0009b; SQLite is one person's file and has no roles): which database role is staff
# of which ministry, the secretariat or an administrator. Outside Base.metadata on purpose: the row-level
# security policies read it on the server, the program reads it through store/access.py and writes it
# through store/server_roles.py, never through the ORM.
ROLE_MAP = Table(
    "sesaku_role_map", MetaData(),
    Column("role_name", String(63), primary_key=True),
    Column("ministry", String(100), nullable=False, server_default=""),
    Column("role", String(20), nullable=False),        # staff / secretariat / admin
    Column("updated_at", DateTime, nullable=False),
    Column("updated_by", String(200), nullable=False),
)
