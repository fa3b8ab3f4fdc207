"""The batch queue: real threads, real documents; progress, results, failures, cancel."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from spaceocr.gui.batch_queue import BatchQueue, JobState, StateRole
from tests.gui.conftest import PagedProcessor


@pytest.fixture
def queue(qtbot: Any) -> Any:
    q = BatchQueue(PagedProcessor())
    yield q
    q.shutdown(5000)


def test_batch_queue_model_passes_qtmodeltester(
    qtmodeltester: Any, queue: BatchQueue, two_page_pdf: Path
) -> None:
    queue.add_rejected([(Path("notes.txt"), "unsupported_type")])
    queue.enqueue([two_page_pdf], "invoice")
    qtmodeltester.check(queue.model)


def test_batch_runs_to_completion_with_page_progress(
    qtbot: Any, queue: BatchQueue, two_page_pdf: Path, tmp_path: Path
) -> None:
    other = tmp_path / "copy.pdf"
    other.write_bytes(two_page_pdf.read_bytes())
    progress: list[tuple[int, int, int]] = []
    finished: list[int] = []
    queue.job_progressed.connect(lambda *a: progress.append(a))
    queue.job_finished.connect(lambda job_id, _r: finished.append(job_id))
    with qtbot.waitSignal(queue.batch_finished, timeout=20000):
        ids = queue.enqueue([two_page_pdf, other], "invoice")
    assert finished == ids
    assert [(d, t) for j, d, t in progress if j == ids[0]] == [(1, 2), (2, 2)]
    for job in queue.model.jobs():
        assert job.state is JobState.DONE
        assert job.fields == 11
        assert job.needs_review == 3
        assert job.result.page_count == 2
    assert queue.total_ratio() == 1.0
    assert queue.model.index(0, 3).data() == "3 to review"
    assert not queue.is_busy


def test_a_bad_file_fails_with_its_message_and_the_batch_goes_on(
    qtbot: Any, queue: BatchQueue, two_page_pdf: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    failures: list[tuple[int, str, str]] = []
    queue.job_failed.connect(lambda *a: failures.append(a))
    with qtbot.waitSignal(queue.batch_finished, timeout=20000):
        queue.enqueue([broken, two_page_pdf], "invoice")
    ((_job_id, code, text),) = failures
    assert code == "corrupt_file"
    assert "broken.pdf" in text
    assert "damaged" in text
    bad, good = queue.model.jobs()
    assert bad.state is JobState.FAILED and good.state is JobState.DONE
    assert queue.model.index(0, 0).data() == "broken.pdf"
    assert queue.model.index(0, 1).data() == "Failed"
    assert "damaged" in queue.model.index(0, 3).data()
    assert "broken.pdf" in queue.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert queue.model.index(0, 0).data(StateRole) == "failed"


def test_rejected_files_are_listed_as_failed_rows(queue: BatchQueue) -> None:
    queue.add_rejected([(Path("/x/notes.txt"), "unsupported_type")])
    (job,) = queue.model.jobs()
    assert job.state is JobState.FAILED
    assert job.error_text.startswith("notes.txt: not a PDF or an image")


def test_cancel_a_queued_job_and_the_running_one(
    qtbot: Any, two_page_pdf: Path, tmp_path: Path
) -> None:
    gate = threading.Event()
    queue = BatchQueue(PagedProcessor(gate))
    try:
        other = tmp_path / "b.pdf"
        other.write_bytes(two_page_pdf.read_bytes())
        with qtbot.waitSignal(queue.job_started, timeout=5000):
            first, second = queue.enqueue([two_page_pdf, other], "invoice")
        queue.cancel(second)
        assert queue.model.job(second).state is JobState.CANCELLED
        assert queue.model.job(first).state is JobState.RUNNING
        with qtbot.waitSignal(queue.batch_finished, timeout=10000):
            queue.cancel(first)
        assert queue.model.job(first).state is JobState.CANCELLED
        assert queue.processor.calls == [two_page_pdf]
    finally:
        gate.set()
        queue.shutdown(5000)


def test_cancel_all_stops_everything(qtbot: Any, two_page_pdf: Path) -> None:
    gate = threading.Event()
    queue = BatchQueue(PagedProcessor(gate))
    try:
        with qtbot.waitSignal(queue.job_started, timeout=5000):
            queue.enqueue([two_page_pdf] * 3, "invoice")
        with qtbot.waitSignal(queue.batch_finished, timeout=10000):
            queue.cancel_all()
        assert {j.state for j in queue.model.jobs()} == {JobState.CANCELLED}
    finally:
        gate.set()
        queue.shutdown(5000)


def test_an_unexpected_exception_fails_the_job_and_is_logged(
    qtbot: Any, two_page_pdf: Path, caplog: Any
) -> None:
    def explode(*_a: Any) -> Any:
        raise RuntimeError("boom")

    queue = BatchQueue(explode)
    try:
        with qtbot.waitSignal(queue.batch_finished, timeout=5000):
            queue.enqueue([two_page_pdf], "invoice")
        (job,) = queue.model.jobs()
        assert job.state is JobState.FAILED
        assert job.error_code == "unexpected"
        assert "log" in job.error_text
        assert "boom" in caplog.text
    finally:
        queue.shutdown(2000)


def test_remove_finished_keeps_running_and_queued(
    qtbot: Any, queue: BatchQueue, two_page_pdf: Path, qtmodeltester: Any
) -> None:
    with qtbot.waitSignal(queue.batch_finished, timeout=20000):
        queue.enqueue([two_page_pdf], "invoice")
    queue.add_rejected([(Path("a.txt"), "unsupported_type")])
    queue.model.remove_finished()
    assert queue.model.rowCount() == 0
    qtmodeltester.check(queue.model)
