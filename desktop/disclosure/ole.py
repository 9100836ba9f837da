"""The streams of an OLE compound file (the ``.bin`` of an object embedded in a Word or Excel file).

An embedded object that Office stores in the old binary container (an
``oleObject1.bin``) keeps its content in *streams*: a ``Package`` stream
holding a whole .xlsx or .docx, an ``Ole10Native`` stream holding a
packaged file, ``CONTENTS`` with text. The container spreads each stream
over sectors that need not be adjacent, so text or a zip crossing a sector
boundary is not found by reading the container's raw bytes; the leak check
(desktop.disclosure.package) reads the streams through this module.

This is a reader of the compound file format ([MS-CFB]) for untrusted input:
every sector number and chain is bounds-checked and chains are followed at
most once per sector, and a container it cannot make sense of yields no
streams (its raw bytes are still read as text by the caller).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_STREAM, _ROOT = 2, 5


class _Bad(Exception):
    """The container is not one this reader can follow."""


def _chain(table: list[int], start: int, limit: int) -> list[int]:
    """The sectors of a chain starting at ``start``; refuses loops and numbers out of range."""
    chain, seen = [], set()
    sector = start
    while sector != _END:
        if sector >= limit or sector in seen or sector >= len(table):
            raise _Bad()
        seen.add(sector)
        chain.append(sector)
        sector = table[sector]
    return chain


def streams(data: bytes) -> Iterator[tuple[str, bytes]]:
    """(name, content) of every stream of the compound file ``data``; nothing for a broken container."""
    try:
        found = list(_streams(data))
    except (_Bad, struct.error, IndexError, ValueError, OverflowError):
        return iter(())
    return iter(found)


def _streams(data: bytes) -> Iterator[tuple[str, bytes]]:
    if len(data) < 512 or not data.startswith(SIGNATURE):
        raise _Bad()
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if sector_shift not in (9, 12) or mini_shift != 6:
        raise _Bad()
    size = 1 << sector_shift
    count = (len(data) - 512) // size + 1       # sectors the file can hold

    def sector(n: int) -> bytes:
        if n >= count:
            raise _Bad()
        return data[(n + 1) * size:(n + 2) * size]

    fat_sectors, = struct.unpack_from("<I", data, 0x2C)
    first_dir, = struct.unpack_from("<I", data, 0x30)
    cutoff, first_minifat, minifat_count, first_difat, difat_count = struct.unpack_from("<IIIII", data, 0x38)
    difat = list(struct.unpack_from("<109I", data, 0x4C))
    next_difat, seen = first_difat, set[int]()
    while next_difat != _END and next_difat < count and len(seen) < max(difat_count, 1) * 2:
        if next_difat in seen:
            raise _Bad()
        seen.add(next_difat)
        words = struct.unpack(f"<{size // 4}I", sector(next_difat))
        difat += words[:-1]
        next_difat = words[-1]
    fat: list[int] = []
    for n in difat[:fat_sectors]:
        fat += struct.unpack(f"<{size // 4}I", sector(n))

    def read_chain(start: int, length: int) -> bytes:
        return b"".join(sector(n) for n in _chain(fat, start, count))[:length]

    directory = read_chain(first_dir, count * size)
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries or entries[0][66] != _ROOT:
        raise _Bad()
    root = entries[0]
    mini_stream = read_chain(struct.unpack_from("<I", root, 116)[0], struct.unpack_from("<Q", root, 120)[0] & 0xFFFFFFFF)
    minifat: list[int] = []
    if minifat_count:
        raw = read_chain(first_minifat, minifat_count * size)
        minifat = list(struct.unpack(f"<{len(raw) // 4}I", raw[:len(raw) // 4 * 4]))
    mini_count = len(mini_stream) // 64
    for entry in entries[1:]:
        if entry[66] != _STREAM:
            continue
        name_length, = struct.unpack_from("<H", entry, 64)
        name = entry[:max(0, min(name_length, 64) - 2)].decode("utf-16-le", errors="replace")
        start, = struct.unpack_from("<I", entry, 116)
        length = struct.unpack_from("<Q", entry, 120)[0] & 0xFFFFFFFF
        if length >= cutoff:
            yield name, read_chain(start, length)
        elif length:
            chain = _chain(minifat, start, mini_count)
            yield name, b"".join(mini_stream[n * 64:(n + 1) * 64] for n in chain)[:length]
        else:
            yield name, b""
