"""Starting the window imports only what the window needs: no report writers, no Alembic (start-up time)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop.cli import main

HEAVY = ("openpyxl", "docx", "alembic", "numpy", "pandas")


def test_the_gui_start_path_leaves_the_report_and_migration_libraries_unimported():
    code = ("import sys; import desktop.cli as cli; "
            "assert cli._gui_arguments(['--db', 'x.db']) is not None; "
            "import desktop.ui.app; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_usage_errors_still_show_the_full_usage(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--db"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "コマンド" in err and "--db" in err   # the whole usage, with the commands
