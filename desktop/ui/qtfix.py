"""A guard against PySide6 6.12.0's reference-count bug on CPython 3.11.

PySide6 6.12.0 (the abi3 wheel) returns ``None``, ``True`` and ``False``
without taking a reference: every void call from Python (``setText``,
``setItem`` ...) drops a reference to ``None``, every ``signal.emit()`` one to
``True``. From CPython 3.12 these objects are immortal and nothing happens;
on 3.11 the count reaches zero after some thousands of calls and the process
aborts ("none_dealloc: deallocating None" / "bool_dealloc"), i.e. the
application dies in the middle of a session. PySide6 6.11.3 does not have the
bug (checked with the same probe), so the dependency should exclude 6.12.0.

Until then: at import, a probe counts the references one call loses. Only if
some are lost, the three singletons get a large reference reserve, which is
what CPython 3.12 does for them (immortality). A correct PySide6 is left alone.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_PROBES = 32
_RESERVE = 1 << 40   # more lost references than any session can make


class _Probe(QObject):
    fired = Signal()


def lost_references() -> dict[str, int]:
    """References to None / True one void call / one emit() lose (0 on a correct PySide6)."""
    probe = _Probe()
    before_none, before_true = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    after_none = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.fired.emit()
    after_true = sys.getrefcount(True)
    return {"none": max(0, before_none - after_none) // _PROBES,
            "true": max(0, before_true - after_true) // _PROBES}


def _reserve(obj: object) -> None:
    refcount = ctypes.c_ssize_t.from_address(id(obj))   # ob_refcnt is the first field of every object
    refcount.value += _RESERVE


def install() -> bool:
    """Give None/True/False a reference reserve if this PySide6 loses references; idempotent."""
    if sys.version_info >= (3, 12) or getattr(sys, "_sesaku_singleton_reserve", False):
        return getattr(sys, "_sesaku_singleton_reserve", False)
    lost = lost_references()
    if not any(lost.values()):
        return False
    for singleton in (None, True, False):
        _reserve(singleton)
    sys._sesaku_singleton_reserve = True
    return True


INSTALLED = install()
