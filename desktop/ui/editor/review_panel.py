"""The review at the top of a sheet: 差戻し's reason, the secretariat's evaluation, the comments.

Comments and evaluations are rows of their own (desktop.store.review), read
and written here directly through the GUI thread's repository: they are
small, and writing them does not touch the sheet being edited (its version
stays, the editor never goes stale because somebody commented).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store import review as store
from desktop.store.repository import Repository
from desktop.survey.definition import SurveyDefinition
from desktop.survey.parts import Part, PartKind
from desktop.survey.review import SECRETARIAT
from desktop.survey.sheet import Status
from desktop.ui.wrapped_label import WrappedLabel

SHEET_PART = ""


class ReviewPanel(QWidget):
    """Shows and records the review of the open sheet; ``message`` reports what happened or failed."""

    message = Signal(str, bool)   # text, error

    def __init__(self, survey: SurveyDefinition, repository: Callable[[], Repository | None],
                 role: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.survey = survey
        self.repository = repository
        self.role = role
        self.sheet_id: int | None = None
        self.status: Status | None = None
        self.read_only = False
        # The field the person last typed in and the passage selected there (a comment's anchor).
        self.anchor: Callable[[], tuple[str, str]] = lambda: ("", "")
        cycle = survey.review

        self.returned = WrappedLabel(objectName="returnedBanner")
        self.returned.setStyleSheet("background: #fdecea; color: #8a1c12; padding: 6px; border: 1px solid #e0a39c;")
        self.returned.hide()

        self.grade = QComboBox(objectName="evaluationGrade")
        self.grade.addItem(self.tr("（未評価）"), "")
        for grade in cycle.evaluation_scale:
            self.grade.addItem(grade, grade)
        self.grade_comment = QLineEdit(objectName="evaluationComment")
        self.grade_comment.setPlaceholderText(cycle.evaluation_comment_label)
        self.save_grade = QPushButton(self.tr("評価を記録"), objectName="saveEvaluation")
        self.save_grade.clicked.connect(self._save_evaluation)
        self.grade_info = WrappedLabel(objectName="evaluationInfo")
        grade_row = QHBoxLayout()
        grade_row.addWidget(self.grade)
        grade_row.addWidget(self.grade_comment, 1)
        grade_row.addWidget(self.save_grade)

        self.history = WrappedLabel(objectName="statusHistory")
        self.history.setStyleSheet("color: #455a64;")
        self.tree = QTreeWidget(objectName="commentTree")
        self.tree.setHeaderLabels([self.tr("箇所"), self.tr("コメント"), self.tr("記入者"), self.tr("日時"),
                                   self.tr("状態")])
        self.tree.setRootIsDecorated(True)
        self.tree.setMinimumHeight(90)
        self.tree.setMaximumHeight(180)   # the sheet's fields follow: the list scrolls, not the page
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(1, head.ResizeMode.Stretch)
        for column, width in ((0, 180), (2, 110), (3, 120), (4, 60)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        # most sheets have no comments: one line then, not an empty list above the fields
        self.no_comments = QLabel(self.tr("コメントはありません。"), objectName="noComments")
        self.no_comments.setStyleSheet("color: #455a64;")
        self.add_button = QPushButton(self.tr("コメントを追加…"), objectName="addComment")
        self.add_button.clicked.connect(self.add_comment)
        self.reply_button = QPushButton(self.tr("返信…"), objectName="replyComment")
        self.reply_button.clicked.connect(self.reply)
        self.resolve_button = QPushButton(self.tr("解決済にする"), objectName="resolveComment")
        self.resolve_button.clicked.connect(self.toggle_resolved)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.reply_button, self.resolve_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.returned)
        column.addLayout(grade_row)
        column.addWidget(self.grade_info)
        column.addWidget(self.history)
        column.addWidget(self.tree)
        column.addWidget(self.no_comments)
        column.addLayout(buttons)
        self._update_buttons()

    # -- loading ----------------------------------------------------------------------------

    def load(self, sheet_id: int | None, status: Status | None) -> None:
        self.sheet_id, self.status = sheet_id, status
        self.reload()

    def reload(self) -> None:
        repo = self.repository() if self.sheet_id is not None else None
        self.tree.clear()
        self.returned.hide()
        self.grade_info.clear()
        self.history.clear()
        self.grade.setCurrentIndex(0)
        self.grade_comment.clear()
        if repo is None:
            self._update_buttons()
            return
        rows = store.comments(repo, self.sheet_id)
        heads: dict[int, QTreeWidgetItem] = {}
        for c in rows:
            state = self.tr("解決済") if c.resolved else (self.tr("未解決") if c.parent_id is None else "")
            where = self._where(c.part, c.quote) if c.parent_id is None else self.tr("返信")
            item = QTreeWidgetItem([where, c.body, c.author, c.created_at.strftime("%Y-%m-%d %H:%M"), state])
            item.setData(0, Qt.ItemDataRole.UserRole, c.id)
            item.setData(1, Qt.ItemDataRole.UserRole, c.resolved)
            item.setToolTip(1, c.body)
            if c.parent_id is None:
                self.tree.addTopLevelItem(item)
                heads[c.id] = item
            elif c.parent_id in heads:
                heads[c.parent_id].addChild(item)
        self.tree.expandAll()
        self.tree.setVisible(bool(rows))
        self.no_comments.setVisible(not rows)
        grade = store.evaluation(repo, self.sheet_id)
        if grade is not None:
            self.grade.setCurrentIndex(max(0, self.grade.findData(grade.grade)))
            self.grade_comment.setText(grade.comment)
            self.grade_info.setText(self.tr("{0}: {1}（{2}、{3}）").format(
                self.survey.review.evaluation_label, grade.grade, grade.author, grade.at.strftime("%Y-%m-%d %H:%M")))
        self._show_history(repo)
        self._show_returned(repo, rows)
        self._update_buttons()

    def _show_history(self, repo: Repository) -> None:
        """The sheet's moves (who, when, from, to, why), newest last; the last few are enough here."""
        moves = store.status_history(repo, self.sheet_id)
        cycle = self.survey.review
        lines = []
        for h in moves[-5:]:
            source = h.from_status.label if h.from_status else self.tr("作成")
            who = h.actor + (f"（{cycle.role_label(h.role)}）" if h.role else "")
            reason = self.tr("　理由: {0}").format(h.reason) if h.reason else ""
            lines.append(f"{h.at.strftime('%Y-%m-%d %H:%M')}　{source} → {h.to_status.label}　{who}{reason}")
        if lines:
            self.history.setText(self.tr("状態の履歴:") + "\n" + "\n".join(lines))

    def _show_returned(self, repo: Repository, rows) -> None:
        """差戻し: the reason and the open comments, where the ministry sees them first."""
        if self.status is not self.survey.review.returned_status:
            return
        move = store.last_return(repo, self.sheet_id)
        lines = [self.tr("このシートは差し戻されています。")]
        if move is not None:
            lines.append(self.tr("理由: {0}（{1}、{2}）").format(move.reason or self.tr("（記載なし）"), move.actor,
                                                             move.at.strftime("%Y-%m-%d %H:%M")))
        open_rows = [c for c in rows if c.parent_id is None and not c.resolved]
        if open_rows:
            lines.append(self.tr("未解決のコメント {0}件:").format(len(open_rows)))
            lines.extend(f"・{self._where(c.part, c.quote)}: {c.body}" for c in open_rows)
        self.returned.setText("\n".join(lines))
        self.returned.show()

    def _where(self, part: str, quote: str) -> str:
        label = self.tr("シート全体")
        if part:
            try:
                p = Part.parse(part)
            except ValueError:
                p = None
            if p is not None and p.kind is PartKind.FIELD and self.survey.has_field(p.key):
                label = self.survey.field(p.key).label
            else:
                label = part
        return f"{label}「{quote}」" if quote else label

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._update_buttons()

    def _update_buttons(self) -> None:
        usable = self.sheet_id is not None and not self.read_only
        selected = self.tree.currentItem() if self.tree.selectedItems() else None
        self.add_button.setEnabled(usable)
        self.reply_button.setEnabled(usable and selected is not None)
        self.resolve_button.setEnabled(usable and selected is not None)
        if selected is not None:
            head = selected.parent() or selected
            resolved = bool(head.data(1, Qt.ItemDataRole.UserRole))
            self.resolve_button.setText(self.tr("未解決に戻す") if resolved else self.tr("解決済にする"))
        secretariat = self.role() == SECRETARIAT
        for w in (self.grade, self.grade_comment, self.save_grade):
            w.setEnabled(usable and secretariat and bool(self.survey.review.evaluation_scale))
        self.save_grade.setToolTip("" if secretariat else self.tr("評価は事務局の立場で記録します（表示 > 立場）。"))

    # -- actions ----------------------------------------------------------------------------

    def _run(self, action: Callable[[Repository], object], done: str) -> bool:
        repo = self.repository()
        if repo is None or self.sheet_id is None:
            return False
        try:
            action(repo)
        except store.ReviewError as exc:
            self.message.emit(str(exc), True)
            return False
        self.reload()
        self.message.emit(done, False)
        return True

    def add_comment(self, _checked: bool = False, *, key: str | None = None, quote: str | None = None,
                    body: str | None = None) -> bool:
        """A comment on the field last edited (its selected passage), or on a field the person picks."""
        last_key, selected = self.anchor()
        fields = [(f.key, f.label) for f in self.survey.fields]
        if key is None:
            labels = [self.tr("シート全体")] + [label for _k, label in fields]
            keys = [SHEET_PART] + [k for k, _label in fields]
            current = keys.index(last_key) if last_key in keys else 0
            label, ok = QInputDialog.getItem(self, self.tr("コメントを追加"), self.tr("コメントする箇所"), labels,
                                             current, False)
            if not ok:
                return False
            key = keys[labels.index(label)]
            quote = selected if key == last_key else ""
        if body is None:
            prompt = self.tr("コメント") + (self.tr("（対象:「{0}」）").format(quote) if quote else "")
            body, ok = QInputDialog.getMultiLineText(self, self.tr("コメントを追加"), prompt)
            if not ok:
                return False
        part = str(Part.field(key)) if key else SHEET_PART
        return self._run(lambda repo: store.add_comment(repo, self.sheet_id, part, body, quote=quote or "",
                                                        role=self.role()), self.tr("コメントを追加しました。"))

    def reply(self, _checked: bool = False, *, body: str | None = None) -> bool:
        item = self.tree.currentItem()
        if item is None:
            return False
        if body is None:
            body, ok = QInputDialog.getMultiLineText(self, self.tr("返信"), self.tr("返信"))
            if not ok:
                return False
        parent = int(item.data(0, Qt.ItemDataRole.UserRole))
        return self._run(lambda repo: store.add_comment(repo, self.sheet_id, "", body, parent_id=parent,
                                                        role=self.role()), self.tr("返信しました。"))

    def toggle_resolved(self) -> bool:
        item = self.tree.currentItem()
        if item is None:
            return False
        head = item.parent() or item
        resolved = not bool(head.data(1, Qt.ItemDataRole.UserRole))
        comment_id = int(head.data(0, Qt.ItemDataRole.UserRole))
        done = self.tr("解決済にしました。") if resolved else self.tr("未解決に戻しました。")
        return self._run(lambda repo: store.set_resolved(repo, comment_id, resolved), done)

    def _save_evaluation(self) -> bool:
        grade = self.grade.currentData() or ""
        if not grade:
            self.message.emit(self.tr("評価を選んでください。"), True)
            return False
        return self._run(lambda repo: store.set_evaluation(repo, self.sheet_id, grade, self.grade_comment.text(),
                                                           role=self.role()), self.tr("評価を記録しました。"))
