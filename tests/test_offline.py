"""Offline by construction: nothing opens a network connection other than the configured database.

A fresh Python process installs an audit hook (PEP 578) before anything of
ours is imported: every ``socket.connect``, name lookup and ``sendto`` made
through Python is checked against what is allowed (the PostgreSQL socket
folder or host of the database in use) and refused and recorded otherwise.
In that process every desktop module is imported (the GUI's too) and the CLI
builds the demo, searches, validates and lists. A canary connection at the
end proves the hook was armed.

Blind spot, stated: connections made inside C libraries without Python's
socket module (libpq for the database itself, Qt's own network classes) are
not seen by the hook; the second check therefore requires that no Qt network
or web module and no HTTP client library was even imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.postgres import BACKENDS

ROOT = Path(__file__).resolve().parent.parent

GUARDED_RUN = r"""
import json, os, socket, sys

allowed_dir, allowed_host, target = sys.argv[1], sys.argv[2], sys.argv[3]
violations = []

def allowed(address):
    if isinstance(address, (str, bytes)):           # AF_UNIX
        path = os.fsdecode(address)
        return bool(allowed_dir) and path.startswith(allowed_dir)
    host = address[0] if isinstance(address, tuple) and address else None
    return bool(allowed_host) and host == allowed_host

def hook(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        address = args[1] if len(args) > 1 else None
        if not allowed(address):
            violations.append([event, repr(address)])
            raise OSError("offline test: connection refused to " + repr(address))
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                   "socket.gethostbyaddr", "socket.getnameinfo"):
        host = args[0]
        if isinstance(host, tuple):
            host = host[0]
        if host not in (None, allowed_host):
            violations.append([event, repr(host)])
            raise OSError("offline test: name lookup refused for " + repr(host))

sys.addaudithook(hook)

import importlib, pkgutil
import desktop
for info in pkgutil.walk_packages(desktop.__path__, "desktop."):
    if info.name.startswith("desktop.migrations") or info.name == "desktop.__main__":
        continue
    importlib.import_module(info.name)

from desktop.cli import main
codes = {}
for name, argv in [("demo", ["demo"]), ("search", ["search", "海賊版"]), ("sheets", ["sheets", "list", "--json"]),
                   ("validate", ["validate"]), ("sources", ["sources", "list"]),
                   ("kpi", ["kpi-candidates"])]:
    codes[name] = main(["--db", target] + argv)

network_modules = sorted(m for m in sys.modules if m.split(".")[0] in ("requests", "httpx", "urllib3", "aiohttp")
                         or m in ("PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebSockets"))

canary = False
try:
    socket.create_connection(("192.0.2.1", 9), timeout=1)   # TEST-NET-1: must be refused by the hook
except OSError as exc:
    canary = "offline test" in str(exc)
violations = [v for v in violations if "192.0.2.1" not in v[1]]
print("RESULT " + json.dumps({"violations": violations, "codes": codes, "network_modules": network_modules,
                              "canary": canary}))
"""


@pytest.fixture(params=BACKENDS)
def db_backend(request):
    return request.param


def _allowed(target: str) -> tuple[str, str]:
    """The socket folder / host the database may be reached on; nothing for a file."""
    if "://" not in target:
        return "", ""
    from sqlalchemy.engine import make_url

    url = make_url(target)
    return str(url.query.get("host", "")) if str(url.query.get("host", "")).startswith("/") else "", url.host or ""


def test_nothing_connects_anywhere_but_the_database(db_target, tmp_path):
    allowed_dir, allowed_host = _allowed(db_target)
    result = subprocess.run([sys.executable, "-c", GUARDED_RUN, allowed_dir, allowed_host, db_target],
                            cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, result.stderr[-3000:]
    report = json.loads(lines[-1][len("RESULT "):])
    assert report["canary"], "the audit hook was not armed"
    assert report["violations"] == []
    assert report["network_modules"] == []
    assert report["codes"] == {"demo": 0, "search": 0, "sheets": 0, "validate": 1, "sources": 0, "kpi": 0}
