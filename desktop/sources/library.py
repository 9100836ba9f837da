"""The reference library: documents staff draft from, searchable and citable.

Documents are segmented into passages once and stored; a content hash tells
whether a document changed, so start-up does not re-index. Re-indexing a
changed document keeps the rows of passages whose stable key is unchanged,
so citations keep pointing at the same text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.paths import seeds_dir
from desktop.survey.reference import LOCATOR_SEPARATOR, format_locator, format_reference
from desktop.sources.snippets import make_snippet
from desktop.store import fulltext
from desktop.store.database import Database
from desktop.store.models import Citation, Document, Passage, Sheet, SheetField
from desktop.survey.sheet import CitationData

Progress = Callable[[int, int], None]


class DocumentInUse(Exception):
    """A document that sheets cite cannot be removed."""

    def __init__(self, file_name: str, sheets: list[str]) -> None:
        self.file_name, self.sheets = file_name, sheets
        listed = "、".join(sheets[:10]) + ("ほか" if len(sheets) > 10 else "")
        super().__init__(f"「{file_name}」は{len(sheets)}件の施策シートで引用されているため削除できません: {listed}")


class DocumentNotFound(KeyError):
    def __str__(self) -> str:
        return f"資料「{self.args[0]}」は登録されていません。"


@dataclass(frozen=True)
class DocumentRow:
    id: int
    file_name: str
    title: str
    issuer: str
    issued: str
    origin: str
    passages: int


@dataclass(frozen=True)
class SearchHit:
    passage_id: int
    document: str            # file name
    title: str
    heading_path: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float

    def marked_snippet(self, open_mark: str = "【", close_mark: str = "】") -> str:
        out, last = [], 0
        for start, end in self.highlights:
            out += [self.snippet[last:start], open_mark, self.snippet[start:end], close_mark]
            last = end
        out.append(self.snippet[last:])
        return "".join(out)


@dataclass(frozen=True)
class PassageView:
    id: int
    key: str
    document: str
    title: str
    heading_path: str
    text: str
    page: int | None
    line_start: int
    line_end: int
    locator: str
    reference: str


@dataclass(frozen=True)
class SheetHit:
    sheet_id: int
    fiscal_year: int
    ministry: str
    title: str
    field_key: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class KpiCandidateView:
    text: str
    indicator: str
    value: Decimal
    unit: str
    target_year: int
    document: str
    passage_id: int


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Library:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- documents ---------------------------------------------------------

    def documents(self) -> list[DocumentRow]:
        with self.db.sessions() as s:
            counts = dict(s.execute(select(Passage.document_id, func.count(Passage.id))
                                    .group_by(Passage.document_id)).all())
            return [DocumentRow(d.id, d.file_name, d.title, d.issuer, d.issued, d.origin, counts.get(d.id, 0))
                    for d in s.scalars(select(Document).order_by(Document.origin.desc(), Document.file_name))]

    def ensure_seeds(self, progress: Progress | None = None) -> int:
        """Index the shipped seeds that are new or changed; returns how many were (re)indexed."""
        from desktop.sources.catalog import load_catalog

        entries = load_catalog()
        with self.db.sessions() as s:
            known = dict(s.execute(select(Document.file_name, Document.content_hash)).all())
        done = 0
        for i, entry in enumerate(entries):
            path = seeds_dir() / entry.file_name
            data = path.read_bytes()
            if known.get(entry.file_name) != _hash(data):
                self._index(path, data, title=entry.title, issuer=entry.issuer, issued=entry.date, origin="seed")
                done += 1
            if progress:
                progress(i + 1, len(entries))
        return done

    def add_document(self, path: Path | str, *, title: str | None = None, issuer: str = "",
                     issued: str = "") -> DocumentRow:
        """Add (or refresh) a user's document; a file that cannot be read adds nothing."""
        from desktop.sources.readers import read_document

        from desktop.store.repository import ValueTooLong

        path = Path(path)
        # Same refusal on both dialects (PostgreSQL enforces these lengths, SQLite does not).
        for attribute, value, column in (("file_name", path.name, Document.__table__.c.file_name),
                                         ("issued", issued, Document.__table__.c.issued)):
            if len(value) > column.type.length:
                raise ValueTooLong(attribute, column.type.length, len(value))
        doc = read_document(path)   # raises SourceReadError with a message for staff
        self._index(path, None, title=title or doc.title, issuer=issuer, issued=issued, origin="user",
                    document_text=doc)
        return next(d for d in self.documents() if d.file_name == path.name)

    def _index(self, path: Path, data: bytes | None, *, title: str, issuer: str, issued: str, origin: str,
               document_text=None) -> None:
        from desktop.sources.readers import read_document
        from desktop.sources.segment import segment

        doc = document_text or read_document(path)
        segments = segment(doc.text, pages=doc.line_pages)
        content_hash = doc.content_hash
        with self.db.write_sessions() as s, s.begin():
            document = s.scalar(select(Document).where(Document.file_name == path.name))
            if document is None:
                document = Document(file_name=path.name)
                s.add(document)
            document.title, document.issuer, document.issued = title, issuer, issued
            document.origin, document.content_hash = origin, content_hash
            s.flush()
            self._replace_passages(s, document, segments)

    def _replace_passages(self, s: Session, document: Document, segments) -> None:
        old = {p.key: p for p in s.scalars(select(Passage).where(Passage.document_id == document.id))}
        conn = s.connection()
        fulltext.remove(conn, fulltext.PASSAGES_FTS, [(p.id, p.text) for p in old.values()])
        cited = set(s.scalars(select(Citation.passage_id).where(Citation.passage_id.in_([p.id for p in old.values()]))))
        keep: list[Passage] = []
        for seg in segments:
            row = old.pop(seg.key, None) or Passage(document_id=document.id, key=seg.key)
            row.ordinal, row.heading_path = seg.ordinal, LOCATOR_SEPARATOR.join(seg.heading_path)
            row.line_start, row.line_end, row.page, row.text = seg.line_start, seg.line_end, seg.page, seg.text
            s.add(row)
            keep.append(row)
        for gone in old.values():
            if gone.id in cited:
                gone.ordinal = -1   # kept for the citations that point at it, hidden from search
                keep.append(gone)
            else:
                s.delete(gone)
        s.flush()
        fulltext.add(conn, fulltext.PASSAGES_FTS, [(p.id, p.text) for p in keep if p.ordinal >= 0])

    def remove_document(self, file_name: str) -> None:
        with self.db.write_sessions() as s, s.begin():
            document = s.scalar(select(Document).where(Document.file_name == file_name))
            if document is None:
                raise DocumentNotFound(file_name)
            citing = list(s.scalars(
                select(Sheet.title).join(Citation, Citation.sheet_id == Sheet.id)
                .join(Passage, Passage.id == Citation.passage_id)
                .where(Passage.document_id == document.id).distinct()))
            if citing:
                raise DocumentInUse(file_name, [t or "（施策名なし）" for t in citing])
            passages = s.execute(select(Passage.id, Passage.text).where(Passage.document_id == document.id)).all()
            fulltext.remove(s.connection(), fulltext.PASSAGES_FTS, passages)
            s.delete(document)

    # -- search --------------------------------------------------------------

    def _ranked_ids(self, s: Session, query: str, *, sheets: bool, limit: int,
                    document: str | None = None, year: int | None = None) -> list[int]:
        """Ids of passages (or sheet-field rows) holding every word, best first, filtered in SQL."""
        if sheets:
            first, join = "sheet_fields r", "JOIN sheets sh ON sh.id = r.sheet_id"
            where = ["sh.deleted_at IS NULL"] + (["sh.fiscal_year = :year"] if year is not None else [])
        else:
            first, join = "passages r", "JOIN documents d ON d.id = r.document_id"
            where = ["r.ordinal >= 0"] + (["d.file_name = :document"] if document else [])
        params: dict = {"year": year, "document": document, "limit": int(limit)}
        if self.db.dialect == "sqlite":
            match = fulltext.match_expression(query)
            if match is None:
                return []
            table = fulltext.FIELDS_FTS if sheets else fulltext.PASSAGES_FTS
            params["m"] = match
            sql = (f"SELECT r.id FROM {table} JOIN {first} ON r.id = {table}.rowid {join} "
                   f"WHERE {table} MATCH :m AND {' AND '.join(where)} ORDER BY bm25({table}) LIMIT :limit")
        else:
            words = fulltext.query_terms(query)
            if not words:
                return []
            # search_text is the normalised copy of the text (NFKC, lower case, no
            # spaces) that the words are normalised to as well; pg_trgm serves it.
            for i, word in enumerate(words):
                where.append(f"r.search_text LIKE :w{i}")
                params[f"w{i}"] = fulltext.like_pattern(word)
            sql = f"SELECT r.id FROM {first} {join} WHERE {' AND '.join(where)} ORDER BY r.id LIMIT :limit"
        used = {k: v for k, v in params.items() if f":{k}" in sql}
        return list(s.scalars(text(sql), used))

    def search(self, query: str, limit: int = 50, document: str | None = None) -> list[SearchHit]:
        with self.db.sessions() as s:
            ids = self._ranked_ids(s, query, sheets=False, limit=limit, document=document)
            if not ids:
                return []
            rows = {p.id: p for p in s.execute(
                select(Passage.id, Passage.text, Passage.heading_path, Document.file_name, Document.title)
                .join(Document).where(Passage.id.in_(ids))).all()}
            hits = []
            for rank, pid in enumerate(ids):
                row = rows[pid]
                snippet, spans = make_snippet(row.text, query)
                hits.append(SearchHit(pid, row.file_name, row.title, row.heading_path, snippet, spans, float(rank)))
            return hits

    def search_sheets(self, query: str, limit: int = 50, year: int | None = None) -> list[SheetHit]:
        """The same search over the sheets' own text, e.g. last year's sheets."""
        with self.db.sessions() as s:
            ids = self._ranked_ids(s, query, sheets=True, limit=limit, year=year)
            if not ids:
                return []
            rows = {r.id: r for r in s.execute(
                select(SheetField.id, SheetField.key, SheetField.value, Sheet.id.label("sheet_id"),
                       Sheet.fiscal_year, Sheet.ministry, Sheet.title)
                .join(Sheet, Sheet.id == SheetField.sheet_id).where(SheetField.id.in_(ids))).all()}
            hits = []
            for fid in ids:
                r = rows[fid]
                snippet, spans = make_snippet(r.value, query)
                hits.append(SheetHit(r.sheet_id, r.fiscal_year, r.ministry, r.title, r.key, snippet, spans))
            return hits

    # -- passages and citations --------------------------------------------------

    def _view(self, p: Passage) -> PassageView:
        d = p.document
        locator = format_locator(p.heading_path, p.page)
        return PassageView(p.id, p.key, d.file_name, d.title, p.heading_path, p.text, p.page, p.line_start,
                           p.line_end, locator, format_reference(d.title, d.issuer, d.issued, locator))

    def passage(self, passage_id: int) -> PassageView:
        with self.db.sessions() as s:
            p = s.get(Passage, passage_id)
            if p is None:
                raise KeyError(passage_id)
            return self._view(p)

    def context(self, passage_id: int, before: int = 2, after: int = 2) -> list[PassageView]:
        """The passage with its neighbours, for reading it in place."""
        with self.db.sessions() as s:
            p = s.get(Passage, passage_id)
            if p is None:
                raise KeyError(passage_id)
            rows = s.scalars(select(Passage).where(Passage.document_id == p.document_id,
                                                   Passage.ordinal.between(p.ordinal - before, p.ordinal + after),
                                                   Passage.ordinal >= 0).order_by(Passage.ordinal))
            return [self._view(r) for r in rows]

    def passages(self, file_name: str) -> list[PassageView]:
        with self.db.sessions() as s:
            rows = s.scalars(select(Passage).join(Document).where(Document.file_name == file_name,
                                                                 Passage.ordinal >= 0).order_by(Passage.ordinal))
            return [self._view(r) for r in rows]

    def find_quote(self, file_name: str, quote: str) -> PassageView | None:
        """The passage of a document that holds a quoted text (compared normalised)."""
        wanted = fulltext.normalize(quote)
        for view in self.passages(file_name):
            if wanted in fulltext.normalize(view.text):
                return view
        return None

    def citation_for(self, passage_id: int, field_key: str, quoted_text: str | None = None,
                     position: int | None = None) -> CitationData:
        view = self.passage(passage_id)
        return CitationData(field_key=field_key, passage_id=view.id, quoted_text=quoted_text or view.text,
                            locator=view.locator, document_title=view.title, reference=view.reference,
                            position=position)

    # -- KPI candidates ------------------------------------------------------------

    def kpi_candidates(self, document: str | None = None) -> list[KpiCandidateView]:
        from desktop.sources.kpi_candidates import extract_candidates

        out: list[KpiCandidateView] = []
        names = [document] if document else [d.file_name for d in self.documents()]
        for name in names:
            views = self.passages(name)
            by_key = {v.key: v for v in views}
            for c in extract_candidates(views, name):
                view = by_key.get(c.passage_key)
                if view is not None:
                    out.append(KpiCandidateView(c.text, c.indicator, c.value, c.unit, c.target_year, name, view.id))
        return out
