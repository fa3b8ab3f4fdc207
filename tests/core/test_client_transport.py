"""The hosted client's requests against a real local replay server: each HTTP error status
becomes a clear error with the request id, the key never shows, and 429, 5xx, timeouts and
dropped connections are retried within bounds (:mod:`spaceocr.core.client_transport`)."""

from __future__ import annotations

import socket
import threading

import pytest

from spaceocr.core.client import HostedClient, RateLimiter, RetryPolicy
from spaceocr.core.errors import (
    ApiResponseError,
    ApiStatusError,
    ApiTransportError,
    Cancelled,
)
from spaceocr.core.export.json import error_envelope
from spaceocr.core.templates import load_template
from tests.support.hosted_api import FakeClock, HostedApi

KEY = "spocr_test_client0001"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def api(clock: FakeClock):
    with HostedApi(keys=[KEY], clock=clock) as srv:
        yield srv


@pytest.fixture
def client(api: HostedApi, clock: FakeClock):
    with HostedClient(KEY, base_url=api.url, clock=clock, sleep=clock.sleep,
                      timeout_s=5.0) as c:
        yield c


@pytest.fixture
def receipt():
    return load_template("receipt")


# --------------------------------------------------------------------------- errors
def test_403_unknown_key_is_a_clear_error_with_the_request_id(api, clock):
    other = "spocr_test_unknown99"
    with HostedClient(other, base_url=api.url, clock=clock, sleep=clock.sleep) as c, \
            pytest.raises(ApiStatusError) as ei:
        c.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    err = ei.value
    assert err.status_code == 403
    assert err.code == "api_forbidden"
    assert "does not recognise this API key" in str(err)
    assert len(api.requests) == 1  # not retried
    assert err.request_id and err.request_id in str(err)
    assert other not in str(err) and other not in err.body and other not in repr(err)
    env = error_envelope(err, "req_local")
    assert env["error"]["requestId"] == err.request_id
    assert env["error"]["code"] == "api_forbidden"


def test_401_says_the_key_is_missing_or_invalid(api, client):
    api.fail("/ocr/fields", 401, code="unauthorized", message="invalid API key")
    with pytest.raises(ApiStatusError) as ei:
        client.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    assert ei.value.status_code == 401
    assert "missing or invalid" in str(ei.value)
    assert ei.value.details["server_code"] == "unauthorized"


def test_402_says_plan_limit_reached(clock):
    with HostedApi(keys=[KEY], clock=clock, scans=1) as api, \
            HostedClient(KEY, base_url=api.url, clock=clock, sleep=clock.sleep) as c:
        c.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
        with pytest.raises(ApiStatusError) as ei:
            c.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
        assert ei.value.status_code == 402
        assert "plan limit reached" in str(ei.value)
        assert ei.value.code == "api_plan_limit_reached"
        assert len(api.requests) == 2


def test_404_names_what_was_not_found(client):
    with pytest.raises(ApiStatusError) as ei:
        client.get_job("job_missing")
    assert ei.value.status_code == 404
    assert "GET /jobs/job_missing" in str(ei.value)
    with pytest.raises(ApiStatusError, match="HTTP 404"):
        client.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="no_such_template")


def test_400_quotes_the_server_message(client):
    with pytest.raises(ApiStatusError) as ei:
        client.ocr_fields(b"not an image at all", template_id="receipt")
    assert ei.value.status_code == 400
    assert "unsupported image type" in str(ei.value)
    assert ei.value.code == "api_invalid_image"


def test_a_key_echoed_by_the_server_is_scrubbed_from_the_error(api, client):
    api.fail("/ocr/fields", 400, code="invalid_request", message=f"bad key {KEY} given")
    with pytest.raises(ApiStatusError) as ei:
        client.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    assert KEY not in str(ei.value) and KEY not in ei.value.body
    assert "[redacted]" in str(ei.value)


# --------------------------------------------------------------------------- 429, 5xx, timeouts
def test_429_waits_retry_after_sec_from_the_body_and_retries(api, client, clock):
    api.fail("/ocr/fields", 429, code="rate_limited", retry_after_s=7, times=2)
    reply = client.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    assert reply.status_code == 200 and reply.attempts == 3
    assert clock.slept == [7, 7]
    assert len(api.requests) == 3


def test_429_retries_are_bounded(api, clock):
    api.fail("/ocr/fields", 429, code="rate_limited", retry_after_s=2, times=10)
    with HostedClient(KEY, base_url=api.url, clock=clock, sleep=clock.sleep,
                      retry=RetryPolicy(max_attempts=3)) as c, \
            pytest.raises(ApiStatusError) as ei:
        c.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    assert ei.value.status_code == 429 and ei.value.code == "api_rate_limited"
    assert "retry after 2 s" in str(ei.value)
    assert len(api.requests) == 3 and clock.slept == [2, 2]


def test_a_retry_after_longer_than_the_policy_allows_is_not_waited(api, client, clock):
    api.fail("/ocr/fields", 429, code="rate_limited", retry_after_s=3600)
    with pytest.raises(ApiStatusError, match="retry after 3600 s"):
        client.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    assert clock.slept == [] and len(api.requests) == 1


def test_the_server_rate_limit_is_met_by_waiting_retry_after(clock):
    """A server limit lower than the client knows: the 429 tells it how long to wait."""
    with HostedApi(keys=[KEY], clock=clock, rate_limit=2) as api, \
            HostedClient(KEY, base_url=api.url, clock=clock, sleep=clock.sleep) as c:
        for _ in range(3):
            c.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
        assert api.rate_limited == 1
        assert clock.slept == [60]


def test_the_client_keeps_to_60_requests_a_minute_itself(clock):
    with HostedApi(keys=[KEY], clock=clock, rate_limit=60) as api, \
            HostedClient(KEY, base_url=api.url, clock=clock, sleep=clock.sleep) as c:
        api.add_sheet("s", [])
        start = clock()
        for _ in range(130):
            c.view("s")
        assert api.rate_limited == 0  # never over the server's limit
        assert clock() - start >= 120.0  # 130 requests need two full windows of waiting


def test_rate_limiter_allows_a_window_of_requests_then_waits(clock):
    rl = RateLimiter(3, 10.0, clock=clock, sleep=clock.sleep)
    assert [rl.acquire() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert rl.acquire() == pytest.approx(10.0)
    clock.sleep(4.0)
    assert rl.acquire() == 0.0  # the first three left the window; one is in it
    assert rl.waited_s == pytest.approx(10.0)


def test_rate_limiter_wait_can_be_cancelled(clock):
    rl = RateLimiter(1, 60.0, clock=clock, sleep=clock.sleep)
    rl.acquire()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        rl.acquire(cancel)


@pytest.mark.parametrize("status", [500, 502])
def test_5xx_is_retried_with_backoff_then_succeeds(api, client, clock, status):
    api.fail("/ocr/fields", status, code="internal_error", times=2)
    reply = client.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    assert reply.attempts == 3
    assert clock.slept == [0.5, 1.0]


def test_5xx_retries_are_bounded_and_the_final_error_keeps_the_request_id(api, client, clock):
    api.fail("/ocr/fields", 502, code="bad_gateway", message="upstream down", times=10)
    with pytest.raises(ApiStatusError) as ei:
        client.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    err = ei.value
    assert err.status_code == 502 and err.code == "api_bad_gateway"
    assert "after 4 attempt(s)" in str(err)
    assert len(api.requests) == 4 and clock.slept == [0.5, 1.0, 2.0]
    assert err.request_id is not None and err.request_id.startswith("req_srv_")
    assert error_envelope(err)["error"]["requestId"] == err.request_id


def test_a_malformed_5xx_body_falls_back_to_the_header_request_id(api, client):
    api.fail("/ocr/fields", 502, raw_body=b"<html>Bad Gateway</html>", content_type="text/html",
             times=10)
    with pytest.raises(ApiStatusError) as ei:
        client.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    assert ei.value.code == "api_http_502"
    assert ei.value.request_id and ei.value.request_id.startswith("req_srv_")


def test_a_malformed_success_body_is_an_api_response_error(api, client):
    api.fail("/ocr/fields", 200, raw_body=b'{"status": "succ', times=1)
    with pytest.raises(ApiResponseError) as ei:
        client.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    assert ei.value.code == "api_bad_response"
    assert ei.value.request_id
    assert len(api.requests) == 1  # a 200 was charged: not retried


def test_a_success_without_data_is_an_api_response_error(api, client):
    api.fail("/ocr/fields", 200, raw_body=b'{"status": "success", "data": [1]}')
    with pytest.raises(ApiResponseError):
        client.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")


def test_a_slow_answer_times_out_and_is_retried(api, clock):
    api.fail("/ocr/fields", 200, raw_body=b"{}", delay_s=0.6, times=1)
    with HostedClient(KEY, base_url=api.url, clock=clock, sleep=clock.sleep,
                      timeout_s=0.2) as c:
        reply = c.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    assert reply.attempts == 2 and clock.slept == [0.5]


def test_timeouts_are_bounded_and_end_as_api_timeout(api, clock):
    api.fail("/ocr/fields", 200, raw_body=b"{}", delay_s=0.5, times=5)
    with HostedClient(KEY, base_url=api.url, clock=clock, sleep=clock.sleep, timeout_s=0.15,
                      retry=RetryPolicy(max_attempts=2)) as c, \
            pytest.raises(ApiTransportError) as ei:
        c.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    assert ei.value.code == "api_timeout"
    assert "after 2 attempt(s)" in str(ei.value)


def test_an_unreachable_server_is_a_transport_error(clock):
    s = socket.socket()  # a port nobody listens on: bind, read the port, close
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with HostedClient(KEY, base_url=f"http://127.0.0.1:{port}", clock=clock, sleep=clock.sleep,
                      retry=RetryPolicy(max_attempts=2)) as c, \
            pytest.raises(ApiTransportError) as ei:
        c.ocr_fields(b"\x89PNG\r\n\x1a\nx", template_id="receipt")
    assert ei.value.code == "api_transport"
    assert KEY not in str(ei.value)
