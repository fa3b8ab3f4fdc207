"""``spaceocr``: parse arguments, call the core, print, return an exit code.

Exit codes: 0 all went well, 1 something failed (a bad file, a refused request), 2 usage.
Data goes to stdout (JSON); messages, logs and progress go to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import logging
import os
import sys
from collections.abc import Sequence

from spaceocr import __version__

logger = logging.getLogger("spaceocr")

#: subcommand modules, in the order ``--help`` lists them; each has ``register(subparsers)``
_COMMANDS = (
    "extract",
    "ocr",
    "verify",
    "templates",
    "sheet",
    "config",
    "webhook",
    "hosted",
    "gui",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spaceocr",
        description="Turn invoices, receipts and cards into data a clerk can verify.",
    )
    parser.add_argument("--version", action="version", version=f"spaceocr {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log details and show tracebacks"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMANDS:
        modname = f"spaceocr.cli.{name}_cmd"
        if importlib.util.find_spec(modname) is None:
            continue
        importlib.import_module(modname).register(sub)
    return parser


class _CliHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Our stderr handler; marked so a second main() in one process replaces only it."""


def _setup_logging(verbose: bool) -> None:
    handler = _CliHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("spaceocr: %(levelname)s: %(name)s: %(message)s"))
    root = logging.getLogger()
    # keep handlers others installed (pytest's caplog, an embedding application)
    root.handlers[:] = [h for h in root.handlers if not isinstance(h, _CliHandler)] + [handler]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    if not verbose:
        # the OCR libraries are chatty at INFO
        for noisy in ("RapidOCR", "rapidocr", "onnxruntime", "httpx", "httpcore"):
            logging.getLogger(noisy).setLevel(logging.ERROR)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("spaceocr: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (``spaceocr ... | head``): stop quietly, as shell tools do,
        # and point stdout at devnull so the interpreter's last flush cannot fail again
        # (the recipe of the Python docs, "Note on SIGPIPE" in the signal module)
        _silence_stdout()
        return 1
    except OSError as exc:
        # a file we were told to read or write (--out in a missing folder, a full disk):
        # the environment, not a bug; say which file and why
        if args.verbose:
            logger.exception("failed")
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"spaceocr: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        from spaceocr.core.errors import SpaceOcrError

        if args.verbose:
            logger.exception("failed")
        if isinstance(exc, SpaceOcrError):
            print(f"spaceocr: {exc} [{exc.code}]", file=sys.stderr)
        else:
            print(f"spaceocr: unexpected error: {type(exc).__name__}: {exc} "
                  f"(run with --verbose for details)", file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout replaced (a test, an embedding)
        pass


if __name__ == "__main__":
    sys.exit(main())
