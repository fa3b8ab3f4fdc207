"""A local stand-in for the hosted space-ocr API, on :class:`tests.support.httpserver.ReplayServer`.

It behaves as ``../shared/reference/space-ocr-api.txt`` documents, and where the reference is
silent it makes the same assumptions as :mod:`spaceocr.core.client` (written in that module's
docstring), so a change of mind shows up on both sides:

* Bearer auth: no/invalid ``Authorization`` header → 401 ``unauthorized``; a well-formed key
  the server does not know → 403 ``forbidden``.
* 60 requests a minute per key (configurable), counted on an injectable clock: over it →
  429 ``rate_limited`` with ``details.retryAfterSec`` (no ``Retry-After`` header).
* A scan quota per key (``scans``): ``POST /ocr/fields`` and each image of ``POST /upload``
  costs one; at zero → 402 ``plan_limit_reached``.
* ``POST /ocr/fields`` (JSON: image, imageType base64|url, templateId | fields) → 200
  ``{"status": "success", "data": ...}``; the data come from ``page_data`` (a list replayed in
  turn, the last repeating) or a ``responder(call)``.
* ``POST /upload`` (multipart: ``file`` parts, templateId | fields, sheetId?, webhookUrl?) →
  202 with a pending job per file; every ``GET /jobs/{jobId}`` moves a job one step
  (pending → processing → completed); :meth:`HostedApi.finish_jobs` completes them all. On
  completion the job's result is added to its sheet and, with a ``webhookUrl``, a signed
  ``job.completed`` webhook is POSTed there (``forge_webhooks`` signs with a wrong secret).
* ``GET /view`` (sheetId, where, sort, select, limit, offset) over ``sheets``.
* Every answer has ``X-Request-Id``; every error is ``{"error": {"code", "message",
  "requestId"}}`` with the same id.
* :meth:`HostedApi.fail` scripts faults (any status, a delay, a malformed body) for the next
  N requests to a path, after authentication.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

import httpx

from tests.support.httpserver import ReplayServer, Reply, Request

BUILTIN_TEMPLATES = ("receipt", "invoice", "delivery", "business_card", "driver_license")


def api_field(value: str, box: tuple[int, int, int, int], ratio: float = 1.0) -> dict[str, Any]:
    """One field as the API returns it: ``box`` (xmin, ymin, xmax, ymax) on the 0–1000 grid."""
    x0, y0, x1, y1 = box
    return {"value": value, "bbox": {"xmin": x0, "ymin": y0, "xmax": x1, "ymax": y1},
            "vertices": [{"x": x0, "y": y0}, {"x": x1, "y": y0}, {"x": x1, "y": y1},
                         {"x": x0, "y": y1}],
            "match_ratio": ratio, "bbox_source": "ocr_chars"}
_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")


@dataclass
class FakeClock:
    """A monotonic clock moved only by :meth:`sleep`; share it between client and server."""

    now: float = 1000.0
    slept: list[float] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.slept.append(seconds)
            self.now += max(seconds, 0.0)


@dataclass
class OcrCall:
    """One accepted ``POST /ocr/fields`` (or one image of an upload), decoded."""

    image: bytes
    image_type: str
    template_id: str | None
    fields: list[dict[str, Any]] | None
    key: str


@dataclass
class Fault:
    status: int
    code: str = "internal_error"
    message: str = "scripted failure"
    times: int = 1
    delay_s: float = 0.0
    raw_body: bytes | None = None  #: a malformed body instead of the envelope
    retry_after_s: float | None = None
    content_type: str = "application/json"


@dataclass
class Delivery:
    url: str
    body: bytes
    signature: str
    forged: bool
    status: int | None = None


class HostedApi:
    """The hosted API's documented behaviour on 127.0.0.1 (port 0)."""

    def __init__(
        self,
        *,
        keys: Iterable[str] = ("spocr_test_valid",),
        rate_limit: int = 60,
        window_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        webhook_secret: str = "whsec_test_secret",
        polls_to_complete: int = 2,
        scans: int | None = None,
    ) -> None:
        self.server = ReplayServer(poll_interval_s=0.05)
        self.keys = set(keys)
        self.rate_limit = rate_limit
        self.window_s = window_s
        self.clock = clock
        self.webhook_secret = webhook_secret
        self.polls_to_complete = polls_to_complete
        self.scans: dict[str, int | None] = dict.fromkeys(self.keys, scans)
        self.page_data: list[dict[str, Any]] = []
        self.responder: Callable[[OcrCall], dict[str, Any]] | None = None
        self.calls: list[OcrCall] = []
        self.jobs: dict[str, dict[str, Any]] = {}
        self.sheets: dict[str, list[dict[str, Any]]] = {}
        self.deliveries: list[Delivery] = []
        self.forge_webhooks = False
        self.fail_files: set[str] = set()
        self.rate_limited = 0  #: how many 429s were answered
        self._faults: dict[str, deque[Fault]] = {}
        self._sent: dict[str, deque[float]] = {}
        self._lock = threading.RLock()
        for method, path, handler in (
            ("POST", "/ocr/fields", self._ocr_fields),
            ("POST", "/upload", self._upload),
            ("GET", "/jobs/*", self._job),
            ("GET", "/view", self._view),
        ):
            self.server.route(method, path, self._wrap(path, handler))
        for method in ("GET", "POST", "PUT", "DELETE", "PATCH"):
            self.server.route(method, "/*", self._wrap("*", self._unknown))

    # ------------------------------------------------------------------ lifecycle
    @property
    def url(self) -> str:
        return self.server.url

    @property
    def requests(self) -> list[Request]:
        return self.server.requests

    def start(self) -> HostedApi:
        self.server.start()
        return self

    def stop(self) -> None:
        self.server.stop()

    def __enter__(self) -> HostedApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ scripting
    def fail(self, path: str, status: int, **kw: Any) -> None:
        """The next ``times`` authenticated requests to ``path`` answer ``status``."""
        with self._lock:
            self._faults.setdefault(path, deque()).append(Fault(status, **kw))

    def add_sheet(self, sheet: str, rows: Iterable[dict[str, Any]]) -> None:
        with self._lock:
            self.sheets.setdefault(sheet, []).extend(dict(r) for r in rows)

    # ------------------------------------------------------------------ plumbing
    def _reply(self, status: int, obj: Any, rid: str, **kw: Any) -> Reply:
        return Reply.json(status, obj, headers={"X-Request-Id": rid}, **kw)

    def _error(self, status: int, code: str, message: str, rid: str,
               details: dict[str, Any] | None = None, **kw: Any) -> Reply:
        err: dict[str, Any] = {"code": code, "message": message, "requestId": rid}
        if details:
            err["details"] = details
        return self._reply(status, {"error": err}, rid, **kw)

    def _wrap(self, path: str, handler: Callable[[Request, str, str], Reply]) -> Callable[
            [Request], Reply]:
        def serve(req: Request) -> Reply:
            rid = "req_srv_" + secrets.token_hex(6)
            auth = req.headers.get("authorization", "")
            m = re.fullmatch(r"Bearer (\S+)", auth)
            if m is None:
                return self._error(401, "unauthorized",
                                   "missing or invalid Authorization header", rid)
            key = m.group(1)
            if not re.fullmatch(r"spocr_[A-Za-z0-9_\-]+", key):
                return self._error(401, "unauthorized", "invalid API key format", rid)
            if key not in self.keys:
                return self._error(403, "forbidden", "unrecognized API key", rid)
            with self._lock:
                now = self.clock()
                sent = self._sent.setdefault(key, deque())
                while sent and sent[0] <= now - self.window_s:
                    sent.popleft()
                if len(sent) >= self.rate_limit:
                    self.rate_limited += 1
                    after = max(1, math.ceil(sent[0] + self.window_s - now))
                    return self._error(429, "rate_limited", "rate limit exceeded", rid,
                                       {"retryAfterSec": after})
                sent.append(now)
                queue = self._faults.get(req.path) or self._faults.get(path)
                fault = None
                if queue:
                    fault = queue[0]
                    fault.times -= 1
                    if fault.times <= 0:
                        queue.popleft()
            if fault is not None:
                if fault.raw_body is not None:
                    return Reply.raw(fault.status, fault.raw_body, fault.content_type,
                                     headers={"X-Request-Id": rid}, delay_s=fault.delay_s)
                details = ({"retryAfterSec": fault.retry_after_s}
                           if fault.retry_after_s is not None else None)
                return self._error(fault.status, fault.code, fault.message, rid, details,
                                   delay_s=fault.delay_s)
            return handler(req, rid, key)

        return serve

    def _charge(self, key: str, n: int, rid: str) -> Reply | None:
        with self._lock:
            left = self.scans.get(key)
            if left is None:
                return None
            if left < n:
                return self._error(402, "plan_limit_reached",
                                   "monthly scan limit of your plan reached", rid)
            self.scans[key] = left - n
        return None

    def _template(self, template_id: Any, fields: Any, rid: str) -> Reply | None:
        if template_id is not None:
            if not isinstance(template_id, str):
                return self._error(400, "invalid_request", "templateId must be a string", rid)
            if template_id not in BUILTIN_TEMPLATES:
                return self._error(404, "template_not_found",
                                   f"no template {template_id!r}", rid)
            return None
        if isinstance(fields, str):
            try:
                fields = json.loads(fields)
            except ValueError:
                fields = None
        if (not isinstance(fields, list) or not fields
                or not all(isinstance(f, dict) and isinstance(f.get("name"), str)
                           for f in fields)):
            return self._error(400, "invalid_request",
                               "give templateId or a non-empty fields list", rid)
        return None

    def _data_for(self, call: OcrCall) -> dict[str, Any]:
        with self._lock:
            self.calls.append(call)
            if self.responder is not None:
                return self.responder(call)
            if not self.page_data:
                return {}
            return self.page_data.pop(0) if len(self.page_data) > 1 else self.page_data[0]

    # ------------------------------------------------------------------ endpoints
    def _unknown(self, req: Request, rid: str, key: str) -> Reply:
        return self._error(404, "not_found", f"no endpoint {req.method} {req.path}", rid)

    def _ocr_fields(self, req: Request, rid: str, key: str) -> Reply:
        try:
            body = req.json()
        except ValueError:
            return self._error(400, "invalid_request", "the body is not JSON", rid)
        if not isinstance(body, dict) or not isinstance(body.get("image"), str):
            return self._error(400, "invalid_request", "image is required", rid)
        image_type = body.get("imageType")
        if image_type == "base64":
            try:
                image = base64.b64decode(body["image"], validate=True)
            except (binascii.Error, ValueError):
                return self._error(400, "invalid_image", "image is not pure base64", rid)
            if not image.startswith(_MAGIC):
                return self._error(400, "invalid_image",
                                   "unsupported image type (JPEG, PNG, GIF, BMP, TIFF, WebP)",
                                   rid)
        elif image_type == "url":
            image = body["image"].encode()
        else:
            return self._error(400, "invalid_request", "imageType must be url or base64", rid)
        bad = self._template(body.get("templateId"), body.get("fields"), rid)
        if bad is not None:
            return bad
        charged = self._charge(key, 1, rid)
        if charged is not None:
            return charged
        data = self._data_for(OcrCall(image, image_type, body.get("templateId"),
                                      body.get("fields"), key))
        return self._reply(200, {"status": "success", "data": data}, rid)

    def _upload(self, req: Request, rid: str, key: str) -> Reply:
        ctype = req.headers.get("content-type", "")
        if not ctype.startswith("multipart/form-data"):
            return self._error(400, "invalid_request", "send multipart/form-data", rid)
        msg = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + req.body
        )
        files: list[tuple[str, bytes]] = []
        form: dict[str, str] = {}
        for part in msg.iter_parts():  # type: ignore[attr-defined]
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if name == "file":
                files.append((part.get_filename() or "image", payload))
            elif name:
                form[name] = payload.decode("utf-8")
        if not files:
            return self._error(400, "invalid_request", "no file parts", rid)
        for fname, data in files:
            if not data.startswith(_MAGIC):
                return self._error(400, "invalid_image", f"{fname}: not a raster image", rid)
        bad = self._template(form.get("templateId"), form.get("fields"), rid)
        if bad is not None:
            return bad
        charged = self._charge(key, len(files), rid)
        if charged is not None:
            return charged
        jobs = []
        with self._lock:
            for fname, data in files:
                job_id = "job_" + secrets.token_hex(6)
                self.jobs[job_id] = {
                    "jobId": job_id, "status": "pending", "fileName": fname, "result": None,
                    "error": None, "_image": data, "_key": key, "_polls": 0,
                    "_templateId": form.get("templateId"), "_fields": form.get("fields"),
                    "_sheet": form.get("sheetId"), "_webhook": form.get("webhookUrl"),
                }
                jobs.append(self._public(self.jobs[job_id]))
        return self._reply(202, {"status": "success", "data": {"jobs": jobs}}, rid)

    @staticmethod
    def _public(job: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in job.items() if not k.startswith("_")}

    def _complete(self, job: dict[str, Any]) -> None:
        if job["fileName"] in self.fail_files:
            job["status"] = "failed"
            job["error"] = {"code": "ocr_failed", "message": "the image could not be read"}
        else:
            fields = job["_fields"]
            data = self._data_for(OcrCall(job["_image"], "upload", job["_templateId"],
                                          json.loads(fields) if fields else None, job["_key"]))
            job["status"] = "completed"
            job["result"] = data
            if job["_sheet"]:
                row = {"jobId": job["jobId"], "fileName": job["fileName"]}
                row.update({n: v.get("value") for n, v in data.items() if isinstance(v, dict)})
                self.sheets.setdefault(job["_sheet"], []).append(row)
        if job["_webhook"]:
            self._deliver(job)

    def _deliver(self, job: dict[str, Any]) -> None:
        body = json.dumps({"event": "job." + job["status"], "data": self._public(job)}).encode()
        secret = ("forged-" + self.webhook_secret) if self.forge_webhooks else self.webhook_secret
        sig = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        d = Delivery(job["_webhook"], body, sig, self.forge_webhooks)
        try:
            r = httpx.post(d.url, content=body, timeout=5.0, headers={
                "Content-Type": "application/json", "X-Spaceocr-Signature": sig})
            d.status = r.status_code
        except httpx.HTTPError:
            d.status = None
        self.deliveries.append(d)

    def finish_jobs(self) -> None:
        """Complete every job still running (delivering webhooks)."""
        with self._lock:
            pending = [j for j in self.jobs.values() if j["status"] in ("pending", "processing")]
        for job in pending:
            self._complete(job)

    def _job(self, req: Request, rid: str, key: str) -> Reply:
        job_id = req.path[len("/jobs/"):]
        with self._lock:
            job = self.jobs.get(job_id)
            if job is None or job["_key"] != key:
                return self._error(404, "not_found", f"no job {job_id!r}", rid)
            if job["status"] in ("pending", "processing"):
                job["_polls"] += 1
                if job["_polls"] >= self.polls_to_complete:
                    self._complete(job)
                else:
                    job["status"] = "processing"
            public = self._public(job)
        return self._reply(200, {"status": "success", "data": public}, rid)

    def _view(self, req: Request, rid: str, key: str) -> Reply:
        q = {k: v[0] for k, v in req.query.items()}
        sheet = q.get("sheetId")
        if not sheet:
            return self._error(400, "invalid_request", "sheetId is required", rid)
        with self._lock:
            rows = self.sheets.get(sheet)
            rows = None if rows is None else [dict(r) for r in rows]
        if rows is None:
            return self._error(404, "sheet_not_found", f"no sheet {sheet!r}", rid)
        try:
            if q.get("where"):
                rows = [r for r in rows if _matches(r, q["where"])]
            for key_name in reversed([s for s in q.get("sort", "").split(",") if s]):
                desc = key_name.startswith("-")
                name = key_name.lstrip("-+")
                rows.sort(key=lambda r, n=name: _sort_key(r.get(n)), reverse=desc)
        except ValueError as exc:
            return self._error(400, "invalid_request", str(exc), rid)
        total = len(rows)
        offset = int(q.get("offset") or 0)
        limit = int(q["limit"]) if q.get("limit") else None
        rows = rows[offset: None if limit is None else offset + limit]
        if q.get("select"):
            names = [s.strip() for s in q["select"].split(",") if s.strip()]
            rows = [{n: r.get(n) for n in names} for r in rows]
        return self._reply(200, {"status": "success", "data": {"rows": rows, "total": total}},
                           rid)


_COND = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(>=|<=|!=|=|>|<)\s*(.*?)\s*$")


def _num(v: Any) -> float | None:
    try:
        return float(str(v).replace(",", ""))
    except ValueError:
        return None


def _sort_key(v: Any) -> tuple[int, float, str]:
    n = _num(v) if v is not None else None
    return (0, n, "") if n is not None else (1, 0.0, "" if v is None else str(v))


def _matches(row: dict[str, Any], where: str) -> bool:
    for cond in re.split(r"\s+and\s+", where, flags=re.IGNORECASE):
        m = _COND.match(cond)
        if m is None:
            raise ValueError(f"cannot parse where condition {cond!r}")
        name, op, want = m.groups()
        have = row.get(name)
        a, b = _num(have), _num(want)
        if a is not None and b is not None:
            x: Any
            y: Any
            x, y = a, b
        else:
            x, y = "" if have is None else str(have), want
        ok = {"=": x == y, "!=": x != y, ">": x > y, "<": x < y, ">=": x >= y, "<=": x <= y}[op]
        if not ok:
            return False
    return True
