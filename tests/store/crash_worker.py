"""The program that the crash test kills: it saves edits through the repository, forever.

Started once per test, it imports the store and then forks one child per
round (``run PATH ROUND JOURNAL`` on stdin), so that each of the many rounds
costs a fork rather than a Python start-up. The child opens the database the
way the application does and loops: change a sheet, save it, print
``saved ROUND N SHEET VALUE`` once the commit returned. Two more lines mark
the phases of a save: ``writing ROUND N`` before its first INSERT/UPDATE and
``committing ROUND N`` just before COMMIT. The test SIGKILLs the child right
after the N-th line of one kind, so kills land while reading, while the
transaction is half written, and in or just after the commit. The worker
reports the child's end as ``exited STATUS``.

Edits vary with N so kills land in saves of different shapes: a short text,
a long text spanning many pages, a new item with a KPI, a KPI actual changed.
"""

from __future__ import annotations

import faulthandler
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import event  # noqa: E402

from desktop.store import filesystem  # noqa: E402
from desktop.store.database import open_database  # noqa: E402
from desktop.store.repository import Repository  # noqa: E402
from desktop.survey.sheet import ItemData, KpiData  # noqa: E402

LONG = "長い記述の行。" * 1200   # ~ 8,400 characters (25 KB): a save that writes many pages


def value(round_no: int, n: int) -> str:
    return f"r{round_no}x{n}"


def edit_forever(path: str, round_no: int, journal: str) -> None:
    filesystem.journal_mode_for = lambda _path: journal
    db = open_database(path, keep_backups=0)
    repo = Repository(db)
    ids = sorted(repo.sheet_ids())
    n = 0
    state = {"wrote": False}

    @event.listens_for(db.engine, "before_cursor_execute")
    def _writing(_conn, _cursor, statement, *_args):
        if not state["wrote"] and statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            state["wrote"] = True
            print(f"writing {round_no} {n}", flush=True)

    @event.listens_for(db.engine, "commit")
    def _committing(_conn):
        if state["wrote"]:
            print(f"committing {round_no} {n}", flush=True)

    while True:
        n += 1
        state["wrote"] = False
        sheet_id = ids[n % len(ids)]
        sheet = repo.get_sheet(sheet_id)
        text = value(round_no, n)
        kind = (n + round_no) % 4
        sheet.fields["content"] = text
        if kind == 1:
            sheet.fields["issues"] = f"{text} {LONG}"
        elif kind == 2:
            sheet.items = sheet.items[-3:] + [ItemData(title=f"項目{text}", kpis=[KpiData(indicator=f"指標{text}")])]
        elif kind == 3 and sheet.items and sheet.items[0].kpis:
            sheet.items[0].kpis[0].actuals[2025] = str(n)
        repo.save_sheet(sheet, author="crash-test")
        print(f"saved {round_no} {n} {sheet_id} {text}", flush=True)


def warm_up() -> None:
    """Create and migrate a scratch database once, so every forked child starts with all imports done."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "warm.db", keep_backups=0).close()


def main() -> None:
    warm_up()
    print("ready", flush=True)
    for line in sys.stdin:
        command, path, round_no, journal = line.split()
        assert command == "run"
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            # A child that hangs instead of saving shows where, in the stderr file the test reports.
            faulthandler.dump_traceback_later(40, repeat=True)
            try:
                edit_forever(path, int(round_no), journal)
            finally:
                os._exit(1)
        print(f"pid {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"exited {status}", flush=True)


if __name__ == "__main__":
    main()
