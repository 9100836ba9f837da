"""他府省の公開シート: other ministries' shared sheets, their public form only, read only.

The list (府省庁, 年度, 施策名, 状態) is filtered by ministry, year and
words; the selected sheet's public form is shown as the server holds it
(desktop.app.sharing: what the public report prints, withheld passages
already replaced). The dialog renders nothing else: it never sees a sheet,
only the stored public form, so it cannot show withheld text. The title and
the guidance on top come from the survey definition's [sharing] table. The
owner (desktop.ui.shared_sheets) reads the rows on a task runner and hands
them over with :meth:`SharedSheetsDialog.show_rows`.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.app.sharing import SharedSheet, matches, search_forms
from desktop.survey.definition import Sharing

SHEET_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ALL = None   # the filters' 「すべて」 entry


def _paragraphs(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())


def _local(value: datetime | None) -> str:
    if value is None:
        return ""
    return (value.astimezone() if value.tzinfo else value).strftime("%Y/%m/%d %H:%M")


class SharedSheetsDialog(QDialog):
    reloadRequested = Signal()

    def __init__(self, sharing: Sharing, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sharedSheetsDialog")
        self.resize(1200, 720)
        self.placeholder = placeholder
        self.rows: list[SharedSheet] = []
        self._forms: dict[int, tuple[str, ...]] = {}
        self.guidance = QLabel(objectName="sharedGuidance")
        self.guidance.setWordWrap(True)
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel(objectName="sharedNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #546e7a;")

        self.ministry = QComboBox(objectName="sharedMinistry")
        self.year = QComboBox(objectName="sharedYear")
        self.words = QLineEdit(objectName="sharedFilter")
        self.words.setPlaceholderText(self.tr("施策名・本文の語で絞り込む"))
        self.words.setClearButtonEnabled(True)
        self.summary = QLabel(objectName="sharedSummary")
        for combo in (self.ministry, self.year):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i: self._filter())
        self.words.textChanged.connect(lambda _t: self._filter())
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("府省庁")))
        filters.addWidget(self.ministry)
        filters.addSpacing(12)
        filters.addWidget(QLabel(self.tr("年度")))
        filters.addWidget(self.year)
        filters.addSpacing(12)
        filters.addWidget(self.words, 1)
        filters.addSpacing(12)
        filters.addWidget(self.summary)

        self.table = QTreeWidget(objectName="sharedList")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels([self.tr("府省庁"), self.tr("年度"), self.tr("施策名"), self.tr("状態")])
        for column, width in enumerate((100, 100, 240)):
            self.table.setColumnWidth(column, width)
        self.table.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.header().setStretchLastSection(False)
        self.table.currentItemChanged.connect(lambda item, _old: self._show(item))
        self.viewer = QTextBrowser(objectName="sharedViewer")   # read only by nature
        self.viewer.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="sharedSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.viewer)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([460, 700])

        self.reload_button = QPushButton(self.tr("最新の状態に更新"), objectName="sharedReload")
        self.reload_button.clicked.connect(self.reloadRequested.emit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("閉じる"))
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.guidance)
        layout.addWidget(self.note)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.set_sharing(sharing)
        self.set_loading()

    # -- what the owner hands over ----------------------------------------------------------

    def set_sharing(self, sharing: Sharing) -> None:
        """The definition's label (the title) and guidance (on top): they may change between loads."""
        self.setWindowTitle(self.tr("{0}（閲覧のみ）").format(sharing.label or self.tr("他府省の公開シート")))
        self.guidance.setText("\n".join(sharing.guidance))
        self.guidance.setVisible(bool(sharing.guidance))
        self.note.setText(self.tr("他府省庁の施策シートのうち、共有されているものの公開部分だけを表示しています"
                                  "（閲覧のみ・編集はできません）。公開版の報告書と同じ内容で、非公開の部分は「{0}」と"
                                  "表示されます。").format(self.placeholder))

    def set_loading(self) -> None:
        self.summary.setText(self.tr("読み込んでいます…"))
        self.reload_button.setEnabled(False)

    def show_failed(self, message: str) -> None:
        self.summary.setText(self.tr("読み込めませんでした"))
        self.reload_button.setEnabled(True)
        self.viewer.setPlainText(message)

    def show_unavailable(self, reason: str) -> None:
        """Sharing stopped (or never was) since the menu was enabled: say why, list nothing."""
        self.show_rows([])
        self.viewer.setPlainText(reason)

    def show_rows(self, rows: list[SharedSheet]) -> None:
        chosen = self.current_sheet_id()
        self.rows = list(rows)
        self._forms = {r.sheet_id: search_forms(r) for r in self.rows}
        self._fill(self.ministry, self.tr("すべての府省庁"), [(r.ministry, r.ministry) for r in self.rows])
        self._fill(self.year, self.tr("すべての年度"),
                   [(r.fiscal_year_label, r.fiscal_year) for r in sorted(self.rows, key=lambda r: -r.fiscal_year)])
        self.table.clear()
        for row in self.rows:
            item = QTreeWidgetItem([row.ministry, row.fiscal_year_label, row.title, row.status.label])
            item.setData(0, SHEET_ID_ROLE, row.sheet_id)
            item.setToolTip(2, row.title)
            self.table.addTopLevelItem(item)
        self.reload_button.setEnabled(True)
        self._filter(keep=chosen)

    @staticmethod
    def _fill(combo: QComboBox, everything: str, entries: list[tuple[str, object]]) -> None:
        kept = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, ALL)
        seen = set()
        for text, data in entries:
            if data not in seen:
                seen.add(data)
                combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(kept)) if kept is not ALL else 0)
        combo.blockSignals(False)

    # -- filter and show ---------------------------------------------------------------------

    def current_sheet_id(self) -> int | None:
        item = self.table.currentItem()
        return int(item.data(0, SHEET_ID_ROLE)) if item is not None and not item.isHidden() else None

    def visible_ids(self) -> list[int]:
        return [int(self.table.topLevelItem(i).data(0, SHEET_ID_ROLE)) for i in range(self.table.topLevelItemCount())
                if not self.table.topLevelItem(i).isHidden()]

    def select(self, sheet_id: int) -> None:
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            if item.data(0, SHEET_ID_ROLE) == sheet_id and not item.isHidden():
                self.table.setCurrentItem(item)
                return

    def _filter(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else self.current_sheet_id()
        ministry, year, query = self.ministry.currentData(), self.year.currentData(), self.words.text()
        by_id = {r.sheet_id: r for r in self.rows}
        first = None
        shown = 0
        for i in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(i)
            row = by_id[int(item.data(0, SHEET_ID_ROLE))]
            visible = ((ministry is ALL or row.ministry == ministry) and (year is ALL or row.fiscal_year == year)
                       and matches(row, query, self._forms.get(row.sheet_id)))
            item.setHidden(not visible)
            if visible:
                shown += 1
                if first is None:
                    first = item
        if not self.rows:
            self.summary.setText(self.tr("共有されている他府省庁のシートはありません"))
        elif shown == len(self.rows):
            self.summary.setText(self.tr("{0} 件").format(shown))
        else:
            self.summary.setText(self.tr("{0} 件中 {1} 件").format(len(self.rows), shown))
        if keep is not None and keep in self.visible_ids():
            self.select(keep)
        elif first is not None:
            self.table.setCurrentItem(first)
        else:
            self.table.setCurrentItem(None)
            self._show(None)

    def _show(self, item: QTreeWidgetItem | None) -> None:
        if item is None or item.isHidden():
            self.viewer.setHtml(f"<p style='color:#78909c'>{escape(self._nothing_text())}</p>")
            return
        sheet_id = int(item.data(0, SHEET_ID_ROLE))
        row = next((r for r in self.rows if r.sheet_id == sheet_id), None)
        if row is not None:
            self.viewer.setHtml(self.public_form_html(row))

    def _nothing_text(self) -> str:
        if not self.rows:
            return self.tr("共有されている他府省庁のシートはまだありません。")
        return self.tr("条件に合うシートはありません。")

    def public_form_html(self, sheet: SharedSheet) -> str:
        """The stored public form as HTML, every string escaped: nothing but what the table holds."""
        c = sheet.content
        empty, kpi = self.tr("（記載なし）"), self.tr("KPI")
        made = self.tr("公開部分の作成: {0}（{1}）").format(_local(sheet.rendered_at), sheet.rendered_by)
        out = [f"<h2>{escape(c.get('heading') or sheet.title)}</h2>"]
        line = [c.get("fiscal_year") or sheet.fiscal_year_label, c.get("ministry") or sheet.ministry,
                c.get("bureau") or ""]
        out.append(f"<p>{escape('　'.join(p for p in line if p))}　"
                   f"<span style='color:#546e7a'>（{escape(sheet.status.label)}）</span></p>")
        fields = c.get("fields", ())
        if c.get("classification") and all(f.get("text") != c["classification"] for f in fields):
            out.append(f"<p>{escape(c['classification'])}</p>")   # unless a field of the survey prints it
        if c.get("areas"):
            out.append(f"<p><b>{escape(c.get('areas_label') or '')}</b>　{escape(c['areas'])}</p>")
        for f in fields:
            out.append(f"<h3>{escape(f.get('label') or '')}</h3>")
            text = f.get("text") or ""
            out.append(f"<p>{_paragraphs(text)}</p>" if text.strip()
                       else f"<p style='color:#78909c'>{escape(empty)}</p>")
        if c.get("kpis"):
            out.append(f"<h3>{escape(kpi)}</h3>")
            out.append("<table border='1' cellspacing='0' cellpadding='4'>")
            out.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in c.get("kpi_headers", ())) + "</tr>")
            for cells in c["kpis"]:
                out.append("<tr>" + "".join(f"<td>{_paragraphs(str(cell))}</td>" for cell in cells) + "</tr>")
            out.append("</table>")
        notes = c.get("footnotes", ())
        if notes:
            out.append("<hr>")
            for n in notes:
                out.append(f"<p style='font-size:small'>※{escape(str(n.get('number', '')))}　"
                           f"{escape(n.get('text') or '')}</p>")
        out.append(f"<p style='color:#78909c; font-size:small'>"
                   f"{escape(made)}</p>")
        return "\n".join(out)

