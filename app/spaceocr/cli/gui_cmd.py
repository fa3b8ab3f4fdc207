"""``spaceocr gui [FILES...]``: start the desktop app (the same as ``spaceocr-gui``).

The CLI and the GUI do not import each other (an import-linter contract): this command runs
the ``spaceocr.gui`` package as ``python -m spaceocr.gui`` would, by name, at run time.
"""

from __future__ import annotations

import argparse
import runpy
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "gui",
        help="open the desktop app (drop documents, review every value's box)",
        description="Open the desktop app, queueing FILES (files or folders) if given.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="documents or folders to queue")
    p.add_argument("--mode", choices=("offline", "cloud", "hosted"), help="override the mode")
    p.add_argument("--template", help="template name or fields JSON")
    p.add_argument("--store", help="SQLite store file")
    p.add_argument(
        "--smoke-test",
        action="store_true",
        help="process FILES in the window, print a JSON summary line, exit",
    )
    p.set_defaults(func=run)


def gui_argv(args: argparse.Namespace) -> list[str]:
    """The ``spaceocr-gui`` arguments for these CLI arguments."""
    argv: list[str] = []
    for opt in ("mode", "template", "store"):
        value = getattr(args, opt, None)
        if value:
            argv += [f"--{opt}", str(value)]
    if getattr(args, "smoke_test", False):
        argv.append("--smoke-test")
    if getattr(args, "verbose", False):
        argv.append("--verbose")
    return [*argv, *args.files]


def run(args: argparse.Namespace) -> int:
    saved = sys.argv
    sys.argv = ["spaceocr-gui", *gui_argv(args)]
    try:
        runpy.run_module("spaceocr.gui", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    finally:
        sys.argv = saved
    return 0
