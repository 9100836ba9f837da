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


# Which package of desktop/ may import which (ARCHITECTURE.md has the same table, with the why).
# A name not listed as a package is a module at the top of desktop/ (paths, logs, zipcheck, gcpause, limits, samples).
BASE = {"paths", "logs", "zipcheck", "gcpause", "limits"}
LAYERS: dict[str, set[str]] = {
    "paths": set(),
    "gcpause": set(),
    "zipcheck": set(),
    "limits": set(),
    "logs": {"paths"},
    "survey": {"paths"},
    "search": {"paths"},
    "disclosure": {"survey"} | BASE,
    "store": {"survey", "disclosure", "search"} | BASE,
    "sources": {"store", "survey", "search"} | BASE,
    "reports": {"survey", "disclosure", "store"} | BASE,
    "samples": {"sources", "store", "survey"} | BASE,
    "app": {"reports", "disclosure", "store", "sources", "survey", "search"} | BASE,
    "migrations": {"store", "disclosure", "survey", "search"} | BASE,
    "ui": {"app", "reports", "disclosure", "store", "sources", "survey", "search", "samples"} | BASE,
    "cli": {"ui", "app", "reports", "disclosure", "store", "sources", "survey", "search", "samples"} | BASE,
    "__main__": {"cli"},
    "__init__": set(),
}


def _imports() -> list[tuple[str, str, str]]:
    """(importing package, imported package, file) for every import of desktop.* in desktop/, even inside functions."""
    import ast

    found = []
    for path in (ROOT / "desktop").rglob("*.py"):
        parts = path.relative_to(ROOT / "desktop").parts
        source = parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] if node.module != "desktop" else [f"desktop.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                if name.startswith("desktop."):
                    target = name.split(".")[1]
                    is_part = (ROOT / "desktop" / target).is_dir() or (ROOT / "desktop" / f"{target}.py").exists()
                    if target != source and is_part:     # not ``from desktop import __version__``
                        found.append((source, target, str(path.relative_to(ROOT))))
    return found


def test_every_import_follows_the_layer_table():
    unknown = sorted({source for source, _t, _f in _imports() if source not in LAYERS})
    assert unknown == [], f"packages missing from the layer table: {unknown}"
    against = sorted(f"{file}: {source} imports {target}" for source, target, file in _imports()
                     if target not in LAYERS[source])
    assert against == []


def test_the_layer_table_has_no_cycle():
    from graphlib import CycleError, TopologicalSorter

    try:
        list(TopologicalSorter(LAYERS).static_order())
    except CycleError as exc:
        raise AssertionError(f"the layer table has a cycle: {exc.args[1]}") from None
