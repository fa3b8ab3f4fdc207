"""Extraction by Anthropic Claude: the OCR words and the template in, values and word ids out.

The model never sees or returns coordinates. The prompt lists the page text word by word, each
word tagged with an id; the model answers through one tool whose JSON schema holds, for every
field of the template, the value as printed and the ids of the words it read it from (array
fields as lists of objects). The ids become a :class:`~spaceocr.core.types.MatchHint` on the
characters of those words, and :mod:`spaceocr.core.matching` grounds the value on them first,
on the whole page when they do not spell it; a value that is on no page comes back for review
with no box.

Word ids are ``w_`` plus lowercase letters (``w_a`` … ``w_z``, ``w_aa`` …, a bijective base-26
count over the document): no digits, so an id can never be mistaken for an amount, a date, a
quantity or an invoice number printed on the page, and the ``w_`` prefix keeps it apart from
words like ``ab`` or ``id``.

No sampling temperature is sent: the Messages API version the installed SDK speaks
(``anthropic-version: 2026-10-21``, SDK 2.x) rejects ``temperature``/``top_p``/``top_k`` with a
400 on every model, and the SDK no longer takes them. The answer is pinned instead by a forced
tool call (``tool_choice``) whose JSON schema allows only the template's fields.

Credentials: the ``api_key`` argument, the key store, then ``ANTHROPIC_API_KEY``. The base URL
is the SDK's own (``ANTHROPIC_BASE_URL``) unless ``base_url`` is given. Retries on 429, 529
and 5xx are the SDK's (``max_retries``, exponential backoff honouring ``retry-after``).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from spaceocr.core.errors import (
    Cancelled,
    ConfigError,
    EngineAuthError,
    EngineError,
    EngineQuotaError,
    EngineRequestFailed,
    EngineUnavailable,
)
from spaceocr.core.secrets import lookup_key
from spaceocr.core.templates.schema import FieldSpec, Template
from spaceocr.core.types import ExtractedField, Extraction, MatchHint, OcrPage

__all__ = [
    "API_KEY_ENV",
    "DEFAULT_MODEL",
    "MODEL_ENV",
    "TOOL_NAME",
    "ClaudeExtractor",
    "WordIndex",
    "build_tool_schema",
    "word_id",
]

logger = logging.getLogger(__name__)

API_KEY_ENV = "ANTHROPIC_API_KEY"
MODEL_ENV = "SPACEOCR_CLAUDE_MODEL"
#: The newest Sonnet the installed SDK names; override with ``model=`` or SPACEOCR_CLAUDE_MODEL.
DEFAULT_MODEL = "claude-sonnet-5-5"
TOOL_NAME = "record_fields"
LLM_TOKENS = "llm_tokens"  #: the MatchHint source for characters the model cited

_TYPE_NOTES = {
    "amount": "a money amount exactly as printed (keep separators and symbol as on the page)",
    "number": "a number exactly as printed",
    "date": "a date exactly as printed",
    "time": "a time exactly as printed",
    "phone": "a phone number exactly as printed",
    "email": "an e-mail address",
    "url": "a web address",
    "id": "an identifier (number, code) exactly as printed",
    "address": "a postal address as printed (all its lines)",
    "currency": "the currency as printed (symbol or code)",
    "text": "text as printed",
}
_NORMALIZED_NOTES = {
    "amount": "the amount as a plain decimal, e.g. 1234.50 (no separators, no symbol)",
    "number": "the number as a plain decimal",
    "date": "the date as ISO 8601 YYYY-MM-DD",
    "time": "the time as HH:MM (24 h)",
}

_SYSTEM = (
    "You read documents (invoices, receipts, cards) for a clerk. The document text comes from "
    "OCR, one line per printed line, each word written as ID|WORD. IDs start with w_ and are "
    "labels you cite, never part of the document: a value must never contain an ID. Fill the "
    f"{TOOL_NAME} tool: for each field that is printed on the document give the value exactly "
    "as printed (same characters, do not translate, do not reformat) and the IDs of the words "
    "you read it from, in reading order. Leave out a field that is not on the document; never "
    "guess or compute a value that is not printed. For line items give one object per row."
)


def word_id(n: int) -> str:
    """The id of the ``n``-th word (0-based): ``w_a`` … ``w_z``, ``w_aa``, … (letters only)."""
    if n < 0:
        raise ValueError("word numbers start at 0")
    letters = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("a") + r) + letters
    return "w_" + letters


class WordIndex:
    """The words of some pages, each with its id and the characters it is made of."""

    def __init__(self, pages: Sequence[OcrPage], *, max_words: int | None = None) -> None:
        self.by_id: dict[str, tuple[int, tuple[int, ...]]] = {}
        self.truncated = False
        self._lines: list[tuple[int, list[str]]] = []  # (page index, "id|text" items)
        n = 0
        for page in pages:
            for line in _words_by_line(page):
                items: list[str] = []
                for text, idx in line:
                    if max_words is not None and n >= max_words:
                        self.truncated = True
                        break
                    wid = word_id(n)
                    n += 1
                    self.by_id[wid] = (page.index, idx)
                    items.append(f"{wid}|{text}")
                if items:
                    self._lines.append((page.index, items))
        self.count = n

    def render(self) -> str:
        """The text block the prompt carries: a header per page, one line per OCR line."""
        out: list[str] = []
        last: int | None = None
        for page_index, items in self._lines:
            if page_index != last:
                out.append(f"--- page {page_index + 1} ---")
                last = page_index
            out.append(" ".join(items))
        return "\n".join(out)

    def hint(self, ids: Sequence[str]) -> tuple[MatchHint | None, int]:
        """The hint for the words cited, and how many cited ids were unknown.

        Words on several pages: the page with most of them wins.
        """
        per_page: dict[int, list[int]] = {}
        unknown = 0
        for wid in ids:
            found = self.by_id.get(str(wid).strip())
            if found is None:
                unknown += 1
                continue
            per_page.setdefault(found[0], []).extend(found[1])
        if not per_page:
            return None, unknown
        page_index = max(per_page, key=lambda p: (len(per_page[p]), -p))
        chars = tuple(sorted(set(per_page[page_index])))
        return MatchHint(page_index=page_index, char_indices=chars, source=LLM_TOKENS), unknown


def _words_by_line(page: OcrPage) -> list[list[tuple[str, tuple[int, ...]]]]:
    lines: list[list[tuple[str, tuple[int, ...]]]] = []
    cur_line: int | None = None
    cur_word: int | None = None
    text: list[str] = []
    idx: list[int] = []

    def flush() -> None:
        if idx:
            lines[-1].append(("".join(text), tuple(idx)))
        text.clear()
        idx.clear()

    for i, ch in enumerate(page.chars):
        if ch.line_no != cur_line:
            flush()
            lines.append([])
            cur_line, cur_word = ch.line_no, None
        if ch.word_no != cur_word:
            flush()
            cur_word = ch.word_no
        if ch.text.strip():
            text.append(ch.text)
            idx.append(i)
    flush()
    return [line for line in lines if line]


def _scalar_schema(spec: FieldSpec) -> dict[str, Any]:
    note = _TYPE_NOTES.get(spec.type, _TYPE_NOTES["text"])
    desc = f"{spec.display_name()}: {spec.description or note}".strip()
    labels = spec.all_labels()
    if labels:
        desc += " (printed labels include: " + ", ".join(labels[:8]) + ")"
    props: dict[str, Any] = {
        "value": {"type": "string", "description": f"{note}; exactly as on the page"},
        "tokens": {
            "type": "array",
            "items": {"type": "string", "pattern": "^w_[a-z]+$"},
            "description": "IDs of the words the value was read from, in reading order",
        },
    }
    if spec.type in _NORMALIZED_NOTES:
        props["normalized"] = {"type": "string", "description": _NORMALIZED_NOTES[spec.type]}
    return {
        "type": "object",
        "description": desc,
        "properties": props,
        "required": ["value", "tokens"],
    }


def build_tool_schema(template: Template) -> dict[str, Any]:
    """The JSON schema of the tool's input for ``template``'s fields."""
    props: dict[str, Any] = {}
    for spec in template.fields:
        if spec.is_array:
            children = spec.children or (FieldSpec("value"),)
            props[spec.name] = {
                "type": "array",
                "description": f"{spec.display_name()}: one object per row"
                + (f"; {spec.description}" if spec.description else ""),
                "items": {
                    "type": "object",
                    "properties": {c.name: _scalar_schema(c) for c in children},
                },
            }
        else:
            props[spec.name] = _scalar_schema(spec)
    return {
        "type": "object",
        "properties": {
            "fields": {
                "type": "object",
                "description": "the fields printed on the document; leave out the others",
                "properties": props,
                "additionalProperties": False,
            }
        },
        "required": ["fields"],
    }


class ClaudeExtractor:
    """Finds a template's fields with Claude, citing OCR word ids (never coordinates).

    Args:
        api_key: an Anthropic API key (default: key store, then ``ANTHROPIC_API_KEY``).
        model: the model (default: ``SPACEOCR_CLAUDE_MODEL``, else :data:`DEFAULT_MODEL`).
        base_url: the API's base URL (default: the SDK's, which honours ``ANTHROPIC_BASE_URL``).
        max_retries: SDK retries on 408/409/429/5xx/529 and connection errors (bounded).
        timeout_s: time allowed for one request.
        max_tokens: the answer's token limit.
        max_words: words of OCR text sent at most (a very long document is cut, and says so).
        key_store: a :class:`spaceocr.core.secrets.KeyStore` (default: a new one).
    """

    name = "claude"

    def __init__(
        self,
        *,
        api_key: str | None = None,
        model: str | None = None,
        base_url: str | None = None,
        max_retries: int = 2,
        timeout_s: float = 120.0,
        max_tokens: int = 4096,
        max_words: int = 8000,
        key_store: Any = None,
    ) -> None:
        try:
            import anthropic
        except ImportError as exc:
            raise EngineUnavailable(
                "the claude extractor needs the anthropic package; reinstall spaceocr with pip"
            ) from exc
        self._anthropic = anthropic
        self._api_key = api_key or lookup_key("anthropic", API_KEY_ENV, key_store)
        self.model = model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL
        self.version = self.model
        self.base_url = base_url
        self.max_retries = max(0, min(int(max_retries), 5))
        self.timeout_s = timeout_s
        self.max_tokens = max_tokens
        self.max_words = max_words
        self._client: Any = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never show the key
        return f"ClaudeExtractor(model={self.model!r}, has_key={bool(self._api_key)})"

    def is_available(self) -> bool:
        """True when an API key is configured."""
        return bool(self._api_key)

    def check_credentials(self) -> None:
        """Raise the error a request would meet for want of a key, before any is sent.

        Raises:
            ConfigError: no API key (the message says how to set one).
        """
        if not self._api_key:
            raise ConfigError(
                "Claude needs an Anthropic API key: set ANTHROPIC_API_KEY, or store it with "
                "`spaceocr config set-key anthropic`.",
                details={"extractor": self.name},
            )

    def _get_client(self) -> Any:
        self.check_credentials()
        with self._lock:
            if self._client is None:
                kwargs: dict[str, Any] = {
                    "api_key": self._api_key,
                    "max_retries": self.max_retries,
                    "timeout": self.timeout_s,
                }
                if self.base_url:
                    kwargs["base_url"] = self.base_url
                self._client = self._anthropic.Anthropic(**kwargs)
            return self._client

    def build_request(self, index: WordIndex, template: Template) -> dict[str, Any]:
        """The Messages API arguments for a document (no key, no network)."""
        text = index.render()
        note = (
            "\n(The document is longer; only its first words are shown.)" if index.truncated
            else ""
        )
        user = (
            f"Template: {template.display_name()} ({template.name}). "
            f"{template.description}\n\n"
            f"Document (each word as ID|WORD):\n{text}{note}\n\n"
            f"Call {TOOL_NAME} with the fields you find."
        )
        return {
            "model": self.model,
            "max_tokens": self.max_tokens,
            "system": _SYSTEM,
            "tools": [
                {
                    "name": TOOL_NAME,
                    "description": "Record the document's fields, each with the IDs of the "
                    "words it was read from.",
                    "input_schema": build_tool_schema(template),
                }
            ],
            "tool_choice": {"type": "tool", "name": TOOL_NAME},
            "messages": [{"role": "user", "content": user}],
        }

    def extract(
        self,
        pages: Sequence[OcrPage],
        template: Template,
        *,
        cancel: threading.Event | None = None,
    ) -> Extraction:
        """Ask Claude for the template's fields in ``pages``.

        Raises:
            ConfigError: no API key.
            EngineAuthError: the key is refused (401/403).
            EngineQuotaError: rate limited (429) after the retries.
            EngineRequestFailed: a bad request, server errors or overload after the retries,
                a timeout, or an answer without the tool call.
            Cancelled: ``cancel`` was set before the request.
        """
        client = self._get_client()
        index = WordIndex(pages, max_words=self.max_words)
        meta: dict[str, Any] = {"provider": "anthropic", "model": self.model,
                                "words_sent": index.count}
        if index.count == 0:
            meta["skipped"] = "no_text"
            return Extraction((), self.name, self.model, meta={"llm": meta})
        if cancel is not None and cancel.is_set():
            raise Cancelled("cancelled by the user")
        request = self.build_request(index, template)
        try:
            response = client.messages.create(**request)
        except self._anthropic.APIError as exc:
            raise self._map_error(exc) from None
        if not isinstance(response, self._anthropic.types.Message):
            # a 200 whose body is not a message (a proxy's page): the SDK hands back text
            raise EngineRequestFailed(
                "Claude's answer could not be read (not a Messages API message); check "
                "ANTHROPIC_BASE_URL.",
                details={"status": 200},
            )
        meta.update(_response_meta(response))
        if index.truncated:
            meta["truncated_input"] = True
        if response.stop_reason == "max_tokens":  # the tool input may be missing fields
            meta["truncated_output"] = True
            logger.warning("claude: the answer reached max_tokens=%d; raise it for documents "
                           "this long", self.max_tokens)
        tool_input = next(
            (
                getattr(b, "input", None)
                for b in response.content
                if getattr(b, "type", "") == "tool_use" and getattr(b, "name", "") == TOOL_NAME
            ),
            None,
        )
        if not isinstance(tool_input, Mapping):
            raise EngineRequestFailed(
                f"Claude answered without calling {TOOL_NAME} "
                f"(stop_reason {response.stop_reason}); try again or choose another model.",
                details={"stop_reason": str(response.stop_reason)},
            )
        fields, stats = self._fields(tool_input, template, index)
        meta.update(stats)
        return Extraction(tuple(fields), self.name, str(response.model or self.model),
                          meta={"llm": meta})

    # ------------------------------------------------------------------ answer → fields
    def _fields(
        self, tool_input: Mapping[str, Any], template: Template, index: WordIndex
    ) -> tuple[list[ExtractedField], dict[str, Any]]:
        raw = tool_input.get("fields", tool_input)
        if isinstance(raw, str):  # some models send the object as a JSON string
            try:
                raw = json.loads(raw)
            except ValueError:
                raw = {}
        if not isinstance(raw, Mapping):
            raw = {}
        stats = {"unknown_fields": 0, "unknown_token_ids": 0, "uncited_values": 0}
        out: list[ExtractedField] = []
        known = {f.name for f in template.fields}
        stats["unknown_fields"] = sum(1 for k in raw if k not in known)
        for spec in template.fields:
            obj = raw.get(spec.name)
            if obj is None:
                continue
            if spec.is_array:
                rows = obj if isinstance(obj, list) else [obj]
                child_names = [c.name for c in spec.children] or ["value"]
                items: list[tuple[ExtractedField, ...]] = []
                for row in rows:
                    if not isinstance(row, Mapping):
                        continue
                    cells = []
                    for cname in child_names:
                        cell = self._scalar(cname, row.get(cname), index, stats)
                        if cell is not None:
                            cells.append(cell)
                    if cells:
                        items.append(tuple(cells))
                if items:
                    out.append(ExtractedField(spec.name, items=tuple(items)))
                continue
            one = self._scalar(spec.name, obj, index, stats)
            if one is not None:
                out.append(one)
        return out, stats

    def _scalar(
        self, name: str, obj: Any, index: WordIndex, stats: dict[str, int]
    ) -> ExtractedField | None:
        if obj is None:
            return None
        if isinstance(obj, Mapping):
            value = obj.get("value")
            tokens = obj.get("tokens") or []
            normalized = obj.get("normalized")
        else:  # a bare value: no ids to go on
            value, tokens, normalized = obj, [], None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            return None
        if not isinstance(tokens, list):
            tokens = [tokens]
        hint, unknown = index.hint([str(t) for t in tokens])
        stats["unknown_token_ids"] += unknown
        if hint is None:
            stats["uncited_values"] += 1
        return ExtractedField(
            name=name,
            value=value.strip(),
            normalized=str(normalized).strip() if isinstance(normalized, (str, int, float))
            and str(normalized).strip() else None,
            hint=hint,
        )

    # ------------------------------------------------------------------ errors
    def _clean(self, text: str) -> str:
        text = " ".join(str(text).split())[:300]
        if self._api_key:
            text = text.replace(self._api_key, "***")
        return text

    def _map_error(self, exc: Exception) -> EngineError:
        a = self._anthropic
        status = int(getattr(exc, "status_code", 0) or 0)
        body = getattr(exc, "body", None)
        detail = ""
        if isinstance(body, Mapping):
            err = body.get("error")
            if isinstance(err, Mapping):
                detail = f"{err.get('type', '')}: {err.get('message', '')}".strip(": ")
        detail = self._clean(detail or type(exc).__name__)
        details: dict[str, Any] = {"status": status}
        rid = getattr(exc, "request_id", None)
        if rid:
            details["request_id"] = str(rid)
        if isinstance(exc, a.APITimeoutError):
            return EngineRequestFailed(
                f"Claude did not answer within {self.timeout_s:g} s; try again later.",
                details=details,
            )
        if isinstance(exc, a.APIConnectionError):
            return EngineRequestFailed(
                "Claude could not be reached; check the network (and ANTHROPIC_BASE_URL).",
                details=details,
            )
        if status in (401, 403):
            return EngineAuthError(
                f"Anthropic refused the API key ({status} {detail}); check ANTHROPIC_API_KEY "
                f"or the key stored with `spaceocr config`.",
                details=details,
            )
        if status == 429:
            return EngineQuotaError(
                f"Anthropic rate limit or quota reached (429 {detail}) after "
                f"{self.max_retries} retries; wait and try again.",
                details=details,
            )
        if status == 529:
            return EngineRequestFailed(
                f"Anthropic is overloaded (529) after {self.max_retries} retries; try again "
                f"later.",
                details=details,
            )
        if status >= 500:
            return EngineRequestFailed(
                f"Anthropic server error ({status} {detail}) after {self.max_retries} retries; "
                f"try again later.",
                details=details,
            )
        if isinstance(exc, a.APIResponseValidationError) or not status:
            return EngineRequestFailed(
                f"Claude's answer could not be read ({type(exc).__name__}).", details=details
            )
        return EngineRequestFailed(
            f"Claude refused the request ({status} {detail}).", details=details
        )


def _response_meta(response: Any) -> dict[str, Any]:
    usage = getattr(response, "usage", None)
    u: dict[str, int] = {}
    for k in (
        "input_tokens",
        "output_tokens",
        "cache_creation_input_tokens",
        "cache_read_input_tokens",
    ):
        v = getattr(usage, k, None)
        if isinstance(v, int):
            u[k] = v
    out: dict[str, Any] = {
        "usage": u,
        "stop_reason": str(getattr(response, "stop_reason", "") or ""),
        "response_model": str(getattr(response, "model", "") or ""),
    }
    rid = getattr(response, "_request_id", None)
    if rid:
        out["request_id"] = str(rid)
    return out


