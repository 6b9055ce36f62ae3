"""Progress of a long job on standard error: a bar on a terminal, a plain line now and then
otherwise (a log, a pipe, a CI job), so that nobody waits on silence.

The time left is estimated only once a few steps are done and a couple of seconds have
passed since the first step (what comes before it, such as loading a model, says nothing
about the rate), and then from the rate over the last minute: a moving estimate, not the
average since the start."""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Callable
from typing import TextIO

#: No estimate before this many steps and this many seconds after the first step.
MIN_STEPS = 3
MIN_SECONDS = 2.0
#: The rate is measured over this many seconds of recent steps.
WINDOW_SECONDS = 60.0


def clock_text(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


class Progress:
    """``step()`` after each unit of work, ``finish()`` at the end."""

    def __init__(self, total: int, unit: str = "docs", label: str = "blocwatch", stream: TextIO | None = None,
                 enabled: bool = True, interval: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.total, self.unit, self.label, self.interval, self.clock = total, unit, label, interval, clock
        self.done = 0
        self.started = clock()
        self.first: float | None = None
        self.samples: deque[tuple[float, int]] = deque()
        self.last_draw = 0.0
        self.last_line = self.started

    def rate(self) -> float | None:
        """Steps per second over the recent window, once an estimate is meaningful."""
        if self.first is None or len(self.samples) < 2 or self.done < MIN_STEPS:
            return None
        now, done = self.samples[-1]
        if now - self.first < MIN_SECONDS:
            return None
        then, before = self.samples[0]
        return (done - before) / (now - then) if now > then and done > before else None

    def left(self) -> float | None:
        rate = self.rate()
        return None if not rate else (self.total - self.done) / rate

    def step(self, n: int = 1) -> None:
        now = self.clock()
        if self.first is None:
            self.first = now
        self.done += n
        self.samples.append((now, self.done))
        while len(self.samples) > 2 and now - self.samples[1][0] >= WINDOW_SECONDS:
            self.samples.popleft()
        if not self.enabled:
            return
        if self.tty:
            if now - self.last_draw >= 0.2 or self.done >= self.total:
                self.last_draw = now
                self._draw()
        elif now - self.last_line >= self.interval and self.done < self.total:
            self.last_line = now
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        share = 100.0 * self.done / self.total if self.total else 100.0
        text = f"{self.label}: {self.done}/{self.total} {self.unit} ({share:.0f}%)"
        rate, left = self.rate(), self.left()
        if rate:
            text += f", {rate:.1f} {self.unit}/s"
        if left is not None:
            text += f", about {clock_text(left)} left"
        return text

    def _draw(self) -> None:
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        rate, left = self.rate(), self.left()
        tail = f"  {rate:.1f} {self.unit}/s" if rate else ""
        tail += f"  {clock_text(left)} left" if left is not None else "  estimating time left"
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {self.unit}{tail}\033[K")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()


class FitProgress:
    """A ``progress(iteration, max_iter, change)`` callback for an iterative fit: on its
    first call it says on standard error what is being fitted, then shows a Progress over
    the iterations (at most ``max_iter``: the fit may converge sooner)."""

    def __init__(self, label: str, what: str, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.label, self.what, self.stream, self.clock = label, what, stream or sys.stderr, clock
        self.bar: Progress | None = None
        self.started = 0.0
        self.iterations = 0

    def __call__(self, iteration: int, max_iter: int, change: float) -> None:
        if self.bar is None:
            self.started = self.clock()
            self.stream.write(f"{self.label}: {self.what}\n")
            self.stream.flush()
            self.bar = Progress(max_iter, unit="iterations", label=self.label, stream=self.stream, interval=5.0,
                                clock=self.clock)
        self.iterations = iteration
        self.bar.step()

    def finish(self) -> None:
        if self.bar is None:
            return
        self.bar.finish()
        self.stream.write(f"{self.label}: fitted in {self.clock() - self.started:.1f} s "
                          f"({self.iterations} iterations)\n")
        self.stream.flush()
