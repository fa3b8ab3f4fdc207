"""``spaceocr hosted upload|job|view`` against the hosted API's replay server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from spaceocr.cli.main import main
from tests.support.hosted_api import HostedApi, api_field

KEY = "spocr_test_cli1"


def _page(merchant: str, total: str) -> dict:
    return {"merchant_name": api_field(merchant, (80, 40, 420, 80)),
            "total": api_field(total, (700, 880, 820, 910), 0.9)}


@pytest.fixture
def api(isolated_config, monkeypatch) -> Iterator[HostedApi]:
    with HostedApi(keys=[KEY], polls_to_complete=2) as srv:
        monkeypatch.setenv("SPACEOCR_API_BASE", srv.url)
        monkeypatch.setenv("SPACEOCR_API_KEY", KEY)
        yield srv


def _lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def test_upload_then_poll_the_jobs(api, make_image, capsys):
    api.page_data = [_page("Kissaten Mori", "1,280"), _page("Corner Deli", "12.40")]
    a, b = make_image("PNG", name="a.png"), make_image("JPEG", name="b.jpg")
    assert main(["hosted", "upload", str(a), str(b), "--template", "receipt"]) == 0
    docs = _lines(capsys.readouterr().out)
    assert [d["file"] for d in docs] == [str(a), str(b)]
    queued = [j for d in docs for j in d["jobs"]]
    assert [j["fileName"] for j in queued] == ["a.png", "b.jpg"]
    assert {j["status"] for j in queued} == {"pending"}

    ids = [j["jobId"] for j in queued]
    # one poll: still running, and said so (exit 0: nothing failed)
    assert main(["hosted", "job", ids[0]]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "processing"

    assert main(["hosted", "job", *ids, "--wait"]) == 0
    results = _lines(capsys.readouterr().out)
    assert [r["job"]["jobId"] for r in results] == ids
    assert [r["data"]["merchant_name"]["value"] for r in results] == ["Kissaten Mori",
                                                                      "Corner Deli"]
    first = results[0]
    assert first["status"] == "success"
    assert first["job"] == {"jobId": ids[0], "status": "completed", "fileName": "a.png"}
    assert first["data"]["total"]["bbox"] == {"xmin": 700, "ymin": 880, "xmax": 820,
                                              "ymax": 910}
    assert first["data"]["total"]["page"] == 1
    assert all(r.headers["authorization"] == f"Bearer {KEY}" for r in api.requests)


def test_a_pdf_goes_up_as_one_image_per_page_and_comes_back_as_one_document(api, make_pdf,
                                                                            capsys):
    api.page_data = [
        {"vendor_name": api_field("Kato Shoji", (60, 40, 300, 70)),
         "line_items": [{"description": api_field("Paper", (60, 300, 200, 330))}]},
        {"total": api_field("8,800", (700, 900, 800, 930)),
         "line_items": [{"description": api_field("Toner", (60, 100, 200, 130))}]},
    ]
    pdf = make_pdf(["Seite eins", "Seite zwei"], name="rechnung.pdf")
    assert main(["hosted", "upload", str(pdf), "--template", "invoice", "--wait"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [j["fileName"] for j in doc["jobs"]] == ["rechnung-p1.png", "rechnung-p2.png"]
    assert all(j["_templateId"] == "invoice" for j in api.jobs.values())
    assert doc["meta"]["file"] == "rechnung.pdf" and doc["meta"]["pages"] == 2
    assert doc["data"]["vendor_name"]["page"] == 1 and doc["data"]["total"]["page"] == 2
    assert [(r["description"]["value"], r["description"]["page"])
            for r in doc["data"]["line_items"]] == [("Paper", 1), ("Toner", 2)]


def test_upload_wait_reports_the_failed_file_and_keeps_the_others(api, make_image, capsys):
    api.page_data = [_page("Corner Deli", "12.40")]
    api.fail_files = {"bad.png"}
    good, bad = make_image("PNG", name="good.png"), make_image("PNG", name="bad.png")
    broken = good.parent / "broken.png"
    broken.write_bytes(good.read_bytes()[:40])  # a truncated PNG: never leaves this machine
    code = main(["hosted", "upload", str(good), str(broken), str(bad), "--wait",
                 "--sheet", "Q4"])
    out, err = capsys.readouterr()
    assert code == 1
    ok, corrupt, failed = _lines(out)
    assert ok["jobs"][0]["fileName"] == "good.png" and ok["data"]["total"]["value"] == "12.40"
    assert corrupt["error"]["code"] == "corrupt_file" and "jobs" not in corrupt
    assert failed["jobs"][0]["fileName"] == "bad.png"
    assert failed["jobs"][0]["status"] == "failed"
    assert failed["error"]["code"] == "api_job_failed"
    assert "could not be read" in failed["error"]["message"]
    assert "[api_job_failed]" in err and "[corrupt_file]" in err
    assert sorted(j["fileName"] for j in api.jobs.values()) == ["bad.png", "good.png"]


def test_view_a_sheet_as_json_and_as_csv(api, tmp_path, capsys):
    api.add_sheet("Q4", [
        {"jobId": "job_1", "fileName": "a.png", "merchant_name": "喫茶 森", "total": 1280},
        {"jobId": "job_2", "fileName": "b.png", "merchant_name": "Corner Deli", "total": 12.4},
        {"jobId": "job_3", "fileName": "c.png", "merchant_name": "큰 마트", "total": 5400},
    ])
    assert main(["hosted", "view", "Q4", "--where", "total>100", "--sort=-total",
                 "--select", "merchant_name,total"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view == {"rows": [{"merchant_name": "큰 마트", "total": 5400},
                             {"merchant_name": "喫茶 森", "total": 1280}], "total": 2}
    q = api.requests[-1].query
    assert q["sheetId"] == ["Q4"] and q["sort"] == ["-total"]

    out = tmp_path / "q4.csv"
    assert main(["hosted", "view", "Q4", "--format", "csv", "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "jobId,fileName,merchant_name,total"
    assert lines[1] == "job_1,a.png,喫茶 森,1280"
    assert len(lines) == 4


def test_errors_are_envelopes_with_the_servers_request_id(api, capsys, monkeypatch):
    assert main(["hosted", "job", "job_nope"]) == 1
    env = json.loads(capsys.readouterr().out)
    assert env["error"]["code"] == "api_not_found"
    assert env["error"]["requestId"].startswith("req_srv_")
    assert env["job"] == {"jobId": "job_nope"}

    assert main(["hosted", "view", "no-such-sheet"]) == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "api_sheet_not_found"

    monkeypatch.delenv("SPACEOCR_API_KEY")
    before = len(api.requests)
    assert main(["hosted", "view", "Q4"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["error"]["code"] == "config_error"
    assert "set-key spaceocr" in err
    assert len(api.requests) == before  # nothing was sent without a key


def test_the_key_never_appears_in_what_the_command_prints(api, make_image, capsys):
    api.page_data = [_page("Corner Deli", "12.40")]
    api.fail("/upload", 400, code="invalid_request", message=f"bad key {KEY}")
    code = main(["--verbose", "hosted", "upload", str(make_image("PNG"))])
    out, err = capsys.readouterr()
    assert code == 1
    assert json.loads(out)["error"]["code"] == "api_invalid_request"
    assert KEY not in out + err and "[redacted]" in out


def test_no_action_prints_help(capsys):
    assert main(["hosted"]) == 2
    assert "upload" in capsys.readouterr().err
