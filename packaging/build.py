"""Build the one-folder bundle (dist/sesaku-desk/) and smoke-test it: what `make package` runs.

    python packaging/build.py [--no-smoke]

Runs PyInstaller on packaging/sesaku-desk.spec with the Python that runs this
script (it needs the ``package`` extra: ``pip install -e ".[package]"``),
then packaging/smoke_test.py on the result. The same command builds the
Windows bundle on a Windows machine; packaging/README.md has the installer
step. Exit code: PyInstaller's, else the smoke test's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "sesaku-desk.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
ICON = WORK / "sesaku-desk.ico"
SVG = ROOT / "resources" / "icons" / "sesaku-desk.svg"


def render_icon(svg: Path, ico: Path) -> None:
    """The Windows .exe and the installer want an .ico; Qt renders ours from the SVG, in four sizes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (painting needs one)
    renderer = QSvgRenderer(str(svg))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    ico.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(ico), "ICO"):
        print(f"warning: could not write {ico}; the .exe keeps the default icon", file=sys.stderr)


def build() -> int:
    render_icon(SVG, ICON)
    t0 = time.perf_counter()
    code = subprocess.call([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                            "--distpath", str(DIST), "--workpath", str(WORK / "pyinstaller"), str(SPEC)], cwd=ROOT)
    if code == 0:
        print(f"built {DIST / 'sesaku-desk'} in {time.perf_counter() - t0:.0f} s")
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-smoke", action="store_true", help="build only")
    args = parser.parse_args()
    code = build()
    if code or args.no_smoke:
        return code
    return subprocess.call([sys.executable, str(ROOT / "packaging" / "smoke_test.py")], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
