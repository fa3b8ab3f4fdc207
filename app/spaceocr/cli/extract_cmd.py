"""``spaceocr extract PATH...``: documents in, API-shaped results out.

One file: one JSON object on stdout. Several files (or a folder): JSON Lines, one object per
file, each with its ``file``. A bad file becomes an error envelope; every good file is still
processed; the exit code is 1 when any file failed.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
import threading
from pathlib import Path
from typing import Any

from spaceocr.cli.common import (
    Progress,
    add_document_options,
    dump_json,
    iter_inputs,
    open_output,
    open_store,
    output,
    pipeline_options,
    report_error,
)

logger = logging.getLogger(__name__)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="extract a template's fields from documents, each with its box on the page",
        description="Extract fields from PDFs and images. Folders are walked.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--template", "-t", default=None, help="built-in template (receipt)")
    which.add_argument("--fields", metavar="SPEC.json", help="your own template or field list")
    p.add_argument("--format", "-f", choices=("json", "jsonl", "csv"), default=None,
                   help="json (one file), jsonl (one line per file), csv")
    p.add_argument("--out", "-o", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--mode", choices=("offline", "cloud", "hosted"), default=None,
                   help="offline (default), cloud (Google Vision + Claude), hosted (space-ocr API)")
    p.add_argument("--ocr", help="OCR engine: embedded, google_vision")
    p.add_argument("--extractor", help="extractor: rules, claude")
    p.add_argument("--sheet", help="store the results in this sheet")
    p.add_argument("--store", metavar="PATH", help="the SQLite store (default: user data dir)")
    p.add_argument("--force", action="store_true",
                   help="re-run documents the sheet already has")
    add_document_options(p)
    p.set_defaults(func=run)


def _load_template(args: argparse.Namespace, settings: Any) -> Any:
    from spaceocr.core.templates import load_fields_file, load_template

    if args.fields:
        return load_fields_file(args.fields)
    default = settings.default_template if settings is not None else ""
    return load_template(args.template or default or "receipt")


def _make_runner(args: argparse.Namespace, mode: str, settings: Any) -> Any:
    """A callable (path, progress, cancel) -> DocumentResult for the chosen mode."""
    from spaceocr.core.pipeline import build_components, component_names, process_document

    template = _load_template(args, settings)
    options = pipeline_options(args)
    if mode == "hosted":
        from spaceocr.core.client import HostedClient

        client = HostedClient.from_environment()

        def run_hosted(path: Path, progress: Any, cancel: threading.Event) -> Any:
            return client.process_document(
                path, template, options=options, progress=progress, cancel=cancel
            )

        return template, run_hosted
    _, ex_name = component_names(mode, ocr=args.ocr, extractor=args.extractor)
    ex_options = {}
    if ex_name == "claude" and settings is not None and settings.anthropic_model:
        ex_options["model"] = settings.anthropic_model
    engine, extractor = build_components(
        mode, ocr=args.ocr, extractor=args.extractor, extractor_options=ex_options
    )

    def run_local(path: Path, progress: Any, cancel: threading.Event) -> Any:
        return process_document(
            path, template, engine=engine, extractor=extractor, options=options,
            progress=progress, cancel=cancel, mode=mode,
        )

    return template, run_local


def _sha256(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def run(args: argparse.Namespace) -> int:
    from spaceocr.core.export.json import to_api_dict

    settings = _load_settings()
    mode = args.mode or (settings.mode if settings is not None else "offline")
    if args.dpi is None:
        args.dpi = settings.dpi if settings is not None else 200
    files = list(iter_inputs(args.paths))
    if not files:
        print("spaceocr: no files found in the paths given", file=sys.stderr)
        return 1
    fmt = args.format or ("json" if len(files) == 1 else "jsonl")
    if fmt == "json" and len(files) > 1:
        fmt = "jsonl"
    try:
        template, runner = _make_runner(args, mode, settings)
    except Exception as exc:  # noqa: BLE001 - set-up failure: one envelope, exit 1
        env = report_error(exc, None, args.verbose)
        with output(args.out) as out:
            dump_json(env, out)
        return 1

    store = None
    if args.sheet:
        try:
            store = open_store(args.store)
            # a sheet of another template fails now, before any page is read
            store.create_sheet(args.sheet, template)
        except Exception as exc:  # noqa: BLE001 - the store cannot take this batch
            if store is not None:
                store.close()
            env = report_error(exc, None, args.verbose)
            with output(args.out) as out:
                dump_json(env, out)
            return 1
    cancel = threading.Event()
    progress = Progress(len(files))
    failures = 0
    results: list[Any] = []
    out_fh = open_output(args.out) if fmt != "csv" else None
    # the CSV is written at the end; open its file now, so a bad --out fails before any OCR
    csv_fh = (
        open(args.out, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed below
        if fmt == "csv" and args.out
        else None
    )
    try:
        for n, path in enumerate(files, 1):
            progress.update(n - 1, path.name)
            if store is not None and not args.force:
                digest = _sha256(path)
                if digest and store.has_document(args.sheet, digest, template.name):
                    print(f"spaceocr: {path}: already in sheet {args.sheet!r}; skipped "
                          f"(--force re-runs it)", file=sys.stderr)
                    continue
            try:
                result = runner(path, None, cancel)
            except Exception as exc:  # noqa: BLE001 - one bad file fails that item only
                failures += 1
                env = report_error(exc, str(path), args.verbose)
                if out_fh is not None:
                    dump_json(env, out_fh, pretty=fmt == "json")
                continue
            if store is not None:
                store.save_result(args.sheet, result, source_path=str(path))
            if fmt == "csv":
                results.append(result)
                continue
            obj = to_api_dict(result)
            if fmt == "jsonl":
                obj = {"file": str(path), **obj}
            assert out_fh is not None
            dump_json(obj, out_fh, pretty=fmt == "json")
        progress.update(len(files), "done")
    except BaseException:
        if csv_fh is not None:
            csv_fh.close()
        raise
    finally:
        progress.close()
        if out_fh is not None and out_fh is not sys.stdout:
            out_fh.close()
        if store is not None:
            store.close()
    if fmt == "csv":
        from spaceocr.core.export.csv import write_results_csv

        if csv_fh is not None:
            with csv_fh:
                write_results_csv(results, template, csv_fh)
        else:
            if hasattr(sys.stdout, "reconfigure"):
                sys.stdout.reconfigure(newline="")  # the writer's CRLF, not \r\r\n
            sys.stdout.write("\ufeff")
            write_results_csv(results, template, sys.stdout)
    return 1 if failures else 0


def _load_settings() -> Any:
    """The user's settings, or None when they cannot be read (then the defaults apply)."""
    try:
        from spaceocr.core.settings import load_settings

        return load_settings()
    except Exception as exc:  # noqa: BLE001 - a broken settings file must not stop a batch
        logger.warning("settings not read (%s); using the defaults", exc)
        return None
