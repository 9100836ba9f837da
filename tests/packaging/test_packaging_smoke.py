"""The hidden ``--smoke-test`` mode the bundle's smoke test and the start-up benchmark rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from desktop.cli import main

ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLE = ROOT / "dist" / "sesaku-desk"


def test_smoke_mode_opens_the_database_paints_and_exports(qapp, tmp_path, capsys):
    db = str(tmp_path / "sample.db")
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()

    assert main(["--db", db, "--smoke-test", str(tmp_path / "out")]) == 0

    seen = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert seen["rows"] >= 10
    assert seen["qt_japanese"] == ["戻る", "場所(&L):"]   # packaging/smoke_test.py asks the bundle the same
    assert seen["window_painted"] <= seen["list_painted"] <= seen["sheet_painted"]
    word = "\n".join(p.text for p in docx.Document(str(tmp_path / "out" / "smoke.docx")).paragraphs)
    book = openpyxl.load_workbook(tmp_path / "out" / "smoke.xlsx", read_only=True)
    listing = [v for row in book.worksheets[0].iter_rows(values_only=True) for v in row if isinstance(v, str)]
    book.close()
    assert "標準活用加速化支援事業" in word
    assert any("標準活用加速化支援事業" in v for v in listing)


def test_smoke_mode_without_a_database_is_refused(tmp_path, capsys):
    assert main(["--smoke-test"]) == 2
    assert "--db" in capsys.readouterr().err
    assert main(["--db", str(tmp_path / "missing.db"), "--smoke-test"]) == 1
    assert "データベースがありません" in capsys.readouterr().err
    assert not (tmp_path / "missing.db").exists()


@pytest.mark.skipif(not BUNDLE.exists(), reason="no bundle in dist/ (make package builds it)")
def test_built_bundle_passes_its_smoke_test():
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "smoke_test.py"), str(BUNDLE)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke test passed" in done.stdout
