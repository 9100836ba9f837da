"""Reading a child process's output line by line with a timeout.

select() on the pipe is not enough: a readline() may already have pulled the
next lines into the file object's buffer, and select() then waits for output
that has already arrived (lines bunch up on a loaded machine). A thread reads
the lines into a queue instead.
"""

from __future__ import annotations

import queue
import threading
from typing import IO


class Lines:
    def __init__(self, stream: IO[str]) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for text in stream:
            self._queue.put(text)
        self._queue.put("")   # end of output

    def next(self, timeout: float) -> str | None:
        """The next line without its line end; "" once the process closed its output, None on timeout."""
        try:
            text = self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
        return text.rstrip("\n") if text else ""
