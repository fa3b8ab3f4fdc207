"""Check the signed webhooks the hosted API sends when a job finishes.

The API signs each delivery with ``X-Spaceocr-Signature``: the HMAC-SHA256 of the *raw*
request body under the user's webhook secret. The reference says no more, so this module
assumes the obvious shape and accepts both spellings a sender could use:

* the hex digest (either case), e.g. ``9f86d0...``;
* the same with a ``sha256=`` prefix (GitHub's style), e.g. ``sha256=9f86d0...``.

Anything else — no header, an empty one, a digest of another length, non-hex text, a
signature made with another secret — is rejected. The digests are compared with
:func:`hmac.compare_digest` (constant time). Verify the bytes exactly as received: parse the
JSON only *after* the signature matched (:func:`parse_delivery` does both, in that order).

The body of a delivery is assumed to be a JSON object such as
``{"event": "job.completed", "data": {"jobId": "...", "status": "completed", ...}}``; the
reference documents neither a timestamp nor replay protection, so none is checked here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spaceocr.core.errors import WebhookSignatureError
from spaceocr.core.secrets import Secret

__all__ = [
    "SIGNATURE_HEADER",
    "WebhookDelivery",
    "parse_delivery",
    "sign_body",
    "signature_from_headers",
    "verify_signature",
]

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Spaceocr-Signature"
_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")


def _secret_bytes(secret: str | bytes | Secret) -> bytes:
    if isinstance(secret, Secret):
        secret = secret.reveal()
    raw = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    if not raw:
        raise WebhookSignatureError("the webhook secret is empty; set it first")
    return raw


def sign_body(body: bytes, secret: str | bytes | Secret) -> str:
    """The signature the API sends for ``body``: lowercase hex HMAC-SHA256."""
    return hmac.new(_secret_bytes(secret), body, hashlib.sha256).hexdigest()


def _normalise(signature: str) -> str | None:
    s = signature.strip()
    if s[:7].lower() == "sha256=":
        s = s[7:].strip()
    return s.lower() if _HEX64.match(s) else None


def verify_signature(
    body: bytes, signature: str | None, secret: str | bytes | Secret
) -> bool:
    """True when ``signature`` is the HMAC-SHA256 of ``body`` under ``secret``.

    Args:
        body: the raw request body, byte for byte as received.
        signature: the ``X-Spaceocr-Signature`` header (hex, optionally ``sha256=``), or None.
        secret: the user's webhook secret.

    Returns:
        False for a missing, malformed or forged signature.
    """
    expected = sign_body(body, secret)
    if not signature:
        return False
    given = _normalise(signature)
    if given is None:
        return False
    return hmac.compare_digest(expected.encode("ascii"), given.encode("ascii"))


def signature_from_headers(headers: Mapping[str, str]) -> str | None:
    """The ``X-Spaceocr-Signature`` header from any mapping, whatever its case."""
    want = SIGNATURE_HEADER.lower()
    return next((v for k, v in headers.items() if k.lower() == want), None)


@dataclass(frozen=True, slots=True)
class WebhookDelivery:
    """A delivery whose signature matched: its event name, data and the whole payload."""

    event: str
    data: Mapping[str, Any]
    payload: Mapping[str, Any]

    @property
    def job_id(self) -> str | None:
        v = self.data.get("jobId")
        return None if v is None else str(v)


def parse_delivery(
    body: bytes, headers: Mapping[str, str], secret: str | bytes | Secret
) -> WebhookDelivery:
    """Check a delivery's signature, then parse its JSON body.

    Raises:
        WebhookSignatureError: the signature is missing, malformed or does not match, or a
            signed body is not a JSON object.
    """
    signature = signature_from_headers(headers)
    if not signature:
        logger.warning("webhook delivery rejected: no %s header", SIGNATURE_HEADER)
        raise WebhookSignatureError(
            f"the webhook delivery has no {SIGNATURE_HEADER} header; rejected",
            details={"reason": "missing"},
        )
    if not verify_signature(body, signature, secret):
        logger.warning("webhook delivery rejected: the signature does not match")
        raise WebhookSignatureError(
            "the webhook signature does not match the body under your webhook secret; "
            "rejected (a forged delivery, or the wrong secret)",
            details={"reason": "mismatch"},
        )
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise WebhookSignatureError(
            "the webhook body is signed but is not JSON", details={"reason": "body"}
        ) from None
    if not isinstance(payload, dict):
        raise WebhookSignatureError(
            "the webhook body is signed but is not a JSON object", details={"reason": "body"}
        )
    data = payload.get("data")
    return WebhookDelivery(
        event=str(payload.get("event") or payload.get("type") or ""),
        data=data if isinstance(data, dict) else {},
        payload=payload,
    )
