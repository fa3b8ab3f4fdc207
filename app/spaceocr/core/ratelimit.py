"""Pacing requests to a rate-limited service: a sliding-window limiter and a retry policy.

The hosted space-ocr API allows 60 requests a minute per key; :class:`RateLimiter` keeps a
client under such a limit on its own, and :class:`RetryPolicy` says how often and how long
to retry what failed. Both take an injectable clock and sleep, so tests run on a fake clock
and never really wait.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from spaceocr.core.errors import Cancelled

__all__ = ["RATE_LIMIT_PER_MINUTE", "Clock", "RateLimiter", "RetryPolicy", "Sleep"]

logger = logging.getLogger(__name__)

RATE_LIMIT_PER_MINUTE = 60

Sleep = Callable[[float], None]
Clock = Callable[[], float]


def _check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled("cancelled by the user")

class RateLimiter:
    """At most ``limit`` requests in any ``window_s`` seconds (a sliding window).

    A sliding window is stricter than a token bucket of the same rate (a full bucket allows a
    burst of ``limit`` and then more within the same minute), so the server's "60 requests
    per minute" is never exceeded. ``clock`` and ``sleep`` are injectable for tests; without
    a ``sleep``, a wait ends early when the cancel token passed to :meth:`acquire` is set.
    """

    def __init__(
        self,
        limit: int = RATE_LIMIT_PER_MINUTE,
        window_s: float = 60.0,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep | None = None,
    ) -> None:
        if limit < 1 or window_s <= 0:
            raise ValueError("a rate limit needs limit >= 1 and window_s > 0")
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._sleep = sleep
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()
        self.waited_s = 0.0  #: total time spent waiting, for tests and figures

    def acquire(self, cancel: threading.Event | None = None) -> float:
        """Wait until a request may be sent, count it, and return the seconds waited.

        Raises:
            Cancelled: ``cancel`` was set while waiting.
        """
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                while self._sent and self._sent[0] <= now - self.window_s:
                    self._sent.popleft()
                if len(self._sent) < self.limit:
                    self._sent.append(now)
                    self.waited_s += waited
                    return waited
                wait = self._sent[0] + self.window_s - now
            logger.debug("rate limit: waiting %.2f s before the next request", wait)
            _check_cancel(cancel)
            if self._sleep is not None:
                self._sleep(wait)
            elif cancel is not None:
                cancel.wait(wait)
            else:
                time.sleep(wait)
            waited += wait
            _check_cancel(cancel)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how long to retry.

    ``max_attempts`` counts the first try; a 429 waits the server's ``retryAfterSec`` (at
    most ``max_retry_after_s``: a longer wait is not waited, the error is returned at once);
    5xx and transport failures wait ``backoff_s * 2**(n-1)``, at most ``backoff_max_s``.
    """

    max_attempts: int = 4
    backoff_s: float = 0.5
    backoff_max_s: float = 8.0
    max_retry_after_s: float = 120.0

    def backoff(self, attempt: int) -> float:
        return float(min(self.backoff_s * 2 ** (attempt - 1), self.backoff_max_s))
