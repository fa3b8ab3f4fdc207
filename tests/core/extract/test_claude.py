"""The Claude extractor against a real local server replaying the Messages API's shapes."""

from __future__ import annotations

import json
import re
import time

import pytest
from keyring.backends import fail

from spaceocr.core.errors import (
    ConfigError,
    EngineAuthError,
    EngineQuotaError,
    EngineRequestFailed,
)
from spaceocr.core.extract import create_extractor
from spaceocr.core.extract.claude import (
    DEFAULT_MODEL,
    TOOL_NAME,
    ClaudeExtractor,
    WordIndex,
    build_tool_schema,
    word_id,
)
from spaceocr.core.pipeline import ground_extracted
from spaceocr.core.secrets import KeyStore
from spaceocr.core.templates import load_template
from spaceocr.core.types import FieldStatus, OcrChar, OcrPage, Quad
from tests.support.anthropic_api import (
    AnthropicServer,
    error_reply,
    message_reply,
    prompt_text,
    prompt_words,
    scripted_model,
)
from tests.support.httpserver import ReplayServer, Reply
from tests.support.vision_api import load_recorded

KEY = "sk-ant-test-CL01"
NO_KEYS = KeyStore(environ={}, backend=fail.Keyring())
FAST = {"retry-after-ms": "5"}  # the SDK honours it: retries stay fast


def make_page(lines: list[str], index: int = 0) -> OcrPage:
    """An OcrPage with one char per letter, words split on spaces, 0.05 high lines."""
    chars = []
    word_no = 0
    for ln, line in enumerate(lines):
        x = 0.05
        for word in line.split():
            for ch in word:
                chars.append(OcrChar(ch, Quad.from_bbox(x, 0.1 + 0.06 * ln, x + 0.02,
                                                        0.15 + 0.06 * ln), 0.95, ln, word_no))
                x += 0.02
            x += 0.02
            word_no += 1
    return OcrPage(index, 1000, 1400, 200.0, "test", tuple(chars))


RECEIPT = ["ACME CAFE", "2026-03-14 12:01", "Latte 2 4.50 9.00", "Bagel 1 3.25 3.25",
           "TOTAL 12.25"]


@pytest.fixture(scope="module")
def _server():
    with ReplayServer() as srv:
        yield srv


@pytest.fixture
def api(_server):
    _server.reset()
    return AnthropicServer(_server)


def extractor(api: AnthropicServer, **kw) -> ClaudeExtractor:
    kw.setdefault("api_key", KEY)
    return ClaudeExtractor(base_url=api.base_url, key_store=NO_KEYS, **kw)


def test_word_ids_are_letters_only_unique_and_never_numbers():
    ids = [word_id(n) for n in range(30000)]
    assert ids[:3] == ["w_a", "w_b", "w_c"] and ids[25:28] == ["w_z", "w_aa", "w_ab"]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"w_[a-z]+", i) for i in ids)
    with pytest.raises(ValueError, match="start at 0"):
        word_id(-1)


def test_the_prompt_lists_every_word_with_its_id_line_by_line():
    pages = [make_page(RECEIPT), make_page(["Page two words"], index=1)]
    index = WordIndex(pages)
    text = index.render()
    assert text.splitlines()[0] == "--- page 1 ---"
    assert text.splitlines()[1] == "w_a|ACME w_b|CAFE"
    assert "--- page 2 ---" in text
    assert index.count == sum(len(line.split()) for line in RECEIPT) + 3
    page_index, chars = index.by_id["w_b"]
    assert page_index == 0 and "".join(pages[0].chars[i].text for i in chars) == "CAFE"


def test_a_cut_document_says_so():
    index = WordIndex([make_page(RECEIPT)], max_words=3)
    assert index.truncated and index.count == 3


def test_the_tool_schema_carries_fields_types_and_array_children():
    template = load_template("invoice")
    schema = build_tool_schema(template)
    props = schema["properties"]["fields"]["properties"]
    assert set(props) == {f.name for f in template.fields}
    total = props["total"]
    assert total["required"] == ["value", "tokens"]
    assert total["properties"]["tokens"]["items"]["pattern"] == "^w_[a-z]+$"
    assert "normalized" in total["properties"]  # amounts may also come as plain decimals
    items = props["line_items"]
    assert items["type"] == "array"
    assert set(items["items"]["properties"]) == {"description", "quantity", "unit_price",
                                                 "amount"}


def test_the_request_forces_the_tool_and_sends_no_sampling_parameters(api):
    api.answer(message_reply({"fields": {}}))
    extractor(api).extract([make_page(RECEIPT)], load_template("receipt"))
    (req,) = api.requests
    body = req.json()
    assert body["model"] == DEFAULT_MODEL
    assert body["tool_choice"] == {"type": "tool", "name": TOOL_NAME}
    assert body["tools"][0]["name"] == TOOL_NAME
    # API version 2026-10-21 rejects temperature/top_p/top_k with a 400 on every model
    assert not {"temperature", "top_p", "top_k"} & set(body)
    assert req.headers["anthropic-version"]
    assert "w_a|ACME" in prompt_text(req)
    assert KEY in (req.headers.get("x-api-key", "") + req.headers.get("authorization", ""))


def test_cited_word_ids_become_hints_on_their_characters(api):
    page = make_page(RECEIPT)
    api.answer(scripted_model({
        "merchant_name": "ACME CAFE",
        "total": "12.25",
        "line_items": [{"description": "Latte", "amount": "9.00"},
                       {"description": "Bagel", "amount": "3.25"}],
    }, usage={"input_tokens": 812, "output_tokens": 64}))
    result = extractor(api).extract([page], load_template("receipt"))
    by_name = {f.name: f for f in result.fields}
    merchant = by_name["merchant_name"]
    assert merchant.hint is not None and merchant.hint.source == "llm_tokens"
    assert "".join(page.chars[i].text for i in merchant.hint.char_indices) == "ACMECAFE"
    total = by_name["total"]
    assert "".join(page.chars[i].text for i in total.hint.char_indices) == "12.25"
    rows = by_name["line_items"].items
    assert [[c.value for c in row] for row in rows] == [["Latte", "9.00"], ["Bagel", "3.25"]]
    bagel_amount = rows[1][1]
    assert bagel_amount.hint.page_index == 0
    assert "".join(page.chars[i].text for i in bagel_amount.hint.char_indices) == "3.25"
    llm = result.meta["llm"]
    assert llm["usage"] == {"input_tokens": 812, "output_tokens": 64}
    assert llm["stop_reason"] == "tool_use" and llm["request_id"] == "req_test_ok"
    assert result.extractor == "claude" and result.version == "claude-sonnet-5-5"


def test_unknown_ids_and_bare_values_give_no_hint(api):
    api.answer(message_reply({"fields": {
        "total": {"value": "12.25", "tokens": ["w_zzzz", "17"]},
        "merchant_name": "ACME CAFE",
        "not_a_field": {"value": "x", "tokens": []},
        "date": {"value": "", "tokens": []},
    }}))
    result = extractor(api).extract([make_page(RECEIPT)], load_template("receipt"))
    assert {f.name: f.hint for f in result.fields} == {"merchant_name": None, "total": None}
    llm = result.meta["llm"]
    assert (llm["unknown_token_ids"], llm["unknown_fields"], llm["uncited_values"]) == (2, 1, 2)


def test_grounding_uses_the_cited_characters_and_flags_a_hallucination(api):
    page = make_page(RECEIPT)
    api.answer(scripted_model({
        "total": "12.25",
        "merchant_name": "Blue Bottle Coffee",  # not on the page at all
        "date": ("2026-03-14", ["w_b"]),  # cites the wrong word, but the value is printed
    }))
    template = load_template("receipt")
    result = extractor(api).extract([page], template)
    fields = {f.name: f for f in ground_extracted(result.fields, [page], template,
                                                  source="claude")}
    total = fields["total"]
    assert total.grounding is not None and total.grounding.bbox_source == "llm_tokens"
    assert "".join(page.chars[i].text for i in total.grounding.char_indices) == "12.25"
    ghost = fields["merchant_name"]
    assert ghost.grounding is None and ghost.status is FieldStatus.NOT_GROUNDED
    assert "not_on_page" in ghost.review_reasons and ghost.needs_review
    date = fields["date"]
    assert date.grounding is not None and date.grounding.bbox_source != "llm_tokens"
    assert "".join(page.chars[i].text for i in date.grounding.char_indices) == "2026-03-14"


def test_a_page_without_text_sends_no_request(api):
    result = extractor(api).extract([make_page([])], load_template("receipt"))
    assert result.fields == () and result.meta["llm"]["skipped"] == "no_text"
    assert api.requests == []


@pytest.mark.parametrize("status", [429, 500, 529])
def test_transient_errors_are_retried_by_the_sdk(api, status):
    api.answer(error_reply(status, headers=FAST), scripted_model({"total": "12.25"}))
    result = extractor(api, max_retries=2).extract([make_page(RECEIPT)],
                                                    load_template("receipt"))
    assert [f.value for f in result.fields] == ["12.25"]
    assert len(api.requests) == 2


@pytest.mark.parametrize(
    ("status", "error", "words", "attempts"),
    [
        (401, EngineAuthError, "ANTHROPIC_API_KEY", 1),
        (403, EngineAuthError, "permission_error", 1),
        (400, EngineRequestFailed, "invalid_request_error", 1),
        (429, EngineQuotaError, "rate_limit_error", 2),
        (500, EngineRequestFailed, "server error", 2),
        (529, EngineRequestFailed, "overloaded", 2),
    ],
)
def test_errors_map_to_our_codes_after_bounded_retries(api, status, error, words, attempts):
    api.answer(error_reply(status, headers=FAST))
    with pytest.raises(error) as info:
        extractor(api, max_retries=1).extract([make_page(RECEIPT)], load_template("receipt"))
    assert words in str(info.value)
    assert info.value.details["status"] == status
    assert info.value.details["request_id"].startswith("req_")
    assert KEY not in str(info.value) and KEY not in repr(info.value)
    assert len(api.requests) == attempts


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        (Reply.raw(200, "<html>gateway</html>", "text/html"), "could not be read"),
        (Reply.json(200, load_recorded("anthropic_message_text_only.json")),
         "without calling record_fields"),
    ],
)
def test_an_answer_without_the_tool_call_is_a_request_failure(api, reply, words):
    api.answer(reply)
    with pytest.raises(EngineRequestFailed, match=words):
        extractor(api).extract([make_page(RECEIPT)], load_template("receipt"))


def test_a_slow_server_times_out(api):
    api.answer(message_reply({"fields": {}}, delay_s=2.0))
    t0 = time.monotonic()
    with pytest.raises(EngineRequestFailed, match="did not answer within"):
        extractor(api, timeout_s=0.3, max_retries=0).extract([make_page(RECEIPT)],
                                                             load_template("receipt"))
    assert time.monotonic() - t0 < 1.9


def test_an_unreachable_server_is_a_request_failure():
    with ReplayServer() as srv:
        url = srv.url
    ex = ClaudeExtractor(api_key=KEY, base_url=url, key_store=NO_KEYS, max_retries=0)
    with pytest.raises(EngineRequestFailed, match="could not be reached"):
        ex.extract([make_page(RECEIPT)], load_template("receipt"))


def test_no_key_is_a_config_error_saying_how_to_set_it(monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    ex = ClaudeExtractor(key_store=NO_KEYS)
    assert not ex.is_available()
    with pytest.raises(ConfigError, match="set-key anthropic"):
        ex.check_credentials()
    with pytest.raises(ConfigError) as info:
        ex.extract([make_page(RECEIPT)], load_template("receipt"))
    assert "ANTHROPIC_API_KEY" in str(info.value) and "spaceocr config" in str(info.value)


def test_the_environment_supplies_key_base_url_and_model(api, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", api.base_url)
    monkeypatch.setenv("SPACEOCR_CLAUDE_MODEL", "claude-haiku-5-5")
    api.answer(message_reply({"fields": {}}, model="claude-haiku-5-5"))
    ex = create_extractor("claude", key_store=KeyStore(backend=fail.Keyring()))
    assert ex.is_available() and ex.model == "claude-haiku-5-5"
    result = ex.extract([make_page(RECEIPT)], load_template("receipt"))
    (req,) = api.requests
    assert req.json()["model"] == "claude-haiku-5-5"
    assert result.version == "claude-haiku-5-5"
    assert KEY not in repr(ex)


def test_the_ids_in_the_prompt_are_the_ones_the_index_resolves(api):
    page = make_page(RECEIPT)
    api.answer(message_reply({"fields": {}}))
    extractor(api).extract([page], load_template("receipt"))
    index = WordIndex([page])
    for wid, word in prompt_words(api.requests[0]):
        _, chars = index.by_id[wid]
        assert "".join(page.chars[i].text for i in chars) == word


def test_an_answer_cut_at_max_tokens_is_marked(api):
    reply = message_reply({"fields": {"total": {"value": "12.25", "tokens": ["w_n"]}}})
    body = json.loads(reply.body)
    body["stop_reason"] = "max_tokens"
    api.answer(Reply.json(200, body))
    result = extractor(api).extract([make_page(RECEIPT)], load_template("receipt"))
    assert result.meta["llm"]["truncated_output"] is True
    assert [f.value for f in result.fields] == ["12.25"]
