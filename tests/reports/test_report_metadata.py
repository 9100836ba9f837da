"""Honest document metadata: the export time, Word's current compatibility mode, no template leftovers.

Every exported package is also run through the ECMA-376 validator of the
shared tools when it is there (/work/shared/tools/validate_ooxml.py).
"""

import subprocess
import sys
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest

from desktop.reports.docx_writer import write_docx
from desktop.reports.model import build_report
from desktop.reports.xlsx_writer import write_xlsx
from tests.reports.sheetkit import SECRET, mark, sheet

VALIDATOR = Path("/work/shared/tools/validate_ooxml.py")


@pytest.fixture
def sheets(survey):
    a = sheet(survey, "あ施策", content="公開部分。" + SECRET + "後半。")
    mark(a, "content", SECRET, reason="交渉中のため")
    return [a, sheet(survey, "い施策", ministry="内閣府")]


def _recent(value: datetime) -> bool:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    value = value.replace(tzinfo=None) if value.tzinfo is None else value.astimezone(timezone.utc).replace(tzinfo=None)
    return now - timedelta(minutes=5) <= value <= now + timedelta(minutes=1)


def _validate(path: Path) -> None:
    if not VALIDATOR.exists():
        pytest.skip(f"the ECMA-376 validator is not on this machine ({VALIDATOR})")
    result = subprocess.run([sys.executable, str(VALIDATOR), str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_word_says_when_it_was_exported_and_opens_in_the_current_mode(survey, sheets, tmp_path, audience):
    import docx

    path = write_docx(build_report(survey, sheets, audience), tmp_path / f"{audience}.docx")
    props = docx.Document(str(path)).core_properties
    assert _recent(props.created) and _recent(props.modified), (props.created, props.modified)
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        settings = z.read("word/settings.xml").decode()
        app = z.read("docProps/app.xml").decode()
    # The template's extended properties (Microsoft Macintosh Word, version 14, one page) are not carried.
    assert "Macintosh" not in app and "<AppVersion>14" not in app and "<Pages>" not in app and "施策デスク" in app
    assert 'w:name="compatibilityMode"' in settings and 'w:val="15"' in settings.split('compatibilityMode')[1][:120]
    assert 'w:percent="100"' in settings
    assert "word/stylesWithEffects.xml" not in names and not any(n.startswith("customXml/") for n in names)
    _validate(path)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_excel_says_when_it_was_exported(survey, sheets, tmp_path, audience):
    path = write_xlsx(build_report(survey, sheets, audience), tmp_path / f"{audience}.xlsx")
    props = openpyxl.load_workbook(path).properties
    assert _recent(props.created) and _recent(props.modified), (props.created, props.modified)
    _validate(path)
