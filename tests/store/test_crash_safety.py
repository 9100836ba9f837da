"""SIGKILL in the middle of saving, at many points: the file stays sound and every reported save is kept.

tests/store/crash_worker.py saves edits in a loop and prints a line after
each commit, and lines marking the phases of a save (first write, commit).
The test kills it with SIGKILL right after the N-th line of one kind (N and
the kind vary by round, deterministically: no sleeping), so the kill lands
while the save reads, while its transaction is half written, or in or just
after its commit, and reopens the file. Checked each time:

- ``PRAGMA integrity_check`` is ok, and the bigram index agrees with the text;
- every edit reported saved is there (its revision, and for each sheet the
  last reported value, or the in-flight one if its commit got through);
- the next program opens and saves normally.

Both journal modes the application uses are covered: WAL (local disks) and
the rollback journal with synchronous=FULL (files on network drives).
"""

from __future__ import annotations

import os
import signal
import sqlite3
from types import SimpleNamespace
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.store.revision_delta import changes
from desktop.store.database import open_database
from desktop.store.repository import Repository, SheetFilter
from tests.factories import complete_sheet
from tests.lines import Lines
from tests.store.crash_worker import value

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="SIGKILL and fork are POSIX only")

WORKER = Path(__file__).with_name("crash_worker.py")
ROUNDS = {"WAL": 36, "DELETE": 18}   # 54 distinct kill points in all
SHEETS = 3
PHASES = ("saved", "writing", "committing")
LINE_SECONDS = 60    # the longest a loaded CI machine may take for one save
TEST_SECONDS = 300   # a bound on each variant (about 30 s on a quiet machine)


class Worker:
    """The worker process; its stderr goes to a file (a pipe nobody reads could fill up and stall it)."""

    def __init__(self, folder: Path) -> None:
        self.errors = folder / "worker-stderr.txt"
        with self.errors.open("w") as errors:
            self.proc = subprocess.Popen([sys.executable, str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=errors, text=True, bufsize=1)
        self.deadline = time.monotonic() + TEST_SECONDS
        self.child: int | None = None
        self.lines = Lines(self.proc.stdout)
        assert self.line(LINE_SECONDS * 2) == "ready"

    def line(self, timeout: float = 0) -> str:
        """The next line; fails (never hangs) when the worker is silent too long or the test runs too long."""
        left = self.deadline - time.monotonic()
        assert left > 0, f"the crash test took more than {TEST_SECONDS} s"
        text = self.lines.next(min(timeout or LINE_SECONDS, left))
        assert text is not None, f"the worker stopped talking: {self.errors.read_text(errors='replace')[-2000:]}"
        assert text, f"the worker ended: {self.errors.read_text(errors='replace')[-2000:]}"
        return text.strip()

    def kill_after(self, path: Path, round_no: int, journal: str, phase: str,
                   count: int) -> list[tuple[int, int, str]]:
        """Start a round, SIGKILL the child after its ``count``-th ``phase`` line; the saves it reported."""
        self.proc.stdin.write(f"run {path} {round_no} {journal}\n")
        self.proc.stdin.flush()
        pid, seen, reported = None, 0, []
        while pid is None or seen < count:
            words = self.line().split()
            if words[0] == "pid":
                pid = self.child = int(words[1])
                continue
            if words[0] == "exited":
                raise AssertionError(f"child ended before being killed: {words}")
            if words[0] == "saved":
                reported.append((int(words[3]), int(words[2]), words[4]))
            seen += words[0] == phase
        os.kill(pid, signal.SIGKILL)
        while True:   # lines printed just before the kill
            words = self.line().split()
            if words[0] == "exited":
                self.child = None
                assert os.WIFSIGNALED(int(words[1])) and os.WTERMSIG(int(words[1])) == signal.SIGKILL
                return reported
            if words[0] == "saved":
                reported.append((int(words[3]), int(words[2]), words[4]))

    def close(self) -> None:
        if self.child is not None:   # a failed round: the saving child must not outlive the test
            try:
                os.kill(self.child, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.stdin.close()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:   # a child still running: end it, never leave it behind
            self.proc.kill()
            self.proc.wait(10)


def _new_file(path: Path, survey) -> dict[int, str]:
    db = open_database(path, keep_backups=0)
    repo = Repository(db)
    current = {}
    for i in range(SHEETS):
        saved = repo.create_sheet(complete_sheet(survey, ministry=f"府省{i}"))
        current[saved.id] = saved.fields["content"]
    db.close()
    return current


def _check(path: Path, round_no: int, reported, current: dict[int, str], ids: list[int]) -> bool:
    """Assert the file is sound and nothing reported is lost; True when the in-flight save got committed."""
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.execute("INSERT INTO sheet_fields_fts(sheet_fields_fts, rank) VALUES ('integrity-check', 1)")
        contents = dict(con.execute("SELECT sheet_id, value FROM sheet_fields WHERE key = 'content'").fetchall())
        rows = [SimpleNamespace(sheet_id=r[0], field=r[1], old_value=r[2], new_value=r[3], delta=r[4])
                for r in con.execute("SELECT sheet_id, field, old_value, new_value, delta FROM revisions "
                                     "ORDER BY id")]
        revised = set()
        for sheet_id, value_now in contents.items():     # text revisions are deltas: read them as the app does
            mine = [r for r in rows if r.sheet_id == sheet_id]
            revised |= {c.new for c in changes(mine, {"field:content": value_now})
                        if c.field == "field:content" and c.new and c.new.startswith(f"r{round_no}x")}
    finally:
        con.close()
    for _sheet, _n, text in reported:
        assert text in revised, f"round {round_no}: saved edit {text} lost"
    for _sheet, _n, text in reported:
        current[_sheet] = text
    last = reported[-1][1] if reported else 0
    in_flight_sheet = ids[(last + 1) % len(ids)]
    in_flight = value(round_no, last + 1)
    for sheet_id, expected in current.items():
        allowed = {expected} | ({in_flight} if sheet_id == in_flight_sheet else set())
        assert contents[sheet_id] in allowed, (round_no, sheet_id, contents[sheet_id], allowed)
        current[sheet_id] = contents[sheet_id]
    return contents[in_flight_sheet] == in_flight


@pytest.mark.parametrize("journal", list(ROUNDS))
def test_sigkill_mid_save_loses_nothing_reported_saved(tmp_path, survey, journal):
    path = tmp_path / f"crash-{journal.lower()}.db"
    current = _new_file(path, survey)
    ids = sorted(current)
    worker = Worker(tmp_path)
    started = time.monotonic()
    kills = committed = 0
    try:
        for round_no in range(1, ROUNDS[journal] + 1):
            phase = PHASES[round_no % len(PHASES)]
            count = 1 + (round_no // len(PHASES)) % 12   # (phase, count) differs in every round
            reported = worker.kill_after(path, round_no, journal, phase, count)
            committed += _check(path, round_no, reported, current, ids)
            kills += 1
    finally:
        worker.close()
    # After all that, the application opens the file and works normally; search agrees with the text.
    db = open_database(path, keep_backups=0)
    try:
        repo = Repository(db)
        for sheet_id, text in current.items():
            assert sheet_id in repo.sheet_ids(SheetFilter(text=text))
        sheet = repo.get_sheet(ids[0])
        sheet.fields["content"] = "再起動後の編集"
        repo.save_sheet(sheet)
        assert repo.get_sheet(ids[0]).fields["content"] == "再起動後の編集"
    finally:
        db.close()
    assert kills == ROUNDS[journal]
    # The kills land in different phases: mostly before the commit, sometimes after it, before the print.
    print(f"{journal}: {kills} kills in {time.monotonic() - started:.1f} s, "
          f"in-flight save committed in {committed}")
