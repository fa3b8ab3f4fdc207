"""``spaceocr verify FILE --values VALUES.json``: API-shaped results, envelopes, exit codes.

The documents are born-digital PDFs, read through their text layer (no OCR models load).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from spaceocr.cli.main import main


@pytest.fixture
def receipt_pdf(tmp_path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "Maple Street Market", fontsize=16)
    page.insert_text((72, 120), "Date 2026-03-08", fontsize=12)
    page.insert_text((72, 160), "Oat milk 2 qt      $3.85", fontsize=12)
    page.insert_text((72, 180), "Bagel           $2.92", fontsize=12)
    page.insert_text((72, 220), "Total           $6.77", fontsize=12)
    path = tmp_path / "receipt.pdf"
    doc.save(path)
    return path


def _values(tmp_path: Path, obj: object, name: str = "values.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


def test_verify_prints_every_value_with_its_box(receipt_pdf, tmp_path, capsys) -> None:
    values = _values(tmp_path, {
        "merchant_name": "Maple Street Market", "date": "2026-03-08", "total": "6.77",
        "payment_method": "Visa",
        "line_items": [{"description": "Oat milk 2 qt", "amount": "$3.85"},
                       {"description": "Bagel", "amount": "$2.92"}],
    })
    code = main(["verify", str(receipt_pdf), "--values", str(values), "--template", "receipt"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["status"] == "success"
    data = out["data"]
    total = data["total"]
    assert total["value"] == "6.77" and total["match_ratio"] == 1.0
    assert total["bbox_source"] == "ocr_chars" and total["page"] == 1
    assert len(total["vertices"]) == 4
    b = total["bbox"]
    assert 0 <= b["xmin"] < b["xmax"] <= 1000 and 0 <= b["ymin"] < b["ymax"] <= 1000
    # the "$" printed beside the plain number is part of the box: it starts left of "6"
    assert b["xmin"] < 1000 * 200 / 595
    missing = data["payment_method"]
    assert missing["bbox"] is None and missing["match_ratio"] == 0.0 and missing["review"]
    assert missing["review_reasons"] == ["not_on_page"]
    rows = data["line_items"]
    assert [r["amount"]["value"] for r in rows] == ["$3.85", "$2.92"]
    assert rows[0]["amount"]["bbox"]["ymax"] <= rows[1]["amount"]["bbox"]["ymin"]
    assert out["meta"]["extractor"] == "verify" and out["meta"]["template"] == "receipt"


def test_verify_writes_to_out_and_stdout_stays_pure_json(receipt_pdf, tmp_path) -> None:
    values = _values(tmp_path, {"total": "$6.77"})
    out = tmp_path / "result.json"
    code = main(["verify", str(receipt_pdf), "--values", str(values), "-o", str(out)])
    assert code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["data"]["total"]["match_ratio"] == 1.0
    proc = subprocess.run(
        [sys.executable, "-m", "spaceocr", "verify", str(receipt_pdf), "--values", str(values)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["data"]["total"]["value"] == "$6.77"


@pytest.mark.parametrize(("content", "code"), [
    ("{not json", "invalid_values"),
    ('["a", "list"]', "invalid_values"),
    ('{"line_items": [1, 2]}', "invalid_values"),
])
def test_bad_values_give_an_envelope_and_exit_1(receipt_pdf, tmp_path, capsys, content,
                                                 code) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    rc = main(["verify", str(receipt_pdf), "--values", str(path)])
    captured = capsys.readouterr()
    assert rc == 1
    assert json.loads(captured.out)["error"]["code"] == code
    assert "spaceocr:" in captured.err and "Traceback" not in captured.err


def test_a_missing_document_or_template_fails_with_its_code(tmp_path, capsys) -> None:
    values = _values(tmp_path, {"total": "1"})
    rc = main(["verify", str(tmp_path / "nope.pdf"), "--values", str(values)])
    assert rc == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "not_found"
    rc = main(["verify", str(tmp_path / "nope.pdf"), "--values", str(values),
               "--template", "no_such_template"])
    assert rc == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "template_not_found"
    rc = main(["verify", str(tmp_path / "nope.pdf"), "--values", str(tmp_path / "none.json")])
    assert rc == 1
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "invalid_values"
