"""Anthropic's Messages API (``POST /v1/messages``) replayed on the local :class:`ReplayServer`.

Bodies follow https://docs.anthropic.com/en/api/messages (a ``message`` with ``tool_use``
content blocks and ``usage``) and https://docs.anthropic.com/en/api/errors (``{"type":
"error", "error": {"type", "message"}}`` with the HTTP status); the recorded files are in
tests/data/recorded/anthropic_*.json.

:func:`scripted_model` plays a model that reads the prompt the client actually sent: it finds
the words (``ID|WORD``) that spell each value it was told to answer and cites their ids, so a
test checks the whole path ids → characters → box without knowing how ids are assigned.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from tests.support.httpserver import ReplayServer, Reply, Request
from tests.support.vision_api import load_recorded

MESSAGES_PATH = "/v1/messages"
_ITEM = re.compile(r"(w_[a-z]+)\|(\S+)")


def prompt_text(req: Request) -> str:
    """The user message text of a Messages request."""
    body = req.json()
    parts = []
    for msg in body["messages"]:
        content = msg["content"]
        if isinstance(content, str):
            parts.append(content)
        else:
            parts.extend(b.get("text", "") for b in content if isinstance(b, Mapping))
    return "\n".join(parts)


def prompt_words(req: Request) -> list[tuple[str, str]]:
    """The (id, word) pairs of the prompt, in order."""
    return _ITEM.findall(prompt_text(req))


def _norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).casefold().split())


def ids_for(words: Sequence[tuple[str, str]], value: str) -> list[str]:
    """The ids of the consecutive words that together spell ``value`` (ignoring spaces and
    case), or [] when no run of words does. Runs spelling exactly the value come first; then
    a run may stick out at either end (``Total:`` holds ``Total``)."""
    target = _norm(value)
    if not target:
        return []
    normed = [_norm(w) for _, w in words]
    runs = [(i, size) for size in range(1, min(len(words), 40) + 1)  # shortest runs first
            for i in range(len(words) - size + 1)]
    for exact in (True, False):  # words that spell exactly the value beat a word holding it
        for i, size in runs:
            joined = "".join(normed[i : i + size])
            if joined == target if exact else target in joined:
                return [w for w, _ in words[i : i + size]]
    return []


def message_body(tool_input: Any, *, model: str = "claude-sonnet-5-5",
                 usage: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The recorded tool_use message with ``tool_input`` as the tool's input."""
    body = copy.deepcopy(load_recorded("anthropic_message_tool_use.json"))
    body["content"][0]["input"] = tool_input
    body["model"] = model
    if usage is not None:
        body["usage"] = dict(usage)
    return body


def message_reply(tool_input: Any, *, model: str = "claude-sonnet-5-5",
                  usage: Mapping[str, int] | None = None, **kw: Any) -> Reply:
    """A 200 tool_use message; ``kw`` goes to :class:`Reply` (``delay_s``, ``headers``)."""
    headers = {"request-id": "req_test_ok", **kw.pop("headers", {})}
    return Reply.json(200, message_body(tool_input, model=model, usage=usage), headers=headers,
                      **kw)


def error_reply(status: int, **kw: Any) -> Reply:
    """The recorded error body for ``status`` (400, 401, 403, 429, 500, 529)."""
    body = load_recorded(f"anthropic_error_{status}.json")
    headers = {"request-id": body.get("request_id", ""), **kw.pop("headers", {})}
    return Reply.json(status, body, headers=headers, **kw)


Answer = Mapping[str, Any]  #: field -> value (str), a wrong-id value (tuple), or rows (list)


def scripted_model(answer: Answer, *, usage: Mapping[str, int] | None = None) -> Callable[
    [Request], Reply
]:
    """A handler answering like a model that read the prompt.

    ``answer`` maps a field to the value it "found": a str is cited with the ids of the words
    spelling it (none when the page does not show it: a hallucination); ``(value, [ids])``
    cites the ids given; a list of dicts is an array field, each row answered the same way.
    """

    def cite(words: Sequence[tuple[str, str]], v: Any) -> dict[str, Any]:
        if isinstance(v, tuple):
            return {"value": v[0], "tokens": list(v[1])}
        return {"value": v, "tokens": ids_for(words, v)}

    def handler(req: Request) -> Reply:
        words = prompt_words(req)
        fields: dict[str, Any] = {}
        for name, v in answer.items():
            if isinstance(v, list):
                fields[name] = [{k: cite(words, c) for k, c in row.items()} for row in v]
            else:
                fields[name] = cite(words, v)
        return message_reply({"fields": fields}, usage=usage)

    return handler


class AnthropicServer:
    """A :class:`ReplayServer` answering ``POST /v1/messages``."""

    def __init__(self, server: ReplayServer) -> None:
        self.server = server

    @property
    def base_url(self) -> str:
        """The value for ``ANTHROPIC_BASE_URL``."""
        return self.server.url

    def answer(self, *handlers: Callable[[Request], Reply] | Reply) -> None:
        """Answer successive requests in turn (the last repeats)."""
        hs = [h if callable(h) else (lambda _r, rep=h: rep) for h in handlers]
        self.server.route("POST", MESSAGES_PATH, hs)

    @property
    def requests(self) -> list[Request]:
        return [r for r in self.server.requests if r.path == MESSAGES_PATH]
