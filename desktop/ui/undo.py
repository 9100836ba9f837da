"""Undo and redo across fields and sheets of one session (one QUndoStack).

A command records a path of a :class:`SheetDocument` with the value before and
after. Typing in one field merges into one command while the keys keep coming
(a pause of :data:`MERGE_WINDOW_S` starts a new one), so Ctrl+Z takes back a
burst of typing, not a character. Undoing asks the document to reveal the
change, so the window switches to that sheet and field. Deleting a sheet is a
command too; it calls back into whoever performs the deletion.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop.ui.document import SheetDocument, same_path

MERGE_WINDOW_S = 2.0
_MERGE_ID = 0x5E5A


class ChangeCommand(QUndoCommand):
    """One change of a document path; ``also`` holds changes that go with it (path, old, new).

    Typing over a marked passage changes the text and the marks together
    (SheetDocument.marks_following), so undo restores both.
    """

    def __init__(self, doc: SheetDocument, path: tuple, old, new, text: str, *, merge: bool = False,
                 also: tuple = (), parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.doc, self.path, self.old, self.new = doc, path, old, new
        self.also = [tuple(change) for change in also]
        self.merge = merge
        self.at = time.monotonic()
        self._first = True

    def redo(self) -> None:
        # The first redo comes from push(): the widget already shows the value.
        self.doc.apply(self.path, self.new, reveal=not self._first)
        for path, _old, new in self.also:
            self.doc.apply(path, new)
        self._first = False

    def undo(self) -> None:
        self.doc.apply(self.path, self.old, reveal=True)
        for path, old, _new in reversed(self.also):
            self.doc.apply(path, old)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return _MERGE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, ChangeCommand) or not other.merge or other.doc is not self.doc:
            return False
        if not same_path(other.path, self.path) or other.at - self.at > MERGE_WINDOW_S:
            return False
        self.new = other.new
        self.at = other.at
        for path, old, new in other.also:
            i = next((i for i, (p, _o, _n) in enumerate(self.also) if same_path(p, path)), None)
            if i is None:
                self.also.append((path, old, new))
            else:
                self.also[i] = (path, self.also[i][1], new)
        if self.new == self.old and all(old == new for _p, old, new in self.also):
            self.setObsolete(True)
        return True


class CallbackCommand(QUndoCommand):
    """A change performed elsewhere (e.g. deleting a sheet in the store)."""

    def __init__(self, text: str, do: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._do, self._undo = do, undo

    def redo(self) -> None:
        self._do()

    def undo(self) -> None:
        self._undo()
