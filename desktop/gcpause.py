"""Pausing Python's cyclic garbage collector for the length of one bulk operation.

Saving or reading thousands of sheets creates hundreds of thousands of
long-lived objects (ORM rows, sheet data); each time enough have piled up the
collector walks every live object of the process, which was a fifth of an
import of 2,000 returned rows. The objects are not garbage, so nothing is
gained by those walks; the next collection after the operation frees what the
operation left behind.

Only an enabled collector is paused and re-enabled: while worker threads run
in the GUI, ``desktop.ui.tasks`` keeps it disabled and collects on the GUI
thread itself, and a pause ending in a worker must not switch it back on.
That collector asks :func:`bulk_work_running` instead: while a worker's bulk
operation runs it walks only the youngest objects, so the window is not
blocked for the length of a walk over a whole year's sheets (343 ms a walk,
3.8 s in all, while 60,000 sheets were read for the year's check).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0


@contextmanager
def gc_paused() -> Iterator[None]:
    """Automatic collection off inside the block, when it was on before it."""
    global _running
    with _lock:
        _running += 1
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        with _lock:
            _running -= 1


def bulk_work_running() -> bool:
    """Whether some thread is inside :func:`gc_paused` (a bulk read or write)."""
    return _running > 0
