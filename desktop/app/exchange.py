"""Submission and return files: a ministry's sheets to the secretariat and back, without loss.

A ministry exports its sheets of a year (:func:`export_exchange`); the
secretariat imports the file into its own database, reviews, and exports a
return (``kind=RETURN``) for that ministry, which the ministry imports. The
file carries each sheet whole — fields, items, KPIs with every year's
actuals, citations with the cited passage and its document, marks with
their reasons and the register entries behind them, comments, the
evaluation and the status history — and the survey definition it was filled
in (:func:`definition_identity`).

An import is planned first (:func:`plan_exchange_import`) and applied whole
or not at all (:func:`apply_exchange_import`). Sheets are known by their
exchange key (desktop/store/exchange.py). A sheet the receiving side also
changed since the last file is merged part by part against the last version
both had (the file's ``base``, else the one this database last received)
by the merge of concurrent edits (desktop/store/merge.py): parts both sides
changed differently are conflicts a person decides. Scope as in the form
import: a file changes only its ministry's sheets, and a return only sheets
this database sent. Marks fail closed: every mark of either side is kept,
and one that cannot be placed stays withheld, flagged for a person.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from desktop.disclosure.textedit import settle_marks
from desktop.reports.atomic import check_target
from desktop.reports.errors import ReportError
from desktop.reports.form_plan import FieldChange, ImportProblem, changes
from desktop.store import exchange as links_store
from desktop.store.exchange import CommentEntry, EvaluationEntry, HistoryEntry, Incoming, PassageInfo, Review
from desktop.store.merge import Conflict, Decision, Take, conflicts, merge
from desktop.store.models import utcnow
from desktop.store.surveys import version_with_content
from desktop.store.repository import (InvalidCharacter, Repository, SheetFilter, StaleSheetError, ValueTooLong,
                                      check_values, current_user)
from desktop.survey.definition import SurveyDefinition
from desktop.survey.definition_data import content_hash, definition_from_json, definition_to_json
from desktop.survey.loader import SurveyDefinitionError
from desktop.survey.ministries import clean_ministry
from desktop.survey.portable import PassageRef, canonical, from_portable, to_portable
from desktop.survey.review import MINISTRY as MINISTRY_ROLE
from desktop.survey.review import SECRETARIAT, ContentLocked, MoveRefused
from desktop.survey.sheet import SheetData, Status, StatusNote, WithheldText
from desktop.survey.sheet_codec import SheetCodecError
from desktop.survey.wareki import format_fiscal_year

SUBMISSION, RETURN = "submission", "return"     # the file's kinds (desktop/reports/exchange_file.py)
NEW, CHANGED, CONFLICT, UNCHANGED = "new", "changed", "conflict", "unchanged"
STATE_LABELS = {NEW: "新規", CHANGED: "変更", CONFLICT: "競合", UNCHANGED: "変更なし"}
LABEL_CITATIONS = "引用"
FORM_VERSION = 0      # version_map's entry for the definition the file's readable form was built in


def definition_identity(survey: SurveyDefinition) -> dict:
    """A survey definition as a file carries it: its identity and the whole definition, so a database that
    has never met this version (a secretariat's that has only the shipped one, a ministry's before the
    revised format reached it) stores it on import. Version numbers are each database's own; the content
    hash is what says two databases hold the same version. The definition travels as its stored text (a
    string: the file's JSON sorts keys, and a definition's mappings keep their order)."""
    return {"key": survey.key, "title": survey.title, "version": survey.version,
            "content_hash": content_hash(survey), "definition": definition_to_json(survey)}


# -- the file's data -------------------------------------------------------------------------------


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _review_json(review: Review) -> dict:
    return {
        "comments": [{"key": c.key, "parent": c.parent, "part": c.part, "quote": c.quote, "body": c.body,
                      "author": c.author, "role": c.role, "created_at": _time(c.created_at), "resolved": c.resolved,
                      "resolved_by": c.resolved_by, "resolved_at": _time(c.resolved_at)} for c in review.comments],
        "history": [{"at": _time(h.at), "actor": h.actor, "role": h.role, "from": h.from_status, "to": h.to_status,
                     "reason": h.reason} for h in review.history],
        "evaluation": None if review.evaluation is None else {
            "grade": review.evaluation.grade, "comment": review.evaluation.comment,
            "author": review.evaluation.author, "at": _time(review.evaluation.at)},
    }


def _review_from(data: dict) -> Review:
    """Strict: a missing or mistyped value raises (KeyError, TypeError, ValueError), and the file is refused."""
    def when(text) -> datetime:
        return datetime.fromisoformat(text)

    def opt_when(text) -> datetime | None:
        return None if text is None else datetime.fromisoformat(text)

    comments = [CommentEntry(str(c["key"]), c["parent"], str(c["part"]), str(c["quote"]), str(c["body"]),
                             str(c["author"]), str(c["role"]), when(c["created_at"]), bool(c["resolved"]),
                             c["resolved_by"], opt_when(c["resolved_at"])) for c in data["comments"]]
    for c in comments:
        if links_store.comment_key(c.created_at, c.author, c.part, c.quote, c.body) != c.key:
            raise ValueError("comment key")
    history = [HistoryEntry(when(h["at"]), str(h["actor"]), str(h["role"]), h["from"], str(h["to"]), str(h["reason"]))
               for h in data["history"]]
    e = data["evaluation"]
    evaluation = None if e is None else EvaluationEntry(str(e["grade"]), str(e["comment"]), str(e["author"]),
                                                        when(e["at"]))
    return Review(comments, history, evaluation)


def _passage_json(info: PassageInfo) -> dict:
    return {"ref": info.ref.to_json(), "text": info.text, "heading_path": info.heading_path,
            "line_start": info.line_start, "line_end": info.line_end, "page": info.page, "issuer": info.issuer,
            "issued": info.issued}


def _passage_from(data: dict) -> PassageInfo:
    return PassageInfo(PassageRef.from_json(data["ref"]), str(data["text"]), str(data["heading_path"]),
                       int(data["line_start"]), int(data["line_end"]),
                       None if data["page"] is None else int(data["page"]), str(data["issuer"]), str(data["issued"]))


# -- export ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExchangeExport:
    path: Path
    kind: str
    ministry: str
    year: int
    count: int
    marked: int        # sheets with 非公開 marks (the file is internal material then)


def export_exchange(repo: Repository, path: str | Path, *, ministry: str, year: int, kind: str = SUBMISSION,
                    sheet_ids: Sequence[int] | None = None, created: date | None = None) -> ExchangeExport:
    """Write the submission (or, ``kind=RETURN``, the secretariat's return) of a ministry's sheets of a year."""
    from desktop.reports.exchange_file import FORMAT, write_exchange   # openpyxl: imported when used

    path = Path(path)
    ministry = clean_ministry(ministry)
    if kind not in (SUBMISSION, RETURN):
        raise ReportError(f"ファイルの種類「{kind}」は使えません（{SUBMISSION}・{RETURN}）。")
    if not ministry:
        raise ReportError("府省庁を指定してください（提出・差戻しファイルは府省庁ごとに作成します）。")
    if path.suffix.lower() != ".xlsx":
        raise ReportError(f"出力先「{path.name}」の拡張子を .xlsx にしてください。")
    check_target(path)
    sheets = repo.load_sheets(SheetFilter(survey_key=repo.survey.key, year=year, ministry=ministry), order="id")
    if sheet_ids is not None:
        wanted = set(sheet_ids)
        unknown = sorted(wanted - {s.id for s in sheets if s.id is not None})
        if unknown:
            raise ReportError(f"施策シート {'・'.join(map(str, unknown))} は{format_fiscal_year(year)}の{ministry}の"
                              "施策シートではありません。")
        sheets = [s for s in sheets if s.id in wanted]
    if not sheets:
        raise ReportError(f"{format_fiscal_year(year)}の{ministry}の施策シートがありません。")
    ids = [s.id for s in sheets if s.id is not None]
    keys = links_store.ensure_keys(repo, ids)
    received = {link.sheet_id: link.received for link in links_store.links(repo, sheet_ids=ids)}
    infos = links_store.passage_infos(repo, {c.passage_id for s in sheets for c in s.citations if c.passage_id})
    reviews = links_store.reviews(repo, ids)
    entries: list[dict] = []
    contents: list[dict] = []
    for s in sheets:
        assert s.id is not None
        refs = {c.key: infos[c.passage_id].ref for c in s.citations if c.passage_id in infos}
        base = received.get(s.id)
        contents.append(to_portable(s, refs))
        entries.append({"key": keys[s.id], "content": contents[-1],
                        "base": json.loads(base) if base else None,
                        "withheld": [[w.text, w.part, w.reason] for w in s.withheld],
                        "review": _review_json(reviews[s.id])})
    created = created or date.today()
    # The readable form shows the newest version the sheets were filled in; the others travel beside it.
    used = {d.version: d for d in map(repo.sheet_definition, sheets)}
    form_survey = used.pop(max(used))
    payload = {"format": FORMAT, "kind": kind, "ministry": ministry, "year": year,
               "survey": definition_identity(form_survey),
               "sheet_surveys": [definition_identity(used[v]) for v in sorted(used)], "created": created.isoformat(),
               "exported_at": utcnow().isoformat(), "exported_by": current_user(), "sheets": entries,
               "passages": [_passage_json(i) for i in {i.ref: i for i in infos.values()}.values()]}
    shown = [from_portable(c)[0] for c in contents]    # what the import will rebuild the readable part from
    write_exchange(form_survey, payload, shown, path, ministry=ministry, year=year, created=created)
    return ExchangeExport(path, kind, ministry, year, len(sheets), sum(1 for s in sheets if s.marks))


# -- planning an import --------------------------------------------------------------------------------


@dataclass
class ExchangeEntry:
    """One sheet of the file and what the import does with it."""

    key: str
    state: str
    title: str
    location: str                       # its row of the readable part (一覧!4)
    theirs: SheetData
    mine: SheetData | None = None       # this database's sheet (None: created)
    base: SheetData | None = None       # the last version both sides had
    result: SheetData | None = None     # what would be saved (with no decisions on conflicts)
    conflicts: list[Conflict] = field(default_factory=list)
    changes: list[FieldChange] = field(default_factory=list)
    review: Review = field(default_factory=Review)
    new_comments: int = 0
    resolved_comments: int = 0
    new_history: list[HistoryEntry] = field(default_factory=list)
    new_evaluation: EvaluationEntry | None = None
    withheld: list[WithheldText] = field(default_factory=list)
    new_withheld: int = 0
    received: str = ""

    @property
    def brings_review(self) -> bool:
        return bool(self.new_comments or self.resolved_comments or self.new_history or self.new_evaluation
                    or self.new_withheld)


@dataclass
class ExchangePlan:
    file: str
    kind: str = ""
    ministry: str = ""
    year: int = 0
    survey_key: str = ""
    entries: list[ExchangeEntry] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)
    placeholders: dict[int, PassageInfo] = field(default_factory=dict)   # passages to add, by their stand-in id
    survey: SurveyDefinition | None = None     # the definition the file's sheets are planned in
    # Definitions the file carries that this database lacks, stored on apply, by their stand-in version
    # (negative, as the passages' ids): the sheets filled in them point at it until then.
    definitions: dict[int, SurveyDefinition] = field(default_factory=dict)
    version_map: dict[int, int] = field(default_factory=dict)   # the file's version numbers → this database's

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def conflicting(self) -> list[ExchangeEntry]:
        return [e for e in self.entries if e.state == CONFLICT]

    @property
    def nothing_new(self) -> bool:
        return all(e.state == UNCHANGED and not e.brings_review for e in self.entries)

    def count(self, state: str) -> int:
        return sum(1 for e in self.entries if e.state == state)


def _adopt_mark_ids(mine: SheetData, other: SheetData) -> None:
    """Give ``other``'s marks the ids of the same marks in ``mine``, so the merge knows them as one mark."""
    free = list(mine.marks)
    for exact in (True, False):
        for m in other.marks:
            if m.id is not None:
                continue
            match = next((x for x in free if str(x.part) == str(m.part) and x.text == m.text and (
                (x.start, x.end) == (m.start, m.end) if exact else x.reason == m.reason)), None)
            if match is not None:
                m.id = match.id
                free.remove(match)


def _as_local(sheet: SheetData, refs: dict[str, PassageRef], passage_ids: dict[PassageRef, int],
              mine: SheetData | None, versions: dict[int, int]) -> SheetData:
    """A sheet of the file with this database's ids: passages, the survey version it was filled in (by
    content: numbers differ between databases), and the stored sheet's id and version."""
    out = copy.deepcopy(sheet)
    if versions:
        out.survey_version = versions.get(out.survey_version) if out.survey_version is not None else None
        if out.survey_version is None:          # a version the file did not carry: the form's own
            out.survey_version = versions[FORM_VERSION]
    for c in out.citations:
        ref = refs.get(c.key)
        c.passage_id = passage_ids.get(ref) if ref is not None else None
    if mine is not None:
        out.id, out.version, out.predecessor_id = mine.id, mine.version, mine.predecessor_id
        out.created_at, out.updated_at = mine.created_at, mine.updated_at
        _adopt_mark_ids(mine, out)
    return out


def _citation_change(before: SheetData | None, after: SheetData) -> list[FieldChange]:
    def view(sheet: SheetData | None) -> str:
        if sheet is None:
            return ""
        return "\n".join(f"「{c.quoted_text[:30]}」" for c in sheet.citations)
    old, new = view(before), view(after)
    return [FieldChange(LABEL_CITATIONS, old, new)] if old != new else []


class _Planner:
    def __init__(self, repo: Repository, path: Path) -> None:
        self.repo = repo
        self.plan = ExchangePlan(path.name)
        self.path = path

    def problem(self, cell: str, message: str) -> None:
        self.plan.problems.append(ImportProblem(self.plan.file, cell, message))

    def warn(self, cell: str, message: str) -> None:
        from desktop.survey.validation import Severity

        self.plan.warnings.append(ImportProblem(self.plan.file, cell, message, Severity.WARNING))

    def run(self, expect_ministry: str | None) -> ExchangePlan:
        from desktop.reports.exchange_file import read_exchange

        payload, wb = read_exchange(self.path)      # ReportError: not a whole exchange file
        try:
            header = self._header(payload)
            decoded = [self._decode(e) for e in payload["sheets"]]
            infos = [_passage_from(p) for p in payload["passages"]]
        except (KeyError, TypeError, ValueError, AttributeError, SheetCodecError):
            raise ReportError(f"「{self.plan.file}」の提出・差戻しデータが読み取れません（形式が違うか、壊れています）。"
                              "データベースは変更していません。") from None
        if header is None:
            return self.plan
        survey, created = header
        self._readable(survey, wb, [d[1] for d in decoded], created)
        if expect_ministry and clean_ministry(expect_ministry) != self.plan.ministry:
            self.problem("", f"このファイルは{self.plan.ministry}用です（{clean_ministry(expect_ministry)}の取り込みには"
                             "使えません）。")
        if self.plan.problems:
            return self.plan
        self._entries(survey, decoded, {i.ref: i for i in infos})
        return self.plan

    def _header(self, payload: dict) -> tuple[SurveyDefinition, date] | None:
        plan = self.plan
        plan.kind, plan.ministry, plan.year = payload["kind"], clean_ministry(payload["ministry"]), payload["year"]
        if plan.kind not in (SUBMISSION, RETURN) or not plan.ministry or not isinstance(plan.year, int):
            raise ValueError("header")
        identity = payload["survey"]
        plan.survey_key = str(identity["key"])
        if "definition" not in identity:       # a file of before definitions travelled: known by number only
            survey = self._by_number(identity)
        else:
            survey = self._carried(identity)
            plan.version_map[FORM_VERSION] = plan.version_map[int(identity["version"])]
            for other in payload.get("sheet_surveys", []):
                if str(other["key"]) != plan.survey_key:
                    raise ValueError("sheet survey")
                self._carried(other)
        if survey is None:
            return None
        plan.survey = survey
        return survey, date.fromisoformat(payload["created"])

    def _by_number(self, identity: dict) -> SurveyDefinition | None:
        version = identity.get("version")
        try:
            try:   # the version the sheets were filled in, when this database has it: the form rebuilds alike
                survey = self.repo.survey_definition(self.plan.survey_key, version if isinstance(version, int) else None)
            except KeyError:
                survey = self.repo.survey_definition(self.plan.survey_key)
        except KeyError:
            self.problem("", f"このファイルの調査票定義「{identity.get('title') or self.plan.survey_key}」"
                             "がこのデータベースにありません。")
            return None
        if survey.version != version:
            self.warn("", f"このファイルは調査票定義の版「{version}」で作成されています"
                          f"（このデータベースは「{survey.version}」）。")
        return survey

    def _carried(self, identity: dict) -> SurveyDefinition:
        """The definition a file carries, as this database's version of it: the stored version with the same
        content (whatever its number here), else the file's own, to be stored on apply as the next version.
        A definition whose content does not match its hash is refused (edited inside the file)."""
        plan = self.plan
        sent_version = int(identity["version"])
        try:
            carried = definition_from_json(str(identity["definition"]), f"ファイル「{plan.file}」の調査票定義",
                                           sent_version)
        except SurveyDefinitionError as exc:
            raise ValueError(str(exc)) from None
        if carried.key != plan.survey_key or content_hash(carried) != str(identity["content_hash"]):
            raise ValueError("survey definition")
        local = version_with_content(self.repo.db, carried.key, content_hash(carried))
        if local is not None:
            plan.version_map[sent_version] = local
            return self.repo.survey_definition(carried.key, local)
        placeholder = -(len(plan.definitions) + 1)
        plan.definitions[placeholder] = carried
        plan.version_map[sent_version] = placeholder
        self.warn("", f"このファイルの調査票定義「{carried.title}」（提出元の第{sent_version}版）はこのデータベースに"
                      "ないため、取り込むときに新しい版として追加します。")
        return carried

    @staticmethod
    def _decode(entry: dict):
        sheet, refs = from_portable(entry["content"])
        base_data = entry["base"]
        base = from_portable(base_data) if isinstance(base_data, dict) else None
        if base_data is not None and base is None:
            raise ValueError("base")
        withheld = [WithheldText(str(t), str(p), str(r)) for t, p, r in entry["withheld"]]
        return str(entry["key"]), sheet, refs, base, withheld, _review_from(entry["review"]), \
            canonical(entry["content"])

    def _readable(self, survey: SurveyDefinition, wb, shown: list[SheetData], created: date) -> None:
        from desktop.reports.exchange_file import readable_differences

        cells = readable_differences(survey, wb, shown, ministry=self.plan.ministry, year=self.plan.year,
                                     created=created)
        if cells:
            listed = "、".join(cells[:20]) + (f" ほか{len(cells) - 20}か所" if len(cells) > 20 else "")
            self.problem(cells[0], f"表示されている内容が、ファイルに含まれるデータと一致しません（{listed}）。"
                                   "Excel で書き換えられた可能性があるため、取り込みません。変更は施策デスクで行い、"
                                   "ファイルを作り直してください。")

    def _location(self, survey: SurveyDefinition, index: int, key: str = "") -> str:
        from desktop.reports.form import FIRST_ROW, SHEET_LIST, list_columns
        from openpyxl.utils import get_column_letter

        row = FIRST_ROW + index
        if key:
            column = next(i for i, c in enumerate(list_columns(survey), start=1) if c.key == key)
            return f"{SHEET_LIST}!{get_column_letter(column)}{row}"
        return f"{SHEET_LIST}!{row}"

    def _entries(self, survey: SurveyDefinition, decoded: list, infos: dict[PassageRef, PassageInfo]) -> None:
        plan, repo = self.plan, self.repo
        keys = [d[0] for d in decoded]
        linked = {link.key: link for link in links_store.links(repo, keys=keys)}
        stored = repo.get_sheets([link.sheet_id for link in linked.values()])
        trashed = {row.id for row in repo.trashed_sheets()} & set(stored)
        reviews = links_store.reviews(repo, stored)
        registers = links_store.register_forms(repo, {d[1].lineage for d in decoded})
        mine_infos = links_store.passage_infos(repo, {c.passage_id for s in stored.values() for c in s.citations
                                                      if c.passage_id})
        passage_ids = links_store.find_passages(repo, infos.values())
        for ref, info in infos.items():
            if ref not in passage_ids:
                placeholder = -(len(plan.placeholders) + 1)
                plan.placeholders[placeholder] = info
                passage_ids[ref] = placeholder
                self.warn("", f"引用元の文書「{ref.title or ref.file_name}」の該当箇所がこのデータベースの資料にないため、"
                              "引用された箇所を資料に追加します（検索の対象にはなりません）。")
        seen: set[str] = set()
        for index, (key, theirs, refs, base_data, withheld, review, received) in enumerate(decoded):
            where = self._location(survey, index)
            title = " ".join(theirs.text(survey.title_field).split()) or "（施策名なし）"
            if key in seen:
                self.problem(where, f"施策「{title}」がファイルに2回あります。")
                continue
            seen.add(key)
            if theirs.ministry != plan.ministry:
                self.problem(self._location(survey, index, "ministry"),
                             f"このファイルは{plan.ministry}用ですが、施策「{title}」の府省庁は「{theirs.ministry}」です。")
                continue
            if theirs.fiscal_year != plan.year or theirs.survey_key != plan.survey_key:
                self.problem(where, f"施策「{title}」は{format_fiscal_year(theirs.fiscal_year)}の施策です"
                                    f"（このファイルは{format_fiscal_year(plan.year)}用）。")
                continue
            for ref in refs.values():
                if ref not in infos:
                    raise ValueError("citation without its passage")
            link = linked.get(key)
            mine = stored.get(link.sheet_id) if link is not None else None
            if mine is None and plan.kind == RETURN:
                self.problem(where, f"施策「{title}」は、このデータベースから提出された施策ではありません。"
                                    f"差戻し・返却ファイルは、提出した{plan.ministry}のデータベースにだけ取り込めます。")
                continue
            if mine is not None and mine.id in trashed:
                self.problem(where, f"施策「{title}」は、このデータベースではごみ箱にあります。元に戻してから取り込んでください。")
                continue
            if mine is not None and clean_ministry(mine.ministry) != plan.ministry:
                self.problem(self._location(survey, index, "ministry"),
                             f"施策「{title}」は、このデータベースでは{mine.ministry}の施策です。"
                             f"{plan.ministry}用のファイルからは変更できないため、取り込みません。")
                continue
            if mine is not None and mine.fiscal_year != plan.year:
                self.problem(where, f"施策「{title}」は、このデータベースでは{format_fiscal_year(mine.fiscal_year)}の"
                                    "施策です。")
                continue
            entry = ExchangeEntry(key, UNCHANGED, title, where, _as_local(theirs, refs, passage_ids, mine, plan.version_map), mine,
                                  review=review, withheld=withheld, received=received)
            known = registers.get(theirs.lineage, set())
            from desktop.disclosure.reader_form import reader_form

            entry.new_withheld = len({reader_form(w.text) for w in withheld} - known - {""})
            new, resolved, history, evaluation = links_store.review_news(
                reviews.get(mine.id, Review()) if mine is not None and mine.id is not None else Review(), review)
            entry.new_comments, entry.resolved_comments = len(new), len(resolved)
            entry.new_history, entry.new_evaluation = history, evaluation
            if mine is None:
                self._new(survey, entry)
            elif link is not None and link.received != received:
                base_portable = base_data or (from_portable(json.loads(link.received)) if link.received else None)
                self._update(survey, entry, base_portable, passage_ids, mine_infos)
            plan.entries.append(entry)

    def _new(self, survey: SurveyDefinition, entry: ExchangeEntry) -> None:
        entry.state, entry.result = NEW, copy.deepcopy(entry.theirs)
        entry.result.id, entry.result.version = None, 0
        entry.changes = changes(survey, None, entry.result) + _citation_change(None, entry.result)
        self._check(survey, entry)

    def _update(self, survey: SurveyDefinition, entry: ExchangeEntry, base_portable, passage_ids, mine_infos) -> None:
        mine = entry.mine
        assert mine is not None
        mine_refs = {c.key: mine_infos[c.passage_id].ref for c in mine.citations if c.passage_id in mine_infos}
        mine_text = canonical(to_portable(mine, mine_refs))
        if base_portable is None:
            base = copy.deepcopy(mine)          # nothing known in common: only the file's side changed
            base_text = mine_text
        else:
            base = _as_local(base_portable[0], base_portable[1], passage_ids, mine,
                             self.plan.version_map)
            base_text = canonical(to_portable(base_portable[0], base_portable[1]))
        if entry.received == base_text:
            return                              # the other side changed nothing since
        entry.base = base
        entry.conflicts = conflicts(survey, base, mine, entry.theirs) if mine_text != base_text else []
        entry.result = merge(base, mine, entry.theirs, {}, survey)
        ref_of = {pid: ref for ref, pid in passage_ids.items()}
        ref_of.update({pid: info.ref for pid, info in mine_infos.items()})
        result_refs = {c.key: ref_of[c.passage_id] for c in entry.result.citations if c.passage_id in ref_of}
        if not entry.conflicts and canonical(to_portable(entry.result, result_refs)) == mine_text:
            entry.result = None
            return
        entry.state = CONFLICT if entry.conflicts else CHANGED
        entry.changes = changes(survey, mine, entry.result) + _citation_change(mine, entry.result)
        self._check(survey, entry)

    def _check(self, survey: SurveyDefinition, entry: ExchangeEntry) -> None:
        """Flag the marks that will need a person (never drop one), and refuse what the database cannot store."""
        assert entry.result is not None
        settled = copy.deepcopy(entry.result)
        settle_marks(settled)
        pending = [m for m in settled.marks if m.unplaced]
        if pending:
            texts = "、".join(f"「{m.text[:20]}」" if m.text else f"（{m.reason}）" for m in pending)
            self.warn(entry.location, f"施策「{entry.title}」の非公開の指定 {len(pending)}件は位置が確認できないため、"
                                      f"非公開のまま「非公開の確認が必要」として取り込みます：{texts}")
        try:
            check_values(entry.result)
        except (ValueTooLong, InvalidCharacter) as exc:
            self.problem(entry.location, f"施策「{entry.title}」: {exc}")


def plan_exchange_import(repo: Repository, path: str | Path, *, ministry: str | None = None) -> ExchangePlan:
    """Read a submission or return file into a plan; the database is not written.

    ``ministry``: the ministry the importing person expects the file to be for (refused otherwise).
    Raises ReportError for a file that is not a whole exchange file.
    """
    return _Planner(repo, Path(path)).run(ministry)


# -- applying -------------------------------------------------------------------------------------------


def apply_exchange_import(repo: Repository, plan: ExchangePlan, *,
                          decisions: dict[str, dict[str, Decision]] | None = None, take: Take | None = None,
                          author: str | None = None) -> list[int]:
    """Apply the plan in one transaction: every sheet and what travels with it, or nothing.

    ``decisions`` (by sheet key, then by conflict part) settle conflicts; ``take`` settles every
    conflict left (mine or theirs). Returns the ids of the sheets the file named; nothing is written
    (and [] returned) when the file brings nothing new.
    """
    if plan.problems:
        raise ReportError(f"取り込めない箇所が{len(plan.problems)}件あるため、取り込みを中止しました。"
                          f"最初の問題: {plan.problems[0]}")
    if plan.nothing_new:
        return []
    who = author if author is not None else current_user()
    survey = plan.survey or repo.survey_definition(plan.survey_key)
    incoming = []
    for entry in plan.entries:
        sheet = entry.result
        if entry.state == CONFLICT:
            chosen = dict((decisions or {}).get(entry.key, {}))
            for c in entry.conflicts:
                if c.part not in chosen and take is not None:
                    chosen[c.part] = Decision(take)
            undecided = [c.label or c.part for c in entry.conflicts if c.part not in chosen]
            if undecided:
                raise ReportError(f"施策「{entry.title}」は両方で変更されています（{'、'.join(undecided)}）。"
                                  "どちらの内容にするか決めてから取り込んでください。")
            assert entry.base is not None and entry.mine is not None
            sheet = merge(entry.base, entry.mine, entry.theirs, chosen, survey)
        if sheet is not None and entry.mine is not None and sheet.status is not entry.mine.status:
            sheet.status_note = _move_note(plan, entry, sheet.status)
        incoming.append(Incoming(entry.key, entry.received, entry.review, entry.withheld, entry.theirs.lineage,
                                 copy.deepcopy(sheet) if sheet is not None and entry.state != UNCHANGED else None,
                                 entry.mine.id if entry.mine is not None else None))
    try:
        return links_store.apply_exchange(repo, incoming, plan.placeholders, who, plan.definitions)
    except StaleSheetError as exc:
        raise ReportError(f"{exc} ファイルを読み込み直してから取り込んでください。") from None
    except (ValueTooLong, InvalidCharacter, MoveRefused, ContentLocked) as exc:
        raise ReportError(str(exc)) from None


def _move_note(plan: ExchangePlan, entry: ExchangeEntry, target: Status) -> StatusNote:
    """As whom a file moves a sheet's status: a submission as the ministry, a return as the secretariat
    (the file's kind, not a role the file claims), with the reason of the file's move; the store checks
    the move against the review cycle like any other save."""
    reason = next((h.reason for h in reversed(entry.new_history) if h.to_status == target.value), "")
    return StatusNote(role=MINISTRY_ROLE if plan.kind == SUBMISSION else SECRETARIAT, reason=reason or "")


# -- the preview ------------------------------------------------------------------------------------------


def _extras(e: ExchangeEntry) -> list[FieldChange]:
    """What travels beside the content, as preview lines (before empty, after what is added)."""
    out = []
    if e.new_comments:
        out.append(FieldChange("コメント", "", f"{e.new_comments}件追加"))
    if e.resolved_comments:
        out.append(FieldChange("コメント（解決済み）", "", f"{e.resolved_comments}件"))
    if e.new_history:
        out.append(FieldChange("状態の履歴", "", "、".join(
            f"{h.actor or '（不明）'}: {h.from_status or '（作成）'}→{h.to_status}" + (f"（{h.reason}）" if h.reason else "")
            for h in e.new_history)))
    if e.new_evaluation is not None:
        out.append(FieldChange("評価", "", f"{e.new_evaluation.grade} {e.new_evaluation.comment}".strip()))
    if e.new_withheld:
        out.append(FieldChange("非公開の登録", "", f"{e.new_withheld}件追加"))
    return out


def preview_plan(plan: ExchangePlan):
    """The plan as the form import's preview (desktop.reports.form_plan.ImportPlan), for the same dialog:
    new sheets, changed ones (conflicts first, each part both sides changed as 「両方で変更」), unchanged."""
    from desktop.reports.form_plan import ImportPlan, PlannedSheet

    out = ImportPlan(problems=list(plan.problems), warnings=list(plan.warnings))
    for e in sorted(plan.entries, key=lambda e: e.state != CONFLICT):
        shown = e.result if e.result is not None else e.theirs
        source = f"{plan.file} {e.location}"
        conflicts = [FieldChange(f"両方で変更: {c.label or c.part}", c.mine, c.theirs) for c in e.conflicts]
        planned = PlannedSheet(shown, e.mine, source, conflicts + e.changes + _extras(e))
        if e.state == NEW:
            out.creates.append(planned)
        elif e.state in (CHANGED, CONFLICT) or e.brings_review:
            out.updates.append(planned)
        else:
            out.unchanged.append(planned)
    return out


def plan_lines(plan: ExchangePlan) -> list[str]:
    """The plan as lines to read (the CLI prints them, the dialog shows them)."""
    def short(text: str) -> str:
        flat = " ".join(text.split())
        return flat if len(flat) <= 60 else flat[:60] + "…"

    kind = "提出ファイル" if plan.kind == SUBMISSION else "差戻し・返却ファイル"
    lines = [f"{kind}（{plan.ministry}、{format_fiscal_year(plan.year)}）: "
             + "、".join(f"{STATE_LABELS[s]} {plan.count(s)}件" for s in (NEW, CHANGED, CONFLICT, UNCHANGED))]
    for e in plan.entries:
        extras = [f"{c.label} {c.after}" for c in _extras(e)]
        if e.state == UNCHANGED and not extras:
            continue
        lines.append(f"[{STATE_LABELS[e.state]}] {e.title}（{e.location}）" + (f" {'／'.join(extras)}" if extras else ""))
        for change in e.changes:
            lines.append(f"    {change.label}: 「{short(change.before)}」→「{short(change.after)}」")
        for c in e.conflicts:
            lines.append(f"    両方で変更: {c.label or c.part}: こちら「{short(c.mine)}」／ファイル「{short(c.theirs)}」")
    if plan.nothing_new:
        lines.append("このファイルから取り込む新しい内容はありません（取り込み済みです）。")
    return lines


__all__ = ["CHANGED", "CONFLICT", "NEW", "RETURN", "SUBMISSION", "UNCHANGED", "ExchangeEntry", "ExchangeExport",
           "ExchangePlan", "apply_exchange_import", "definition_identity", "export_exchange",
           "plan_exchange_import", "plan_lines", "preview_plan"]
