"""A batch killed with SIGKILL half-way keeps what it committed, and the next run continues."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from spaceocr.core.store import Store

ROOT = Path(__file__).resolve().parents[3]
COUNT = 40
KILL_AFTER = 12

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _child(store: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "app")]))
    return subprocess.Popen(
        [sys.executable, "-m", "tests.core.store.batch_child", str(store), str(COUNT)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def test_a_killed_batch_keeps_its_commits_and_the_next_run_continues(tmp_path: Path) -> None:
    store_path = tmp_path / "batch.sqlite3"
    proc = _child(store_path)
    assert proc.stdout is not None
    reported: list[int] = []
    for line in proc.stdout:
        reported.append(int(line.split()[1]))
        if len(reported) == KILL_AFTER:
            proc.send_signal(signal.SIGKILL)  # mid-way: the child is inside its next save
            break
    proc.wait(timeout=60)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL

    conn = sqlite3.connect(store_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    with Store.open(store_path) as store:
        kept = [d.file_name for d in store.list_documents("batch")]
        # every commit reported before the kill is there; at most one more landed after it
        assert kept[: len(reported)] == [f"batch{n:05d}.pdf" for n in reported]
        assert len(kept) in (len(reported), len(reported) + 1)
        for doc in store.list_documents("batch"):
            row = store.load_row("batch", doc.doc_id)
            assert len(row.items["line_items"]) == 30  # no half-written document

    proc = _child(store_path)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0
    lines = out.split()
    skipped = [int(n) for verb, n in zip(lines[::2], lines[1::2], strict=True) if verb == "skipped"]
    assert skipped == list(range(len(kept)))
    with Store.open(store_path) as store:
        docs = store.list_documents("batch")
        assert [d.file_name for d in docs] == [f"batch{n:05d}.pdf" for n in range(COUNT)]
        assert len({d.sha256 for d in docs}) == COUNT
