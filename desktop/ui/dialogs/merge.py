"""Deciding the conflicts of a refused save: both versions of each field, side by side.

Shown when this window's save hit a sheet someone saved meanwhile
(StaleSheetError) and both changed the same part. Per part the person takes
their own version, the saved one, or writes a merged text (text fields and
plain header texts); every other change of both sides is kept without asking
(desktop.store.merge). 「後で決める」 saves nothing and keeps the edits on
screen, so closing the dialog loses nothing either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QListWidget,
    QListWidgetItem,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.store.history import diff_texts
from desktop.store.merge import Conflict, Decision, MarkOutcome, Take
from desktop.ui.diff_view import SideBySideDiff, mark_spans


@dataclass(frozen=True)
class Wording:
    """What the two sides are called, when they are not this window and the saved sheet (an imported file)."""

    mine_pane: str
    theirs_pane: str
    take_mine: str
    take_theirs: str
    intro: str          # {0}: the sheet's title, {1}: how many parts


class ConflictPanel(QGroupBox):
    """One conflicting part: the two versions with differences highlighted, and the choice."""

    def __init__(self, conflict: Conflict, label: str, parent: QWidget | None = None,
                 wording: Wording | None = None) -> None:
        super().__init__(label, parent)
        self.setObjectName(f"conflict:{conflict.part}")
        self.conflict = conflict
        self.diff = SideBySideDiff()
        self.diff.show_diff(diff_texts(conflict.mine, conflict.theirs),
                            wording.mine_pane if wording else self.tr("この画面の内容（あなたの変更）"),
                            wording.theirs_pane if wording else self.tr("保存されている内容（別の画面・別の人の変更）"))
        self.diff.summary.setText(self.tr("色の付いた部分が二つの版で異なります。赤い下線は非公開の指定です。"))
        tip = self.tr("非公開の指定（統合後も残ります）")
        mark_spans(self.diff.left, [(m.start, m.end) for m in conflict.mine_marks if m.start is not None],
                   tip)
        mark_spans(self.diff.right, [(m.start, m.end) for m in conflict.theirs_marks if m.start is not None],
                   tip)
        wholes = [self.tr("この画面の版: 項目全体") for m in conflict.mine_marks if m.start is None] + \
            [self.tr("保存されている版: 項目全体") for m in conflict.theirs_marks if m.start is None]
        if wholes:
            self.diff.summary.setText(self.diff.summary.text() + self.tr("（非公開の指定: {0}）").format(
                "、".join(wholes)))
        self.take_mine = QRadioButton(wording.take_mine if wording else self.tr("自分の内容を使う"),
                                      objectName="takeMine")
        self.take_theirs = QRadioButton(wording.take_theirs if wording else self.tr("保存されている内容を使う"),
                                        objectName="takeTheirs")
        self.take_edited = QRadioButton(self.tr("編集して統合する"), objectName="takeEdited")
        self.choice = QButtonGroup(self)
        for button in (self.take_mine, self.take_theirs, self.take_edited):
            self.choice.addButton(button)
        self.merged = QPlainTextEdit(objectName="mergedText")
        self.merged.setPlainText(conflict.combined if conflict.combined is not None else conflict.mine)
        self.merged.setPlaceholderText(self.tr("二つの版をもとに、残す文章を書いてください。"))
        self.merged.setMaximumHeight(120)
        self.merged_label = QLabel(self.tr("統合した内容（両方の変更を組み合わせた案です。確かめて、必要なら直してください）:")
                                   if conflict.combined is not None else self.tr("統合した内容（編集できます）:"))
        for pane in (self.diff.left, self.diff.right):
            pane.setMaximumHeight(180)
        self.merged.textChanged.connect(lambda: self.take_edited.setChecked(True))
        choices = QHBoxLayout()
        choices.addWidget(self.take_mine)
        choices.addWidget(self.take_theirs)
        choices.addWidget(self.take_edited)
        choices.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.diff)
        layout.addLayout(choices)
        layout.addWidget(self.merged_label)
        layout.addWidget(self.merged)
        for widget in (self.take_edited, self.merged_label, self.merged):
            widget.setVisible(conflict.editable)

    def decision(self) -> Decision | None:
        if self.take_mine.isChecked():
            return Decision(Take.MINE)
        if self.take_theirs.isChecked():
            return Decision(Take.THEIRS)
        if self.take_edited.isChecked():
            return Decision(Take.EDITED, self.merged.toPlainText())
        return None


class MergeDialog(QDialog):
    """The conflicts of a refused save, and what the merge does with every non-public mark.

    ``outcomes(decisions)`` (desktop.store.merge.merge_marks) says, for the
    decisions made so far, which mark is kept where and which needs a
    person; the list updates as the person chooses, so no choice drops a
    mark out of sight (none drops one at all).
    """

    def __init__(self, title: str, conflicts: list[Conflict], label_for: Callable[[tuple], str],
                 parent: QWidget | None = None,
                 outcomes: Callable[[dict[str, Decision]], list[MarkOutcome]] | None = None,
                 wording: Wording | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("同時に編集された項目の統合"))
        intro = QLabel((wording.intro if wording else self.tr(
            "「{0}」は、この画面で編集している間に別の画面または別の人が保存しました。"
            "下の {1} 項目は両方で変更されています。項目ごとに、どちらの内容を残すか選ぶか、"
            "編集して統合してください。そのほかの変更は両方とも保存されます。"
            "非公開の指定は、どちらを選んでも両方の指定が残ります。")).format(title, len(conflicts)))
        intro.setWordWrap(True)
        self.outcomes = outcomes
        self.panels = [ConflictPanel(c, c.label or label_for(c.path), wording=wording) for c in conflicts]
        body = QWidget()
        body_layout = QVBoxLayout(body)
        for panel in self.panels:
            body_layout.addWidget(panel)
            panel.choice.buttonToggled.connect(lambda *_: self._update())
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.hint = QLabel(objectName="mergeHint")
        self.marks_title = QLabel(self.tr("統合後の非公開の指定"), objectName="mergeMarksTitle")
        self.marks_title.setStyleSheet("font-weight: bold; color: #6d4c41;")
        self.marks = QListWidget(objectName="mergeMarks")
        self.marks.setMaximumHeight(120)
        self.marks.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("統合して保存"), objectName="saveMerged")
        later = QPushButton(self.tr("後で決める（保存しない）"), objectName="mergeLater")
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(later, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.marks_title)
        layout.addWidget(self.marks)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.resize(980, 640)
        self._update()

    def panel(self, part: str) -> ConflictPanel:
        return next(p for p in self.panels if p.conflict.part == part)

    def decisions(self) -> dict[str, Decision]:
        return {p.conflict.part: d for p in self.panels if (d := p.decision()) is not None}

    def _update(self) -> None:
        self._show_outcomes()
        missing = len(self.panels) - len(self.decisions())
        self.save_button.setEnabled(missing == 0)
        self.hint.setText(self.tr("まだ選んでいない項目が {0} 個あります。").format(missing) if missing
                          else self.tr("「統合して保存」で保存します。"))

    def _show_outcomes(self) -> None:
        found = self.outcomes(self.decisions()) if self.outcomes is not None else []
        self.marks.clear()
        side = {"mine": self.tr("この画面で指定"), "theirs": self.tr("保存されている版で指定"),
                "both": self.tr("両方の版")}
        for o in found:
            state = self.tr("残ります") if o.placed else self.tr(
                "統合後の文章に見つからないため「非公開の確認が必要」として残ります（文章は引き続き非公開）")
            item = QListWidgetItem(self.tr("・{0}（{1}、理由: {2}）— {3}").format(o.description, side[o.side],
                                                                          o.reason, state))
            if not o.placed:
                item.setForeground(QColor("#b71c1c"))
            self.marks.addItem(item)
        self.marks_title.setVisible(bool(found))
        self.marks.setVisible(bool(found))
