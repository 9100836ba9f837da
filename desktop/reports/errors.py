"""Errors of the report and form code, with messages staff can act on.

The GUI and the CLI show ``str(error)`` as it is, so every message is written
in Japanese, says which file, sheet or field is concerned and what to do.
"""

from __future__ import annotations


class ReportError(Exception):
    """An export or import that cannot be done; the message is for people."""


class ReportCancelled(ReportError):
    """The user cancelled a running export; no file was written or replaced."""

    def __init__(self, message: str = "出力を中止しました。ファイルは作成・変更されていません。") -> None:
        super().__init__(message)
