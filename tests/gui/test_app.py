"""The packaged-build check: ``spaceocr-gui --smoke-test`` on real documents, real OCR."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_text_image


@pytest.mark.slow
def test_smoke_test_runs_real_documents_through_the_real_window(tmp_path: Path) -> None:
    receipt = tmp_path / "receipt.png"
    make_text_image(
        ["コンビニ東京店", "2024年5月1日 12:30", "おにぎり 150円", "合計 1,234円"],
        size=(900, 500),
    ).save(receipt)
    bad = tmp_path / "notes.txt"
    bad.write_text("not a document", encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path),
    }
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "spaceocr.gui",
            "--smoke-test",
            "--template",
            "receipt",
            str(receipt),
            str(bad),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    (line,) = [x for x in out.stdout.splitlines() if x.startswith("{")]
    summary = json.loads(line)
    assert set(summary) == {"documents", "fields", "needs_review", "failures", "max_stall_ms"}
    assert summary["documents"] == 1
    assert summary["failures"] == 1  # the text file, listed and failed, not silently dropped
    assert summary["fields"] >= 2  # at least the date and the total
    assert summary["max_stall_ms"] >= 0
    assert "Traceback" not in out.stderr
