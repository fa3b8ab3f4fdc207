"""``spaceocr sheet ...``: stored sheets listed, queried, corrected and exported.

    spaceocr sheet list
    spaceocr sheet view NAME [--where EXPR] [--sort F,-F] [--select F,F]
                             [--format table|json|csv|xlsx] [--out FILE]
    spaceocr sheet show NAME DOC                  one document in the API's JSON shape
    spaceocr sheet set NAME DOC FIELD VALUE       correct a value (re-grounded on the page)
    spaceocr sheet confirm NAME DOC [FIELD...]    mark values checked (--undo to unmark)
    spaceocr sheet delete NAME [--doc DOC]
    spaceocr sheet export NAME --out FILE         .csv, .xlsx or .json (API shape)

DOC is a document's ``_id`` (see ``view``), a sha256 prefix or its file name. FIELD is a field
name or a line-item cell such as ``line_items[0].amount`` (items count from 0).
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import unicodedata
from collections.abc import Callable
from typing import Any

from spaceocr.cli.common import dump_json, output

_WHERE_HELP = (
    'filter, e.g. "total >= 10000 and (vendor_name contains 株式会社 or not issue_date < '
    '2026-05-01)"; operators = != < <= > >= contains, and/or/not, parentheses'
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "sheet",
        help="list, query, correct and export stored sheets",
        description="Stored sheets: results kept by 'spaceocr extract --sheet NAME'.",
    )
    store_opt = argparse.ArgumentParser(add_help=False)
    store_opt.add_argument(
        "--store",
        metavar="PATH",
        help="the SQLite store (default: $SPACEOCR_STORE or the user data dir)",
    )
    ss = p.add_subparsers(dest="sheet_command", metavar="ACTION")

    q = ss.add_parser("list", parents=[store_opt], help="the sheets in the store")
    q.add_argument("--format", "-f", choices=("table", "json"), default="table")
    q.set_defaults(func=run_list)

    q = ss.add_parser("view", parents=[store_opt], help="query a sheet (where, sort, select)")
    q.add_argument("name", metavar="NAME")
    _add_query_options(q)
    q.add_argument("--format", "-f", choices=("table", "json", "csv", "xlsx"), default="table")
    q.add_argument("--out", "-o", metavar="FILE", help="write to FILE instead of stdout")
    q.add_argument("--limit", type=int, help="at most N documents")
    q.add_argument("--offset", type=int, default=0, help="skip the first N documents")
    q.set_defaults(func=run_view)

    q = ss.add_parser("show", parents=[store_opt], help="one document in the API's JSON shape")
    q.add_argument("name", metavar="NAME")
    q.add_argument("doc", metavar="DOC")
    q.set_defaults(func=run_show)

    q = ss.add_parser(
        "set", parents=[store_opt], help="correct a value; the new value is found on the page again"
    )
    q.add_argument("name", metavar="NAME")
    q.add_argument("doc", metavar="DOC")
    q.add_argument("field", metavar="FIELD", help="total, or line_items[0].amount")
    q.add_argument("value", metavar="VALUE", help="the value ('' clears it)")
    q.add_argument(
        "--no-confirm",
        action="store_true",
        help="leave the value unconfirmed (a correction confirms it by default)",
    )
    q.set_defaults(func=run_set)

    q = ss.add_parser(
        "confirm", parents=[store_opt], help="mark a document's values (or some of them) as checked"
    )
    q.add_argument("name", metavar="NAME")
    q.add_argument("doc", metavar="DOC")
    q.add_argument("fields", metavar="FIELD", nargs="*", help="fields (all when none given)")
    q.add_argument("--undo", action="store_true", help="mark them unchecked again")
    q.set_defaults(func=run_confirm)

    q = ss.add_parser("delete", parents=[store_opt], help="delete a sheet, or one document")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--doc", metavar="DOC", help="delete only this document")
    q.set_defaults(func=run_delete)

    q = ss.add_parser(
        "export",
        parents=[store_opt],
        help="write a sheet to .csv (UTF-8 BOM), .xlsx or .json (API shape)",
    )
    q.add_argument("name", metavar="NAME")
    q.add_argument("--out", "-o", metavar="FILE", required=True)
    q.add_argument(
        "--format", "-f", choices=("csv", "xlsx", "json"), help="default: from the file's extension"
    )
    _add_query_options(q)
    q.set_defaults(func=run_export)

    p.set_defaults(func=lambda args: _usage(p))


def _pipe_safe(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """``spaceocr sheet view ... | head`` ends quietly when the reader goes away."""

    @functools.wraps(func)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0

    return wrapper


def _add_query_options(q: argparse.ArgumentParser) -> None:
    q.add_argument("--where", "-w", metavar="EXPR", help=_WHERE_HELP)
    q.add_argument(
        "--sort",
        "-s",
        metavar="F,-F",
        help="order by fields: --sort=-total,issue_date ('-' or ' desc' for descending)",
    )
    q.add_argument("--select", metavar="F,F", help="only these fields (line_items, _file, ...)")


def _usage(p: argparse.ArgumentParser) -> int:
    p.print_help(sys.stderr)
    return 2


def _open(args: argparse.Namespace) -> Any:
    from spaceocr.cli.common import open_store

    return open_store(args.store)


def _bad_input(exc: Exception) -> int:
    code = getattr(exc, "code", "usage")
    print(f"spaceocr: {exc} [{code}]", file=sys.stderr)
    return 2


# --------------------------------------------------------------------------- list
@_pipe_safe
def run_list(args: argparse.Namespace) -> int:
    with _open(args) as store:
        sheets = store.list_sheets()
    if args.format == "json":
        dump_json(
            {
                "sheets": [
                    {
                        "name": s.name,
                        "template": s.template,
                        "documents": s.document_count,
                        "created_at": s.created_at,
                        "updated_at": s.updated_at,
                    }
                    for s in sheets
                ]
            },
            sys.stdout,
        )
        return 0
    if not sheets:
        print(
            "spaceocr: no sheets yet (spaceocr extract FILES --sheet NAME makes one)",
            file=sys.stderr,
        )
        return 0
    _print_table(
        ["sheet", "template", "documents", "updated"],
        [[s.name, s.template, str(s.document_count), s.updated_at] for s in sheets],
    )
    return 0


# --------------------------------------------------------------------------- view
@_pipe_safe
def run_view(args: argparse.Namespace) -> int:
    from spaceocr.core.errors import WhereError
    from spaceocr.core.store import row_to_json

    with _open(args) as store:
        try:
            columns = store.select_columns(args.name, args.select)
            rows = store.query(
                args.name,
                where=args.where,
                sort=args.sort,
                select=columns,
                limit=args.limit,
                offset=args.offset,
            )
        except WhereError as exc:
            return _bad_input(exc)
        template = store.sheet_template(args.name)
    if args.format == "json":
        with output(args.out) as out:
            dump_json({"rows": [row_to_json(r, columns) for r in rows]}, out)
    elif args.format == "csv":
        from spaceocr.core.export.csv import BOM, export_csv, write_rows_csv

        if args.out:
            export_csv(rows, template, args.out, select=columns)
        else:
            if hasattr(sys.stdout, "reconfigure"):
                sys.stdout.reconfigure(newline="")  # CRLF as written, also on Windows
            sys.stdout.write(BOM)
            write_rows_csv(rows, template, sys.stdout, select=columns)
            sys.stdout.flush()
    elif args.format == "xlsx":
        from spaceocr.core.export.xlsx import export_xlsx, write_xlsx

        if args.out:
            export_xlsx(rows, template, args.out, select=columns)
        elif sys.stdout.isatty():
            print("spaceocr: --format xlsx needs --out FILE (it is not text)", file=sys.stderr)
            return 2
        else:
            write_xlsx(rows, template, sys.stdout.buffer, select=columns)
            sys.stdout.buffer.flush()
    else:
        _print_rows(rows, template, columns, args.out)
    if args.out:
        print(f"spaceocr: {len(rows)} document(s) written to {args.out}", file=sys.stderr)
    return 0


def _print_rows(rows: list[Any], template: Any, columns: list[str] | None, out: str | None) -> None:
    from spaceocr.core.store import PSEUDO_FIELDS

    keys: list[str] = ["_id", "_file"]
    if columns is not None:
        keys = ["_id", *[c for c in columns if c in PSEUDO_FIELDS and c != "_id"]]
        if len(keys) == 1:
            keys.append("_file")
    shown_arrays: dict[str, set[str] | None] = {}
    for spec in template.fields:
        if spec.is_array:
            if columns is None or spec.name in columns:
                shown_arrays[spec.name] = None
            else:
                kids = {c.partition(".")[2] for c in columns if c.startswith(spec.name + ".")}
                if kids:
                    shown_arrays[spec.name] = kids
            if spec.name in shown_arrays:
                keys.append(spec.name)
        elif columns is None or spec.name in columns:
            keys.append(spec.name)
    if columns is None:
        # a template has many fields and a sheet uses few: hide the columns no row fills
        keys = [
            k
            for k in keys
            if k in PSEUDO_FIELDS
            or any(r.items.get(k) or (k in r.cells and r.cells[k].value is not None) for r in rows)
        ]
        keys.append("_review")
    table = []
    for row in rows:
        line = []
        for k in keys:
            if k in PSEUDO_FIELDS:
                value = row.pseudo(k)
                line.append("" if value is None else str(value))
            elif k in shown_arrays:
                n = len(row.items.get(k, ()))
                line.append(f"[{n} item{'s' if n != 1 else ''}]" if n else "")
            else:
                cell = row.cells.get(k)
                text = "" if cell is None or cell.value is None else cell.value
                if cell is not None and cell.needs_review:
                    text += " ?"
                line.append(text)
        table.append(line)
    headers = [k.lstrip("_") if k in PSEUDO_FIELDS else k for k in keys]
    with output(out) as fh:
        _print_table(headers, table, fh)
        if not rows:
            print("spaceocr: no documents match", file=sys.stderr)
        elif columns is None:
            print("(? = to check; line items: --format json or csv)", file=sys.stderr)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    if _width(text) <= limit:
        return text
    out, w = [], 0
    for ch in text:
        w += _width(ch)
        if w > limit - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def _print_table(headers: list[str], rows: list[list[str]], fh: Any = None) -> None:
    fh = fh or sys.stdout
    cells = [[_clip(c) for c in r] for r in rows]
    widths = [_width(h) for h in headers]
    for r in cells:
        for j, c in enumerate(r):
            widths[j] = max(widths[j], _width(c))

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (widths[j] - _width(v)) for j, v in enumerate(values)).rstrip()

    fh.write(line(headers) + "\n")
    fh.write("  ".join("-" * w for w in widths) + "\n")
    for r in cells:
        fh.write(line(r) + "\n")
    fh.flush()


# --------------------------------------------------------------------------- show / edits
@_pipe_safe
def run_show(args: argparse.Namespace) -> int:
    from spaceocr.core.export.json import to_api_dict

    with _open(args) as store:
        result = store.load_result(args.name, args.doc, with_pages=False)
    dump_json(to_api_dict(result), sys.stdout)
    return 0


def _cell_json(doc_id: int, ref: str, cell: Any) -> dict[str, Any]:
    from spaceocr.core.export.json import field_to_api
    from spaceocr.core.types import FieldResult, FieldStatus

    fr = FieldResult(
        cell.name,
        cell.value,
        FieldStatus(cell.status),
        cell.source,
        cell.normalized,
        cell.confidence,
        cell.grounding,
        cell.review_reasons,
    )
    return {
        "_id": doc_id,
        "field": ref,
        **field_to_api(fr),
        "original_value": cell.original_value,
        "confirmed": cell.is_confirmed,
        "corrected": cell.is_corrected,
    }


@_pipe_safe
def run_set(args: argparse.Namespace) -> int:
    from spaceocr.core.errors import SpaceOcrError

    with _open(args) as store:
        doc_id = store.resolve_document(args.name, args.doc)
        try:
            cell = store.set_value(
                args.name, doc_id, args.field, args.value, confirm=not args.no_confirm
            )
        except SpaceOcrError:
            raise
        except ValueError as exc:
            return _bad_input(exc)
    obj = _cell_json(doc_id, args.field, cell)
    dump_json(obj, sys.stdout)
    if cell.value is not None and cell.grounding is None:
        print(f"spaceocr: {args.value!r} is not on the page; kept without a box", file=sys.stderr)
    return 0


def run_confirm(args: argparse.Namespace) -> int:
    from spaceocr.core.errors import SpaceOcrError

    with _open(args) as store:
        try:
            n = store.confirm(args.name, args.doc, args.fields or None, confirmed=not args.undo)
        except SpaceOcrError:
            raise
        except ValueError as exc:
            return _bad_input(exc)
    state = "unconfirmed" if args.undo else "confirmed"
    print(f"spaceocr: {n} value(s) {state}", file=sys.stderr)
    return 0


def run_delete(args: argparse.Namespace) -> int:
    with _open(args) as store:
        if args.doc:
            store.delete_document(args.name, args.doc)
            print(
                f"spaceocr: document {args.doc} removed from sheet {args.name!r}", file=sys.stderr
            )
        else:
            n = store.delete_sheet(args.name)
            print(f"spaceocr: sheet {args.name!r} deleted ({n} document(s))", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from spaceocr.core.errors import WhereError
    from spaceocr.core.export.sheet import export_sheet

    with _open(args) as store:
        try:
            n = export_sheet(
                store,
                args.name,
                args.out,
                fmt=args.format,
                where=args.where,
                sort=args.sort,
                select=args.select,
            )
        except WhereError as exc:
            return _bad_input(exc)
        except ValueError as exc:
            return _bad_input(exc)
    print(f"spaceocr: {n} document(s) written to {args.out}", file=sys.stderr)
    return 0
