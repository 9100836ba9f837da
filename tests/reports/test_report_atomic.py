import os

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
