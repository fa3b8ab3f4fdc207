"""One request to the hosted space-ocr API: the key's header, rate limit, retries, errors.

:class:`HostedTransport` is the part of :class:`~spaceocr.core.client.HostedClient` that talks
HTTP: it sends ``Authorization: Bearer spocr_…`` on every request, waits for the client-side
:class:`~spaceocr.core.ratelimit.RateLimiter`, retries within a
:class:`~spaceocr.core.ratelimit.RetryPolicy` (a 429 waits ``details.retryAfterSec``; 500,
502, 503, 504, timeouts and dropped connections back off exponentially) and turns a final
failure into an :class:`~spaceocr.core.errors.ApiStatusError` (a message per HTTP status,
code ``api_<server code>``), an :class:`~spaceocr.core.errors.ApiTransportError` or an
:class:`~spaceocr.core.errors.ApiResponseError`. The client module's docstring documents the
API's shapes this relies on.

The key is revealed only to build a request's header; it is scrubbed from any server text an
error quotes (:meth:`HostedTransport.redact`), and nothing here logs headers or bodies.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx

from spaceocr import __version__
from spaceocr.core.errors import (
    ApiError,
    ApiResponseError,
    ApiStatusError,
    ApiTransportError,
    Cancelled,
    ConfigError,
)
from spaceocr.core.hosted import ApiReply
from spaceocr.core.ratelimit import (
    RATE_LIMIT_PER_MINUTE,
    Clock,
    RateLimiter,
    RetryPolicy,
    Sleep,
)
from spaceocr.core.secrets import Secret

__all__ = ["HostedTransport", "check_base_url", "check_cancel", "clip"]

logger = logging.getLogger(__name__)

_RETRY_STATUSES = frozenset({500, 502, 503, 504})


def check_cancel(cancel: threading.Event | None) -> None:
    """Raise :class:`Cancelled` when ``cancel`` is set."""
    if cancel is not None and cancel.is_set():
        raise Cancelled("cancelled by the user")


def check_base_url(url: str) -> str:
    """The API root without its trailing slash.

    Raises:
        ConfigError: not an http(s) URL, or plain http to a host other than this machine.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"the space-ocr API base URL must be an http(s) URL, got {url!r}", field="api_base"
        )
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ConfigError(
            f"refusing to send the API key in clear text to {parts.hostname}: use https:// "
            f"(plain http is allowed for 127.0.0.1 and localhost only)",
            field="api_base",
        )
    return url.strip().rstrip("/")


def clip(text: str, n: int = 200) -> str:
    """Server text for a message: whitespace collapsed, at most ``n`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"



class HostedTransport:
    """Sends requests to the hosted API for a :class:`~spaceocr.core.client.HostedClient`.

    Args:
        key: the checked ``spocr_…`` key.
        base_url: the API root; checked here (:func:`check_base_url`).
        http: an ``httpx.Client`` to use (default: one of our own, closed by :meth:`close`).
        timeout_s: read/write timeout of one request.
        retry: the retry policy.
        limiter: the client-side rate limiter (default 60 requests per minute).
        sleep: how to wait (tests pass a fake; by default waits end early on cancel).
        clock: a monotonic clock (tests pass a fake shared with ``sleep``).

    Raises:
        ConfigError: the base URL is not usable.
    """

    def __init__(
        self,
        key: Secret,
        *,
        base_url: str,
        http: httpx.Client | None = None,
        timeout_s: float = 60.0,
        retry: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
        sleep: Sleep | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        self._key = key
        self.base_url = check_base_url(base_url)
        self._own_http = http is None
        self._http = http or httpx.Client(
            timeout=httpx.Timeout(timeout_s, connect=min(10.0, timeout_s)),
            follow_redirects=False,
            headers={"User-Agent": f"spaceocr/{__version__}"},
        )
        self.retry = retry or RetryPolicy()
        self.clock = clock
        self._sleep_fn = sleep
        self.limiter = limiter or RateLimiter(clock=clock, sleep=sleep)

    def __repr__(self) -> str:
        return f"HostedTransport(base_url={self.base_url!r}, key={self._key.masked!r})"

    def close(self) -> None:
        """Close the HTTP connections (only those this transport opened)."""
        if self._own_http:
            self._http.close()

    def sleep(self, seconds: float, cancel: threading.Event | None) -> None:
        """Wait ``seconds`` (through the fake ``sleep`` when one was given);
        raises :class:`Cancelled` when ``cancel`` is set before or after."""
        check_cancel(cancel)
        if seconds <= 0:
            return
        if self._sleep_fn is not None:
            self._sleep_fn(seconds)
        elif cancel is not None:
            cancel.wait(seconds)
        else:
            time.sleep(seconds)
        check_cancel(cancel)

    def redact(self, text: str) -> str:
        """``text`` with the key replaced by ``[redacted]``."""
        key = self._key.reveal()
        return text.replace(key, "[redacted]") if key and key in text else text

    def _status_error(self, resp: httpx.Response, method: str, path: str,
                      attempts: int) -> ApiStatusError:
        status = resp.status_code
        text = self.redact(resp.text)
        envelope: Mapping[str, Any] = {}
        try:
            body = json.loads(text)
            if isinstance(body, Mapping) and isinstance(body.get("error"), Mapping):
                envelope = body["error"]
        except ValueError:
            pass
        server_code = str(envelope.get("code") or f"http_{status}")
        server_msg = clip(str(envelope.get("message") or ""))
        rid = envelope.get("requestId") or resp.headers.get("X-Request-Id")
        rid = str(rid) if rid else None
        raw_details = envelope.get("details")
        details: Mapping[str, Any] = raw_details if isinstance(raw_details, Mapping) else {}
        said = f": {server_msg}" if server_msg else ""
        where = f"{method} {path}"
        if status == 401:
            msg = (f"the space-ocr API key is missing or invalid (HTTP 401{said}); check it "
                   f"with `spaceocr config show` and set it with `spaceocr config set-key "
                   f"spaceocr` or SPACEOCR_API_KEY")
        elif status == 403:
            msg = (f"the space-ocr API does not recognise this API key (HTTP 403, unknown key"
                   f"{said}); create a key in your space-ocr account and set it with "
                   f"`spaceocr config set-key spaceocr`")
        elif status == 402:
            msg = (f"plan limit reached on the space-ocr API (HTTP 402{said}); upgrade the "
                   f"plan or wait until the monthly scans renew")
        elif status == 404:
            msg = f"not found on the space-ocr API: {where} (HTTP 404{said})"
        elif status == 429:
            after = details.get("retryAfterSec")
            wait = f"; retry after {after} s" if after is not None else ""
            msg = (f"rate limited by the space-ocr API (HTTP 429{said}) after {attempts} "
                   f"attempt(s); the limit is {RATE_LIMIT_PER_MINUTE} requests a minute per "
                   f"key{wait}")
        elif status == 400:
            msg = f"the space-ocr API rejected {where} (HTTP 400{said})"
        elif status >= 500:
            msg = (f"the space-ocr API failed on {where} (HTTP {status}{said}) after "
                   f"{attempts} attempt(s); try again later")
        else:
            msg = f"the space-ocr API answered {where} with HTTP {status}{said}"
        if rid:
            msg += f" [request {rid}]"
        safe_code = "".join(c if c.isalnum() or c == "_" else "_" for c in server_code.lower())
        return ApiStatusError(
            msg,
            status_code=status,
            request_id=rid,
            body=text,
            code=f"api_{safe_code}",
            details={"server_code": server_code, "status": status, "attempts": attempts,
                     **{str(k): v for k, v in details.items()}},
        )

    def _retry_after(self, resp: httpx.Response) -> float | None:
        try:
            body = resp.json()
            after = body["error"]["details"]["retryAfterSec"]
        except (ValueError, KeyError, TypeError):
            return None
        if isinstance(after, bool) or not isinstance(after, int | float) or after < 0:
            return None
        return float(after)

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
        url = self.base_url + path
        attempt = 0
        while True:
            attempt += 1
            self.limiter.acquire(cancel)
            check_cancel(cancel)
            t0 = self.clock()
            try:
                resp = self._http.request(
                    method,
                    url,
                    json=json_body,
                    params={k: v for k, v in (params or {}).items() if v is not None} or None,
                    files=files,
                    data=form,
                    headers={"Authorization": "Bearer " + self._key.reveal(),
                             "Accept": "application/json"},
                )
            except httpx.TimeoutException as exc:
                err: ApiError = ApiTransportError(
                    f"the space-ocr API did not answer {method} {path} in time "
                    f"({type(exc).__name__}) after {attempt} attempt(s); try again later",
                    code="api_timeout",
                    details={"attempts": attempt},
                )
                if attempt < self.retry.max_attempts:
                    logger.info("%s %s timed out; retrying (attempt %d)", method, path, attempt)
                    self.sleep(self.retry.backoff(attempt), cancel)
                    continue
                raise err from None
            except httpx.TransportError as exc:
                err = ApiTransportError(
                    f"cannot reach the space-ocr API at {self.base_url} "
                    f"({type(exc).__name__}: {self.redact(str(exc))}) after {attempt} "
                    f"attempt(s); check the network and SPACEOCR_API_BASE",
                    details={"attempts": attempt},
                )
                if attempt < self.retry.max_attempts:
                    logger.info("%s %s failed (%s); retrying", method, path, type(exc).__name__)
                    self.sleep(self.retry.backoff(attempt), cancel)
                    continue
                raise err from None
            rid = resp.headers.get("X-Request-Id")
            logger.debug("%s %s -> %d in %.2f s [request %s]", method, path, resp.status_code,
                         self.clock() - t0, rid)
            if 200 <= resp.status_code < 300:
                return self._parse_success(resp, method, path, rid, attempt)
            if attempt < self.retry.max_attempts:
                if resp.status_code == 429:
                    after = self._retry_after(resp)
                    wait = self.retry.backoff(attempt) if after is None else after
                    if wait <= self.retry.max_retry_after_s:
                        logger.info("rate limited on %s %s; waiting %.1f s [request %s]",
                                    method, path, wait, rid)
                        self.sleep(wait, cancel)
                        continue
                elif resp.status_code in _RETRY_STATUSES:
                    logger.info("%s %s answered %d; retrying [request %s]", method, path,
                                resp.status_code, rid)
                    self.sleep(self.retry.backoff(attempt), cancel)
                    continue
            raise self._status_error(resp, method, path, attempt)

    def _parse_success(self, resp: httpx.Response, method: str, path: str,
                       rid: str | None, attempts: int) -> ApiReply:
        try:
            body = resp.json()
        except ValueError:
            body = None
        if not isinstance(body, Mapping) or body.get("status", "success") != "success":
            raise ApiResponseError(
                f"the space-ocr API answered {method} {path} with a body that is not the "
                f"documented JSON (HTTP {resp.status_code}, {len(resp.content)} bytes)"
                + (f" [request {rid}]" if rid else ""),
                status_code=resp.status_code,
                request_id=rid,
            )
        rid = rid or (str(body["requestId"]) if body.get("requestId") else None)
        return ApiReply(resp.status_code, body, rid, attempts)
