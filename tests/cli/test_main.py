"""``spaceocr`` as a process: what it does when its reader goes away."""

from __future__ import annotations

import os
import subprocess
import sys


def test_a_closed_pipe_ends_quietly_without_an_unexpected_error() -> None:
    """``spaceocr templates | head -c 0``: no 'unexpected error', no traceback."""
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-m", "spaceocr", "templates"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(write_end)
    os.close(read_end)  # before the child writes: its first write meets a closed pipe
    _, err = proc.communicate(timeout=60)
    assert "unexpected error" not in err
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert proc.returncode == 1
