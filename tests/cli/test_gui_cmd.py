"""``spaceocr gui`` hands its arguments to the desktop app without importing it."""

from __future__ import annotations

import subprocess
import sys

from spaceocr.cli.main import build_parser


def test_gui_arguments_become_spaceocr_gui_arguments() -> None:
    from spaceocr.cli.gui_cmd import gui_argv

    args = build_parser().parse_args(
        ["gui", "--template", "receipt", "--store", "s.db", "--smoke-test", "a.png", "dir"]
    )
    assert gui_argv(args) == [
        "--template",
        "receipt",
        "--store",
        "s.db",
        "--smoke-test",
        "a.png",
        "dir",
    ]


def test_the_cli_does_not_import_the_gui_or_qt() -> None:
    code = (
        "import sys; from spaceocr.cli.main import build_parser; build_parser(); "
        "print(any(m.startswith(('spaceocr.gui', 'PySide6')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_smoke_test_without_files_is_a_usage_error() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "spaceocr", "gui", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2
    assert "needs at least one FILE" in out.stderr
