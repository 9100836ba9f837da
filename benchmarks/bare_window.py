"""The floor of start-up and memory: a bare PySide6 window, painted once, then exit.

Run as its own process (like ``sesaku-desk --smoke-test``) so both pay the
interpreter start, the Qt import and the first paint alike; prints one JSON
line in the same form as desktop/ui/smoke.py.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    wall = time.time() - time.perf_counter()
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    from desktop.ui.first_paint import show_painted
    from desktop.ui.smoke import peak_rss_mb

    app = QApplication(sys.argv[:1])  # noqa: F841  (kept alive while the window paints)
    window = QMainWindow()
    table = QTableView()
    window.setCentralWidget(table)
    painted = wall + show_painted(window, table.viewport())
    print(json.dumps({"window_painted": painted, "peak_rss_mb": peak_rss_mb()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
