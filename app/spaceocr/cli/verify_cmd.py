"""``spaceocr verify FILE --values VALUES.json``: are the values you have printed on the page?

VALUES.json holds the values a user already has (from an ERP, a purchase order):
``{"name": "value", ...}``, with a list of objects for an array field (line items). Each value
is grounded on the characters the OCR saw and printed in the API's shape: its box, vertices,
``match_ratio`` (1.0 = every character located) and ``bbox_source``; a value the page does not
show comes back with no box and ``review: true``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from spaceocr.cli.common import (
    add_document_options,
    dump_json,
    open_output,
    pipeline_options,
    report_error,
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "verify",
        help="ground values you already have against a document (box and match_ratio each)",
        description="Check values you already have (from an ERP, a purchase order) against a "
        "document: each value comes back with its box on the page and a match_ratio.",
    )
    p.add_argument("file", metavar="FILE", help="the document (PDF or image)")
    p.add_argument("--values", required=True, metavar="VALUES.json",
                   help='{"name": "value", ...}; a list of objects for line items')
    which = p.add_mutually_exclusive_group()
    which.add_argument("--template", "-t", help="built-in template: field order and labels")
    which.add_argument("--fields", metavar="SPEC.json", help="your own template or field list")
    p.add_argument("--format", "-f", choices=("json",), default="json",
                   help="json (the API's result shape)")
    p.add_argument("--out", "-o", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--ocr", default="embedded", help="OCR engine: embedded, google_vision")
    add_document_options(p)
    p.set_defaults(func=run)


def _load_values(path: str) -> Any:
    from spaceocr.core.errors import InvalidValues

    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidValues(f"cannot read the values file {path}: {exc.strerror or exc}",
                            path=path) from None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InvalidValues(f"{path} is not valid JSON: {exc}", path=path) from None


def _load_template(args: argparse.Namespace) -> Any:
    from spaceocr.core.templates import load_fields_file, load_template

    if args.fields:
        return load_fields_file(args.fields)
    if args.template:
        return load_template(args.template)
    return None


def run(args: argparse.Namespace) -> int:
    from spaceocr.core.export.json import to_api_dict
    from spaceocr.core.ocr import create_engine
    from spaceocr.core.verify import fields_from_values, verify_document

    verbose = bool(getattr(args, "verbose", False))
    try:
        values = _load_values(args.values)
        fields_from_values(values)  # a bad shape fails before the OCR starts
        template = _load_template(args)
        options = pipeline_options(args)
        engine = create_engine(args.ocr)
    except Exception as exc:  # noqa: BLE001 - set-up failure: one envelope, exit 1
        env = report_error(exc, args.file, verbose)
        _write(args, env)
        return 1
    try:
        result = verify_document(args.file, values, engine=engine, template=template,
                                 options=options)
    except Exception as exc:  # noqa: BLE001 - the document failed: its envelope, exit 1
        env = report_error(exc, args.file, verbose)
        _write(args, env)
        return 1
    _write(args, to_api_dict(result))
    return 0


def _write(args: argparse.Namespace, obj: Any) -> None:
    fh = open_output(args.out)
    try:
        dump_json(obj, fh)
    finally:
        if fh is not sys.stdout:
            fh.close()
