"""Steady typing is saved while it goes on: at most about two seconds after the first unsaved key."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from desktop.ui.settings import DEFAULT_AUTOSAVE_MS
from tests.ui.helpers import TIMEOUT_MS, new_sheet, text_edit, wait_saved

KEY_INTERVAL_MS = 200
TYPING_MS = 6000


class SteadyTypist:
    """Presses a key every 200 ms for six seconds (the debounce never gets a quiet second)."""

    def __init__(self, qtbot, widget) -> None:
        self.qtbot, self.widget = qtbot, widget
        self.typed = ""
        self.first_key_at: float | None = None
        self.timer = QTimer()
        self.timer.setInterval(KEY_INTERVAL_MS)
        self.timer.timeout.connect(self._key)

    def start(self) -> None:
        self.widget.setFocus()
        self._key()
        self.timer.start()

    def _key(self) -> None:
        if self.first_key_at is None:
            self.first_key_at = time.monotonic()
        elif (time.monotonic() - self.first_key_at) * 1000 >= TYPING_MS:
            self.timer.stop()
            return
        ch = "abcdefghij"[len(self.typed) % 10]
        self.qtbot.keyClick(self.widget, ch)
        self.typed += ch

    @property
    def typing(self) -> bool:
        return self.timer.isActive()


def test_continuous_typing_reaches_the_database_within_two_seconds(qtbot, make_app, settings_factory,
                                                                    read_repo, seeded_db):
    settings = settings_factory()
    settings.autosave_ms = DEFAULT_AUTOSAVE_MS   # what staff have: the debounce alone would never fire
    app = make_app(seeded_db, settings=settings)
    doc = new_sheet(qtbot, app)
    wait_saved(qtbot, app)
    repo = read_repo(seeded_db)
    edit = text_edit(app, "title")
    typist = SteadyTypist(qtbot, edit)

    def stored() -> str:
        return repo.get_sheet(doc.sheet_id).text("title")

    typist.start()
    qtbot.waitUntil(lambda: stored() != "", timeout=4000)
    first_save = time.monotonic() - typist.first_key_at
    assert typist.typing, "the save came only after the typing stopped"
    assert first_save <= 2.5, f"first save {first_save:.2f} s after the first key"

    # While typing goes on, what is stored is never more than about two seconds behind.
    worst_lag = 0.0
    last_seen, seen_at = stored(), time.monotonic()
    while typist.typing:
        qtbot.wait(100)
        now_stored = stored()
        if now_stored != last_seen:
            last_seen, seen_at = now_stored, time.monotonic()
        worst_lag = max(worst_lag, time.monotonic() - seen_at)
    assert worst_lag <= 2.6, f"the database lagged {worst_lag:.2f} s behind steady typing"
    assert len(typist.typed) >= 25
    wait_saved(qtbot, app)
    qtbot.waitUntil(lambda: stored() == typist.typed, timeout=TIMEOUT_MS)
