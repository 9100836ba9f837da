"""The core must not know the UI exists: importing it with Qt blocked works."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = r"""
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("Qt is blocked for the core: " + name)
sys.meta_path.insert(0, Block())
import desktop
for info in pkgutil.walk_packages(desktop.__path__, "desktop."):
    name = info.name
    if name.startswith(("desktop.ui", "desktop.migrations")) or name == "desktop.__main__":
        continue
    importlib.import_module(name)
print("ok")
"""


def test_core_imports_without_qt():
    result = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_no_qt_import_in_core_sources():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "desktop").rglob("*.py")
                 if "ui" not in p.relative_to(ROOT / "desktop").parts[:1]
                 and ("PySide6" in p.read_text(encoding="utf-8"))]
    assert offenders == []
