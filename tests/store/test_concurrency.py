"""No lost updates: two sessions on one sheet, on SQLite and on PostgreSQL.

Each "session" is its own Database (own engine, own connections), as two
people's programs would be. The second save of a stale copy is refused with
StaleSheetError and changes nothing; the conflict is resolved by reading the
stored sheet again and re-applying, after which both edits are there.
"""

from __future__ import annotations

import threading

import pytest

from desktop.store.database import open_database
from desktop.store.repository import Repository, StaleSheetError
from tests.factories import complete_sheet


@pytest.fixture
def two_sessions(db, db_target):
    other = open_database(db_target)
    yield Repository(db), Repository(other)
    other.close()


def test_second_save_of_a_stale_copy_is_detected_and_nothing_is_lost(two_sessions, survey):
    alice, bob = two_sessions
    sheet_id = alice.create_sheet(complete_sheet(survey), author="alice").id
    a, b = alice.get_sheet(sheet_id), bob.get_sheet(sheet_id)
    a.fields["background"] = "Aさんが書いた背景"
    b.fields["background"] = "Bさんが書いた背景"      # the same field: a real conflict
    b.fields["issues"] = "Bさんが書いた課題"          # and one only Bob touched
    alice.save_sheet(a, author="alice")
    with pytest.raises(StaleSheetError) as info:
        bob.save_sheet(b, author="bob")
    assert info.value.sheet_id == sheet_id
    stored = bob.get_sheet(sheet_id)
    assert stored.fields["background"] == "Aさんが書いた背景" and "issues" not in stored.fields

    # Bob merges: keeps Alice's background, adds his issues, and saves on the current version.
    stored.fields["issues"] = b.fields["issues"]
    merged = bob.save_sheet(stored, author="bob")
    final = alice.get_sheet(sheet_id)
    assert final.fields["background"] == "Aさんが書いた背景" and final.fields["issues"] == "Bさんが書いた課題"
    assert final.version == merged.version
    history = {(r.author, r.field, r.new_value) for r in alice.revisions(sheet_id)}
    assert ("alice", "field:background", "Aさんが書いた背景") in history
    assert ("bob", "field:issues", "Bさんが書いた課題") in history
    assert not any(r.new_value == "Bさんが書いた背景" for r in alice.revisions(sheet_id))


def test_simultaneous_saves_exactly_one_wins(db, db_target, survey):
    """Writers racing on one version: the database serialises them, one commits, the rest are refused."""
    sheet_id = Repository(db).create_sheet(complete_sheet(survey)).id
    writers = 4
    sessions = [open_database(db_target) for _ in range(writers)]
    copies = [Repository(s).get_sheet(sheet_id) for s in sessions]
    barrier = threading.Barrier(writers)
    outcome: dict[int, str] = {}

    def save(n: int) -> None:
        copies[n].fields["content"] = f"書き手{n}の内容"
        barrier.wait()
        try:
            Repository(sessions[n]).save_sheet(copies[n], author=f"w{n}")
            outcome[n] = "saved"
        except StaleSheetError:
            outcome[n] = "stale"
        except Exception as exc:   # anything else is a failure of the test
            outcome[n] = repr(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for s in sessions:
        s.close()
    assert sorted(outcome.values()) == ["saved"] + ["stale"] * (writers - 1), outcome
    winner = next(n for n, result in outcome.items() if result == "saved")
    repo = Repository(db)
    assert repo.get_sheet(sheet_id).fields["content"] == f"書き手{winner}の内容"
    contents = [r.new_value for r in repo.revisions(sheet_id) if r.field == "field:content"]
    assert contents.count(f"書き手{winner}の内容") == 1 and len(contents) == 1
