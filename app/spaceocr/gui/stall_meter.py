"""Measures how long the GUI event loop went without running (the UI's worst freeze).

A timer fires every ``interval_ms``; the longest gap between two firings minus the interval
is the longest stall. The smoke test and ``bench/gui_latency.py`` report it.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer


class StallMeter(QObject):
    """A 10 ms timer that records the longest gap between its firings."""

    def __init__(self, interval_ms: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = self._t0 = 0.0
        self.stalls: list[tuple[float, float]] = []  #: (seconds since start, gap ms) > 50 ms
        self.max_gap_ms = 0.0
        self.ticks = 0

    def start(self) -> None:
        """Start measuring (resets the maximum)."""
        self.max_gap_ms = 0.0
        self.ticks = 0
        self.stalls = []
        self._last = self._t0 = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        """Stop measuring."""
        self._timer.stop()

    @property
    def max_stall_ms(self) -> float:
        """The longest time the loop was late, beyond the timer's own interval."""
        return max(0.0, self.max_gap_ms - self.interval_ms)

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self._last) * 1000
        self._last = now
        self.ticks += 1
        if gap > self.max_gap_ms:
            self.max_gap_ms = gap
        if gap > 50 + self.interval_ms:
            self.stalls.append((round(now - self._t0 - gap / 1000, 3), round(gap, 1)))
