"""Fixtures for the reference-library tests: the real seeds and small files made on the fly."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from desktop.paths import seeds_dir
from desktop.sources.segment import Segment, segment
from tests.postgres import BACKENDS

SEEDS = {
    "000": "000_ece5db451d1d3e12.txt",
    "001": "001_ecf7a46f98464dae.txt",
    "002": "002_410e5e293762ed02.txt",
    "003": "003_d072d01fdbcf279b.txt",
    "004": "004_f691e55acf6f37b5.txt",
}


@cache
def seed_text(number: str) -> str:
    return (seeds_dir() / SEEDS[number]).read_text(encoding="utf-8")


@cache
def seed_segments(number: str) -> tuple[Segment, ...]:
    return tuple(segment(seed_text(number)))


def passage_with(number: str, needle: str) -> Segment:
    """The one passage of a seed whose display text contains ``needle``."""
    hits = [s for s in seed_segments(number) if needle in s.text]
    assert len(hits) == 1, f"{len(hits)} passages of {number} contain {needle!r}"
    return hits[0]


def minimal_pdf(pages: list[list[str]]) -> bytes:
    """A valid PDF, one Helvetica line per string (ASCII), no extra dependency needed."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        ("<< /Type /Pages /Kids [" + " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
         + f"] /Count {len(pages)} >>").encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objects.append(b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@pytest.fixture
def write_file(tmp_path):
    def write(name: str, data: bytes | str) -> Path:
        path = tmp_path / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path
    return write


@pytest.fixture(params=BACKENDS)
def db_backend(request):
    """Search and the library must hold on PostgreSQL too (its own search path: search_text + pg_trgm)."""
    return request.param
