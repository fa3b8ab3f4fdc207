"""Run callables off the GUI thread; deliver results, errors and progress through signals.

A :class:`Lane` is a :class:`QThreadPool` with a fixed number of threads (one for the
serial lanes: OCR, the store's writes, page renders). ``Lane.submit(fn, ...)`` runs ``fn`` on
the pool; its result, exception or progress reports come back as signals of a QObject created
on the GUI thread, so the ``on_*`` callbacks always run on the GUI thread and the background
function never touches a widget (the rule Picard's ``run_task`` and Anki's ``taskman`` keep).

:class:`LatestWins` numbers requests and drops answers that a newer request has overtaken
(page renders on zoom, the result a clerk clicked last).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

logger = logging.getLogger(__name__)

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[Any], None]


class _TaskSignals(QObject):
    """Lives on the GUI thread; emitted from the pool thread, so its slots run queued here.

    The callbacks are called from this QObject's own slots rather than connected directly:
    a plain Python callable has no thread affinity, a QObject's bound slot has.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(object)

    def __init__(
        self,
        on_result: ResultCallback | None,
        on_error: ErrorCallback | None,
        on_progress: ProgressCallback | None,
        on_done: Callable[[], None],
    ) -> None:
        super().__init__()
        self._on_result = on_result
        self._on_error = on_error
        self._on_progress = on_progress
        self._on_done = on_done
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)
        self.progressed.connect(self._deliver_progress)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        self._on_done()
        if self._on_result is not None:
            self._on_result(result)

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        self._on_done()
        (self._on_error or _log_unhandled)(exc)

    @Slot(object)
    def _deliver_progress(self, payload: object) -> None:
        if self._on_progress is not None:
            self._on_progress(payload)


class Task(QRunnable):
    """One call of ``fn`` on a pool thread.

    When ``wants_progress`` is set, ``fn`` is called with one argument: a function that takes
    any object and delivers it to ``on_progress`` on the GUI thread.
    """

    def __init__(self, fn: Callable[..., Any], wants_progress: bool, signals: _TaskSignals) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.wants_progress = wants_progress
        self.signals = signals

    def run(self) -> None:
        """Run on the pool thread (the boundary: every exception becomes ``failed``)."""
        try:
            result = self.fn(self.signals.progressed.emit) if self.wants_progress else self.fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, never lost
            self._deliver(self.signals.failed, exc)
        else:
            self._deliver(self.signals.succeeded, result)

    @staticmethod
    def _deliver(signal: Any, payload: object) -> None:
        try:
            signal.emit(payload)
        except RuntimeError:
            # the receiver was destroyed while we ran (the window closed mid-task)
            logger.debug("a background result arrived after its receiver was deleted")


def _log_unhandled(exc: BaseException) -> None:
    logger.error("background task failed", exc_info=(type(exc), exc, exc.__traceback__))


class Lane(QObject):
    """A pool of ``threads`` worker threads that run submitted callables in order."""

    def __init__(self, name: str, threads: int = 1, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        # keep the threads: an SQLite connection or an OCR session opened on one stays valid
        self._pool.setExpiryTimeout(-1)
        self._pool.setObjectName(name)
        self._tasks: set[Task] = set()

    @property
    def pending(self) -> int:
        """Tasks submitted whose result has not been delivered yet."""
        return len(self._tasks)

    def submit(
        self,
        fn: Callable[..., Any],
        *,
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Task:
        """Run ``fn`` on this lane; callbacks run on the GUI thread.

        Args:
            fn: the work; called as ``fn()``, or ``fn(report)`` when ``on_progress`` is given.
            on_result: receives the return value.
            on_error: receives the exception; when omitted the exception is logged.
            on_progress: receives each object ``fn`` reported.

        Returns:
            The task.
        """
        task: Task

        def done() -> None:
            self._tasks.discard(task)

        signals = _TaskSignals(on_result, on_error, on_progress, done)
        task = Task(fn, on_progress is not None, signals)
        self._tasks.add(task)
        self._pool.start(task)
        return task

    def wait(self, timeout_ms: int) -> bool:
        """Block until the running tasks end (only at shutdown); True when all ended."""
        self._pool.clear()
        return bool(self._pool.waitForDone(timeout_ms))


class LatestWins:
    """Numbers requests; only the answer to the newest one is accepted.

    ``token = lw.next()`` before submitting; in the callback, ``if lw.is_current(token)``.
    """

    def __init__(self) -> None:
        self._serial = 0

    def next(self) -> int:
        """A new request number; every older one becomes stale."""
        self._serial += 1
        return self._serial

    def is_current(self, token: int) -> bool:
        """True when ``token`` is the newest request."""
        return token == self._serial
