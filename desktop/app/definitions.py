"""Reading a survey definition a person hands in: the secretariat's workbook (.xlsx) or a TOML file.

The CLI (``survey import``, ``new-year --definition``) and the window's 調査票 menu read files the same
way and refuse a broken one with the same Japanese message listing every mistake.
"""

from __future__ import annotations

from pathlib import Path

from desktop.reports.definition_workbook import DefinitionWorkbookError, read_definition_workbook
from desktop.survey.definition import SurveyDefinition
from desktop.survey.loader import SurveyDefinitionError, load_survey


class DefinitionFileError(ValueError):
    """A definition file that cannot be used; the message (Japanese) names every problem."""


def read_definition_file(path: str | Path) -> SurveyDefinition:
    path = Path(path)
    try:
        if path.suffix.lower() == ".toml":
            return load_survey(path)
        return read_definition_workbook(path)
    except (SurveyDefinitionError, DefinitionWorkbookError) as exc:
        raise DefinitionFileError(str(exc)) from None


__all__ = ["DefinitionFileError", "read_definition_file"]
