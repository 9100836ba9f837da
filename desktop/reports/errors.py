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


class DisclosureRefused(ReportError):
    """A public report that cannot be made until a person decides what is withheld (exit code 1 in the CLI).

    A mark whose passage could not be found again, or a short withheld
    passage of another measure found in a sheet: printing would risk
    publishing withheld text, so nothing is written and the message names
    the sheet, the field and the text.
    """
