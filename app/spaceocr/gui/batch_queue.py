"""The batch queue: a table model of jobs and the controller that runs them one at a time.

Every job is an immutable :class:`Job`; a change builds a new one and the model emits
``dataChanged`` for its row. :class:`BatchQueue` runs the queued jobs on the processing lane
(one document at a time: OCR saturates the CPU on its own), reports page progress through
signals and never blocks the GUI thread.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from spaceocr.gui.messages import exception_text
from spaceocr.gui.processing import Processor
from spaceocr.gui.workers import Lane

logger = logging.getLogger(__name__)

JobIdRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2
ProgressRole = Qt.ItemDataRole.UserRole + 3  #: 0..1 for the job

_Index = QModelIndex | QPersistentModelIndex


class JobState(enum.StrEnum):
    """Where a job is."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


@dataclass(frozen=True, slots=True)
class Job:
    """One document in the queue."""

    id: int
    path: Path
    template: str
    state: JobState = JobState.QUEUED
    sheet: str = ""  #: the store sheet the result goes into ("" = the template's name)
    stage: str = ""
    done: int = 0
    total: int = 0
    fields: int = 0
    needs_review: int = 0
    error_code: str = ""
    error_text: str = ""
    result: Any = field(default=None, compare=False, repr=False)

    @property
    def progress_ratio(self) -> float:
        """0..1: pages read count for 90%, extraction and matching for the rest."""
        if self.state.is_final:
            return 1.0
        if self.state is JobState.QUEUED:
            return 0.0
        if self.stage == "ocr" and self.total:
            return 0.9 * self.done / self.total
        if self.stage in ("extract", "match"):
            return 0.95
        return 0.0


def count_fields(result: Any) -> int:
    """Values in a result: scalar fields plus line-item cells that have a value."""
    n = 0
    for f in result.fields:
        if f.is_array:
            n += sum(1 for item in f.items for c in item.fields if c.value is not None)
        elif f.value is not None:
            n += 1
    return n


class BatchQueueModel(QAbstractTableModel):
    """The jobs as rows: document, state, progress, fields needing review."""

    COLUMNS = ("document", "state", "progress", "review")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[Job] = []
        self._row_of: dict[int, int] = {}

    # ----------------------------------------------------------------- Qt interface
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (self.tr("Document"), self.tr("State"), self.tr("Progress"), self.tr("Review"))[
            section
        ]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._jobs):
            return None
        job = self._jobs[index.row()]
        col = index.column()
        if role == JobIdRole:
            return job.id
        if role == StateRole:
            return job.state.value
        if role == ProgressRole:
            # a failed or cancelled file has no progress to show (not a bar at 100%)
            if job.state in (JobState.FAILED, JobState.CANCELLED):
                return None
            return job.progress_ratio
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(job, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if job.state is JobState.FAILED:
                return job.error_text
            return str(job.path)
        if role == Qt.ItemDataRole.ForegroundRole:
            if job.state is JobState.FAILED:
                return QBrush(QColor(180, 20, 20))
            if col == 3 and job.needs_review:
                return QBrush(QColor(170, 90, 0))
        return None

    def _state_text(self, job: Job) -> str:
        if job.state is JobState.QUEUED:
            return self.tr("Queued")
        if job.state is JobState.RUNNING:
            if job.stage == "ocr" and job.total:
                return self.tr("Reading page {done} of {total}").format(
                    done=job.done, total=job.total
                )
            if job.stage in ("extract", "match"):
                return self.tr("Extracting")
            return self.tr("Opening")
        if job.state is JobState.DONE:
            return self.tr("Done")
        if job.state is JobState.CANCELLED:
            return self.tr("Cancelled")
        return self.tr("Failed")

    def _display(self, job: Job, col: int) -> str:
        if col == 0:
            return job.path.name
        if col == 1:
            return self._state_text(job)
        if col == 2:
            if job.state in (JobState.FAILED, JobState.CANCELLED):
                return ""
            return f"{round(job.progress_ratio * 100)}%"
        if job.state is JobState.FAILED:
            # the reason, where there is more room than in the state column (the file's name
            # is in the first column already); the tooltip and the status bar say it all
            prefix = f"{job.path.name}: "
            text = job.error_text
            return text[len(prefix):] if text.startswith(prefix) else text
        if job.state is JobState.DONE:
            if job.needs_review:
                return self.tr("%n to review", "", job.needs_review)
            return self.tr("all confident")
        return ""

    # ----------------------------------------------------------------- our interface
    def add_jobs(self, jobs: Sequence[Job]) -> None:
        """Append jobs (their ids must be new)."""
        if not jobs:
            return
        first = len(self._jobs)
        self.beginInsertRows(QModelIndex(), first, first + len(jobs) - 1)
        for job in jobs:
            self._row_of[job.id] = len(self._jobs)
            self._jobs.append(job)
        self.endInsertRows()

    def update(self, job_id: int, **changes: Any) -> Job:
        """Replace a job with a changed copy and signal its row."""
        row = self._row_of[job_id]
        job = dataclasses.replace(self._jobs[row], **changes)
        self._jobs[row] = job
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
        return job

    def job(self, job_id: int) -> Job:
        """The job with this id."""
        return self._jobs[self._row_of[job_id]]

    def job_at(self, row: int) -> Job:
        """The job in this row."""
        return self._jobs[row]

    def row_of(self, job_id: int) -> int:
        """The row of a job."""
        return self._row_of[job_id]

    def jobs(self) -> tuple[Job, ...]:
        """Every job, in queue order."""
        return tuple(self._jobs)

    def remove_finished(self) -> None:
        """Drop the jobs that are done, failed or cancelled (their results stay stored)."""
        rows = [r for r, j in enumerate(self._jobs) if j.state.is_final]
        for r in reversed(rows):
            self.beginRemoveRows(QModelIndex(), r, r)
            del self._jobs[r]
            self.endRemoveRows()
        self._row_of = {j.id: r for r, j in enumerate(self._jobs)}


class BatchQueue(QObject):
    """Runs the model's queued jobs, one at a time, on the processing lane."""

    job_started = Signal(int)
    job_progressed = Signal(int, int, int)  #: job id, pages done, pages total
    job_finished = Signal(int, object)  #: job id, DocumentResult
    job_failed = Signal(int, str, str)  #: job id, error code, translated message
    job_cancelled = Signal(int)
    batch_finished = Signal()
    total_progressed = Signal(float)  #: 0..1 over the whole queue

    def __init__(self, processor: Processor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.processor = processor
        self.model = BatchQueueModel(self)
        self._lane = Lane("processing", 1, self)
        self._next_id = 1
        self._running: int | None = None
        self._cancels: dict[int, threading.Event] = {}

    @property
    def is_busy(self) -> bool:
        """True while a job runs or waits."""
        return self._running is not None or any(
            j.state is JobState.QUEUED for j in self.model.jobs()
        )

    def enqueue(self, paths: Iterable[Path], template: str, sheet: str = "") -> list[int]:
        """Queue documents for ``template`` (a built-in name or a fields file path)."""
        jobs = []
        for p in paths:
            jobs.append(Job(self._next_id, Path(p), template, sheet=sheet))
            self._next_id += 1
        self.model.add_jobs(jobs)
        self._emit_total()
        self._start_next()
        return [j.id for j in jobs]

    def warm_up(self) -> None:
        """Let the processor start its worker before the first document (if it has one)."""
        warm = getattr(self.processor, "warm_up", None)
        if callable(warm):
            self._lane.submit(warm)

    def add_rejected(self, rejected: Iterable[tuple[Path, str]]) -> list[int]:
        """List files that cannot be processed as failed rows, with the reason's text."""
        from spaceocr.gui.messages import error_text

        jobs = []
        for p, code in rejected:
            text = error_text(code, file=Path(p).name)
            jobs.append(
                Job(
                    self._next_id,
                    Path(p),
                    "",
                    state=JobState.FAILED,
                    error_code=code,
                    error_text=text,
                )
            )
            self._next_id += 1
        self.model.add_jobs(jobs)
        self._emit_total()
        return [j.id for j in jobs]

    def cancel(self, job_id: int) -> None:
        """Cancel one job: a queued one at once, a running one at its next page."""
        job = self.model.job(job_id)
        if job.state is JobState.QUEUED:
            self.model.update(job_id, state=JobState.CANCELLED)
            self.job_cancelled.emit(job_id)
            self._emit_total()
            if not self.is_busy:
                self.batch_finished.emit()
        elif job.state is JobState.RUNNING:
            self._cancels[job_id].set()

    def cancel_all(self) -> None:
        """Cancel every job that has not finished."""
        for job in self.model.jobs():
            if job.state is JobState.QUEUED:
                self.model.update(job.id, state=JobState.CANCELLED)
                self.job_cancelled.emit(job.id)
        if self._running is not None:
            self._cancels[self._running].set()
        self._emit_total()
        if not self.is_busy:
            self.batch_finished.emit()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Cancel everything and wait for the running job to stop (closing the window)."""
        for job in self.model.jobs():
            if job.state is JobState.QUEUED:
                self.model.update(job.id, state=JobState.CANCELLED)
        for ev in self._cancels.values():
            ev.set()
        return self._lane.wait(timeout_ms)

    def total_ratio(self) -> float:
        """0..1 over every job in the queue."""
        jobs = self.model.jobs()
        return sum(j.progress_ratio for j in jobs) / len(jobs) if jobs else 0.0

    # ----------------------------------------------------------------- internals
    def _emit_total(self) -> None:
        self.total_progressed.emit(self.total_ratio())

    def _start_next(self) -> None:
        if self._running is not None:
            return
        job = next((j for j in self.model.jobs() if j.state is JobState.QUEUED), None)
        if job is None:
            return
        self._running = job.id
        cancel = threading.Event()
        self._cancels[job.id] = cancel
        self.model.update(job.id, state=JobState.RUNNING, stage="open")
        self.job_started.emit(job.id)
        processor, path, template, job_id = self.processor, job.path, job.template, job.id
        sheet = job.sheet

        def work(report: Any) -> Any:
            return processor(path, template, lambda s, d, t: report((s, d, t)), cancel, sheet)

        self._lane.submit(
            work,
            on_result=lambda result: self._on_job_succeeded(job_id, result),
            on_error=lambda exc: self._on_job_errored(job_id, exc),
            on_progress=lambda p: self._on_job_progressed(job_id, p),
        )

    def _on_job_progressed(self, job_id: int, payload: tuple[str, int, int]) -> None:
        stage, done, total = payload
        if self.model.job(job_id).state is not JobState.RUNNING:
            return
        if stage == "ocr":
            self.model.update(job_id, stage=stage, done=done, total=total)
            self.job_progressed.emit(job_id, done, total)
        else:
            self.model.update(job_id, stage=stage)
        self._emit_total()

    def _on_job_succeeded(self, job_id: int, result: Any) -> None:
        self.model.update(
            job_id,
            state=JobState.DONE,
            result=result,
            fields=count_fields(result),
            needs_review=result.needs_review_count,
        )
        self._finish(job_id)
        self.job_finished.emit(job_id, result)
        self._continue()

    def _on_job_errored(self, job_id: int, exc: BaseException) -> None:
        from spaceocr.core.errors import Cancelled, SpaceOcrError

        if isinstance(exc, Cancelled):
            self.model.update(job_id, state=JobState.CANCELLED)
            self._finish(job_id)
            self.job_cancelled.emit(job_id)
        else:
            if not isinstance(exc, SpaceOcrError):
                logger.error(
                    "job %d failed unexpectedly",
                    job_id,
                    exc_info=(type(exc), exc, exc.__traceback__),
                )
            job = self.model.job(job_id)
            code, text = exception_text(exc, file=job.path.name)
            self.model.update(job_id, state=JobState.FAILED, error_code=code, error_text=text)
            self._finish(job_id)
            self.job_failed.emit(job_id, code, text)
        self._continue()

    def _finish(self, job_id: int) -> None:
        self._running = None
        self._cancels.pop(job_id, None)
        self._emit_total()

    def _continue(self) -> None:
        self._start_next()
        if not self.is_busy:
            self.batch_finished.emit()
