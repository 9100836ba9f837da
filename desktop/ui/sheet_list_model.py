"""The sheet list as a table model that holds ids and fetches rows a page at a time.

Filtering and sorting run in SQL (``Repository.sheet_ids``); the model keeps
the ordered ids and a cache of :class:`SheetRow` filled one page around the
first row a view asks for, so 10,000 sheets cost one id query and a page of
rows for the first paint. The problems count is not in the database: it is
filled in from outside (``set_problem_count``) as sheets are validated, and
``problemCountsWanted`` tells the owner which visible rows still lack one.
"""

from __future__ import annotations

from datetime import timezone

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QTimer, Signal

from desktop.store.database import DatabaseUnavailable
from desktop.store.repository import Repository, SheetFilter, SheetRow
from desktop.survey.definition import FieldKind, SurveyDefinition
from desktop.survey.progress import KpiStatus
from desktop.survey.wareki import format_fiscal_year

PAGE = 200

COLUMNS = ("fiscal_year", "ministry", "classification", "title", "status", "kpis", "updated_at", "problems")
SORT_KEYS = {c: c for c in COLUMNS if c not in ("problems", "kpis")}


def local_time_text(value) -> str:
    if value is None:
        return ""
    return value.replace(tzinfo=timezone.utc).astimezone().strftime("%Y/%m/%d %H:%M")


class SheetListModel(QAbstractTableModel):
    problemCountsWanted = Signal(list)   # sheet ids that were shown without a count
    reloaded = Signal()

    def __init__(self, survey: SurveyDefinition, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.survey = survey
        self._repo: Repository | None = None
        self._ids: list[int] = []
        # id -> row: the year's check and every per-row update find their row in constant time (list.index
        # took 2.6 s for a year of 6,000 sheets at 60,000). Kept with _ids by reload, insert and remove.
        self._row_of: dict[int, int] = {}
        self._rows: dict[int, SheetRow] = {}
        self._problems: dict[int, tuple[int, int]] = {}   # id -> (errors, warnings)
        self._kpis: dict[int, tuple[KpiStatus, ...]] = {}  # id -> status of each KPI, filled with the counts
        self._wanted: set[int] = set()
        self._want_timer = QTimer(self)
        self._want_timer.setSingleShot(True)
        self._want_timer.setInterval(50)
        self._want_timer.timeout.connect(self._emit_wanted)
        self.filters = SheetFilter(survey_key=survey.key)
        self.sort_column = COLUMNS.index("updated_at")
        self.descending = True

    # -- data source ---------------------------------------------------------------

    def set_repository(self, repo: Repository | None) -> None:
        self._repo = repo
        self._problems.clear()
        self.reload()

    def set_filters(self, filters: SheetFilter) -> None:
        self.filters = filters
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        if self._repo is None:
            self._ids = []
        else:
            key = SORT_KEYS.get(COLUMNS[self.sort_column], "updated_at")
            self._ids = self._repo.sheet_ids(self.filters, key, self.descending)
        self._row_of = {sheet_id: row for row, sheet_id in enumerate(self._ids)}
        self.endResetModel()
        self.reloaded.emit()

    def refresh_sheet(self, sheet_id: int) -> None:
        """A sheet changed: fetch its row again (its place in the order stays until the next reload)."""
        self._rows.pop(sheet_id, None)
        row = self.row_of(sheet_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def insert_sheet(self, sheet_id: int, row: int) -> None:
        """Show one more sheet at ``row`` without reloading the list (its row is fetched when shown)."""
        if sheet_id in self._row_of:
            return
        row = max(0, min(row, len(self._ids)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._ids.insert(row, sheet_id)
        for r in range(row, len(self._ids)):
            self._row_of[self._ids[r]] = r
        self.endInsertRows()

    def remove_sheet(self, sheet_id: int) -> bool:
        """Take one sheet out of the list (deleted) without reloading it; False if it was not shown."""
        row = self._row_of.get(sheet_id)
        if row is None:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        del self._row_of[sheet_id]
        for r in range(row, len(self._ids)):
            self._row_of[self._ids[r]] = r
        self._rows.pop(sheet_id, None)
        self.endRemoveRows()
        return True

    def set_problem_counts(self, counts: dict[int, tuple]) -> None:
        """Many sheets' (errors, warnings[, KPI statuses]) at once (a year's check): one repaint, not one a row."""
        rows = []
        for sheet_id, value in counts.items():
            self._problems[sheet_id] = (value[0], value[1])
            if len(value) > 2 and value[2] is not None:
                self._kpis[sheet_id] = tuple(value[2])
            self._wanted.discard(sheet_id)
            row = self._row_of.get(sheet_id)
            if row is not None:
                rows.append(row)
        if rows:
            self.dataChanged.emit(self.index(min(rows), COLUMNS.index("kpis")),
                                  self.index(max(rows), COLUMNS.index("problems")))

    def set_problem_count(self, sheet_id: int, errors: int, warnings: int,
                          kpis: tuple[KpiStatus, ...] | None = None) -> None:
        """The sheet's validation counts and (when given) its KPIs' statuses, computed by whoever validated it."""
        self._problems[sheet_id] = (errors, warnings)
        if kpis is not None:
            self._kpis[sheet_id] = tuple(kpis)
        self._wanted.discard(sheet_id)
        row = self.row_of(sheet_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, COLUMNS.index("kpis")), self.index(row, COLUMNS.index("problems")))

    def release_wanted(self, sheet_ids) -> None:
        """These rows were not counted after all; ask again the next time they are shown."""
        self._wanted.difference_update(sheet_ids)

    def forget_problem_count(self, sheet_id: int) -> None:
        self._problems.pop(sheet_id, None)

    # -- lookup ---------------------------------------------------------------------

    def sheet_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, sheet_id: int) -> int | None:
        """The row of a sheet in constant time (a year's check updates thousands of rows)."""
        return self._row_of.get(sheet_id)

    def ids(self) -> list[int]:
        return list(self._ids)

    def _row(self, row: int) -> SheetRow | None:
        sheet_id = self._ids[row]
        found = self._rows.get(sheet_id)
        if found is None and self._repo is not None:
            start = row - row % PAGE
            page = [i for i in self._ids[start:start + PAGE] if i not in self._rows]
            try:
                self._rows.update(self._repo.sheet_rows(page))
            except DatabaseUnavailable:   # a server gone away: the row stays blank until it is back
                return None
            found = self._rows.get(sheet_id)
        return found

    # -- Qt model API ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        name = COLUMNS[section]
        if name == "fiscal_year":
            return self.tr("年度")
        if name == "ministry":
            return self.tr("府省庁")
        if name == "classification":
            f = self.survey.first_field_of_kind(FieldKind.CLASSIFICATION)
            return f.label if f else self.tr("分類")
        if name == "title":
            return self.survey.field(self.survey.title_field).label
        if name == "status":
            return self.tr("状態")
        if name == "updated_at":
            return self.tr("更新日時")
        if name == "kpis":
            return self.tr("KPI進捗")
        return self.tr("問題")

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        name = COLUMNS[index.column()]
        if name == "problems":
            return self._problem_data(row.id, role)
        if name == "kpis":
            return self._kpi_data(row.id, role)
        if role == Qt.ItemDataRole.ForegroundRole:
            return None
        if name == "fiscal_year":
            return format_fiscal_year(row.fiscal_year)
        if name == "ministry":
            return row.ministry if role == Qt.ItemDataRole.DisplayRole else f"{row.ministry} {row.bureau}".strip()
        if name == "classification":
            choice = self.survey.choice(row.classification)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.survey.classification_display(row.classification)
            return choice.label if choice else (row.classification or "")
        if name == "title":
            text = row.title or self.tr("（無題）")
            return text if not row.is_sample else self.tr("{0}（サンプル）").format(text)
        if name == "status":
            return row.status.label
        if name == "updated_at":
            return local_time_text(row.updated_at)
        return None

    def _problem_data(self, sheet_id: int, role: int):
        counts = self._problems.get(sheet_id)
        if counts is None:
            if sheet_id not in self._wanted:
                self._wanted.add(sheet_id)
                self._want_timer.start()
            return None
        errors, warnings = counts
        if role == Qt.ItemDataRole.ForegroundRole:
            from PySide6.QtGui import QColor

            return QColor("#b00020") if errors else (QColor("#8a6d00") if warnings else QColor("#2e7d32"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("エラー {0} 件、警告 {1} 件").format(errors, warnings)
        if not errors and not warnings:
            return "✓"
        if errors:
            return self.tr("エラー {0}").format(errors)
        return self.tr("警告 {0}").format(warnings)

    def _kpi_data(self, sheet_id: int, role: int):
        """The worst news first: 遅れ n, else 順調 / 達成, else データなし; the tooltip has every count."""
        statuses = self._kpis.get(sheet_id)
        if statuses is None:
            if sheet_id not in self._wanted:   # counted with the problems (jobs.problem_counts)
                self._wanted.add(sheet_id)
                self._want_timer.start()
            return None
        n = {s: statuses.count(s) for s in KpiStatus}
        if role == Qt.ItemDataRole.ToolTipRole:
            return "、".join(f"{s.label} {n[s]}" for s in KpiStatus) if statuses else self.tr("KPIなし")
        if not statuses:
            return None if role == Qt.ItemDataRole.ForegroundRole else "—"
        if n[KpiStatus.BEHIND]:
            status, text = KpiStatus.BEHIND, f"{KpiStatus.BEHIND.label} {n[KpiStatus.BEHIND]}/{len(statuses)}"
        elif n[KpiStatus.ACHIEVED] == len(statuses):
            status, text = KpiStatus.ACHIEVED, KpiStatus.ACHIEVED.label
        elif n[KpiStatus.ON_TRACK] or n[KpiStatus.ACHIEVED]:
            status, text = KpiStatus.ON_TRACK, KpiStatus.ON_TRACK.label
        else:
            status, text = KpiStatus.NO_DATA, KpiStatus.NO_DATA.label
        if role == Qt.ItemDataRole.ForegroundRole:
            from PySide6.QtGui import QColor

            return QColor({KpiStatus.BEHIND: "#b00020", KpiStatus.NO_DATA: "#607d8b"}.get(status, "#2e7d32"))
        return text

    def _emit_wanted(self) -> None:
        wanted = [i for i in self._wanted if i not in self._problems or i not in self._kpis]
        if wanted:
            self.problemCountsWanted.emit(wanted)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if COLUMNS[column] not in SORT_KEYS:
            return
        self.sort_column = column
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
