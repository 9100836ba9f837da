"""The crash journal written on its own thread: typing never waits for the disk, order never breaks."""

from __future__ import annotations

import threading

from desktop.app import crash_journal
from desktop.app.crash_journal import JournalWriter, journal_path

TARGET = "/data/sesaku.db"
WAIT_S = 10


def _blocking_first_write(monkeypatch) -> tuple[threading.Event, threading.Event]:
    """The first write to disk stops until released (a slow disk); the rest go straight through."""
    started, release = threading.Event(), threading.Event()
    real = crash_journal.write_payload
    calls = []

    def slow(target, payload):
        calls.append(payload)
        if len(calls) == 1:
            started.set()
            assert release.wait(WAIT_S)
        return real(target, payload)

    monkeypatch.setattr(crash_journal, "write_payload", slow)
    return started, release


def test_a_submitted_write_reaches_the_disk_without_the_caller_waiting(monkeypatch):
    started, release = _blocking_first_write(monkeypatch)
    results = []
    done = threading.Event()
    writer = JournalWriter(lambda exc: (results.append(exc), done.set()))
    writer.submit(TARGET, b"typed")            # returns although the disk is stuck
    assert started.wait(WAIT_S)
    assert not journal_path(TARGET).exists()
    release.set()
    assert done.wait(WAIT_S)
    assert results == [None]
    assert journal_path(TARGET).read_bytes() == b"typed"


def test_a_write_made_now_is_never_overwritten_by_an_older_one(monkeypatch):
    started, release = _blocking_first_write(monkeypatch)
    written = threading.Event()
    writer = JournalWriter(lambda exc: written.set())
    writer.submit(TARGET, b"first")            # on the disk's way, stuck
    assert started.wait(WAIT_S)
    writer.submit(TARGET, b"second")           # queued behind it
    now = threading.Thread(target=writer.write, args=(TARGET, b"before the save"))
    now.start()                                # waits for the stuck write, then writes
    release.set()
    now.join(WAIT_S)
    assert not now.is_alive()
    assert journal_path(TARGET).read_bytes() == b"before the save"   # not the older "second"
    written.clear()                            # everything before is on disk (the write above waited for it)
    writer.submit(TARGET, b"after the save")   # a later edit still lands
    assert written.wait(WAIT_S)
    assert journal_path(TARGET).read_bytes() == b"after the save"


def test_an_ordered_write_supersedes_the_queued_one(monkeypatch):
    started, release = _blocking_first_write(monkeypatch)
    writer = JournalWriter(lambda exc: None)
    writer.submit(TARGET, b"first")
    assert started.wait(WAIT_S)
    writer.submit(TARGET, b"stale")            # queued
    now = threading.Thread(target=writer.write, args=(TARGET, None))   # everything saved: the journal goes
    now.start()
    release.set()
    now.join(WAIT_S)
    writer.write(TARGET, None)                 # runs after the thread has had its turn
    assert not journal_path(TARGET).exists()


def test_a_failed_write_is_reported(monkeypatch):
    def broken(target, payload):
        raise PermissionError("locked")

    monkeypatch.setattr(crash_journal, "write_payload", broken)
    results = []
    writer = JournalWriter(results.append)
    writer.write(TARGET, b"x")
    assert len(results) == 1 and isinstance(results[0], PermissionError)
