"""``spaceocr extract --mode hosted`` end to end against the local replay server, with a
sentinel key searched for in every output, log, settings file and store file."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from spaceocr.cli.main import main
from spaceocr.core.store import Store
from tests.support.hosted_api import HostedApi, api_field

SENTINEL = "spocr_test_SENTINEL123"
UNKNOWN = "spocr_test_SENTINELUNKNOWN456"


PAGE = {
    "merchant_name": api_field("Bäckerei Test", (80, 40, 420, 80)),
    "total": api_field("12.40", (700, 880, 820, 910), 0.95),
    "line_items": [{"description": api_field("Brezel", (80, 300, 240, 330)),
                    "amount": api_field("1.20", (700, 300, 800, 330))}],
}


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def records() -> Iterator[_Records]:
    """Every record of our loggers and the HTTP stack, at DEBUG (main() resets the root)."""
    h = _Records()
    h.setFormatter(logging.Formatter("%(name)s %(message)s %(args)s"))
    names = ("spaceocr", "httpx", "httpcore", "keyring")
    old = {n: logging.getLogger(n).level for n in names}
    for n in names:
        logging.getLogger(n).addHandler(h)
        logging.getLogger(n).setLevel(logging.DEBUG)
    yield h
    for n in names:
        logging.getLogger(n).removeHandler(h)
        logging.getLogger(n).setLevel(old[n])


@pytest.fixture
def api() -> Iterator[HostedApi]:
    with HostedApi(keys=[SENTINEL]) as srv:
        srv.page_data = [PAGE]
        yield srv


def _files_text(*roots: Path) -> str:
    """Every byte of every file under ``roots`` (the settings folder, the store and its WAL)."""
    parts = []
    for root in roots:
        for p in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if p.is_file():
                parts.append(p.read_bytes().decode("latin-1"))
    return "\n".join(parts)


def _assert_no_sentinel(*texts: str, key: str = SENTINEL) -> None:
    for t in texts:
        assert key not in t
        assert key.removeprefix("spocr_") not in t  # not even the part after the prefix


def test_hosted_extract_end_to_end_never_leaks_the_key(isolated_config, api, records, tmp_path,
                                                       monkeypatch, capsys, make_pdf):
    monkeypatch.setenv("SPACEOCR_API_BASE", api.url)
    monkeypatch.setenv("SPACEOCR_API_KEY", SENTINEL)
    assert main(["config", "set", "mode", "hosted"]) == 0
    capsys.readouterr()
    pdf = make_pdf(["Testseite"], name="bon.pdf")
    store = tmp_path / "store" / "x.sqlite3"
    out_file = tmp_path / "out.json"

    # the mode comes from the settings file; --verbose sends every log line to stderr
    code = main(["--verbose", "extract", str(pdf), "--template", "receipt", "--sheet", "S",
                 "--store", str(store)])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    assert result["meta"]["mode"] == "hosted" and result["meta"]["engine"] == "space-ocr api"
    assert result["data"]["total"]["value"] == "12.40"
    assert result["data"]["total"]["bbox"] == {"xmin": 700, "ymin": 880, "xmax": 820,
                                               "ymax": 910}
    assert result["data"]["line_items"][0]["description"]["page"] == 1
    # the key did go to the server, and only in the Authorization header
    assert api.requests and all(
        r.headers["authorization"] == f"Bearer {SENTINEL}" for r in api.requests)
    assert all(SENTINEL.encode() not in r.body for r in api.requests)

    # and explicitly --mode hosted, to a file, with --force past the stored copy
    code = main(["extract", "--mode", "hosted", str(pdf), "--sheet", "S", "--store", str(store),
                 "--force", "--out", str(out_file)])
    out2, err2 = capsys.readouterr()
    assert code == 0, err2

    with Store.open(store) as st:
        docs = st.list_documents("S")
        assert len(docs) >= 1
        loaded = st.load_result("S", docs[0].doc_id)
        assert loaded.mode == "hosted"
        assert loaded.get("total").grounding.bbox_source == "ocr_chars"

    assert records.lines, "the client logged nothing: the log check would be empty"
    _assert_no_sentinel(
        out, err, out2, err2, out_file.read_text(), "\n".join(records.lines),
        _files_text(tmp_path / "config"), _files_text(store.parent),
    )


def test_hosted_errors_keep_request_ids_and_never_leak_the_key(isolated_config, api, records,
                                                               tmp_path, monkeypatch, capsys,
                                                               make_image):
    monkeypatch.setenv("SPACEOCR_API_BASE", api.url)
    img = make_image("PNG", name="card.png")

    # an unknown key: 403, one envelope with the server's request id
    monkeypatch.setenv("SPACEOCR_API_KEY", UNKNOWN)
    code = main(["--verbose", "extract", "--mode", "hosted", str(img)])
    out, err = capsys.readouterr()
    assert code == 1
    env = json.loads(out)
    assert env["error"]["code"] == "api_forbidden"
    assert env["error"]["requestId"].startswith("req_srv_")
    assert "does not recognise this API key" in env["error"]["message"]

    # a server that echoes the key in an error message: scrubbed before it is reported
    monkeypatch.setenv("SPACEOCR_API_KEY", SENTINEL)
    api.fail("/ocr/fields", 400, code="invalid_request", message=f"bad key {SENTINEL}")
    code = main(["--verbose", "extract", "--mode", "hosted", str(img)])
    out2, err2 = capsys.readouterr()
    assert code == 1
    env2 = json.loads(out2)
    assert env2["error"]["code"] == "api_invalid_request"
    assert "[redacted]" in env2["error"]["message"]
    assert env2["error"]["requestId"].startswith("req_srv_")

    # one 500, retried after a short backoff, then the page goes through
    api.fail("/ocr/fields", 500, code="internal_error", message="transient")
    code = main(["--verbose", "extract", "--mode", "hosted", str(img)])
    out4, err4 = capsys.readouterr()
    assert code == 0, err4
    assert json.loads(out4)["data"]["total"]["value"] == "12.40"

    # an ill-formed key never reaches the server
    before = len(api.requests)
    monkeypatch.setenv("SPACEOCR_API_KEY", "sk-ant-test-wrong9")
    code = main(["extract", "--mode", "hosted", str(img)])
    out3, err3 = capsys.readouterr()
    assert code == 1 and json.loads(out3)["error"]["code"] == "config_error"
    assert len(api.requests) == before

    logs = "\n".join(records.lines)
    _assert_no_sentinel(out, err, logs, key=UNKNOWN)
    _assert_no_sentinel(out2, err2, out4, err4, logs)
    assert "sk-ant-test-wrong9" not in out3 + err3 + logs


def test_hosted_extract_with_the_key_in_the_keyring(isolated_config, api, monkeypatch, capsys,
                                                    make_image, tmp_path):
    isolated_config.set_password("spaceocr", "spaceocr", SENTINEL)
    monkeypatch.setenv("SPACEOCR_API_BASE", api.url)
    code = main(["extract", "--mode", "hosted", str(make_image("PNG"))])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["meta"]["mode"] == "hosted"
    assert SENTINEL not in out + err
