"""Webhook signatures: HMAC-SHA256 of the raw body, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from spaceocr.core import webhooks
from spaceocr.core.client import HostedClient
from spaceocr.core.errors import WebhookSignatureError
from spaceocr.core.secrets import Secret
from spaceocr.core.templates import load_template
from spaceocr.core.webhooks import (
    parse_delivery,
    sign_body,
    signature_from_headers,
    verify_signature,
)
from tests.support.hosted_api import FakeClock, HostedApi
from tests.support.httpserver import ReplayServer, Reply, Request

SECRET = "whsec_test_0123456789"
BODY = json.dumps({"event": "job.completed", "data": {"jobId": "job_1", "status": "completed"}},
                  separators=(",", ":")).encode()


def _reference(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_sign_body_is_hmac_sha256_hex_of_the_raw_body():
    assert sign_body(BODY, SECRET) == _reference(BODY, SECRET)
    assert sign_body(BODY, Secret(SECRET)) == _reference(BODY, SECRET)
    assert len(sign_body(b"", SECRET)) == 64


@pytest.mark.parametrize("form", [
    lambda s: s, str.upper, lambda s: "sha256=" + s, lambda s: "SHA256=" + s.upper(),
    lambda s: f"  {s}\n",
])
def test_a_valid_signature_is_accepted_in_every_spelling(form):
    assert verify_signature(BODY, form(_reference(BODY, SECRET)), SECRET)


@pytest.mark.parametrize("sig", [
    None, "", "sha256=", "not-hex" * 9, "ab" * 31, "ab" * 33,
    "md5=" + "ab" * 32,
])
def test_a_missing_or_malformed_signature_is_rejected(sig):
    assert not verify_signature(BODY, sig, SECRET)


def test_a_signature_made_with_another_secret_is_rejected():
    assert not verify_signature(BODY, _reference(BODY, "whsec_other"), SECRET)


def test_a_changed_body_is_rejected():
    sig = _reference(BODY, SECRET)
    assert not verify_signature(BODY.replace(b"job_1", b"job_2"), sig, SECRET)
    assert not verify_signature(BODY + b"\n", sig, SECRET)


def test_the_comparison_is_constant_time(monkeypatch):
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(webhooks.hmac, "compare_digest", spy)
    assert verify_signature(BODY, _reference(BODY, SECRET), SECRET)
    assert len(calls) == 1


def test_an_empty_secret_is_refused():
    with pytest.raises(WebhookSignatureError, match="secret is empty"):
        verify_signature(BODY, "ab" * 32, "")


def test_the_header_is_found_whatever_its_case():
    assert signature_from_headers({"x-spaceocr-signature": "v"}) == "v"
    assert signature_from_headers({"X-SPACEOCR-SIGNATURE": "v"}) == "v"
    assert signature_from_headers({"Content-Type": "x"}) is None


def test_parse_delivery_checks_then_parses():
    d = parse_delivery(BODY, {"X-Spaceocr-Signature": sign_body(BODY, SECRET)}, SECRET)
    assert d.event == "job.completed" and d.job_id == "job_1"
    with pytest.raises(WebhookSignatureError) as ei:
        parse_delivery(BODY, {}, SECRET)
    assert ei.value.details["reason"] == "missing" and ei.value.code == "webhook_signature"
    with pytest.raises(WebhookSignatureError) as ei:
        parse_delivery(BODY, {"X-Spaceocr-Signature": _reference(BODY, "x" * 8)}, SECRET)
    assert ei.value.details["reason"] == "mismatch"
    assert SECRET not in str(ei.value)
    junk = b"not json"
    with pytest.raises(WebhookSignatureError) as ei:
        parse_delivery(junk, {"X-Spaceocr-Signature": sign_body(junk, SECRET)}, SECRET)
    assert ei.value.details["reason"] == "body"


def test_real_deliveries_from_the_server_valid_and_forged():
    """The replay server posts job.completed webhooks to a real receiver over HTTP."""
    received: list[tuple[int, str]] = []

    def receive(req: Request) -> Reply:
        try:
            d = parse_delivery(req.body, req.headers, SECRET)
        except WebhookSignatureError as exc:
            received.append((401, str(exc.details.get("reason"))))
            return Reply.json(401, {"error": "bad signature"})
        received.append((204, d.job_id or ""))
        return Reply(204)

    clock = FakeClock()
    key = "spocr_test_webhooks1"
    with ReplayServer() as receiver, \
            HostedApi(keys=[key], clock=clock, webhook_secret=SECRET) as api, \
            HostedClient(key, base_url=api.url, clock=clock, sleep=clock.sleep) as client:
        receiver.route("POST", "/hook", receive)
        receipt = load_template("receipt")
        (good,) = client.upload([("a.png", b"\x89PNG\r\n\x1a\nA")], template=receipt,
                                webhook_url=receiver.url + "/hook")
        api.finish_jobs()
        api.forge_webhooks = True
        (forged,) = client.upload([("b.png", b"\x89PNG\r\n\x1a\nB")], template=receipt,
                                  webhook_url=receiver.url + "/hook")
        api.finish_jobs()
    assert received == [(204, good.job_id), (401, "mismatch")]
    assert [d.status for d in api.deliveries] == [204, 401]
    assert [d.forged for d in api.deliveries] == [False, True]
    assert forged.job_id != good.job_id
