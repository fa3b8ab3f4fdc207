"""A real HTTP server on 127.0.0.1 (port 0) in a thread, for client tests.

Tests register routes that replay recorded response shapes of services we cannot reach
(Google Vision, Anthropic, the hosted space-ocr API), and can script failures: a status, a
delay, a malformed body. Every request is recorded so tests can check what was sent.

    with ReplayServer() as srv:
        srv.route("POST", "/v1/messages", lambda req: Reply.json(200, {...}))
        client = Client(base_url=srv.url)
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  #: wait before answering (a slow server)

    @classmethod
    def json(cls, status: int, obj: Any, **kw: Any) -> Reply:
        headers = {"Content-Type": "application/json", **kw.pop("headers", {})}
        return cls(status, json.dumps(obj).encode("utf-8"), headers, **kw)

    @classmethod
    def raw(
        cls, status: int, body: bytes | str, content_type: str = "text/plain", **kw: Any
    ) -> Reply:
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = {"Content-Type": content_type, **kw.pop("headers", {})}
        return cls(status, data, headers, **kw)


Handler = Callable[[Request], Reply]


class ReplayServer:
    """Routes (method, path) to handlers; a handler may be a list, replayed in turn."""

    def __init__(self, *, poll_interval_s: float = 0.5) -> None:
        self._routes: dict[tuple[str, str], list[Handler] | Handler] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class _H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out as two writes: without TCP_NODELAY each keep-alive
            # answer waits ~40 ms for the client's delayed ACK
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                return

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                req = Request(self.command, parts.path, parse_qs(parts.query),
                              {k.lower(): v for k, v in self.headers.items()}, body)
                with server._lock:
                    server.requests.append(req)
                reply = server._dispatch(req)
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                try:
                    self.send_response(reply.status)
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _H)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": poll_interval_s},
            daemon=True,
        )

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def route(self, method: str, path: str, handler: Handler | list[Handler]) -> None:
        """Answer ``method path`` with ``handler``; a list answers successive requests in turn
        (the last one repeats)."""
        with self._lock:
            self._routes[(method.upper(), path)] = (
                list(handler) if isinstance(handler, list) else handler
            )

    def reset(self) -> None:
        """Forget every route and recorded request (to share one server between tests)."""
        with self._lock:
            self._routes.clear()
            self.requests.clear()

    def _dispatch(self, req: Request) -> Reply:
        with self._lock:
            h = self._routes.get((req.method, req.path))
            if h is None:
                # a route registered with a trailing "*" matches by prefix
                for (m, p), cand in self._routes.items():
                    if m == req.method and p.endswith("*") and req.path.startswith(p[:-1]):
                        h = cand
                        break
            if isinstance(h, list):
                h = h.pop(0) if len(h) > 1 else h[0]
        if h is None:
            return Reply.json(404, {"error": {"code": "not_found", "message": "no route"}})
        return h(req)

    def start(self) -> ReplayServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
