"""Writing an output file so that it is either complete or not there at all.

Exports take seconds and can fail or be cancelled half way; staff often keep
last week's report open in Excel. The file is written to a temporary name in
the target's folder (same volume, so the final rename is atomic) and renamed
over the target only when complete. A locked target (Windows refuses to
replace a file open in Excel or Word) is reported before the work starts,
when possible, and again at the rename, always with a message that says what
to do.

The temporary file is named, hidden and recorded so that a killed export
leaves nothing that looks like a report, and its leftovers are removed at the
next export and the next start (desktop.reports.partials).
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop.reports import partials
from desktop.reports.errors import ReportError


def _locked_message(target: Path) -> str:
    return (f"「{target}」に書き込めません。Excel や Word などでこのファイルを開いている場合は閉じてから、"
            "もう一度出力してください（読み取り専用のファイルには上書きできません）。")


def check_target(target: Path) -> None:
    """Refuse early a target that cannot be written, before any long work."""
    folder = target.parent
    if not folder.is_dir():
        raise ReportError(f"保存先のフォルダ「{folder}」が見つかりません。")
    if target.is_dir():
        raise ReportError(f"「{target}」はフォルダです。ファイル名を指定してください。")
    if target.exists():
        try:
            with open(target, "r+b"):
                pass
        except PermissionError:
            raise ReportError(_locked_message(target)) from None
        except OSError as exc:
            raise ReportError(f"「{target}」を開けません（{exc.strerror or exc}）。") from None


# A check of the complete file before it replaces the target; it raises to refuse the file.
Verify = Callable[[Path], None]


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike, *, verify: Verify | None = None) -> Iterator[Path]:
    """Yield a temporary path to write; it replaces ``target`` only if the block succeeds.

    Any exception inside the block (including ReportCancelled) removes the
    temporary file and leaves an existing target as it was. ``verify(temp)``
    runs on the complete file just before the rename: it raises to refuse the
    file (the public export's leak check), with the same clean-up.
    """
    target = Path(target)
    check_target(target)
    partials.remove_leftovers(target.parent)     # an earlier export killed half way, here or anywhere
    try:
        temp = _create_temp(target)
    except PermissionError:
        raise ReportError(f"保存先のフォルダ「{target.parent}」に書き込む権限がありません。") from None
    except OSError as exc:
        raise ReportError(f"保存先のフォルダ「{target.parent}」に一時ファイルを作れません（{exc.strerror or exc}）。") from None
    entry = partials.record(temp)
    try:
        try:
            yield temp
        except OSError as exc:  # disk full, network drive gone, ...
            raise ReportError(f"「{target}」を保存できませんでした（{exc.strerror or exc}）。") from exc
        partials.hide(temp)            # written: the writers can no longer need to re-create it
        _flush_to_disk(temp, target)
        if verify is not None:
            verify(temp)
        partials.unhide(temp)          # the attribute would travel to the report
        try:
            os.replace(temp, target)
        except PermissionError:
            raise ReportError(_locked_message(target)) from None
        except OSError as exc:
            raise ReportError(f"「{target}」を保存できませんでした（{exc.strerror or exc}）。") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            partials.unhide(temp)
            temp.unlink()
        partials.forget(entry)


def write_guard(report):
    """The public report's WriteGuard (desktop.reports.guard), its own texts already checked; None when
    nothing is withheld or the report is internal. The writers call ``guard.section`` before each section."""
    needles = getattr(report, "withheld", None)
    if not needles:
        return None
    from desktop.reports.guard import WriteGuard

    guard = WriteGuard(needles)
    guard.report(report)
    return guard


def _create_temp(target: Path) -> Path:
    """An empty temporary file next to ``target``, with the permissions of any file saved there.

    Its name (desktop.reports.partials.temp_name) does not end like a report,
    so nothing opens a leftover as one. ``tempfile.mkstemp`` makes files only their owner can read (0600); renamed
    into place, a report on a shared folder would be unreadable to colleagues.
    Mode 0666 lets the user's umask decide, as for any file a program saves.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temp = target.parent / partials.temp_name()
        try:
            os.close(os.open(temp, flags, 0o666))
        except FileExistsError:
            continue
        return temp
    raise FileExistsError(errno.EEXIST, "一時ファイルの名前が使われています", str(target.parent))


def _flush_to_disk(path: Path, target: Path) -> None:
    """Make the content durable before the rename makes it visible (messages name the target, not the temp)."""
    try:
        with open(path, "rb+") as handle:
            os.fsync(handle.fileno())
    except OSError as exc:
        raise ReportError(f"「{target}」を保存できませんでした（{exc.strerror or exc}）。") from None
