import os
from pathlib import Path

import pytest

from desktop.reports import atomic
from desktop.reports.atomic import atomic_path
from desktop.reports.docx_writer import write_docx
from desktop.reports.errors import ReportCancelled, ReportError
from desktop.reports.model import build_report
from desktop.reports.xlsx_writer import write_xlsx
from tests.reports.sheetkit import sheet


def _only(folder):
    return sorted(p.name for p in folder.iterdir())


def test_success_replaces_the_target_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "報告書.docx"
    target.write_bytes(b"old")
    with atomic_path(target) as temp:
        temp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert _only(tmp_path) == ["報告書.docx"]


def test_failure_leaves_the_old_file_untouched(tmp_path):
    target = tmp_path / "報告書.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as temp:
            temp.write_bytes(b"half")
            raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert _only(tmp_path) == ["報告書.xlsx"]


@pytest.mark.parametrize("write", [write_docx, write_xlsx])
def test_cancelled_export_leaves_nothing_and_keeps_the_old_file(tmp_path, survey, write):
    report = build_report(survey, [sheet(survey), sheet(survey, "別の施策")], "internal")
    target = tmp_path / "out.bin"
    target.write_bytes(b"old")
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 1  # cancel after the first sheet

    with pytest.raises(ReportCancelled):
        write(report, target, cancelled=cancelled)
    assert target.read_bytes() == b"old"
    assert _only(tmp_path) == ["out.bin"]


def test_locked_target_gives_a_clear_message(tmp_path, monkeypatch):
    target = tmp_path / "開いている.xlsx"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(ReportError) as info:
        with atomic_path(target) as temp:
            temp.write_bytes(b"new")
    assert "開いている" in str(info.value) and "閉じて" in str(info.value)
    assert target.read_bytes() == b"old"
    assert _only(tmp_path) == ["開いている.xlsx"]


def test_missing_folder_is_refused_before_any_work(tmp_path):
    with pytest.raises(ReportError, match="見つかりません"):
        with atomic_path(tmp_path / "ない" / "x.docx"):
            pytest.fail("must not get here")


def test_disk_errors_become_report_errors(tmp_path):
    with pytest.raises(ReportError, match="保存できませんでした"):
        with atomic_path(tmp_path / "x.docx"):
            raise OSError(28, os.strerror(28))
    assert _only(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_report_gets_the_permissions_of_any_saved_file_not_owner_only(tmp_path, survey):
    """A report put on a shared folder must be readable by colleagues (the umask decides, not 0600)."""
    old_umask = os.umask(0o022)
    try:
        path = write_xlsx(build_report(survey, [sheet(survey)], "public"), tmp_path / "公開版.xlsx")
        with atomic_path(tmp_path / "報告書.docx") as temp:
            temp.write_bytes(b"new")
    finally:
        os.umask(old_umask)
    assert (path.stat().st_mode & 0o777) == 0o644
    assert ((tmp_path / "報告書.docx").stat().st_mode & 0o777) == 0o644


# --- a killed export leaves nothing that stays (issue 14) -----------------------------------------

KILLED_EXPORT = r"""
import sys
from pathlib import Path
from desktop.reports.docx_writer import write_docx
from desktop.reports.model import build_report
from desktop.survey.loader import default_survey
from tests.reports.sheetkit import SECRET, mark, sheet

survey = default_survey()
s = sheet(survey, "非公開を含む施策", content="公開部分。" + SECRET)
mark(s, "content", SECRET)

def verify(temp):                       # the public export's leak check, about to refuse this file
    print(temp, flush=True)
    sys.stdin.readline()                # killed here: the complete file is on disk, not yet renamed

write_docx(build_report(survey, [s], "internal"), Path(sys.argv[1]), verify=verify)
"""


def _killed_export(tmp_path) -> tuple[Path, Path]:
    """Run an export in a real process and kill it between the complete temporary file and the rename."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    target = tmp_path / "公開版.docx"
    process = subprocess.Popen([sys.executable, "-c", KILLED_EXPORT, str(target)], cwd=root,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        temp = Path(process.stdout.readline().strip())
    finally:
        process.kill()                      # SIGKILL on POSIX, TerminateProcess on Windows
        process.wait(timeout=60)
        process.stdout.close()
        process.stdin.close()
    return target, temp


@pytest.mark.parametrize("next_step", ["next export into the folder", "next start of the app"])
def test_a_killed_export_leaves_no_report_and_its_leftover_is_removed(tmp_path, next_step):
    import zipfile

    from desktop.reports import partials
    from tests.reports.sheetkit import SECRET

    target, temp = _killed_export(tmp_path)
    assert not target.exists()
    assert temp.parent == tmp_path and temp.is_file()            # what the kill left
    assert temp.name.startswith(".~sesaku-") and temp.suffix == ".partial"   # nothing opens it as a report
    with zipfile.ZipFile(temp) as z:
        assert SECRET in z.read("word/document.xml").decode("utf-8")      # and why it must go
    if next_step == "next export into the folder":
        with atomic_path(tmp_path / "別の報告書.docx") as new:
            new.write_bytes(b"new")
    else:
        assert partials.remove_leftovers() == [temp]
    assert not temp.exists()
    assert list(partials._records().glob("*.json")) == []


def test_a_running_export_keeps_its_temporary_file_when_another_one_starts(tmp_path):
    """Two exports into one folder at once (two windows): the second does not delete the first's file."""
    with atomic_path(tmp_path / "a.docx") as first:
        first.write_bytes(b"a")
        with atomic_path(tmp_path / "b.docx") as second:
            second.write_bytes(b"b")
        assert first.exists()
    assert _only(tmp_path) == ["a.docx", "b.docx"]


def test_unrecorded_leftovers_in_the_folder_are_removed_once_stale(tmp_path):
    """Left by another computer on a shared folder, or by an earlier version: removed when old, kept when fresh."""
    import time

    from desktop.reports import partials

    old = time.time() - 2 * partials.STALE_AFTER
    stale = tmp_path / ".~sesaku-0123456789abcdef.partial"
    earlier_version = tmp_path / ".報告書.1a2b3c4d.tmp.docx"
    fresh = tmp_path / ".~sesaku-fedcba9876543210.partial"
    report = tmp_path / "報告書.docx"
    for path in (stale, earlier_version, fresh, report):
        path.write_bytes(b"x")
    for path in (stale, earlier_version, report):
        os.utime(path, (old, old))
    with atomic_path(tmp_path / "new.docx") as temp:
        temp.write_bytes(b"new")
    assert _only(tmp_path) == sorted([fresh.name, "new.docx", "報告書.docx"])


def test_the_temporary_file_is_hidden_while_checked_and_shown_before_the_rename(tmp_path, monkeypatch):
    """On Windows a dot does not hide a file; the hidden mark must not travel to the report either."""
    from desktop.reports import partials

    calls = []
    monkeypatch.setattr(partials, "hide", lambda p: calls.append("hide"))
    monkeypatch.setattr(partials, "unhide", lambda p: calls.append("unhide"))
    monkeypatch.setattr(atomic.os, "replace", lambda a, b, real=os.replace: (calls.append("rename"), real(a, b)))
    with atomic_path(tmp_path / "x.docx", verify=lambda temp: calls.append("verify")) as temp:
        temp.write_bytes(b"x")
    assert calls[:4] == ["hide", "verify", "unhide", "rename"]


def test_the_app_removes_leftovers_when_it_starts(tmp_path, monkeypatch):
    from desktop.reports import partials
    from desktop.ui import run

    target, temp = _killed_export(tmp_path)

    class Started(Exception):
        pass

    def no_window():
        raise Started()

    monkeypatch.setattr(run, "qt_application", no_window)
    with pytest.raises(Started):
        run.run_gui()
    assert not temp.exists() and list(partials._records().glob("*.json")) == []
