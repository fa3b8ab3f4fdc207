"""The Google Cloud Vision engine against a real local server replaying Vision's shapes."""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from pathlib import Path

import pytest
from keyring.backends import fail
from PIL import Image

from spaceocr.core.errors import (
    Cancelled,
    ConfigError,
    EngineAuthError,
    EngineQuotaError,
    EngineRequestFailed,
)
from spaceocr.core.ocr import create_engine
from spaceocr.core.ocr.google_vision import GoogleVisionEngine, VisionSymbol, chars_from_annotation
from spaceocr.core.secrets import KeyStore
from tests.support.httpserver import ReplayServer, Reply
from tests.support.vision_api import (
    ANNOTATE_PATH,
    VisionServer,
    Word,
    annotate_response,
    error_reply,
    load_recorded,
    render_page,
    sent_image,
)

KEY = "AIza-test-vision-key-0001"
NO_KEYS = KeyStore(environ={}, backend=fail.Keyring())


@pytest.fixture(scope="module")
def _server():
    with ReplayServer() as srv:
        yield srv


@pytest.fixture
def vision(_server):
    _server.reset()
    return VisionServer(_server)


def engine(vision: VisionServer, **kw) -> GoogleVisionEngine:
    kw.setdefault("api_key", KEY)
    kw.setdefault("retry_backoff_s", 0.01)
    return GoogleVisionEngine(endpoint=vision.endpoint, key_store=NO_KEYS, **kw)


def receipt_image() -> Image.Image:
    return Image.new("RGB", (640, 480), "white")


def test_recorded_answer_becomes_characters_words_lines_and_languages(vision):
    vision.answer_json(load_recorded("vision_annotate_receipt.json"))
    page = engine(vision).recognize(receipt_image(), page_index=2, dpi=150)
    assert page.text == "ACME CAFE\nTotal: ¥1,280\n合計\nThank you"
    assert (page.index, page.width_px, page.height_px, page.dpi) == (2, 640, 480, 150)
    assert page.engine == "google_vision"
    assert page.languages == ("en", "ja")
    assert len(page.chars) == len("ACMECAFETotal:¥1,280合計Thankyou")
    # "Total" and ":" are two Vision words with no break between them: one word for us
    t, colon = page.chars[8], page.chars[13]
    assert (t.text, colon.text) == ("T", ":")
    assert t.word_no == colon.word_no
    # the EOL_SURE_SPACE after "¥1,280" wraps the paragraph onto a new line
    yen, go = page.chars[14], page.chars[20]
    assert (yen.text, go.text) == ("¥", "合")
    assert go.line_no == yen.line_no + 1


def test_pixel_vertices_are_normalised_and_missing_coordinates_mean_zero(vision):
    vision.answer_json(load_recorded("vision_annotate_receipt.json"))
    page = engine(vision).recognize(receipt_image())
    a = page.chars[0]  # its first vertex is {} in the JSON: x = y = 0
    assert a.text == "A"
    assert (a.quad.tl.x, a.quad.tl.y) == (0.0, 0.0)
    assert a.quad.br.x == pytest.approx(32 / 640)
    assert a.quad.br.y == pytest.approx(40 / 480)
    you = page.chars[-1]
    assert you.quad.bbox == pytest.approx((288 / 640, 400 / 480, 320 / 640, 440 / 480))
    assert all(0.0 <= v <= 1.0 for c in page.chars for p in c.quad.points for v in (p.x, p.y))
    assert a.confidence == pytest.approx(0.99, abs=1e-4)


def test_request_is_document_text_detection_with_the_key_in_a_header(vision):
    vision.answer_json(load_recorded("vision_annotate_receipt.json"))
    image = receipt_image()
    engine(vision, language_hints=["ja", "en"]).recognize(image)
    (req,) = vision.requests
    assert req.method == "POST" and req.path == ANNOTATE_PATH
    assert req.headers["x-goog-api-key"] == KEY
    assert KEY not in json.dumps(req.query)
    body = req.json()
    (one,) = body["requests"]
    # the SDK asks for integer enums ($alt=json;enum-encoding=int): Feature.Type 11 is
    # DOCUMENT_TEXT_DETECTION
    assert one["features"] in ([{"type": 11}], [{"type": "DOCUMENT_TEXT_DETECTION"}])
    assert one["imageContext"]["languageHints"] == ["ja", "en"]
    assert sent_image(req).size == image.size
    assert base64.b64decode(one["image"]["content"])[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_image_drawn_from_words_reads_back_as_those_words(vision):
    blocks = [[[Word("INVOICE", (40, 30, 300, 80))]],
              [[Word("Amount", (40, 200, 200, 240)), Word("99.00", (400, 200, 520, 240))]]]
    image = render_page(blocks, 800, 600)
    vision.answer_json(annotate_response(blocks, 800, 600))
    page = engine(vision).recognize(image)
    assert page.text == "INVOICE\nAmount 99.00"
    nine = page.chars[page.text.replace("\n", "").replace(" ", "").index("9")]
    assert nine.quad.bbox[0] == pytest.approx(400 / 800)


def test_breaks_prefix_and_hyphen_number_words_and_lines():
    def s(t, brk="", prefix=False):
        return VisionSymbol(t, [(0, 0), (10, 0), (10, 10), (0, 10)], 0.9, brk, prefix)

    word_box = [(0, 0), (10, 0), (10, 10), (0, 10)]
    blocks = [[[
        ([s("a"), s("b", "SPACE", prefix=True)], word_box),  # the space comes before "b"
        ([s("c", "HYPHEN")], word_box),  # a hyphen that wraps the line
        ([s("d"), s("e", "SURE_SPACE")], word_box),
        ([s("f", "LINE_BREAK")], word_box),
    ]], [[([s("g")], word_box)]]]  # a new block is a new line even without a break
    chars = chars_from_annotation(blocks, 100, 100)
    assert [(c.text, c.line_no, c.word_no) for c in chars] == [
        ("a", 0, 0), ("b", 0, 1), ("c", 0, 1), ("d", 1, 2), ("e", 1, 2), ("f", 1, 3),
        ("g", 2, 4),
    ]


def test_a_symbol_without_vertices_takes_its_word_box():
    blocks = [[[([VisionSymbol("x", [], 0.5)], [(10, 10), (30, 10), (30, 20), (10, 20)])]]]
    (ch,) = chars_from_annotation(blocks, 100, 100)
    assert ch.quad.bbox == pytest.approx((0.1, 0.1, 0.3, 0.2))


def test_an_empty_page_has_no_characters(vision):
    vision.answer_json({"responses": [{}]})
    page = engine(vision).recognize(receipt_image())
    assert page.chars == () and page.text == ""


@pytest.mark.parametrize(
    ("name", "error", "words"),
    [
        ("401", EngineAuthError, "GOOGLE_API_KEY"),
        ("403", EngineAuthError, "Vision API has not been used"),
        ("key_invalid", EngineAuthError, "API key not valid"),
        ("400", EngineRequestFailed, "must specify image"),
        ("429", EngineQuotaError, "Quota exceeded"),
        ("500", EngineRequestFailed, "Internal error"),
    ],
)
def test_error_statuses_map_to_our_codes(vision, name, error, words):
    vision.answer(error_reply(name))
    with pytest.raises(error) as info:
        engine(vision, max_retries=1).recognize(receipt_image(), page_index=1)
    assert words in str(info.value)
    assert info.value.page == 2
    assert KEY not in str(info.value) and KEY not in repr(info.value)
    # ours: one retry on 429/5xx; google-auth's AuthorizedSession itself refreshes the
    # credentials and tries again on a 401 (max_refresh_attempts=2)
    expected = {"429": 2, "500": 2, "401": 3}.get(name, 1)
    assert len(vision.requests) == expected


def test_a_rate_limit_then_success_is_retried(vision):
    vision.answer(error_reply("429"), error_reply("500"),
                  Reply.json(200, load_recorded("vision_annotate_receipt.json")))
    page = engine(vision, max_retries=2).recognize(receipt_image())
    assert page.text.startswith("ACME")
    assert len(vision.requests) == 3


def test_an_image_vision_cannot_decode_is_a_request_failure(vision):
    vision.answer_json(load_recorded("vision_image_error.json"))
    with pytest.raises(EngineRequestFailed, match="Bad image data") as info:
        engine(vision).recognize(receipt_image())
    assert info.value.details["rpc_code"] == 3


@pytest.mark.parametrize(
    "reply",
    [
        Reply.raw(200, "<html>proxy login</html>", "text/html"),
        Reply.json(200, {"responses": [{"fullTextAnnotation": {"pages": "not a list"}}]}),
    ],
)
def test_a_malformed_body_is_a_request_failure(vision, reply):
    vision.answer(reply)
    with pytest.raises(EngineRequestFailed, match="could not be read"):
        engine(vision).recognize(receipt_image())


def test_a_slow_server_times_out(vision):
    vision.answer(Reply.json(200, {"responses": [{}]}, delay_s=2.0))
    t0 = time.monotonic()
    with pytest.raises(EngineRequestFailed, match="timed out"):
        engine(vision, timeout_s=0.3, max_retries=0).recognize(receipt_image())
    assert time.monotonic() - t0 < 1.9


def test_an_unreachable_endpoint_is_a_request_failure():
    with ReplayServer() as srv:
        url = srv.url
    eng = GoogleVisionEngine(api_key=KEY, endpoint=url, key_store=NO_KEYS, max_retries=1,
                             retry_backoff_s=0.01)
    with pytest.raises(EngineRequestFailed, match="could not be reached"):
        eng.recognize(receipt_image())


def test_cancel_during_backoff_stops_retrying(vision):
    vision.answer(error_reply("429"))
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    with pytest.raises(Cancelled):
        engine(vision, max_retries=3, retry_backoff_s=5.0).recognize(
            receipt_image(), cancel=cancel
        )
    assert len(vision.requests) == 1


def test_no_credentials_is_a_config_error_saying_how_to_set_them(monkeypatch):
    monkeypatch.delenv("GOOGLE_API_KEY", raising=False)
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    eng = GoogleVisionEngine(key_store=NO_KEYS, endpoint="http://127.0.0.1:9")
    assert not eng.is_available()
    with pytest.raises(ConfigError, match="set-key google"):
        eng.check_credentials()
    with pytest.raises(ConfigError) as info:
        eng.recognize(receipt_image())
    msg = str(info.value)
    assert "GOOGLE_API_KEY" in msg and "GOOGLE_APPLICATION_CREDENTIALS" in msg
    assert "spaceocr config" in msg


def test_the_environment_supplies_key_and_endpoint(vision, monkeypatch):
    monkeypatch.setenv("GOOGLE_API_KEY", KEY)
    monkeypatch.setenv("SPACEOCR_VISION_ENDPOINT", vision.endpoint)
    vision.answer_json({"responses": [{}]})
    eng = create_engine("google_vision", key_store=KeyStore(backend=fail.Keyring()))
    assert isinstance(eng, GoogleVisionEngine) and eng.is_available()
    eng.recognize(receipt_image())
    assert vision.requests[0].headers["x-goog-api-key"] == KEY
    assert KEY not in repr(eng)


def _service_account_file(tmp_path: Path, token_uri: str) -> Path:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    info = {
        "type": "service_account",
        "project_id": "spaceocr-test",
        "private_key_id": "0123456789abcdef",
        "private_key": pem,
        "client_email": "ocr@spaceocr-test.iam.gserviceaccount.com",
        "client_id": "100000000000000000001",
        "token_uri": token_uri,
    }
    path = tmp_path / "service-account.json"
    path.write_text(json.dumps(info))
    return path


def _b64url_json(part: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def test_a_service_account_file_signs_its_requests(vision, tmp_path, monkeypatch):
    """The client uses self-signed JWT access: a Bearer JWT signed by the file's key."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    monkeypatch.delenv("GOOGLE_API_KEY", raising=False)
    path = _service_account_file(tmp_path, vision.server.url + "/token")
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(path))
    vision.answer_json({"responses": [{}]})
    eng = GoogleVisionEngine(endpoint=vision.endpoint, key_store=NO_KEYS)
    assert eng.is_available()
    eng.recognize(receipt_image())
    (req,) = vision.requests
    assert "x-goog-api-key" not in req.headers
    scheme, token = req.headers["authorization"].split(" ", 1)
    assert scheme == "Bearer"
    head, payload, sig = token.split(".")
    claims = _b64url_json(payload)
    assert claims["iss"] == "ocr@spaceocr-test.iam.gserviceaccount.com"
    assert _b64url_json(head)["kid"] == "0123456789abcdef"
    info = json.loads(path.read_text())
    public = serialization.load_pem_private_key(info["private_key"].encode(), None).public_key()
    public.verify(  # raises when the signature is not the file's key's
        base64.urlsafe_b64decode(sig + "=" * (-len(sig) % 4)),
        f"{head}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256(),
    )


def test_a_broken_service_account_file_is_a_config_error(tmp_path):
    bad = tmp_path / "sa.json"
    bad.write_text('{"type": "service_account"}')
    eng = GoogleVisionEngine(credentials_file=bad, key_store=NO_KEYS, endpoint="http://x")
    with pytest.raises(ConfigError, match="not a usable service-account key file"):
        eng.recognize(receipt_image())
    eng = GoogleVisionEngine(credentials_file=tmp_path / "nope.json", key_store=NO_KEYS)
    assert not eng.is_available()
    with pytest.raises(ConfigError, match="does not exist"):
        eng.recognize(receipt_image())


@pytest.mark.parametrize(
    ("endpoint", "url"),
    [
        ("eu-vision.googleapis.com", "https://eu-vision.googleapis.com"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("https://proxy.example:8443", "https://proxy.example:8443"),
    ],
)
def test_an_endpoint_keeps_its_scheme_and_a_bare_host_means_https(endpoint, url):
    eng = GoogleVisionEngine(api_key=KEY, endpoint=endpoint, key_store=NO_KEYS)
    assert eng._get_client().transport.host == url


def test_an_image_too_big_for_a_png_request_is_sent_as_jpeg(vision):
    noise = Image.frombytes("RGB", (1800, 1800), os.urandom(1800 * 1800 * 3))
    vision.answer_json({"responses": [{}]})
    engine(vision).recognize(noise)
    (req,) = vision.requests
    data = base64.b64decode(req.json()["requests"][0]["image"]["content"])
    assert data[:3] == b"\xff\xd8\xff" and len(data) <= 6 * 1024 * 1024
    assert sent_image(req).size == noise.size
