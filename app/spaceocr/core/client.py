"""The client of the hosted space-ocr REST API (``https://api.space-ocr.com``), over httpx.

What the reference (``space-ocr-api.txt``) documents, and this client does:

* ``Authorization: Bearer spocr_…`` on every request; the key's form is checked when the
  client is built, before any request is sent. ``SPACEOCR_API_BASE`` overrides the base URL.
* ``POST /ocr/fields`` with ``image`` (pure base64 here), ``imageType`` and ``templateId`` or
  ``fields``; the answer is ``{"status": "success", "data": {name: field}}`` where a field
  carries ``value``, ``bbox`` (0–1000 grid), ``vertices``, ``match_ratio``, ``bbox_source``.
* ``POST /upload`` queues images, a job per file with status ``pending``; ``GET /jobs/{jobId}``
  polls one; ``GET /view`` reads a stored sheet with ``where``, ``sort`` and ``select``.
* Errors share ``{"error": {"code", "message", "requestId"}}`` (400, 401, 402, 404, 429, 500,
  502) and every response has an ``X-Request-Id`` header. 401 = missing/invalid key, 403 =
  unknown key, 429 = ``rate_limited`` with ``details.retryAfterSec`` (not ``Retry-After``).
  The limit is 60 requests a minute per key: :class:`RateLimiter` keeps us under it.

Where the reference is silent, this client assumes the obvious shape (the replay server in
``tests/support/hosted_api.py`` implements the same assumptions):

* ``imageType`` is ``"base64"`` for an inline image and ``"url"`` for a URL.
* ``fields`` (a custom template) is a list of ``{"name", "type", "description"?,
  "children"?}`` objects, the same shape as our template files; built-in templates the API
  names (receipt, invoice, delivery, business_card, driver_license) go as ``templateId``,
  our other built-ins go as ``fields``.
* ``POST /upload`` is ``multipart/form-data``: one ``file`` part per image, plus the form
  fields ``templateId`` or ``fields`` (JSON text), and optionally ``sheetId`` and
  ``webhookUrl``. It answers ``{"status": "success", "data": {"jobs": [{"jobId", "status",
  "fileName"}]}}``.
* ``GET /jobs/{jobId}`` answers ``{"status": "success", "data": {"jobId", "status", "fileName",
  "result": {field...} | null, "error": {"code", "message"} | null}}``; the statuses are
  ``pending``, ``processing``, ``completed`` and ``failed``.
* ``GET /view`` takes ``sheetId``, ``where`` (e.g. ``total>1000 and currency=JPY``), ``sort``
  (a field name, ``-`` for descending), ``select`` (comma-separated names), ``limit`` and
  ``offset``; it answers ``{"status": "success", "data": {"rows": [...], "total": n}}``.
* 403 carries the code ``forbidden``, 402 ``plan_limit_reached``; the client keys on the HTTP
  status, never on these codes, and keeps the server's code as ``api_<code>``.

Retries are bounded (:class:`RetryPolicy`): a 429 waits ``retryAfterSec``; 500, 502, 503,
504, timeouts and dropped connections back off exponentially (the request machinery is
:class:`~spaceocr.core.client_transport.HostedTransport`, which the client owns). A retried
``POST /ocr/fields`` after a timeout may be charged twice by the service: the reference says
nothing either way.
Each final failure is an :class:`~spaceocr.core.errors.ApiStatusError` (code ``api_<server
code>``, ``status_code``, ``request_id``), an :class:`~spaceocr.core.errors.ApiTransportError`
(``api_timeout``, ``api_transport``) or an :class:`~spaceocr.core.errors.ApiResponseError`.

The key never leaves :class:`~spaceocr.core.secrets.Secret` except to build the header of a
request; it is scrubbed from any server text that is quoted in an error, and nothing here
logs headers or bodies.
"""


from __future__ import annotations

import base64
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import httpx

from spaceocr.core.client_transport import HostedTransport, check_cancel, clip
from spaceocr.core.documents import open_document
from spaceocr.core.errors import ApiError, ApiResponseError, ConfigError, PageError
from spaceocr.core.export.json import result_from_api
from spaceocr.core.hosted import (
    API_TEMPLATE_IDS,
    ApiReply,
    Job,
    ViewPage,
    encode_page,
    merge_page_data,
    template_payload,
)
from spaceocr.core.ratelimit import (
    RATE_LIMIT_PER_MINUTE,
    Clock,
    RateLimiter,
    RetryPolicy,
    Sleep,
)
from spaceocr.core.secrets import KeyStore, Secret, check_key_form
from spaceocr.core.templates.schema import Template
from spaceocr.core.types import DocumentResult, ResultWarning

if TYPE_CHECKING:
    from spaceocr.core.pipeline import PipelineOptions

__all__ = [
    "API_TEMPLATE_IDS",
    "DEFAULT_BASE_URL",
    "ENGINE_NAME",
    "RATE_LIMIT_PER_MINUTE",
    "ApiReply",
    "HostedClient",
    "Job",
    "RateLimiter",
    "RetryPolicy",
    "ViewPage",
    "encode_page",
    "merge_page_data",
    "template_payload",
]

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.space-ocr.com"
ENGINE_NAME = "space-ocr api"

ProgressCallback = Callable[[str, int, int], None]


# --------------------------------------------------------------------------- the client
class HostedClient:
    """A client of the hosted space-ocr API.

    Args:
        api_key: the ``spocr_…`` key (a :class:`Secret` or text); its form is checked here.
        base_url: the API root (default ``https://api.space-ocr.com``).
        http: an ``httpx.Client`` to use (default: one of our own, closed by :meth:`close`).
        timeout_s: read/write timeout of one request.
        retry: the retry policy.
        limiter: the client-side rate limiter (default 60 requests per minute).
        sleep: how to wait (tests pass a fake; by default waits end early on cancel).
        clock: a monotonic clock (tests pass a fake shared with ``sleep``).
        poll_interval_s: the pause between two polls of a job.

    Raises:
        ConfigError: the key is missing or ill-formed, or the base URL is not usable.
    """

    def __init__(
        self,
        api_key: str | Secret | None,
        *,
        base_url: str = DEFAULT_BASE_URL,
        http: httpx.Client | None = None,
        timeout_s: float = 60.0,
        retry: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
        sleep: Sleep | None = None,
        clock: Clock = time.monotonic,
        poll_interval_s: float = 2.0,
    ) -> None:
        if api_key is None:
            raise ConfigError(
                "the space-ocr API key is missing: run `spaceocr config set-key spaceocr` or "
                "set SPACEOCR_API_KEY",
                field="spaceocr",
            )
        secret = api_key if isinstance(api_key, Secret) else Secret(
            api_key, name="spaceocr", source="argument"
        )
        value = check_key_form("spaceocr", secret.reveal(), source=secret.source)
        self._key = Secret(value, name="spaceocr", source=secret.source)
        self._transport = HostedTransport(
            self._key, base_url=base_url, http=http, timeout_s=timeout_s, retry=retry,
            limiter=limiter, sleep=sleep, clock=clock,
        )
        self._clock = clock
        self.poll_interval_s = poll_interval_s

    @property
    def base_url(self) -> str:
        """The API root, without a trailing slash."""
        return self._transport.base_url

    @property
    def retry(self) -> RetryPolicy:
        """The retry policy of every request."""
        return self._transport.retry

    @property
    def limiter(self) -> RateLimiter:
        """The client-side rate limiter every request waits for."""
        return self._transport.limiter

    @classmethod
    def from_environment(
        cls,
        *,
        environ: Mapping[str, str] | None = None,
        keys: KeyStore | None = None,
        settings_path: str | os.PathLike[str] | None = None,
        **kwargs: Any,
    ) -> HostedClient:
        """A client configured from the environment, the keyring and the settings.

        The base URL is ``SPACEOCR_API_BASE``, else the ``api_base`` setting; the key is
        ``SPACEOCR_API_KEY``, else the keyring's.

        Raises:
            ConfigError: no key, an ill-formed key, or a bad base URL or settings file.
        """
        env = os.environ if environ is None else environ
        base = env.get("SPACEOCR_API_BASE", "").strip()
        if not base:
            from spaceocr.core.settings import load_settings

            base = load_settings(settings_path).api_base
        store = keys or KeyStore(environ=env)
        return cls(store.require("spaceocr"), base_url=base, **kwargs)

    def __repr__(self) -> str:
        return f"HostedClient(base_url={self.base_url!r}, key={self._key.masked!r})"

    def close(self) -> None:
        """Close the HTTP connections (only those this client opened)."""
        self._transport.close()

    def __enter__(self) -> HostedClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ requests
    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        params: Mapping[str, Any] | None = None,
        files: Sequence[tuple[str, tuple[str, bytes, str]]] | None = None,
        form: Mapping[str, str] | None = None,
        cancel: threading.Event | None = None,
    ) -> ApiReply:
        """Send one API request with rate limiting and bounded retries.

        Returns:
            the parsed success body with the server's request id.

        Raises:
            ApiStatusError: the final answer was an error status.
            ApiTransportError: the final attempt timed out or lost the connection.
            ApiResponseError: a 2xx answer that is not a JSON object.
            Cancelled: ``cancel`` was set.
        """
        return self._transport.request(
            method, path, json_body=json_body, params=params, files=files, form=form,
            cancel=cancel,
        )

    # ------------------------------------------------------------------ endpoints
    def ocr_fields(
        self,
        image: bytes | str,
        *,
        template: Template | None = None,
        fields: Sequence[Mapping[str, Any]] | None = None,
        template_id: str | None = None,
        cancel: threading.Event | None = None,
    ) -> ApiReply:
        """``POST /ocr/fields`` for one image.

        Args:
            image: the image's bytes (sent as base64) or a URL (``imageType: url``).
            template: ours; becomes ``templateId`` or ``fields`` (:func:`template_payload`).
            fields: a raw ``fields`` list instead of a template.
            template_id: a raw ``templateId`` instead of a template.

        Returns:
            the reply; ``reply.data`` maps field names to the API's field objects.

        Raises:
            ApiStatusError, ApiTransportError, ApiResponseError, Cancelled.
        """
        body: dict[str, Any]
        if isinstance(image, str):
            body = {"image": image, "imageType": "url"}
        else:
            body = {"image": base64.b64encode(image).decode("ascii"), "imageType": "base64"}
        if template is not None:
            body.update(template_payload(template))
        elif fields is not None:
            body["fields"] = list(fields)
        elif template_id is not None:
            body["templateId"] = template_id
        else:
            raise ValueError("give a template, fields or a template_id")
        reply = self.request("POST", "/ocr/fields", json_body=body, cancel=cancel)
        if not isinstance(reply.data, Mapping):
            raise ApiResponseError(
                "the space-ocr API answered POST /ocr/fields without a 'data' object"
                + (f" [request {reply.request_id}]" if reply.request_id else ""),
                request_id=reply.request_id,
            )
        return reply

    def upload(
        self,
        images: Iterable[tuple[str, bytes]],
        *,
        template: Template,
        sheet: str | None = None,
        webhook_url: str | None = None,
        cancel: threading.Event | None = None,
    ) -> list[Job]:
        """``POST /upload``: queue images, a job per file (status ``pending``).

        Args:
            images: ``(file name, image bytes)`` pairs (JPEG, PNG, ...; no PDF).
            template: the template to read them with.
            sheet: the stored sheet to add them to.
            webhook_url: where the API posts the signed completion webhook.
        """
        from spaceocr.core.documents import sniff_kind

        files: list[tuple[str, tuple[str, bytes, str]]] = []
        for name, data in images:
            kind = sniff_kind(data[:1024])
            if kind is None or kind == "pdf":
                raise ValueError(f"{name}: only raster images can be uploaded (got {kind})")
            files.append(("file", (name, data, f"image/{kind}")))
        if not files:
            raise ValueError("nothing to upload")
        form = {k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                for k, v in template_payload(template).items()}
        if sheet:
            form["sheetId"] = sheet
        if webhook_url:
            form["webhookUrl"] = webhook_url
        reply = self.request("POST", "/upload", files=files, form=form, cancel=cancel)
        data = reply.data
        jobs = data.get("jobs") if isinstance(data, Mapping) else data
        if not isinstance(jobs, list) or not all(isinstance(j, Mapping) for j in jobs):
            raise ApiResponseError(
                "the space-ocr API answered POST /upload without a list of jobs",
                request_id=reply.request_id,
            )
        return [Job.from_api(j, reply.request_id) for j in jobs]

    def upload_files(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        template: Template,
        options: PipelineOptions | None = None,
        sheet: str | None = None,
        webhook_url: str | None = None,
        cancel: threading.Event | None = None,
    ) -> list[Job]:
        """Queue documents: each is opened and checked as for :meth:`process_document`, each
        page becomes one image (``name-p2.png`` for page 2 of a PDF)."""
        images: list[tuple[str, bytes]] = []
        for path in paths:
            with self._open(path, options) as doc:
                for i in range(doc.page_count):
                    check_cancel(cancel)
                    data, mime = encode_page(doc.page(i).image, source_kind=doc.kind)
                    ext = "png" if mime == "image/png" else "jpg"
                    stem = Path(doc.name).stem
                    name = f"{stem}.{ext}" if doc.page_count == 1 else f"{stem}-p{i + 1}.{ext}"
                    images.append((name, data))
        return self.upload(images, template=template, sheet=sheet, webhook_url=webhook_url,
                           cancel=cancel)

    def get_job(self, job_id: str, *, cancel: threading.Event | None = None) -> Job:
        """``GET /jobs/{jobId}``."""
        reply = self.request("GET", "/jobs/" + quote(job_id, safe=""), cancel=cancel)
        if not isinstance(reply.data, Mapping):
            raise ApiResponseError(
                "the space-ocr API answered GET /jobs without a job object",
                request_id=reply.request_id,
            )
        return Job.from_api(reply.data, reply.request_id)

    def wait_for_job(
        self,
        job_id: str,
        *,
        timeout_s: float = 600.0,
        cancel: threading.Event | None = None,
    ) -> Job:
        """Poll a job until it is ``completed`` or ``failed`` (a failed job is returned, not
        raised: it is that file's result).

        Raises:
            ApiError: code ``api_job_timeout`` when it is still running after ``timeout_s``.
        """
        deadline = self._clock() + timeout_s
        while True:
            job = self.get_job(job_id, cancel=cancel)
            if job.is_done:
                return job
            if self._clock() >= deadline:
                raise ApiError(
                    f"job {job_id} is still {job.status} after {timeout_s:.0f} s; poll it "
                    f"again later",
                    code="api_job_timeout",
                    details={"jobId": job_id, "status": job.status},
                )
            self._transport.sleep(self.poll_interval_s, cancel)

    def view(
        self,
        sheet: str,
        *,
        where: str | None = None,
        sort: str | None = None,
        select: str | Sequence[str] | None = None,
        limit: int | None = None,
        offset: int | None = None,
        cancel: threading.Event | None = None,
    ) -> ViewPage:
        """``GET /view``: rows of a stored sheet (free: nothing is OCR'd again)."""
        if select is not None and not isinstance(select, str):
            select = ",".join(select)
        reply = self.request(
            "GET", "/view",
            params={"sheetId": sheet, "where": where, "sort": sort, "select": select,
                    "limit": limit, "offset": offset},
            cancel=cancel,
        )
        data = reply.data
        rows = data.get("rows") if isinstance(data, Mapping) else data
        if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
            raise ApiResponseError(
                "the space-ocr API answered GET /view without a list of rows",
                request_id=reply.request_id,
            )
        total = data.get("total") if isinstance(data, Mapping) else None
        return ViewPage(
            tuple(rows),
            total if isinstance(total, int) and not isinstance(total, bool) else None,
            reply.request_id,
            MappingProxyType(dict(reply.body)),
        )

    # ------------------------------------------------------------------ documents
    def _open(self, path: str | os.PathLike[str], options: PipelineOptions | None) -> Any:
        kwargs: dict[str, Any] = {}
        if options is not None:
            kwargs = {"password": options.password, "dpi": options.dpi,
                      "limits": options.limits}
        return open_document(path, **kwargs)

    def process_document(
        self,
        path: str | os.PathLike[str],
        template: Template,
        *,
        options: PipelineOptions | None = None,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> DocumentResult:
        """Read one document with the hosted API, page by page, into a
        :class:`~spaceocr.core.types.DocumentResult` (``mode="hosted"``).

        The document is opened and checked by :func:`~spaceocr.core.documents.open_document`
        (same errors as the other modes); each page is sent to ``POST /ocr/fields``; the
        pages' answers are merged (:func:`merge_page_data`). Boxes are the API's, passed
        through; a value without a box stays ungrounded.

        Raises:
            DocumentError: the file cannot be opened, or no page could be rendered.
            ApiStatusError, ApiTransportError, ApiResponseError: the API failed on a page.
            Cancelled: ``cancel`` was set.
        """
        t0 = time.perf_counter()
        per_page: list[tuple[int, Mapping[str, Any]]] = []
        warnings: list[ResultWarning] = []
        sizes: list[tuple[int, int]] = []
        request_ids: list[str] = []
        with self._open(path, options) as doc:
            n = doc.page_count
            name, sha256 = doc.name, doc.sha256
            for i in range(n):
                check_cancel(cancel)
                try:
                    page = doc.page(i)
                except PageError as exc:
                    logger.warning("page %d of %s skipped: %s", i + 1, name, exc.code)
                    warnings.append(ResultWarning("page_error", str(exc), i))
                    sizes.append((0, 0))
                    continue
                sizes.append((page.width_px, page.height_px))
                data, _mime = encode_page(page.image, source_kind=doc.kind)
                del page
                reply = self.ocr_fields(data, template=template, cancel=cancel)
                if reply.request_id:
                    request_ids.append(reply.request_id)
                per_page.append((i, reply.data))
                if progress:
                    progress("ocr", i + 1, n)
            if not per_page:
                raise PageError(f"{name}: none of its {n} page(s) could be read.",
                                path=doc.path)
            repaired = "repaired" in doc.warnings
        if repaired:
            warnings.append(ResultWarning("repaired", "the PDF was damaged and was repaired"))
        merged = merge_page_data(per_page, template)
        total = round(time.perf_counter() - t0, 4)
        return result_from_api(
            {"status": "success", "data": merged},
            template=template.name,
            source="api",
            file_name=name,
            sha256=sha256,
            page_count=n,
            page_sizes=tuple(sizes),
            engine=ENGINE_NAME,
            extractor=ENGINE_NAME,
            mode="hosted",
            warnings=tuple(warnings),
            timings=MappingProxyType({"total": total}),
            meta=MappingProxyType({"request_ids": request_ids}),
        )

    def job_result(self, job: Job, template: Template) -> DocumentResult:
        """A completed job's result as a one-page :class:`DocumentResult`.

        Raises:
            ApiError: the job is not completed (code ``api_job_failed`` with the job's error).
        """
        return self.jobs_result([job], template)

    def jobs_result(
        self, jobs: Sequence[Job], template: Template, *, file_name: str | None = None
    ) -> DocumentResult:
        """The completed jobs of one document's pages, in page order, as one
        :class:`DocumentResult` (merged as :meth:`process_document` merges its pages).

        Raises:
            ValueError: no jobs.
            ApiError: a job is not completed (code ``api_job_failed``, naming its page).
        """
        if not jobs:
            raise ValueError("no jobs to read a result from")
        per_page: list[tuple[int, Mapping[str, Any]]] = []
        for i, job in enumerate(jobs):
            if not job.is_ok or job.result is None:
                err = job.error or {}
                page = f", page {i + 1}," if len(jobs) > 1 else ""
                raise ApiError(
                    f"job {job.job_id} ({job.file_name or 'file'}{page}) is {job.status}"
                    + (f": {clip(self._transport.redact(str(err.get('message'))))}"
                       if err.get("message") else ""),
                    code="api_job_failed",
                    details={"jobId": job.job_id, "server_code": err.get("code")},
                )
            inner = job.result.get("data")
            per_page.append((i, inner if isinstance(inner, Mapping) else job.result))
        merged = merge_page_data(per_page, template)
        meta: dict[str, Any] = {"job_ids": [j.job_id for j in jobs],
                                "request_ids": [j.request_id for j in jobs if j.request_id]}
        if len(jobs) == 1:
            meta["job_id"] = jobs[0].job_id
        return result_from_api(
            {"status": "success", "data": merged},
            template=template.name,
            source="api",
            file_name=file_name or jobs[0].file_name,
            page_count=len(jobs),
            engine=ENGINE_NAME,
            extractor=ENGINE_NAME,
            mode="hosted",
            meta=MappingProxyType(meta),
        )
