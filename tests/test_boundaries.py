"""The core is Qt-free: importing the pipeline must not pull in PySide6 or the shells."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_core_pipeline_imports_no_qt_and_no_shell():
    code = (
        "import sys, spaceocr.core.pipeline, spaceocr.core.export.json, spaceocr.core.documents\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'PySide6'"
        " or m.startswith(('spaceocr.gui', 'spaceocr.cli'))]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_linter_contracts_hold():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(exe).exists():
        pytest.skip("import-linter is not installed")
    proc = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "broken" not in proc.stdout.lower() or "0 broken" in proc.stdout.lower()
