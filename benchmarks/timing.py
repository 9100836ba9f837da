"""The one timing helper every benchmark uses, so "median" and "best" mean the same everywhere."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def runs_ms(fn: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of ``repeat`` calls; garbage from the previous call is collected first."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def median_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    return statistics.median(runs_ms(fn, repeat))


def best_s(fn: Callable[[], object], repeat: int = 3) -> float:
    """Seconds of the fastest of ``repeat`` calls: the figure least disturbed by other work on the machine."""
    return min(runs_ms(fn, repeat)) / 1000


def once_s(fn: Callable[[], object]) -> tuple[float, object]:
    """Seconds of one call, and its result (for work that cannot be repeated on the same data)."""
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result
