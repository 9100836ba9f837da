"""Exports, the survey form and its import as services of one open database, for the CLI and the GUI.

``sesaku-desk export|template|import`` and the GUI's export and import
dialogs call these functions and nothing else, so both faces select the same
sheets, write the same files and apply imports the same way:

* :func:`export_report` selects sheets (a year, a ministry, a classification,
  or one sheet), builds the report model for the audience and writes Word,
  Excel or CSV atomically. A public file is checked for non-public text
  (desktop.app.disclosure, the check ``check-public`` runs) on its temporary
  name, before it is renamed into place: a file with a leak is never there,
  not even for a moment.
* :func:`write_template` writes the fillable form of a year, pre-filled with
  the year's sheets and, for measures that have no sheet in that year yet,
  last year's.
* :func:`plan_import` reads returned forms into a plan (nothing written);
  :func:`apply_import` saves it in one transaction, all or nothing.

Every function takes ``progress(done, total, message)`` (the GUI's task
runner raises from it to cancel) and, for exports, ``cancelled()``; both
optional. Failures are :class:`ReportError` with a message for people.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

from desktop.app.disclosure import UnreadablePackage, check_public_file, public_needles, withheld_elsewhere
from desktop.disclosure.leakcheck import owner_label
from desktop.reports.errors import ReportCancelled, ReportError
from desktop.reports.form_plan import ImportPlan, ImportProblem
from desktop.reports.model import Audience, ReviewNote, build_report
from desktop.store.repository import (
    InvalidCharacter,
    Repository,
    SheetFilter,
    SheetNotFound,
    StaleSheetError,
    ValueTooLong,
    check_values,
)
from desktop.survey.definition import SurveyDefinition
from desktop.survey.sheet import SheetData, Status
from desktop.survey.wareki import format_date, format_fiscal_year

Progress = Callable[..., None]
Cancelled = Callable[[], bool]


class ExportFormat(str, Enum):
    DOCX = "docx"
    XLSX = "xlsx"
    CSV = "csv"

    @property
    def suffix(self) -> str:
        return f".{self.value}"

    @property
    def label(self) -> str:
        return {"docx": "Word 文書", "xlsx": "Excel ブック", "csv": "CSV（KPI の実績、UTF-8）"}[self.value]

    @property
    def file_filter(self) -> str:
        """The file dialog's filter, e.g. ``Word 文書 (*.docx)``."""
        return f"{self.label} (*{self.suffix})"

    def writer(self) -> Callable[..., Path]:
        if self is ExportFormat.DOCX:
            from desktop.reports.docx_writer import write_docx

            return write_docx
        if self is ExportFormat.XLSX:
            from desktop.reports.xlsx_writer import write_xlsx

            return write_xlsx
        from desktop.reports.csv_writer import write_csv

        return write_csv


@dataclass(frozen=True)
class Selection:
    """Which sheets go into an export: one sheet, or those matching every filter given."""

    year: int | None = None
    ministry: str | None = None
    classification: str | None = None     # the choice's code
    sheet_id: int | None = None

    def sheet_filter(self, survey: SurveyDefinition) -> SheetFilter:
        return SheetFilter(survey_key=survey.key, year=self.year, ministry=self.ministry or None,
                           classification=self.classification or None)

    def describe(self, survey: SurveyDefinition) -> str:
        """The selection in words, for messages: 令和8年度・総務省・…."""
        if self.sheet_id is not None:
            return f"施策シート {self.sheet_id}"
        parts = []
        if self.year is not None:
            parts.append(format_fiscal_year(self.year))
        if self.ministry:
            parts.append(self.ministry)
        if self.classification:
            choice = survey.choice(self.classification)
            parts.append(choice.label if choice else self.classification)
        return "・".join(parts) or "すべての施策シート"


def resolve_classification(survey: SurveyDefinition, text: str | None) -> str | None:
    """A classification typed as its code (P1-1) or its label, as the code; unknown text is refused."""
    if not text:
        return None
    choice = survey.choice(text) or survey.choice_by_label(text)
    if choice is None:
        raise ReportError(f"施策分類「{text}」は選択肢にありません（コード例: {survey.choices[0].code}）。")
    return choice.code


def select_sheets(repo: Repository, selection: Selection) -> list[SheetData]:
    """The stored sheets of the selection; refuses an empty one (an empty report helps nobody)."""
    if selection.sheet_id is not None:
        try:
            sheet = repo.get_sheet(selection.sheet_id)
        except SheetNotFound as exc:
            raise ReportError(str(exc)) from None
        return [sheet]
    sheets = repo.load_sheets(selection.sheet_filter(repo.survey))
    if not sheets:
        raise ReportError(f"条件（{selection.describe(repo.survey)}）に合う施策シートがありません。")
    return sheets


def default_file_name(survey: SurveyDefinition, fmt: ExportFormat, audience: Audience, selection: Selection) -> str:
    """A file name staff recognise: 施策シート_令和8年度_総務省_公開版.docx."""
    parts = ["施策シート"]
    if selection.sheet_id is not None:
        parts.append(f"ID{selection.sheet_id}")
    else:
        if selection.year is not None:
            parts.append(format_fiscal_year(selection.year))
        if selection.ministry:
            parts.append(selection.ministry)
    parts.append(audience.label)
    name = "_".join(parts)
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name) + fmt.suffix


# --------------------------------------------------------------------------
# Export.


@dataclass(frozen=True)
class PublicSelection:
    """Which of the selected sheets the public result prints, and which it leaves out (by status)."""

    included: list[SheetData]
    left_out: dict[Status, int]
    published: Status
    marked: int = 0       # included although not in the published status (include_unaccepted)

    @property
    def left_out_count(self) -> int:
        return sum(self.left_out.values())

    def describe(self) -> str:
        """What was left out and why, for the dialog and the CLI ("" when nothing was)."""
        if not self.left_out_count:
            return ""
        by_status = "、".join(f"{status.label} {n}件" for status, n in self.left_out.items())
        return (f"「{self.published.label}」でない施策シート {self.left_out_count}件（{by_status}）は公開版に"
                f"含めていません（含めるには「{self.published.label}」以外も含める指定をしてください）。")


def public_selection(survey: SurveyDefinition, sheets: Sequence[SheetData], *,
                     include_unaccepted: bool = False) -> PublicSelection:
    """The public result prints only sheets in the review's published status (確定), unless asked otherwise."""
    published = survey.review.published_status
    accepted = [s for s in sheets if s.status is published]
    others = [s for s in sheets if s.status is not published]
    if include_unaccepted:
        return PublicSelection(list(sheets), {}, published, marked=len(others))
    counts: dict[Status, int] = {}
    for status in Status:
        n = sum(1 for s in others if s.status is status)
        if n:
            counts[status] = n
    return PublicSelection(accepted, counts, published)


def public_preview(repo: Repository, selection: Selection) -> str:
    """PublicSelection.describe for a selection, from the sheets' list rows (no sheet is read whole)."""
    survey = repo.survey
    if selection.sheet_id is not None:
        rows = list(repo.sheet_rows([selection.sheet_id]).values())
    else:
        rows = repo.list_sheets(selection.sheet_filter(survey))
    published = survey.review.published_status
    counts: dict[Status, int] = {}
    for status in Status:
        n = sum(1 for r in rows if r.status is status and status is not published)
        if n:
            counts[status] = n
    return PublicSelection([], counts, published).describe()


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: ExportFormat
    audience: Audience
    sheet_count: int
    checked: bool          # the public file was checked for non-public text
    left_out: str = ""     # public: the sheets left out and why (PublicSelection.describe)
    left_out_count: int = 0
    marked: int = 0        # public: sheets included although not accepted, marked in their headings


class LeakFound(ReportError):
    """The public file held withheld text: it was not written (see desktop.disclosure.leakcheck)."""

    def __init__(self, leaks: Sequence) -> None:
        self.leaks = list(leaks)
        first = self.leaks[0]
        where = f"（{first.where}）" if first.where else ""
        super().__init__(
            f"公開版に非公開の内容が {len(self.leaks)} か所含まれていたため、出力を中止しました"
            f"（ファイルは作成・変更されていません）。最初の箇所: 「{first.text}」{where}、"
            f"{owner_label(first)}で非公開に指定された内容です。"
            f"該当箇所: {first.context}。非公開の指定を確認してください。")


def leak_verifier(repo: Repository, sheets: Sequence[SheetData],
                  target: Path | None = None) -> Callable[[Path], None]:
    """The check run on a public file before it is renamed into place: the one ``check-public`` runs.

    ``target`` is the file the user chose: the temporary file being checked
    is read in its format, and a refusal names it, not the temporary name.
    """
    found = public_needles(repo, sheets)

    def verify(temp: Path) -> None:
        try:
            result = check_public_file(repo, temp, sheets, found, shown=target)
        except UnreadablePackage as exc:
            raise ReportError(f"出力したファイルを確認できなかったため、公開版の出力を中止しました（{exc}）。") from None
        if result.leaks:
            raise LeakFound(result.leaks)

    return verify


def _stepper(progress: Progress | None, cancelled: Cancelled | None, message: str):
    """The writers' progress(done, total) as progress(done, total, message), cancellation checked too."""

    def step(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise ReportCancelled()
        if progress is not None:
            progress(done, total, message)

    return step


def review_notes(repo: Repository, sheets: Sequence[SheetData]) -> dict[int, tuple[ReviewNote, ...]]:
    """The evaluation and comments of each sheet, as internal output prints them."""
    from desktop.store.review import comments, evaluation
    from desktop.survey.parts import Part, PartKind

    survey = repo.survey
    cycle = survey.review

    def where(part: str, quote: str) -> str:
        label = ""
        if part:
            try:
                p = Part.parse(part)
                label = survey.field(p.key).label if p.kind is PartKind.FIELD and survey.has_field(p.key) else part
            except (ValueError, KeyError):
                label = part
        return f"{label}「{quote}」" if quote else label or "施策シート全体"

    notes: dict[int, tuple[ReviewNote, ...]] = {}
    for sheet in sheets:
        if sheet.id is None:
            continue
        lines = []
        grade = evaluation(repo, sheet.id)
        if grade is not None:
            text = grade.grade + (f"：{grade.comment}" if grade.comment else "")
            lines.append(ReviewNote(cycle.evaluation_label, "", text, grade.author, format_date(grade.at.date())))
        for c in comments(repo, sheet.id):
            lines.append(ReviewNote("返信" if c.parent_id else "コメント", where(c.part, c.quote), c.body, c.author,
                                    format_date(c.created_at.date()), c.resolved))
        if lines:
            notes[sheet.id] = tuple(lines)
    return notes


def stored_numbers(repo: Repository, sheets: Sequence[SheetData]) -> dict[int, int]:
    """The 施策番号 of the sheets' years (assigned now for sheets that have none), or {} on a read-only database."""
    from sqlalchemy.exc import SQLAlchemyError

    from desktop.store.database import DatabaseError
    from desktop.store.review import measure_numbers

    years = {s.fiscal_year for s in sheets}
    try:
        return measure_numbers(repo, years)
    except (SQLAlchemyError, DatabaseError):   # a read-only database: print the numbers there are, assign none
        try:
            return measure_numbers(repo, years, assign=False)
        except (SQLAlchemyError, DatabaseError):
            return {}


def export_report(repo: Repository, fmt: ExportFormat | str, path: str | Path, *,
                  audience: Audience | str = Audience.PUBLIC, selection: Selection = Selection(),
                  progress: Progress | None = None, cancelled: Cancelled | None = None,
                  created: date | None = None, include_unaccepted: bool = False, title: str | None = None,
                  as_of: date | None = None) -> ExportResult:
    """Select, build and write one report atomically (see the module docstring).

    The public result holds only the sheets the secretariat accepted (the
    review's published status) unless ``include_unaccepted``; then the others
    are marked in their headings. ``title`` and ``as_of`` (時点) are the
    secretariat's; by default the survey's result title and the export date.
    """
    fmt, audience, path = ExportFormat(fmt), Audience(audience), Path(path)
    if path.suffix.lower() != fmt.suffix:
        raise ReportError(f"出力先「{path.name}」の拡張子を {fmt.suffix} にしてください。")
    step = _stepper(progress, cancelled, f"{fmt.label}を作成しています")
    step(0, 0)
    sheets = select_sheets(repo, selection)
    survey = repo.survey
    chosen = None
    if audience is Audience.PUBLIC:
        chosen = public_selection(survey, sheets, include_unaccepted=include_unaccepted)
        if not chosen.included:
            raise ReportError(f"条件（{selection.describe(survey)}）の施策シートに「{chosen.published.label}」の"
                              f"ものがないため、公開版を作成しませんでした。{chosen.describe()}")
        sheets = chosen.included
    ministry = selection.ministry or (sheets[0].ministry if selection.sheet_id is not None else None)
    elsewhere = withheld_elsewhere(repo) if audience is Audience.PUBLIC else []
    numbers = stored_numbers(repo, sheets)
    review = review_notes(repo, sheets) if audience is Audience.INTERNAL else None
    report = build_report(survey, sheets, audience, ministry=ministry or None, created=created, elsewhere=elsewhere,
                          numbers=numbers, title=title or None, as_of=as_of,
                          left_out=chosen.left_out_count if chosen else 0, review=review)
    verify = leak_verifier(repo, sheets, path) if audience is Audience.PUBLIC else None

    def checked(temp: Path) -> None:
        if progress is not None:
            progress(0, 0, "非公開の内容が含まれていないか確認しています")
        verify(temp)

    extra = {}
    if fmt is ExportFormat.XLSX and audience is Audience.INTERNAL and selection.year is not None \
            and selection.sheet_id is None:
        from desktop.store.overview import build_overview   # the 集計 sheet (issue 7) of the year's sheets

        extra["overview"] = build_overview(survey, selection.year, sheets)
    # The writers write atomically; the public check runs on their temporary file before the rename.
    fmt.writer()(report, path, progress=step, cancelled=cancelled,
                 verify=checked if verify is not None else None, **extra)
    if progress is not None:
        progress(1, 1, "")
    return ExportResult(path, fmt, audience, len(sheets), verify is not None,
                        left_out=chosen.describe() if chosen else "",
                        left_out_count=chosen.left_out_count if chosen else 0, marked=chosen.marked if chosen else 0)


# --------------------------------------------------------------------------
# The survey form and its import.


@dataclass(frozen=True)
class TemplateResult:
    path: Path
    current: int          # rows pre-filled from the year's own sheets (updated on import)
    carried: int          # rows pre-filled from last year's sheets (new sheets on import)
    marked: int = 0       # of them, sheets with 非公開 marks: the form shows them and is 内部資料


def template_sheets(repo: Repository, year: int, ministry: str | None) -> tuple[list[SheetData], list[SheetData]]:
    """The year's sheets, and last year's sheets whose measure has no sheet in ``year`` yet."""
    survey = repo.survey
    current = repo.load_sheets(SheetFilter(survey_key=survey.key, year=year, ministry=ministry or None))
    continued = {s.predecessor_id for s in repo.load_sheets(SheetFilter(survey_key=survey.key, year=year))
                 if s.predecessor_id is not None}
    earlier = [s for s in repo.load_sheets(SheetFilter(survey_key=survey.key, year=year - 1,
                                                       ministry=ministry or None))
               if s.id not in continued]
    return current, earlier


def write_template(repo: Repository, path: str | Path, *, year: int, ministry: str | None = None,
                   progress: Progress | None = None) -> TemplateResult:
    """Write the fillable form of ``year`` (for one ministry, or all), pre-filled; atomic."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ReportError(f"調査票の出力先「{path.name}」の拡張子を .xlsx にしてください。")
    if progress is not None:
        progress(0, 0, "調査票を作成しています")
    current, earlier = template_sheets(repo, year, ministry)
    from desktop.reports.form import write_form   # openpyxl: imported when used, not at start-up

    write_form(repo.survey, current + earlier, path, ministry=ministry or None, year=year)
    if progress is not None:
        progress(1, 1, "")
    return TemplateResult(path, len(current), len(earlier), sum(1 for s in current + earlier if s.marks))


class StoredSheets:
    """The ``existing`` mapping read_forms asks: sheets fetched by id when a form names them."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._cache: dict[int, SheetData | None] = {}
        self._titles: dict[tuple[str, int, str], dict[str, list[int]]] = {}

    def get(self, sheet_id: int, default=None) -> SheetData | None:
        if sheet_id not in self._cache:
            try:
                self._cache[sheet_id] = self.repo.get_sheet(sheet_id)
            except SheetNotFound:
                self._cache[sheet_id] = None
        found = self._cache[sheet_id]
        return found if found is not None else default

    def matching(self, survey_key: str, year: int, ministry: str, title: str) -> list[int]:
        """Ids of the stored sheets of that year and ministry whose title reads ``title`` (spaces folded): what a
        row of a form without IDs stands for. One query per year and ministry, however many rows ask."""
        key = (survey_key, year, ministry)
        if key not in self._titles:
            found: dict[str, list[int]] = {}
            for row in self.repo.list_sheets(SheetFilter(survey_key=survey_key, year=year, ministry=ministry),
                                             order="id", descending=False):
                if row.ministry == ministry:
                    found.setdefault(" ".join(row.title.split()), []).append(row.id)
            self._titles[key] = found
        return self._titles[key].get(title, [])

    def prefetch(self, sheet_ids) -> None:
        """Fetch the sheets a form names in one batch (the reader calls this before it goes row by row)."""
        wanted = [i for i in sheet_ids if i not in self._cache]
        if wanted:
            found = self.repo.get_sheets(wanted)
            self._cache.update((i, found.get(i)) for i in wanted)


def plan_import(repo: Repository, paths: Sequence[str | Path], *, year: int | None = None,
                progress: Progress | None = None) -> ImportPlan:
    """Read returned forms into a plan; the database is not written.

    Besides the form's own checks, every planned sheet is checked against
    what the database can store (lengths, NUL), so that applying the plan
    cannot fail half way for a reason a person could have been told first.
    ``year`` is the fiscal year of a form that does not say it (another tool's).
    """
    if not paths:
        raise ReportError("取り込む調査票（.xlsx）を指定してください。")
    if progress is not None:
        progress(0, 0, "調査票を読み込んでいます")
    from desktop.reports.form_import import read_forms   # openpyxl: imported when used, not at start-up

    plan = read_forms(repo.survey, [Path(p) for p in paths], StoredSheets(repo), year=year)
    for planned in plan.creates + plan.updates:
        try:
            check_values(planned.sheet)
        except (ValueTooLong, InvalidCharacter) as exc:
            file, _, row = planned.source.rpartition(" ")
            plan.problems.append(ImportProblem(file, row, str(exc)))
    if progress is not None:
        progress(1, 1, "")
    return plan


def apply_import(repo: Repository, plan: ImportPlan, *, author: str | None = None,
                 progress: Progress | None = None) -> list[int]:
    """Save the plan's sheets in one transaction: all of them or none (refuses a plan with problems).

    Returns the saved sheets' ids; callers reload what they show (reading thousands of sheets back
    here would cost as much as saving them)."""
    sheets = plan.sheets_to_save()
    if progress is not None:
        progress(0, 0, "取り込んだ内容を保存しています")
    try:
        saved = repo.store_sheets(sheets, author) if sheets else []
    except StaleSheetError as exc:
        raise ReportError(f"{exc} 調査票を読み込み直してから取り込んでください。") from None
    except (ValueTooLong, InvalidCharacter) as exc:
        raise ReportError(str(exc)) from None
    if progress is not None:
        progress(1, 1, "")
    return saved


def plan_lines(survey: SurveyDefinition, plan: ImportPlan) -> list[str]:
    """The plan as lines to read: what is created, what changes field by field, what stays."""

    def title(sheet: SheetData) -> str:
        return " ".join(sheet.text(survey.title_field).split()) or "（施策名なし）"

    def short(text: str) -> str:
        flat = " ".join(text.split())
        return flat if len(flat) <= 60 else flat[:60] + "…"

    lines = [f"新規 {len(plan.creates)}件、変更 {len(plan.updates)}件、変更なし {len(plan.unchanged)}件"]
    for p in plan.creates:
        year = format_fiscal_year(p.sheet.fiscal_year)
        lines.append(f"[新規] {title(p.sheet)}（{year}、{p.source}）")
    for p in plan.updates:
        lines.append(f"[変更] ID {p.sheet.id} {title(p.sheet)}（{p.source}）")
        for change in p.changes:
            lines.append(f"    {change.label}: 「{short(change.before)}」→「{short(change.after)}」")
    return lines


__all__ = ["ExportFormat", "ExportResult", "LeakFound", "Selection", "StoredSheets", "TemplateResult",
           "apply_import", "default_file_name", "export_report", "leak_verifier", "plan_import", "plan_lines",
           "resolve_classification", "select_sheets", "template_sheets", "write_template"]
