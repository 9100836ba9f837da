"""Keeping the crash journal while sheets are edited, and restoring it on the next start.

While any open sheet has unsaved edits, the journal (desktop.app.crash_journal)
is rewritten at most a second after an edit; once everything is saved it is
removed. When a database opens and its journal holds edits the database does
not have (the program was killed, the power went), they come back as an
unsaved edit of their sheet, which the autosave then stores. A sheet saved
by someone else meanwhile is never overwritten: the save is refused as stale
and the usual merge asks the person about the parts both changed. The person
is told which sheets and fields came back; what cannot be restored (a sheet
deleted since, an unreadable journal) is kept in a file whose place is named.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.app.crash_journal import (
    JournalEntry,
    JournalError,
    JournalWriter,
    journal_path,
    journal_paths,
    keep_aside,
    read_journal,
    journal_payload,
    remove_journal,
)
from desktop.store import merge
from desktop.store.repository import SheetFilter, SheetNotFound
from desktop.survey.sheet_codec import SheetCodecError
from desktop.ui.document import SheetDocument

JOURNAL_MS = 1000   # an edit reaches the journal within this, however steady the typing

log = logging.getLogger(__name__)


class CrashJournal(QObject):
    message = Signal(str, int)   # status bar text, timeout ms
    _written = Signal(object)    # from the writer's thread: None, or the OSError

    def __init__(self, documents, parent: QObject | None = None) -> None:
        """``documents`` returns the open documents (the workspace's), read at each write."""
        super().__init__(parent)
        self._documents = documents
        self.target: str | None = None
        self._failed = False
        self._saving: dict[SheetDocument, object] = {}   # what each save in flight writes
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(JOURNAL_MS)
        self._timer.timeout.connect(self._write_soon)
        self._written.connect(self._on_written)
        self._writer = JournalWriter(self._written.emit)

    def set_target(self, target: str | None) -> None:
        """The database being edited (None: none, or read-only); the old one's journal is written last."""
        if self.target is not None:
            self.write_now()
        self.target = target
        self._failed = False
        self._saving.clear()

    def watch(self, doc: SheetDocument) -> None:
        doc.changed.connect(lambda _path: self.schedule())
        doc.dirtyChanged.connect(lambda _dirty: self.schedule())

    def save_submitted(self, doc: SheetDocument, data) -> None:
        """A save starts: the journal names what it writes (it may commit just before a kill), first."""
        self._saving[doc] = data
        self.write_now()

    def save_ended(self, doc: SheetDocument) -> None:
        """A save reported back (stored or failed): the journal takes the new version soon."""
        self._saving.pop(doc, None)
        self._write_soon()

    def schedule(self) -> None:
        if self.target is not None and not self._timer.isActive():
            self._timer.start()

    def write_now(self) -> None:
        """Write the journal before going on (a save about to start, the database changing)."""
        self._write(self._writer.write)

    def _write_soon(self) -> None:
        """Hand the journal to its thread: the typing goes on while the disk writes."""
        self._write(self._writer.submit)

    def _write(self, how) -> None:
        self._timer.stop()
        if self.target is None:
            return
        entries = []
        for doc in self._documents():
            if doc.is_dirty and doc.sheet_id is not None:
                mine, _refs = doc.snapshot()
                entries.append(JournalEntry(doc.sheet_id, doc.base, mine, self._saving.get(doc)))
        try:
            payload = journal_payload(self.target, entries)
        except SheetCodecError as exc:
            self._on_written(exc)
            return
        how(self.target, payload)

    def _on_written(self, exc: Exception | None) -> None:
        if exc is None:
            self._failed = False
            return
        log.warning("crash journal not written: %s", exc)
        if not self._failed:
            self._failed = True
            self.message.emit(self.tr("復旧用の記録を書き込めません（{0}）。変更は保存されるまで画面にだけあります。")
                              .format(exc), 10000)

    def discard(self) -> None:
        """The person chose to drop the unsaved edits: nothing of them is restored later."""
        self._timer.stop()
        if self.target is not None:
            self._writer.write(self.target, None)
            self.target = None

    # -- the next start ------------------------------------------------------------------------

    def recover(self, workspace, dialog_parent: QWidget | None) -> list[SheetDocument]:
        """Bring back the edits the database lacks from the journals of programs that ended; say what came back."""
        target = self.target
        if target is None or workspace.services is None:
            return []
        journals, unreadable = [], []
        for path in journal_paths(target):
            try:
                journal = read_journal(target, path)
            except JournalError as exc:
                kept = keep_aside(path)
                remove_journal(target, path)
                log.warning("crash journal unreadable (%s), kept at %s", exc, kept)
                unreadable.append(kept)
                continue
            if journal is not None and not journal.written_by_running_program():
                journals.append((path, journal))
        if not journals and not unreadable:
            return []
        survey = workspace.services.survey
        repo = workspace.services.repository()
        deleted = {row.id for row in repo.list_sheets(SheetFilter(only_deleted=True))} \
            if any(j.entries for _p, j in journals) else set()
        restored: list[tuple[SheetDocument, list[str], bool]] = []
        missing: list[str] = []
        kept: list = []
        for path, journal in journals:
            pending, keep = [], False
            for entry in journal.entries:
                try:
                    stored = repo.get_sheet(entry.sheet_id)
                except SheetNotFound:
                    stored = None
                if stored is None or entry.sheet_id in deleted \
                        or any(doc.sheet_id == entry.sheet_id for doc, _l, _s in restored):
                    missing.append(entry.mine.text(survey.title_field) or self.tr("（無題）"))
                    keep = True
                else:
                    pending.append((entry, stored))
            if keep:
                kept.append(keep_aside(path))   # before anything rewrites it
            for entry, stored in pending:
                if entry.saving is not None and stored.version > entry.mine.version \
                        and not merge.changed_labels(survey, stored, entry.saving):
                    entry = entry.rebased_on(stored)   # the save in flight did reach the database
                if not merge.changed_labels(survey, stored, entry.mine):
                    continue   # saved before the program ended
                labels = merge.changed_labels(survey, entry.base, entry.mine) or [self.tr("内容")]
                doc = workspace.restore_document(entry.mine, entry.base)
                restored.append((doc, labels, stored.version != entry.mine.version))
            if path != journal_path(target):
                remove_journal(target, path)   # its edits are open now, and in this program's journal
        self.write_now()
        if restored or missing or unreadable:
            self._tell(dialog_parent, self._notice(restored, missing, kept, unreadable))
        if restored:
            workspace.show_document(restored[0][0])
        return [doc for doc, _labels, _stale in restored]

    def _notice(self, restored, missing, kept, unreadable) -> str:
        lines = []
        for path in unreadable:
            lines.append(self.tr("前回保存されなかった変更の記録を読み取れなかったため、復元していません。"
                                 "記録は次の場所に残しています:\n{0}").format(path))
        if restored:
            lines.append(self.tr("施策デスクが前回正しく終了しなかったため、保存されていなかった変更を復元しました。"))
            for doc, labels, stale in restored:
                line = self.tr("・「{0}」: {1}").format(doc.title or self.tr("（無題）"), "、".join(labels))
                if stale:
                    line += self.tr("（このシートはその後ほかの画面・ほかの人が保存したため、両方の変更を合わせます。"
                                    "同じ箇所が違う場合はどちらを残すかを確認します）")
                lines.append(line)
            lines.append(self.tr("復元した変更は自動的に保存されます。内容を確認してください。"))
        for title in missing:
            lines.append(self.tr("・「{0}」は削除されていたため、変更を復元できませんでした。").format(title))
        for path in kept:
            lines.append(self.tr("復元できなかった変更の記録は次の場所に残しています:\n{0}").format(path))
        return "\n".join(lines)

    def _tell(self, parent: QWidget | None, text: str) -> None:
        log.warning("crash journal recovery: %s", text)
        QMessageBox.information(parent, self.tr("前回保存されなかった変更"), text)


__all__ = ["CrashJournal", "JOURNAL_MS"]
