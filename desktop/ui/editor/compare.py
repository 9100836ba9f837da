"""「前年度と比較」 under a text field: last year's text beside this year's, differences highlighted.

Last year's text is the predecessor sheet's (the sheet this one was carried
over from by the new-year run); this year's is the document's live text, so
the comparison follows typing — but never on the keystroke itself: diffing a
30,000-character field and re-rendering both panes took from a quarter of a
second to seconds per key. So an edit only restarts a short timer; once typing
pauses the diff runs on a worker thread (one at a time; text typed meanwhile is
compared when it is done), and the panes are patched where the text changed
(``SideBySideDiff.update_diff``). A diff that comes back for a sheet or a text
no longer shown is dropped, and switching sheets empties the panes first, so
the comparison of one sheet is never shown under another.
The diff is desktop.store.history.diff_texts.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from desktop.store.history import TextDiff, diff_texts
from desktop.survey.definition import FieldDef
from desktop.survey.sheet import SheetData
from desktop.survey.wareki import format_fiscal_year
from desktop.ui.diff_view import SideBySideDiff
from desktop.ui.tasks import Task, TaskRunner

IDLE_MS = 300


def compute_diff(old: str, new: str) -> TextDiff:
    """The worker (plain Python on strings, no widgets)."""
    return diff_texts(old, new)


class CompareView(QWidget):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        # Where diffs run (set by the owner); None: on the GUI thread, still only once typing pauses.
        self.runner: TaskRunner | None = None
        self._shown: tuple[str, str] | None = None      # the texts the panes show
        self._task: Task | None = None                  # the diff under way, at most one
        self._task_generation = 0
        self._generation = 0                            # bumped when the sheets change: older diffs are dropped
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.update_now)
        self.previous: SheetData | None = None
        self.current: SheetData | None = None
        self.toggle = QCheckBox(self.tr("前年度と比較"), objectName=f"compare_{field.key}")
        self.toggle.toggled.connect(self._on_toggled)
        self.diff = SideBySideDiff()
        self.diff.setObjectName(f"compareDiff_{field.key}")
        self.diff.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.diff)
        self.set_sheets(None, None)

    def set_sheets(self, current: SheetData | None, previous: SheetData | None) -> None:
        """The sheet being edited and its predecessor (None: no predecessor, the toggle is disabled)."""
        changed = current is not self.current or previous is not self.previous
        self.current, self.previous = current, previous
        if changed:
            self._generation += 1
            self._timer.stop()
            self._shown = None
            self.diff.clear_diff()
        self.toggle.setEnabled(previous is not None)
        self.toggle.setToolTip(self.tr("前年度の施策シートと、この項目の記載を並べて比較します。") if previous is not None
                               else self.tr("前年度の施策シートがありません（次年度の作成で引き継いだシートで使えます）。"))
        if previous is None and self.toggle.isChecked():
            self.toggle.setChecked(False)
        if changed:
            self.update_now()     # another sheet: compare it now (on the worker), no pause to wait for

    def _on_toggled(self, checked: bool) -> None:
        self.diff.setVisible(checked)
        self.update_now()

    def refresh(self) -> None:
        """The text changed: compare again once typing pauses (each edit restarts the pause)."""
        if self.toggle.isChecked():
            self._timer.start()

    def is_pending(self) -> bool:
        """True while the panes may not show the latest text yet (waiting for a pause, or a diff under way)."""
        return self._timer.isActive() or self._task is not None

    def update_now(self) -> None:
        self._timer.stop()
        if not self.toggle.isChecked() or self.previous is None or self.current is None:
            self._shown = None
            return
        texts = (self.previous.text(self.field.key), self.current.text(self.field.key))
        if texts == self._shown or self._task is not None:   # a diff under way: the newest text follows it
            return
        if self.diff.diff is None and any(texts):
            self.diff.summary.setText(self.tr("比較しています…"))
        if self.runner is None:
            self._show(texts, compute_diff(*texts))
            return
        self._task_generation = self._generation
        self._task = self.runner.submit(compute_diff, *texts, quiet=True)   # quiet: never in the status bar
        self._task.succeeded.connect(self._on_diff)
        self._task.failed.connect(self._on_failed)
        self._task.cancelled.connect(self._on_cancelled)

    def _on_diff(self, diff: TextDiff) -> None:
        fresh = self._task_generation == self._generation
        self._task = None
        if fresh and self.toggle.isChecked():
            self._show((diff.old, diff.new), diff)
        if not self._timer.isActive():
            self.update_now()      # the text moved on (or the sheet changed) while it ran

    def _on_failed(self, exc: object) -> None:
        self._task = None
        self.diff.clear_diff(self.tr("比較できませんでした: {0}").format(exc))
        self._shown = None

    def _on_cancelled(self) -> None:
        self._task = None

    def _show(self, texts: tuple[str, str], diff: TextDiff) -> None:
        assert self.previous is not None and self.current is not None
        self._shown = texts
        self.diff.update_diff(diff, self.tr("前年度（{0}）").format(format_fiscal_year(self.previous.fiscal_year)),
                              self.tr("今年度（{0}）").format(format_fiscal_year(self.current.fiscal_year)))
