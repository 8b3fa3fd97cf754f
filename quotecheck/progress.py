"""A progress object the core updates and any front end observes.

The core never knows whether a terminal or a window is watching: it calls :meth:`Progress.advance`
and checks :attr:`Progress.cancelled`. The CLI prints a line per update; the window turns updates into
a Qt signal from its worker thread.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside long work when the person pressed Cancel; work done so far is kept."""


@dataclass
class Progress:
    """Counts done out of total, with a message and a cancel flag.

    Attributes:
        total: how many steps the work has (0 when unknown).
        done: how many are finished.
        message: what is happening now, for a person to read.
        on_change: called with this object after every update.
    """

    total: int = 0
    done: int = 0
    message: str = ""
    on_change: Callable[[Progress], None] | None = None
    _cancelled: bool = field(default=False, repr=False)

    def start(self, total: int, message: str = "") -> None:
        self.total, self.done, self.message = total, 0, message
        self._emit()

    def advance(self, n: int = 1, message: str | None = None) -> None:
        self.done += n
        if message is not None:
            self.message = message
        self._emit()

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def check(self) -> None:
        """Raise :class:`Cancelled` when cancel was asked for; call between units of work."""
        if self._cancelled:
            raise Cancelled()

    def _emit(self) -> None:
        if self.on_change is not None:
            self.on_change(self)


def terminal_progress(stream=None, min_interval: float = 0.1) -> Progress:
    """A progress object that redraws one line on standard error (or ``stream``)."""
    stream = stream or sys.stderr
    last = [0.0]

    def draw(p: Progress) -> None:
        now = time.monotonic()
        if p.done < p.total and now - last[0] < min_interval:
            return
        last[0] = now
        if p.total:
            width = 24
            filled = int(width * p.done / p.total)
            bar = "#" * filled + "-" * (width - filled)
            line = f"[{bar}] {p.done}/{p.total} {p.message}"
        else:  # no count known yet: say what is happening
            line = p.message
        end = "\n" if p.total and p.done >= p.total else ""
        if stream.isatty():
            stream.write("\r\x1b[K" + line[:150] + end)
        elif end or p.done == 0:
            stream.write(line[:150] + "\n")
        stream.flush()

    return Progress(on_change=draw)
