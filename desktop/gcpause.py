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
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Automatic collection off inside the block, when it was on before it."""
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
