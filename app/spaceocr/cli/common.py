"""What several subcommands share: walking inputs, writing output, reporting errors."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from spaceocr.core.export.json import error_envelope, new_request_id

logger = logging.getLogger(__name__)


def add_document_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dpi", type=int, default=None,
                   help="render PDF pages at N dpi (default: the settings', 200)")
    p.add_argument("--password", help="password of an encrypted PDF")
    p.add_argument("--max-mb", type=float, help="refuse files larger than this (200 MiB)")
    p.add_argument("--max-pixels", type=int, help="refuse pages with more pixels (100,000,000)")
    p.add_argument("--max-pages", type=int, help="refuse documents with more pages (2000)")
    p.add_argument(
        "--no-text-layer", action="store_true",
        help="OCR born-digital PDF pages instead of reading their text",
    )


def pipeline_options(args: argparse.Namespace) -> Any:
    from spaceocr.core.documents import DocumentLimits
    from spaceocr.core.pipeline import PipelineOptions

    base = DocumentLimits()
    limits = DocumentLimits(
        max_bytes=int(args.max_mb * 1024 * 1024) if args.max_mb else base.max_bytes,
        max_pixels=args.max_pixels or base.max_pixels,
        max_pages=args.max_pages or base.max_pages,
    )
    if args.dpi is None:
        args.dpi = 200
    if args.dpi < 36 or args.dpi > 1200:
        print("spaceocr: --dpi must be between 36 and 1200", file=sys.stderr)
        raise SystemExit(2)
    return PipelineOptions(
        dpi=args.dpi, password=args.password, limits=limits,
        use_text_layer=not args.no_text_layer,
    )


def iter_inputs(paths: list[str]) -> Iterator[Path]:
    """The files named, folders walked recursively (hidden files skipped), in sorted order."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield Path(root) / f
        else:
            yield p


@contextlib.contextmanager
def output(out: str | None) -> Iterator[IO[str]]:
    """Standard output, or the file ``out`` (UTF-8), closed (or flushed) afterwards."""
    fh = open_output(out)
    try:
        yield fh
    finally:
        if fh is sys.stdout:
            fh.flush()
        else:
            fh.close()


def open_output(out: str | None) -> IO[str]:
    if out:
        return open(out, "w", encoding="utf-8", newline="")
    return sys.stdout


def dump_json(obj: Any, fh: IO[str], *, pretty: bool = True) -> None:
    fh.write(json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None))
    fh.write("\n")
    fh.flush()


def report_error(exc: BaseException, file: str | None, verbose: bool) -> dict[str, Any]:
    """The error envelope for ``exc``; one readable line on stderr (and the log)."""
    from spaceocr.core.errors import SpaceOcrError

    rid = new_request_id()
    env = error_envelope(exc, rid, file=file)
    code = env["error"]["code"]
    logger.info("request %s failed with %s", env["error"]["requestId"], code)
    if verbose and not isinstance(exc, SpaceOcrError):
        logger.error("unexpected error on %s", file, exc_info=exc)
    print(f"spaceocr: {env['error']['message']} [{code}]", file=sys.stderr)
    return env


class Progress:
    """A one-line progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.enabled = total > 1 and sys.stderr.isatty()

    def update(self, done: int, label: str) -> None:
        if not self.enabled:
            return
        width = 24
        filled = int(width * done / max(self.total, 1))
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r[{bar}] {done}/{self.total} {label[:40]:<40}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


def open_store(store_arg: str | None) -> Any:
    """The store: --store, else $SPACEOCR_STORE, else the settings' store path, else the
    default file in the user data folder."""
    from spaceocr.core.store import Store

    path = store_arg or os.environ.get("SPACEOCR_STORE")
    if not path:
        try:
            from spaceocr.core.settings import load_settings

            path = load_settings().store_path
        except Exception:  # noqa: BLE001 - unreadable settings: the default store
            path = ""
    return Store.open(path or None)
