"""The reference library: documents staff draft from, searchable and citable.

Documents are segmented into passages once and stored; a content hash tells
whether a document changed, so start-up does not re-index. Re-indexing a
changed document keeps the rows of passages whose stable key is unchanged,
so citations keep pointing at the same text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from functools import lru_cache
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.paths import seeds_dir
from desktop.survey.reference import LOCATOR_SEPARATOR, format_locator, format_reference
from desktop.search.query import Query, parse
from desktop.sources.ranking import Candidate, Corpus, exact_score, near_score, prose_prior, rank
from desktop.search.searchform import fold
from desktop.sources.snippets import find_spans, make_snippet, marked
from desktop.store import fulltext
from desktop.store.database import Database
from desktop.store.models import Citation, Document, Passage, Sheet, SheetField
from desktop.survey.sheet import CitationData, KpiData, format_decimal

Progress = Callable[[int, int], None]

#: Rows the index hands over for ranking (the best by the index's own order).
CANDIDATES = 400
#: Sheet fields ranked per search: the newest that match (a word in most sheets answers as fast as a rare one).
SHEET_CANDIDATES = 150
#: The closest passages shown when none holds every word.
NEAR_LIMIT = 20


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """Headings and titles repeat across passages: fold each once."""
    return fold(text) if text else ""


def _heading_spans(heading_path: str, query: Query) -> list[tuple[int, int]]:
    folded = _folded(heading_path)
    if not any(f in folded for f in query.highlight_forms() if f):
        return []
    return find_spans(heading_path, query, checked=True)


def _candidate_corpus(candidates: list) -> Corpus:
    """Sheet search ranks within the candidates (their own statistics): no count over all fields."""
    mean = sum(c.length for c in candidates) / len(candidates) if candidates else 1.0
    memo: dict[str, int] = {}

    def frequency(form: str) -> int:
        if form not in memo:
            memo[form] = sum(1 for c in candidates if form in c.fields["body"])
        return memo[form]
    return Corpus(len(candidates), mean, frequency)


def _ranked(candidates: list, query: Query, corpus: Corpus, exact: bool, limit: int) -> list:
    """Candidates best first: all-terms ranking, or the closest by the query's pieces (at most NEAR_LIMIT)."""
    if exact:
        return rank(candidates, lambda c: exact_score(c, query, corpus))[:limit]
    near = rank(candidates, lambda c: near_score(c, query, corpus))
    return [(c, x) for c, x in near if x > 0][:min(limit, NEAR_LIMIT)]


def _near_candidates(conn, kind: str, query: Query, cap: int, where: str, params: dict) -> list[int]:
    """The fallback's candidates: rows holding one of the query's content words (in any form), then,
    up to ``cap``, rows holding one of its two-character pieces."""
    words = [f for part in query.parts() for f in part.forms()]
    ids = fulltext.any_of(conn, kind, words, limit=cap, where=where, params=params)
    if len(ids) < cap:
        seen = set(ids)
        more = fulltext.any_of(conn, kind, [p for p in query.bigrams() if p not in words], limit=cap, where=where,
                               params=params)
        ids += [i for i in more if i not in seen][:cap - len(ids)]
    return ids


def _rare_pieces(query: Query, keep: int = 6) -> list[str]:
    """The query's pieces most likely to be rare (kanji, katakana, Latin before kana): for the sheets'
    fallback, where every common piece would pull in most of the sheets."""
    def commonness(piece: str) -> int:
        return sum(1 for ch in piece if "\u3041" <= ch <= "\u309f")
    return sorted(query.bigrams(), key=commonness)[:keep]


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
    heading_highlights: tuple[tuple[int, int], ...] = ()
    exact: bool = True

    def marked_snippet(self, open_mark: str = "【", close_mark: str = "】") -> str:
        return marked(self.snippet, self.highlights, open_mark, close_mark)


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
    exact: bool = True

    def marked_snippet(self, open_mark: str = "【", close_mark: str = "】") -> str:
        return marked(self.snippet, self.highlights, open_mark, close_mark)


class _Results(Sequence):
    """Hits of one search, best first, and what they are: matches of every word, or the closest."""

    def __init__(self, query: str, hits: tuple, total: int, exact: bool) -> None:
        self.query, self.hits, self.total, self.exact = query, hits, total, exact

    def __getitem__(self, index):
        return self.hits[index]

    def __len__(self) -> int:
        return len(self.hits)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.query!r}, {len(self.hits)} of {self.total}, exact={self.exact})"

    @property
    def truncated(self) -> bool:
        """More rows match every word than are shown."""
        return self.exact and self.total > len(self.hits)


class SearchResults(_Results):
    """Passages: ``hits`` hold every word when ``exact``; otherwise they are the closest passages
    (no passage holds every word). ``total`` counts the passages that hold every word."""


class SheetResults(_Results):
    """Sheet fields, the same way as :class:`SearchResults`."""


@dataclass(frozen=True)
class KpiCandidateView:
    text: str
    indicator: str
    value: Decimal
    unit: str
    target_year: int
    document: str
    passage_id: int
    kpi: KpiData | None = None      # the KPI it proposes: qualifier, direction and kind kept

    def to_kpi(self) -> KpiData:
        if self.kpi is not None:
            return replace(self.kpi, actuals=dict(self.kpi.actuals))
        return KpiData(indicator=self.indicator, unit=self.unit, target_value=format_decimal(self.value),
                       target_year=self.target_year)


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _indexed_hash(content_hash: str) -> str:
    """What a document row stores: its file's hash and the segmenter's version, so that a better
    segmenter re-indexes the seeds once (citations stay valid, see ``_replace_passages``)."""
    from desktop.sources.segment import SEGMENTER_VERSION

    return _hash(f"{SEGMENTER_VERSION}:{content_hash}".encode())


def _index_row(passage_id: int, body: str, heading_path: str, title: str) -> tuple[int, str, str, str]:
    """A passage as the index holds it: body, heading path, document title."""
    return passage_id, body or "", heading_path or "", title or ""


def _holding(rows, quote: str, heading_path: str):
    """The new passage that holds a citation's quoted text (under the same headings if several do)."""
    wanted = fold(quote or "")
    if not wanted:
        return None
    holders = [r for r in rows if wanted in fold(r.text)]
    same = [r for r in holders if r.heading_path == heading_path]
    return (same or holders or [None])[0]


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
        """Index the shipped seeds that are new or changed, or were cut into passages by an earlier
        version of the segmenter; returns how many were (re)indexed."""
        from desktop.sources.catalog import load_catalog

        entries = load_catalog()
        from desktop.store.exchange import PLACEHOLDER_ORIGIN

        with self.db.sessions() as s:
            # A placeholder (the passages an exchange file cited) has the seed's hash but not its passages.
            known = dict(s.execute(select(Document.file_name, Document.content_hash)
                                   .where(Document.origin != PLACEHOLDER_ORIGIN)).all())
        done = 0
        for i, entry in enumerate(entries):
            path = seeds_dir() / entry.file_name
            data = path.read_bytes()
            if known.get(entry.file_name) != _indexed_hash(_hash(data)):
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
        with self.db.write_sessions() as s, s.begin():
            document = s.scalar(select(Document).where(Document.file_name == path.name))
            if document is None:
                document = Document(file_name=path.name, title="")
                s.add(document)
            indexed_title = document.title or ""
            document.title, document.issuer, document.issued = title, issuer, issued
            document.origin, document.content_hash = origin, _indexed_hash(doc.content_hash)
            s.flush()
            self._replace_passages(s, document, segments, indexed_title)

    def _replace_passages(self, s: Session, document: Document, segments, indexed_title: str) -> None:
        """Store a document's new passages, keeping every citation valid.

        A passage keeps its row (and id) when its key is unchanged, or else when
        a new passage has the same text (a heading above it was corrected). Rows
        that no new passage takes are deleted, unless a citation points at
        them: then each citation is moved to the new passage that holds its
        quoted text, and the old row stays, hidden from search (ordinal -1),
        for a sheet open elsewhere that still names it; a quote no new passage
        holds keeps its citation on the old row, whose text is what was quoted.
        """
        old_rows = list(s.scalars(select(Passage).where(Passage.document_id == document.id)))
        conn = s.connection()
        fulltext.remove(conn, fulltext.PASSAGES_FTS,
                        [_index_row(p.id, p.text, p.heading_path, indexed_title) for p in old_rows if p.ordinal >= 0])
        by_key = {p.key: p for p in old_rows}
        rows: list[Passage | None] = []
        for seg in segments:   # the same key is the same text; a row whose text differs is not reused
            row = by_key.get(seg.key)
            rows.append(by_key.pop(seg.key) if row is not None and fold(row.text) == fold(seg.text) else None)
        by_text: dict[str, list[Passage]] = {}
        for p in sorted(by_key.values(), key=lambda p: p.ordinal):
            by_text.setdefault(fold(p.text), []).append(p)
        for i, seg in enumerate(segments):
            if rows[i] is None:
                same = by_text.get(fold(seg.text))
                rows[i] = same.pop(0) if same else Passage(document_id=document.id)
        matched = {id(r) for r in rows}
        left = [p for p in old_rows if id(p) not in matched]
        for gone in left:   # its key may be a new passage's now (same key, other text): keep keys unique
            if not gone.key.endswith(f"#{gone.id}"):
                gone.key = f"{gone.key}#{gone.id}"
        for row, seg in zip(rows, segments):
            row.key, row.ordinal, row.heading_path = seg.key, seg.ordinal, LOCATOR_SEPARATOR.join(seg.heading_path)
            row.line_start, row.line_end, row.page, row.text = seg.line_start, seg.line_end, seg.page, seg.text
            s.add(row)
        cited = {}
        if left:
            for c in s.scalars(select(Citation).where(Citation.passage_id.in_([p.id for p in left]))):
                cited.setdefault(c.passage_id, []).append(c)
        s.flush()
        for gone in left:
            if gone.id in cited:
                gone.ordinal = -1   # kept for the citations that point at it, hidden from search
                for citation in cited[gone.id]:
                    target = _holding(rows, citation.quoted_text, gone.heading_path)
                    if target is not None:
                        citation.passage_id = target.id
            else:
                s.delete(gone)
        s.flush()
        fulltext.add(conn, fulltext.PASSAGES_FTS,
                     [_index_row(p.id, p.text, p.heading_path, document.title) for p in rows])

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
            passages = s.execute(select(Passage.id, Passage.text, Passage.heading_path)
                                 .where(Passage.document_id == document.id, Passage.ordinal >= 0)).all()
            fulltext.remove(s.connection(), fulltext.PASSAGES_FTS,
                            [_index_row(p.id, p.text, p.heading_path, document.title) for p in passages])
            s.delete(document)

    # -- search --------------------------------------------------------------

    def _corpus(self, conn, kind: str) -> Corpus:
        rows, mean = fulltext.row_count(conn, kind)
        memo: dict[str, int] = {}

        def frequency(form: str) -> int:
            if form not in memo:
                memo[form] = fulltext.frequency(conn, kind, form)
            return memo[form]
        return Corpus(rows, mean, frequency)

    def _passage_candidates(self, s: Session, ids: list[int]) -> list[tuple[Candidate, object]]:
        rows = s.execute(
            select(Passage.id, Passage.text, Passage.search_text, Passage.heading_path, Passage.document_id,
                   Passage.ordinal, Document.file_name, Document.title)
            .join(Document).where(Passage.id.in_(ids))).all()
        rows.sort(key=lambda r: (r.document_id, r.ordinal))   # equal scores: document order
        out = []
        for r in rows:
            headings = [h for h in r.heading_path.split(LOCATOR_SEPARATOR) if h.strip()] if r.heading_path else []
            fields = {"body": r.search_text, "heading": _folded(headings[-1]) if headings else "",
                      "parents": _folded(LOCATOR_SEPARATOR.join(headings[:-1])), "title": _folded(r.title)}
            out.append((Candidate(r.id, fields, prose_prior(r.text)), r))
        return out

    def search(self, query: str, limit: int = 50, document: str | None = None) -> SearchResults:
        """Passages holding every word (each in any of its forms), best first; when none does, the
        closest passages (``exact`` False), which the caller must label as such."""
        parsed = parse(query)
        if not parsed.terms:
            return SearchResults(query, (), 0, True)
        where, params = ("d.file_name = :document", {"document": document}) if document else ("", {})
        terms = [t.forms() for t in parsed.terms]
        with self.db.sessions() as s:
            conn = s.connection()
            ids = fulltext.matching(conn, "passages", terms, limit=CANDIDATES, where=where, params=params)
            exact = bool(ids)
            if exact:
                total = len(ids) if len(ids) < CANDIDATES else fulltext.count_matching(
                    conn, "passages", terms, where=where, params=params)
            else:
                ids = _near_candidates(conn, "passages", parsed, CANDIDATES, where, params)
                total = 0
            if not ids:
                return SearchResults(query, (), 0, True)
            corpus = self._corpus(conn, "passages")
            candidates = self._passage_candidates(s, ids)
            ranked = _ranked([c for c, _ in candidates], parsed, corpus, exact, limit)
        rows = {c.id: r for c, r in candidates}
        hits = []
        for candidate, score in ranked:
            row = rows[candidate.id]
            snippet, spans = make_snippet(row.text, parsed, folded=row.search_text)
            hits.append(SearchHit(row.id, row.file_name, row.title, row.heading_path, snippet, spans, score,
                                  _heading_spans(row.heading_path, parsed), exact))
        return SearchResults(query, tuple(hits), total, exact)

    def search_sheets(self, query: str, limit: int = 50, year: int | None = None) -> SheetResults:
        """The same search over the sheets' own text fields (e.g. last year's sheets).

        The index gives the newest matching fields first; the most recent
        ``SHEET_CANDIDATES`` of them are ranked, so a word found in thousands of
        sheets (「AI」) answers as fast as a rare one.
        """
        parsed = parse(query)
        if not parsed.terms:
            return SheetResults(query, (), 0, True)
        where, params = ("s.fiscal_year = :year", {"year": year}) if year is not None else ("", {})
        terms = [t.forms() for t in parsed.terms]
        with self.db.sessions() as s:
            conn = s.connection()
            ids, total = fulltext.matching_total(conn, "fields", terms, limit=SHEET_CANDIDATES, where=where,
                                                 params=params)
            exact = bool(ids)
            if not exact:
                ids = fulltext.any_of(conn, "fields", _rare_pieces(parsed), limit=SHEET_CANDIDATES, where=where,
                                      params=params)
                total = 0
            if not ids:
                return SheetResults(query, (), 0, True)
            forms = s.execute(select(SheetField.id, SheetField.search_text).where(SheetField.id.in_(ids))).all()
            order = {fid: i for i, fid in enumerate(ids)}   # newest sheets first: equal scores keep that
            candidates = sorted((Candidate(r.id, {"body": r.search_text}) for r in forms), key=lambda c: order[c.id])
            ranked = _ranked(candidates, parsed, _candidate_corpus(candidates), exact, limit)
            shown = [c.id for c, _ in ranked]
            by_id = {r.id: r for r in s.execute(
                select(SheetField.id, SheetField.key, SheetField.value, SheetField.search_text,
                       Sheet.id.label("sheet_id"), Sheet.fiscal_year, Sheet.ministry, Sheet.title)
                .join(Sheet, Sheet.id == SheetField.sheet_id).where(SheetField.id.in_(shown))).all()}
        hits = []
        for fid in shown:
            r = by_id[fid]
            snippet, spans = make_snippet(r.value, parsed, folded=r.search_text)
            hits.append(SheetHit(r.sheet_id, r.fiscal_year, r.ministry, r.title, r.key, snippet, spans, exact))
        return SheetResults(query, tuple(hits), total, exact)

    # -- passages and citations --------------------------------------------------

    def _document_paths(self, s: Session, document_id: int) -> frozenset[str]:
        return frozenset(s.scalars(select(Passage.heading_path).where(Passage.document_id == document_id,
                                                                      Passage.ordinal >= 0).distinct()))

    def _view(self, p: Passage, paths: frozenset[str] | None = None) -> PassageView:
        d = p.document
        if paths is None:
            from sqlalchemy.orm import object_session

            paths = self._document_paths(object_session(p), p.document_id)
        locator = format_locator(p.heading_path, p.page, paths)
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
            paths = self._document_paths(s, p.document_id)
            views = [self._view(r, paths) for r in rows]
            return views if any(v.id == p.id for v in views) else [self._view(p, paths)]

    def passages(self, file_name: str) -> list[PassageView]:
        with self.db.sessions() as s:
            rows = list(s.scalars(select(Passage).join(Document).where(Document.file_name == file_name,
                                                                      Passage.ordinal >= 0).order_by(Passage.ordinal)))
            paths = frozenset(r.heading_path for r in rows)
            return [self._view(r, paths) for r in rows]

    def find_quote(self, file_name: str, quote: str) -> PassageView | None:
        """The passage of a document that holds a quoted text (compared normalised)."""
        wanted = fold(quote)
        for view in self.passages(file_name):
            if wanted in fold(view.text):
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
                    out.append(KpiCandidateView(c.text, c.indicator, c.value, c.unit, c.target_year, name, view.id,
                                                c.to_kpi()))
        return out
