"""The status bar's view of background work: what runs, how far, and a cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from desktop.ui.tasks import Task, TaskRunner


class TaskStatus(QWidget):
    def __init__(self, runners: list[TaskRunner], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(objectName="taskLabel")
        self.bar = QProgressBar(objectName="taskProgress")
        self.bar.setMaximumWidth(140)
        self.bar.setTextVisible(False)
        self.cancel = QToolButton(objectName="taskCancel")
        self.cancel.setText(self.tr("中止"))
        self.cancel.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self._tasks: list[Task] = []
        for runner in runners:
            runner.taskStarted.connect(self._started)
            runner.taskFinished.connect(self._finished)
        self._update()

    def _started(self, task: Task) -> None:
        self._tasks.append(task)
        task.progressed.connect(lambda *_a: self._update())
        self._update()

    def _finished(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        self._update()

    def _visible_task(self) -> Task | None:
        # Autosaves and counts are frequent and short; they show elsewhere, not here.
        labelled = [t for t in self._tasks if not t.quiet]
        return labelled[0] if labelled else None

    def _update(self) -> None:
        task = self._visible_task()
        self.setVisible(task is not None)
        if task is None:
            return
        more = sum(1 for t in self._tasks if not t.quiet) - 1
        text = task.label + (f"（{task.message}）" if task.message else "")
        if more > 0:
            text += self.tr(" ほか {0} 件").format(more)
        self.label.setText(text)
        if task.total > 0:
            self.bar.setRange(0, task.total)
            self.bar.setValue(task.done)
        else:
            self.bar.setRange(0, 0)   # busy indicator
        self.cancel.setEnabled(not task.cancel_requested)

    def _cancel(self) -> None:
        task = self._visible_task()
        if task is not None:
            task.cancel()
            self._update()
