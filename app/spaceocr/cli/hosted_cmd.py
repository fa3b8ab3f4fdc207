"""``spaceocr hosted``: the hosted space-ocr API's batch side — queue, poll, read a sheet.

    spaceocr hosted upload PATH... [--template T | --fields F] [--sheet S] [--webhook-url URL]
                                   [--wait] [--timeout SECONDS]
    spaceocr hosted job JOB_ID... [--wait] [--timeout SECONDS]
    spaceocr hosted view SHEET [--where EXPR] [--sort FIELD] [--select A,B] [--limit N]
                               [--offset N] [--format json|csv]

``upload`` sends each document's pages (a PDF's pages as images: the API takes raster images
only) with ``POST /upload`` and prints, per document, ``{"file", "jobs"}``; with ``--wait`` it
polls the jobs (``GET /jobs/{jobId}``) and prints the document's result, its pages merged, in
the shape ``spaceocr extract`` prints, with its ``jobs``. A document that cannot be opened or
queued, or a job that failed, is that document's error envelope; the others go on. ``job``
prints each job queued earlier: its status while it runs, then its page's result or error,
with ``job`` (``jobId``, ``status``, ``fileName``). ``view`` reads a stored sheet with
``GET /view`` (free: nothing is OCR'd again); CSV output starts with a UTF-8 BOM when written
to a file so Excel reads CJK text right.

The key is ``SPACEOCR_API_KEY`` or the keyring's (``spaceocr config set-key spaceocr``), the
base URL ``SPACEOCR_API_BASE`` or the ``api_base`` setting. Exit codes: 0 when every job
completed, 1 when a job failed or a request did, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import IO, Any

from spaceocr.cli.common import (
    add_document_options,
    dump_json,
    iter_inputs,
    output,
    pipeline_options,
    report_error,
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "hosted",
        help="the hosted space-ocr API: queue documents, poll jobs, read a stored sheet",
        description="Batch use of the hosted space-ocr API (POST /upload, GET /jobs, GET "
        "/view). For one document at a time use `spaceocr extract --mode hosted`.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION")

    up = actions.add_parser("upload", help="queue documents: one job per page image")
    up.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    which = up.add_mutually_exclusive_group()
    which.add_argument("--template", "-t", default=None, help="built-in template (receipt)")
    which.add_argument("--fields", metavar="SPEC.json", help="your own template or field list")
    up.add_argument("--sheet", help="the stored sheet the results go to")
    up.add_argument("--webhook-url", metavar="URL",
                    help="where the API posts the signed completion webhook")
    _add_wait(up)
    up.add_argument("--out", "-o", metavar="FILE", help="write to FILE instead of stdout")
    add_document_options(up)

    job = actions.add_parser("job", help="a queued job's status, or its result")
    job.add_argument("job_ids", nargs="+", metavar="JOB_ID")
    _add_wait(job)
    job.add_argument("--template", "-t", default=None,
                     help="the template the job was queued with (names its fields)")
    job.add_argument("--out", "-o", metavar="FILE", help="write to FILE instead of stdout")

    view = actions.add_parser("view", help="rows of a stored sheet (nothing is OCR'd again)")
    view.add_argument("sheet", metavar="SHEET")
    view.add_argument("--where", help="a filter, e.g. 'total>1000 and currency=JPY'")
    view.add_argument("--sort", help="a field name: --sort=-total for descending")
    view.add_argument("--select", help="comma-separated field names")
    view.add_argument("--limit", type=int)
    view.add_argument("--offset", type=int)
    view.add_argument("--format", "-f", choices=("json", "csv"), default="json")
    view.add_argument("--out", "-o", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=run, _parser=p)


def _add_wait(p: argparse.ArgumentParser) -> None:
    p.add_argument("--wait", action="store_true",
                   help="poll until each job is completed or failed and print the results")
    p.add_argument("--timeout", type=float, default=600.0, metavar="SECONDS",
                   help="how long --wait waits for one job (600)")


def _template(args: argparse.Namespace) -> Any:
    from spaceocr.core.templates import load_fields_file, load_template

    if getattr(args, "fields", None):
        return load_fields_file(args.fields)
    return load_template(args.template or "receipt")


def run(args: argparse.Namespace) -> int:
    if not args.action:
        args._parser.print_help(sys.stderr)
        return 2
    from spaceocr.core.client import HostedClient

    try:
        template: Any = _template(args) if args.action in ("upload", "job") else None
        client = HostedClient.from_environment()
    except Exception as exc:  # noqa: BLE001 - set-up failure: one envelope, exit 1
        with output(args.out) as out:
            dump_json(report_error(exc, None, args.verbose), out)
        return 1
    with client, output(args.out) as out:
        try:
            if args.action == "view":
                return _view(client, args, out)
            if args.action == "upload":
                return _upload(client, template, args, out)
            return _jobs(client, list(args.job_ids), template, args, out)
        except Exception as exc:  # noqa: BLE001 - a request failed: its envelope, exit 1
            dump_json(report_error(exc, None, args.verbose), out)
            return 1


def _upload(client: Any, template: Any, args: argparse.Namespace, out: IO[str]) -> int:
    """Queue each document (its pages as images), then print one object per document: its
    jobs, or with --wait its result; a bad document is its error envelope and the others go
    on (JSON Lines when there are several)."""
    from spaceocr.core.export.json import to_api_dict

    files = [str(p) for p in iter_inputs(args.paths)]
    if not files:
        print("spaceocr: no files found in the paths given", file=sys.stderr)
        return 1
    options = pipeline_options(args)
    queued: list[tuple[str, list[Any] | BaseException]] = []
    for path in files:
        try:
            queued.append((path, client.upload_files(
                [path], template=template, options=options, sheet=args.sheet,
                webhook_url=args.webhook_url)))
        except Exception as exc:  # noqa: BLE001 - this document's error; the others go on
            queued.append((path, exc))
    failed = False
    objs: list[dict[str, Any]] = []
    for path, jobs in queued:
        if isinstance(jobs, BaseException):
            obj = report_error(jobs, path, args.verbose)
            failed = True
        elif not args.wait:
            obj = {"file": path, "jobs": [_job_dict(j) for j in jobs]}
        else:
            try:
                jobs = [client.wait_for_job(j.job_id, timeout_s=args.timeout) for j in jobs]
                obj = to_api_dict(client.jobs_result(jobs, template, file_name=Path(path).name))
            except Exception as exc:  # noqa: BLE001 - this document's error
                obj = report_error(exc, path, args.verbose)
                failed = True
            obj["jobs"] = [_job_dict(j) for j in jobs]
        objs.append(obj)
    _dump_all(objs, out)
    return 1 if failed else 0


def _dump_all(objs: list[dict[str, Any]], out: IO[str]) -> None:
    if len(objs) == 1:
        dump_json(objs[0], out)
    else:
        for obj in objs:
            dump_json(obj, out, pretty=False)


def _job_dict(job: Any) -> dict[str, Any]:
    return {"jobId": job.job_id, "status": job.status, "fileName": job.file_name}


def _jobs(client: Any, ids: list[str], template: Any, args: argparse.Namespace,
          out: IO[str]) -> int:
    """Each job's status (or, with --wait, its result or error): one object, or JSON Lines."""
    from spaceocr.core.export.json import to_api_dict

    failed = False
    objs: list[dict[str, Any]] = []
    for job_id in ids:
        try:
            job = (client.wait_for_job(job_id, timeout_s=args.timeout) if args.wait
                   else client.get_job(job_id))
        except Exception as exc:  # noqa: BLE001 - this job's error; the others go on
            env = report_error(exc, None, args.verbose)
            env["job"] = {"jobId": job_id}
            objs.append(env)
            failed = True
            continue
        if not job.is_done:
            objs.append(_job_dict(job))
            continue
        try:
            obj = to_api_dict(client.job_result(job, template))
        except Exception as exc:  # noqa: BLE001 - a failed job is that file's result
            obj = report_error(exc, job.file_name or None, args.verbose)
            failed = True
        obj["job"] = _job_dict(job)
        objs.append(obj)
    _dump_all(objs, out)
    return 1 if failed else 0


def _view(client: Any, args: argparse.Namespace, out: IO[str]) -> int:
    page = client.view(args.sheet, where=args.where, sort=args.sort, select=args.select,
                       limit=args.limit, offset=args.offset)
    if args.format == "json":
        dump_json({"rows": list(page.rows), "total": page.total}, out)
        return 0
    names: list[str] = []
    for row in page.rows:
        names.extend(k for k in row if k not in names)
    if args.out:
        out.write("\ufeff")  # Excel reads a UTF-8 file right only with its BOM
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in page.rows:
        writer.writerow([_cell(row.get(n)) for n in names])
    return 0


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    return str(v)
