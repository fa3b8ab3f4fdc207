"""The hosted API client against a real local server replaying the documented behaviour."""

from __future__ import annotations

import base64
import io
import threading
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from spaceocr.core.client import (
    API_TEMPLATE_IDS,
    HostedClient,
    RateLimiter,
    merge_page_data,
    template_payload,
)
from spaceocr.core.errors import (
    ApiError,
    ApiStatusError,
    Cancelled,
    ConfigError,
    UnsupportedDocument,
)
from spaceocr.core.export.json import error_envelope, to_api_dict
from spaceocr.core.pipeline import PipelineOptions
from spaceocr.core.secrets import KeyStore
from spaceocr.core.templates import load_template, parse_template
from spaceocr.core.types import FieldStatus
from tests.support.hosted_api import FakeClock, HostedApi
from tests.support.keyring_backend import FileKeyring

KEY = "spocr_test_client0001"


def fobj(value: str, box: tuple[float, float, float, float] | None, ratio: float = 1.0,
         **extra: Any) -> dict[str, Any]:
    """A field object as the API documents it (0–1000 grid)."""
    if box is None:
        return {"value": value, "bbox": None, "vertices": [], "match_ratio": 0.0,
                "bbox_source": "none", **extra}
    x0, y0, x1, y1 = box
    return {
        "value": value,
        "bbox": {"xmin": x0, "ymin": y0, "xmax": x1, "ymax": y1},
        "vertices": [{"x": x0, "y": y0}, {"x": x1, "y": y0}, {"x": x1, "y": y1},
                     {"x": x0, "y": y1}],
        "match_ratio": ratio,
        "bbox_source": "ocr_chars",
        **extra,
    }


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


# --------------------------------------------------------------------------- the key
@pytest.mark.parametrize("bad", ["", "   ", "sk-ant-test-nope", "spocr_", "spocr_has space",
                                 "Bearer spocr_test_x", "spocr_test_\u00e9"])
def test_an_ill_formed_key_is_refused_before_any_request(api, bad):
    with pytest.raises(ConfigError) as ei:
        HostedClient(bad, base_url=api.url)
    assert api.requests == []
    if len(bad.strip()) > len("spocr_"):
        assert bad.strip() not in str(ei.value)


def test_a_missing_key_says_how_to_set_it(api):
    with pytest.raises(ConfigError, match="SPACEOCR_API_KEY"):
        HostedClient(None, base_url=api.url)


def test_plain_http_to_a_remote_host_is_refused():
    with pytest.raises(ConfigError, match="clear text"):
        HostedClient(KEY, base_url="http://api.example.com")
    HostedClient(KEY, base_url="https://api.example.com").close()


def test_from_environment_reads_base_and_key_from_the_environment(api, tmp_path, receipt):
    env = {"SPACEOCR_API_BASE": api.url, "SPACEOCR_API_KEY": KEY + "\n"}
    with HostedClient.from_environment(environ=env, settings_path=tmp_path / "none.json") as c:
        assert c.base_url == api.url
        api.page_data = [{"total": fobj("1,000", (10, 10, 50, 20))}]
        c.ocr_fields(b"\x89PNG\r\n\x1a\n" + b"0" * 20, template=receipt)
    assert api.requests[-1].headers["authorization"] == f"Bearer {KEY}"


def test_from_environment_falls_back_to_the_keyring_and_settings(api, tmp_path):
    from spaceocr.core.settings import Settings, save_settings

    settings = tmp_path / "settings.json"
    save_settings(Settings(api_base=api.url), settings)
    keys = KeyStore(backend=FileKeyring(tmp_path / "kr.json"), environ={})
    keys.set("spaceocr", KEY)
    with HostedClient.from_environment(environ={}, keys=keys, settings_path=settings) as c:
        assert c.base_url == api.url
        assert c._key.source == "keyring"


def test_from_environment_without_a_key_fails_with_config_error(tmp_path):
    keys = KeyStore(backend=FileKeyring(tmp_path / "kr.json"), environ={})
    with pytest.raises(ConfigError, match="set-key spaceocr"):
        HostedClient.from_environment(environ={}, keys=keys,
                                      settings_path=tmp_path / "s.json")


def test_the_client_repr_masks_the_key(client):
    assert KEY not in repr(client)
    assert "spocr_…" in repr(client)


# --------------------------------------------------------------------------- requests
def test_ocr_fields_sends_bearer_base64_image_and_template_id(api, client, receipt):
    api.page_data = [{"total": fobj("2,500", (100, 200, 300, 240))}]
    png = b"\x89PNG\r\n\x1a\n" + b"payload"
    reply = client.ocr_fields(png, template=receipt)
    req = api.requests[-1]
    assert req.method == "POST" and req.path == "/ocr/fields"
    assert req.headers["authorization"] == f"Bearer {KEY}"
    body = req.json()
    assert body["imageType"] == "base64"
    assert base64.b64decode(body["image"]) == png
    assert body["templateId"] == "receipt" and "fields" not in body
    assert reply.data["total"]["value"] == "2,500"
    assert reply.request_id and reply.request_id.startswith("req_srv_")


def test_a_url_image_is_sent_as_image_type_url(api, client, receipt):
    client.ocr_fields("https://example.com/a.png", template=receipt)
    body = api.requests[-1].json()
    assert body == {"image": "https://example.com/a.png", "imageType": "url",
                    "templateId": "receipt"}


def test_custom_templates_and_unlisted_builtins_are_sent_as_fields(api, client):
    custom = parse_template({"name": "mine", "fields": [
        {"name": "po_number", "type": "id"},
        {"name": "rows", "type": "array", "children": ["sku", {"name": "qty", "type": "number"}]},
    ]})
    client.ocr_fields(b"\x89PNG\r\n\x1a\nx", template=custom)
    body = api.requests[-1].json()
    assert "templateId" not in body
    assert body["fields"] == [
        {"name": "po_number", "type": "id"},
        {"name": "rows", "type": "array",
         "children": [{"name": "sku", "type": "text"}, {"name": "qty", "type": "number"}]},
    ]
    po = load_template("purchase_order")
    assert "fields" in template_payload(po)
    for name in API_TEMPLATE_IDS:
        assert template_payload(load_template(name)) == {"templateId": name}


# --------------------------------------------------------------------------- documents
def _two_page_pdf(make_pdf) -> Path:
    return make_pdf(["Seite eins", "Seite zwei"], name="two.pdf")


def test_process_document_sends_each_page_and_merges_with_pages_set(api, client, receipt,
                                                                     make_pdf):
    api.page_data = [
        {"merchant_name": fobj("Kiosk Nord", (100, 50, 400, 80), 1.0),
         "total": fobj("1,234", (600, 900, 700, 930), 0.9),
         "payment_method": fobj("cash", None),
         "line_items": [{"description": fobj("Tee", (100, 300, 200, 320)),
                         "amount": fobj("300", (600, 300, 700, 320))}]},
        {"total": fobj("1,234", (600, 800, 700, 830), 1.0),
         "line_items": [{"description": fobj("Brot", (100, 100, 200, 120)),
                         "amount": fobj("934", (600, 100, 700, 120))}]},
    ]
    seen: list[tuple[str, int, int]] = []
    opts = PipelineOptions(dpi=72)
    result = client.process_document(_two_page_pdf(make_pdf), receipt, options=opts,
                                     progress=lambda *a: seen.append(a),
                                     cancel=threading.Event())
    # every page went as its own PNG, at the rendered size
    assert len(api.calls) == 2
    for call, size in zip(api.calls, result.page_sizes, strict=True):
        with Image.open(io.BytesIO(call.image)) as im:
            assert im.format == "PNG"
            assert im.size == size
    assert seen == [("ocr", 1, 2), ("ocr", 2, 2)]
    assert result.mode == "hosted" and result.engine == "space-ocr api"
    assert result.page_count == 2 and result.file_name == "two.pdf"
    out = to_api_dict(result)
    data = out["data"]
    # the better-grounded total (page 2, ratio 1.0) wins; boxes pass through unchanged
    assert data["total"]["page"] == 2
    assert data["total"]["bbox"] == {"xmin": 600, "ymin": 800, "xmax": 700, "ymax": 830}
    assert data["total"]["bbox_source"] == "ocr_chars"
    assert data["merchant_name"]["page"] == 1
    # line items of both pages, in page order
    assert [r["description"]["value"] for r in data["line_items"]] == ["Tee", "Brot"]
    assert [r["amount"]["page"] for r in data["line_items"]] == [1, 2]
    # a value without a box stays ungrounded: no invented box
    pm = result.get("payment_method")
    assert pm is not None and pm.grounding is None and pm.status is FieldStatus.NOT_GROUNDED
    assert data["payment_method"]["bbox"] is None and data["payment_method"]["review"] is True
    rids = out["meta"]["request_ids"]
    assert len(rids) == 2 and all(r.startswith("req_srv_") for r in rids)
    assert list(data)[: 3] == ["merchant_name", "total", "payment_method"]


def test_a_box_without_bbox_source_is_marked_api(api, client, receipt, make_image):
    obj = fobj("77", (10, 10, 20, 20))
    del obj["bbox_source"]
    api.page_data = [{"total": obj}]
    result = client.process_document(make_image("PNG"), receipt)
    g = result.get("total").grounding
    assert g is not None and g.bbox_source == "api"
    assert g.bbox == pytest.approx((0.01, 0.01, 0.02, 0.02))


@pytest.mark.parametrize("bad_geometry", [
    {"bbox": {"xmin": "a", "ymin": 0, "xmax": 1, "ymax": 1}, "vertices": []},
    {"bbox": [1, 2, 3, 4], "vertices": [{"x": 1}]},
    {"bbox": None, "vertices": [{"x": 1, "y": 2}]},
])
def test_malformed_geometry_leaves_the_value_ungrounded(api, client, receipt, make_image,
                                                        bad_geometry):
    api.page_data = [{"total": {"value": "9", "match_ratio": 0.99, **bad_geometry}}]
    result = client.process_document(make_image("PNG"), receipt)
    f = result.get("total")
    assert f is not None and f.value == "9" and f.grounding is None
    assert f.status is FieldStatus.NOT_GROUNDED


def test_bad_input_gets_the_document_error_codes_and_sends_nothing(api, client, receipt,
                                                                   tmp_path):
    notes = tmp_path / "notes.pdf"
    notes.write_text("plain text, not a PDF")
    with pytest.raises(UnsupportedDocument) as ei:
        client.process_document(notes, receipt)
    assert ei.value.code == "unsupported_type"
    assert api.requests == []


def test_cancel_stops_before_the_next_page(api, client, receipt, make_pdf):
    cancel = threading.Event()

    def progress(stage: str, done: int, total: int) -> None:
        cancel.set()

    with pytest.raises(Cancelled):
        client.process_document(_two_page_pdf(make_pdf), receipt, options=PipelineOptions(dpi=72),
                                progress=progress, cancel=cancel)
    assert len(api.calls) == 1


def test_an_api_error_on_a_page_fails_the_document_with_the_request_id(api, client, receipt,
                                                                      make_pdf):
    api.fail("/ocr/fields", 402, code="plan_limit_reached", message="no scans left")
    with pytest.raises(ApiStatusError) as ei:
        client.process_document(_two_page_pdf(make_pdf), receipt,
                                options=PipelineOptions(dpi=72))
    env = error_envelope(ei.value, file="two.pdf")
    assert env["error"]["requestId"] == ei.value.request_id
    assert "plan limit reached" in env["error"]["message"]


def test_merge_keeps_first_page_on_a_tie_and_drops_empty_values():
    p1 = {"a": fobj("x", (1, 1, 2, 2), 0.9), "b": {"value": None}, "c": fobj("", None)}
    p2 = {"a": fobj("y", (1, 1, 2, 2), 0.9), "d": "not an object"}
    merged = merge_page_data([(0, p1), (1, p2)])
    assert merged == {"a": {**fobj("x", (1, 1, 2, 2), 0.9), "page": 1}}


# --------------------------------------------------------------------------- upload, jobs, view
def test_upload_queues_a_pending_job_per_file_as_multipart(api, client, receipt, make_pdf,
                                                           make_image):
    jobs = client.upload_files([make_image("PNG", name="a.png"), _two_page_pdf(make_pdf)],
                               template=receipt, sheet="shop",
                               options=PipelineOptions(dpi=72))
    assert [j.status for j in jobs] == ["pending"] * 3
    assert [j.file_name for j in jobs] == ["a.png", "two-p1.png", "two-p2.png"]
    req = api.requests[-1]
    assert req.path == "/upload"
    assert req.headers["content-type"].startswith("multipart/form-data")
    stored = list(api.jobs.values())
    assert stored[0]["_templateId"] == "receipt" and stored[0]["_sheet"] == "shop"


def test_upload_refuses_a_pdf_as_an_image(client, receipt, make_pdf):
    with pytest.raises(ValueError, match="raster"):
        client.upload([("x.pdf", _two_page_pdf(make_pdf).read_bytes())], template=receipt)


def test_jobs_move_from_pending_to_completed_by_polling(clock):
    with HostedApi(keys=[KEY], clock=clock, polls_to_complete=3) as api, \
            HostedClient(KEY, base_url=api.url, clock=clock, sleep=clock.sleep,
                         poll_interval_s=2.0) as c:
        api.page_data = [{"total": fobj("5", (1, 2, 3, 4))}]
        receipt = load_template("receipt")
        (job,) = c.upload([("r.png", b"\x89PNG\r\n\x1a\nzz")], template=receipt, sheet="s1")
        assert job.status == "pending" and not job.is_done
        assert c.get_job(job.job_id).status == "processing"
        done = c.wait_for_job(job.job_id)
        assert done.is_ok and done.result is not None
        assert clock.slept == [2.0]  # one pause between the two polls of wait_for_job
        result = c.job_result(done, receipt)
        assert result.mode == "hosted" and result.get("total").value == "5"
        assert result.meta["job_id"] == job.job_id
        page = c.view("s1")
        assert page.rows[0]["jobId"] == job.job_id and page.rows[0]["total"] == "5"


def test_a_failed_job_is_returned_and_its_result_refused(clock):
    with HostedApi(keys=[KEY], clock=clock, polls_to_complete=1) as api, \
            HostedClient(KEY, base_url=api.url, clock=clock, sleep=clock.sleep) as c:
        api.fail_files.add("bad.png")
        receipt = load_template("receipt")
        (job,) = c.upload([("bad.png", b"\x89PNG\r\n\x1a\nzz")], template=receipt)
        done = c.wait_for_job(job.job_id)
        assert done.status == "failed" and done.error["code"] == "ocr_failed"
        with pytest.raises(ApiError) as ei:
            c.job_result(done, receipt)
        assert ei.value.code == "api_job_failed"


def test_the_jobs_of_a_documents_pages_make_one_result(clock):
    with HostedApi(keys=[KEY], clock=clock, polls_to_complete=1) as api, \
            HostedClient(KEY, base_url=api.url, clock=clock, sleep=clock.sleep) as c:
        api.page_data = [
            {"vendor_name": fobj("Kato Shoji", (10, 10, 200, 40)),
             "line_items": [{"description": fobj("Paper", (10, 300, 200, 330))}]},
            {"total": fobj("8,800", (700, 900, 800, 930)),
             "line_items": [{"description": fobj("Toner", (10, 100, 200, 130))}]},
        ]
        invoice = load_template("invoice")
        jobs = c.upload([("inv-p1.png", b"\x89PNG\r\n\x1a\nzz"),
                         ("inv-p2.png", b"\x89PNG\r\n\x1a\nzz")], template=invoice)
        done = [c.wait_for_job(j.job_id) for j in jobs]
        result = c.jobs_result(done, invoice, file_name="inv.pdf")
        assert result.file_name == "inv.pdf" and result.page_count == 2
        assert result.get("vendor_name").value == "Kato Shoji"
        assert result.get("vendor_name").grounding.page_index == 0
        assert result.get("total").grounding.page_index == 1
        rows = result.get("line_items").items
        assert [(it.get("description").value, it.get("description").grounding.page_index)
                for it in rows] == [("Paper", 0), ("Toner", 1)]
        assert result.meta["job_ids"] == [j.job_id for j in jobs]
        # one page failed: the document has no result, and the error names the page
        api.fail_files.add("bad-p2.png")
        jobs = c.upload([("ok-p1.png", b"\x89PNG\r\n\x1a\nzz"),
                         ("bad-p2.png", b"\x89PNG\r\n\x1a\nzz")], template=invoice)
        with pytest.raises(ApiError, match="page 2") as ei:
            c.jobs_result([c.wait_for_job(j.job_id) for j in jobs], invoice)
        assert ei.value.code == "api_job_failed"


def test_waiting_for_a_job_is_bounded(clock):
    with HostedApi(keys=[KEY], clock=clock, polls_to_complete=10_000) as api, \
            HostedClient(KEY, base_url=api.url, clock=clock, sleep=clock.sleep,
                         poll_interval_s=5.0) as c:
        (job,) = c.upload([("r.png", b"\x89PNG\r\n\x1a\nzz")], template=load_template("receipt"))
        with pytest.raises(ApiError) as ei:
            c.wait_for_job(job.job_id, timeout_s=20.0)
        assert ei.value.code == "api_job_timeout"
        assert len([r for r in api.requests if r.path.startswith("/jobs/")]) == 5


def test_view_passes_where_sort_select_and_reads_rows(api, client):
    api.add_sheet("receipts", [
        {"fileName": "a.png", "total": "1200", "currency": "JPY"},
        {"fileName": "b.png", "total": "300", "currency": "JPY"},
        {"fileName": "c.png", "total": "5000", "currency": "EUR"},
        {"fileName": "d.png", "total": "2500", "currency": "JPY"},
    ])
    page = client.view("receipts", where="total>1000 and currency=JPY", sort="-total",
                       select=["fileName", "total"], limit=10)
    q = api.requests[-1].query
    assert q["sheetId"] == ["receipts"] and q["select"] == ["fileName,total"]
    assert q["where"] == ["total>1000 and currency=JPY"] and q["sort"] == ["-total"]
    assert [r["fileName"] for r in page.rows] == ["d.png", "a.png"]
    assert set(page.rows[0]) == {"fileName", "total"}
    assert page.total == 2 and page.request_id


def test_view_of_an_unknown_sheet_is_404(client):
    with pytest.raises(ApiStatusError) as ei:
        client.view("nope")
    assert ei.value.status_code == 404 and ei.value.code == "api_sheet_not_found"


def test_a_photo_is_sent_as_jpeg_and_a_pdf_page_as_png(api, client, receipt, make_image,
                                                      make_pdf):
    client.process_document(make_image("JPEG", name="photo.jpg"), receipt)
    client.process_document(make_pdf(["x"]), receipt, options=PipelineOptions(dpi=72))
    kinds = [Image.open(io.BytesIO(c.image)).format for c in api.calls]
    assert kinds == ["JPEG", "PNG"]


def test_a_png_over_the_size_limit_falls_back_to_jpeg():
    from spaceocr.core.client import encode_page

    noisy = Image.effect_noise((400, 400), 80).convert("RGB")
    data, mime = encode_page(noisy, max_png_bytes=10_000)
    assert mime == "image/jpeg" and data[:3] == b"\xff\xd8\xff"
    data, mime = encode_page(noisy)
    assert mime == "image/png" and data.startswith(b"\x89PNG")


def test_a_real_rate_limit_wait_ends_when_cancelled():
    rl = RateLimiter(1, 60.0)
    rl.acquire()
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    with pytest.raises(Cancelled):
        rl.acquire(cancel)  # would wait a minute without the cancel
