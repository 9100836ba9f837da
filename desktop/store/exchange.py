"""The database side of submission and return files: keys, passages, review rows, one transaction.

A file names a sheet by its exchange key (:class:`~desktop.store.models.ExchangeLink`),
never by this database's id. What the file carries besides the sheet's
content — review comments, status history, the evaluation, the register of
withheld text — is added here, in the same transaction as the sheets
(Repository.store_in_batches), so an import is applied whole or not at all.

Rows from the other side keep their authors and times, so both databases
end up with the same history; a row is known again by what it says (its
time, author and text), so a file imported twice adds nothing. Passages a
file cites that this database's library lacks are added as hidden passages
(ordinal -1, as the library keeps superseded cited passages) of the same
document; a document the library lacks is added as a placeholder (origin
:data:`PLACEHOLDER_ORIGIN`, the source's hash) that the library indexes
again when the real file is added or shipped (``Library.ensure_seeds``
does not take a placeholder for an indexed seed), keeping the citations.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop.disclosure.reader_form import reader_form
from desktop.store.models import (Comment, Document, Evaluation, ExchangeLink, Passage, StatusChange, WithheldEntry,
                                  utcnow)
from desktop.store.repository import Repository
from desktop.store.surveys import add_version
from desktop.survey.definition import SurveyDefinition
from desktop.survey.parts import new_key
from desktop.survey.portable import PassageRef
from desktop.survey.sheet import SheetData, WithheldText

PLACEHOLDER_ORIGIN = "exchange"   # a document known only by the passages a file cited


# -- keys ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    sheet_id: int
    key: str
    received: str | None      # the portable sheet as the other side last sent it (JSON), or None


def links(repo: Repository, *, sheet_ids: Iterable[int] = (), keys: Iterable[str] = ()) -> list[Link]:
    ids, wanted = sorted(set(sheet_ids)), sorted(set(keys))
    out: list[Link] = []
    with repo.db.sessions() as s:
        for column, values in ((ExchangeLink.sheet_id, ids), (ExchangeLink.key, wanted)):
            for start in range(0, len(values), 500):
                rows = s.scalars(select(ExchangeLink).where(column.in_(values[start:start + 500])))
                out.extend(Link(r.sheet_id, r.key, r.received) for r in rows)
    return out


def ensure_keys(repo: Repository, sheet_ids: Iterable[int]) -> dict[int, str]:
    """Every sheet's exchange key, made for the sheets that never travelled (one transaction)."""
    ids = sorted(set(sheet_ids))
    found = {link.sheet_id: link.key for link in links(repo, sheet_ids=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        with repo.db.write_sessions() as s, s.begin():
            for sheet_id in missing:
                found[sheet_id] = new_key()
                s.add(ExchangeLink(sheet_id=sheet_id, key=found[sheet_id]))
    return found


# -- passages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PassageInfo:
    """A cited passage as a file carries it: where it is and what it says."""

    ref: PassageRef
    text: str
    heading_path: str = ""
    line_start: int = 0
    line_end: int = 0
    page: int | None = None
    issuer: str = ""
    issued: str = ""


def source_hash(document: Document) -> str:
    """The document's identity as the library knows its file (a placeholder keeps its source's)."""
    return document.content_hash


def passage_infos(repo: Repository, passage_ids: Iterable[int]) -> dict[int, PassageInfo]:
    ids = sorted(set(passage_ids))
    out: dict[int, PassageInfo] = {}
    with repo.db.sessions() as s:
        for start in range(0, len(ids), 500):
            rows = s.execute(select(Passage, Document).join(Document, Document.id == Passage.document_id)
                             .where(Passage.id.in_(ids[start:start + 500])))
            for p, d in rows:
                out[p.id] = PassageInfo(PassageRef(d.file_name, source_hash(d), d.title, p.key), p.text,
                                        p.heading_path, p.line_start, p.line_end, p.page, d.issuer, d.issued)
    return out


def find_passages(repo: Repository, infos: Iterable[PassageInfo]) -> dict[PassageRef, int]:
    """This database's passage for each cited one: the same document (by hash, else by file name) and the
    same key with the same text, else any passage of that document with the same text."""
    found: dict[PassageRef, int] = {}
    with repo.db.sessions() as s:
        for info in infos:
            ref = info.ref
            docs = list(s.scalars(select(Document).where(
                (Document.content_hash == ref.content_hash) | (Document.file_name == ref.file_name)).order_by(Document.id)))
            docs.sort(key=lambda d: 0 if source_hash(d) == ref.content_hash else 1)
            for d in docs:
                rows = list(s.execute(select(Passage.id, Passage.key).where(Passage.document_id == d.id,
                                                                           Passage.text == info.text)))
                same_key = [pid for pid, key in rows if key == ref.passage_key]
                if same_key or rows:
                    found[ref] = (same_key or [rows[0][0]])[0]
                    break
    return found


def _add_passages(s: Session, infos: list[PassageInfo]) -> dict[PassageRef, int]:
    """Add the cited passages this library lacks (hidden from search); returns their new ids."""
    out: dict[PassageRef, int] = {}
    for info in infos:
        ref = info.ref
        docs = list(s.scalars(select(Document).where(Document.content_hash == ref.content_hash)
                              .order_by(Document.id)))
        document = docs[0] if docs else None
        if document is None:
            name, n = ref.file_name, 1
            while s.scalar(select(Document.id).where(Document.file_name == name)) is not None:
                n += 1
                stem, dot, suffix = ref.file_name.rpartition(".")
                name = f"{stem}（{n}）.{suffix}" if dot else f"{ref.file_name}（{n}）"
            document = Document(file_name=name, title=ref.title, issuer=info.issuer, issued=info.issued,
                                origin=PLACEHOLDER_ORIGIN, content_hash=ref.content_hash)
            s.add(document)
            s.flush()
        key, n = ref.passage_key, 1
        while s.scalar(select(Passage.id).where(Passage.document_id == document.id, Passage.key == key)) is not None:
            n += 1
            key = f"{ref.passage_key}#x{n}"
        row = Passage(document_id=document.id, key=key, ordinal=-1, heading_path=info.heading_path,
                      line_start=info.line_start, line_end=info.line_end, page=info.page, text=info.text)
        s.add(row)
        s.flush()
        out[ref] = row.id
    return out


# -- review rows -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentEntry:
    key: str                 # what the comment says and who wrote it when: the same on both sides
    parent: str | None
    part: str
    quote: str
    body: str
    author: str
    role: str
    created_at: datetime
    resolved: bool
    resolved_by: str | None
    resolved_at: datetime | None


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    role: str
    from_status: str | None
    to_status: str
    reason: str

    @property
    def identity(self) -> tuple:
        return (self.at, self.actor, self.role, self.from_status, self.to_status, self.reason)


@dataclass(frozen=True)
class EvaluationEntry:
    grade: str
    comment: str
    author: str
    at: datetime


@dataclass
class Review:
    """A sheet's workflow rows: comments (threads in order), status history, the evaluation."""

    comments: list[CommentEntry] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    evaluation: EvaluationEntry | None = None


def comment_key(created_at: datetime, author: str, part: str, quote: str, body: str) -> str:
    import hashlib

    text = "\x1f".join([created_at.isoformat(), author, part, quote, body])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def reviews(repo: Repository, sheet_ids: Iterable[int]) -> dict[int, Review]:
    ids = sorted(set(sheet_ids))
    out = {i: Review() for i in ids}
    with repo.db.sessions() as s:
        for start in range(0, len(ids), 500):
            batch = ids[start:start + 500]
            rows = list(s.scalars(select(Comment).where(Comment.sheet_id.in_(batch)).order_by(Comment.id)))
            keys = {c.id: comment_key(c.created_at, c.author, c.part, c.quote, c.body) for c in rows}
            for c in rows:
                out[c.sheet_id].comments.append(CommentEntry(
                    keys[c.id], keys.get(c.parent_id) if c.parent_id else None, c.part, c.quote, c.body, c.author,
                    c.role, c.created_at, c.resolved, c.resolved_by, c.resolved_at))
            for h in s.scalars(select(StatusChange).where(StatusChange.sheet_id.in_(batch)).order_by(StatusChange.id)):
                out[h.sheet_id].history.append(HistoryEntry(h.at, h.actor, h.role, h.from_status, h.to_status,
                                                            h.reason))
            for e in s.scalars(select(Evaluation).where(Evaluation.sheet_id.in_(batch))):
                out[e.sheet_id].evaluation = EvaluationEntry(e.grade, e.comment, e.author, e.at)
    return out


def review_news(local: Review, incoming: Review) -> tuple[list[CommentEntry], list[CommentEntry],
                                                          list[HistoryEntry], EvaluationEntry | None]:
    """What ``incoming`` adds to ``local``: new comments, threads it resolved, history rows, a newer evaluation."""
    known = {c.key: c for c in local.comments}
    new = [c for c in incoming.comments if c.key not in known]
    resolved = [c for c in incoming.comments if c.key in known and c.resolved and not known[c.key].resolved]
    seen = {h.identity for h in local.history}
    history = [h for h in incoming.history if h.identity not in seen]
    evaluation = incoming.evaluation
    if evaluation is not None and local.evaluation is not None and (
            local.evaluation.at >= evaluation.at or local.evaluation == evaluation):
        evaluation = None
    return new, resolved, history, evaluation


# -- applying ----------------------------------------------------------------------------------------


@dataclass
class Incoming:
    """One sheet of a file, as the import applies it."""

    key: str
    received: str                      # the portable sheet the file carries (canonical JSON)
    review: Review
    withheld: list[WithheldText]
    lineage: str
    sheet: SheetData | None = None     # to save (None: its content brings nothing new)
    target_id: int | None = None       # this database's sheet (None: created from ``sheet``)


def _apply_review(s: Session, sheet_id: int, incoming: Review, created: bool, first_new_history: int) -> None:
    local_rows = list(s.scalars(select(Comment).where(Comment.sheet_id == sheet_id).order_by(Comment.id)))
    by_key = {comment_key(c.created_at, c.author, c.part, c.quote, c.body): c for c in local_rows}
    for c in incoming.comments:
        found = by_key.get(c.key)
        if found is None:
            parent = by_key.get(c.parent) if c.parent else None
            added = Comment(sheet_id=sheet_id, parent_id=parent.id if parent is not None else None, part=c.part,
                            quote=c.quote, body=c.body, author=c.author, role=c.role, created_at=c.created_at,
                            resolved=c.resolved, resolved_by=c.resolved_by, resolved_at=c.resolved_at)
            s.add(added)
            s.flush()
            by_key[c.key] = added
        elif c.resolved and not found.resolved:
            found.resolved, found.resolved_by, found.resolved_at = True, c.resolved_by, c.resolved_at
    known = list(s.scalars(select(StatusChange).where(StatusChange.sheet_id == sheet_id).order_by(StatusChange.id)))
    seen = {HistoryEntry(r.at, r.actor, r.role, r.from_status, r.to_status, r.reason).identity for r in known}
    arriving = [h for h in incoming.history if h.identity not in seen]
    # The save just recorded the move the file brings, as made by whoever imports it: the file's row
    # (who made it, as what, when, why) stands for it instead. A created sheet's history is the file's.
    moves = {(h.from_status, h.to_status) for h in arriving}
    for row in known:
        if row.id >= first_new_history and ((created and incoming.history) or (row.from_status, row.to_status) in moves):
            s.delete(row)
    for h in sorted(arriving, key=lambda h: h.at):
        s.add(StatusChange(sheet_id=sheet_id, at=h.at, actor=h.actor, role=h.role, from_status=h.from_status,
                           to_status=h.to_status, reason=h.reason))
    e = incoming.evaluation
    if e is not None:
        stored = s.get(Evaluation, sheet_id)
        if stored is None or stored.at < e.at:
            target = stored or Evaluation(sheet_id=sheet_id)
            target.grade, target.comment, target.author, target.at = e.grade, e.comment, e.author, e.at
            s.add(target)


def _apply_register(s: Session, sheet_id: int, lineage: str, withheld: list[WithheldText], author: str) -> None:
    """Add the file's withheld texts to the lineage's register (released here: the person's release stands)."""
    rows = list(s.scalars(select(WithheldEntry).where(WithheldEntry.lineage == lineage)))
    known = {r.form for r in rows}
    for w in withheld:
        form = reader_form(w.text or "")
        if form and form not in known:
            s.add(WithheldEntry(lineage=lineage, text=w.text, form=form, part=w.part, reason=w.reason,
                                sheet_id=sheet_id, created_by=author))
            known.add(form)


def apply_exchange(repo: Repository, incoming: list[Incoming], passages: dict[int, PassageInfo],
                   author: str, definitions: dict[int, SurveyDefinition] | None = None) -> list[int]:
    """Save the sheets and add what travels with them, in one transaction; returns the sheets' ids.

    ``passages`` maps the placeholder ids (negative) the sheets' citations use to the passages to add;
    ``definitions`` the placeholder versions (negative) the sheets' survey versions use to the survey
    definitions to store as their survey's next versions.
    """
    to_save = [i for i in incoming if i.sheet is not None]
    state: dict[str, int] = {}

    def before(s: Session) -> None:
        state["history"] = (s.scalar(select(func.max(StatusChange.id))) or 0) + 1
        if definitions:
            # oldest first (by the sender's numbers), so the newest the file carries is this database's latest
            stored = {placeholder: add_version(s, definition, author).version
                      for placeholder, definition in sorted(definitions.items(), key=lambda d: d[1].version)}
            for item in to_save:
                assert item.sheet is not None
                if item.sheet.survey_version in stored:
                    item.sheet.survey_version = stored[item.sheet.survey_version]
        if passages:
            ids = _add_passages(s, list(passages.values()))
            real = {placeholder: ids[info.ref] for placeholder, info in passages.items()}
            for item in to_save:
                assert item.sheet is not None
                for c in item.sheet.citations:
                    if c.passage_id is not None and c.passage_id < 0:
                        c.passage_id = real[c.passage_id]

    def after(s: Session, saved: list[int]) -> None:
        saved_ids = dict(zip((i.key for i in to_save), saved))
        now = utcnow()
        for item in incoming:
            sheet_id = item.target_id if item.target_id is not None else saved_ids[item.key]
            _apply_review(s, sheet_id, item.review, item.target_id is None, state["history"])
            _apply_register(s, sheet_id, item.lineage, item.withheld, author)
            s.execute(delete(ExchangeLink).where(ExchangeLink.sheet_id == sheet_id, ExchangeLink.key != item.key))
            link = s.get(ExchangeLink, sheet_id)
            if link is None:
                link = ExchangeLink(sheet_id=sheet_id, key=item.key)
                s.add(link)
            link.received, link.received_at = item.received, now
        s.flush()

    saved = repo.store_in_batches([[i.sheet for i in to_save if i.sheet is not None]] if to_save else [], author,
                                  before=before, after=after)
    if definitions:
        repo.forget_definitions()
    ids = dict(zip((i.key for i in to_save), saved))
    return [i.target_id if i.target_id is not None else ids[i.key] for i in incoming]


__all__ = ["PLACEHOLDER_ORIGIN", "CommentEntry", "EvaluationEntry", "HistoryEntry", "Incoming", "Link", "PassageInfo", "Review",
           "apply_exchange", "comment_key", "ensure_keys", "find_passages", "links", "passage_infos",
           "register_forms", "review_news", "reviews", "source_hash"]


def register_forms(repo: Repository, lineages: Iterable[str]) -> dict[str, set[str]]:
    """The reader forms each lineage's register holds (released ones too: a release here stands)."""
    wanted = sorted(set(lineages))
    out: dict[str, set[str]] = {lineage: set() for lineage in wanted}
    with repo.db.sessions() as s:
        for start in range(0, len(wanted), 500):
            for lineage, form in s.execute(select(WithheldEntry.lineage, WithheldEntry.form)
                                           .where(WithheldEntry.lineage.in_(wanted[start:start + 500]))):
                out[lineage].add(form)
    return out
