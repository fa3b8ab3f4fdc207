"""``spaceocr ocr FILE``: the JSON shape, the text form, and fast failures on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from spaceocr.cli.main import main
from tests.core.ocr.conftest import norm, render


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = [("Invoice 2041", "helv", 16, 34, 14), ("Total 1,234.50", "helv", 16, 70, 14)]
    image, _ = render(lines, size_pt=(240, 90))
    path = tmp_path_factory.mktemp("ocr") / "scan.png"
    image.save(path)
    return path


@pytest.mark.slow
def test_json_lists_pages_lines_and_characters_with_pixel_and_grid_quads(scan, capsys):
    code = main(["ocr", str(scan)])
    out, _err = capsys.readouterr()
    assert code == 0
    obj = json.loads(out)
    assert obj["engine"] == "embedded" and obj["warnings"] == []
    (page,) = obj["pages"]
    assert page["page"] == 1 and (page["width"], page["height"]) == (667, 250)
    texts = [ln["text"] for ln in page["lines"]]
    assert [norm(t) for t in texts] == ["Invoice2041", "Total1,234.50"]
    for ln in page["lines"]:
        assert len(ln["quad"]) == 4 and 0 <= ln["confidence"] <= 1
        assert "".join(c["text"] for c in ln["chars"]) == "".join(ln["text"].split())
        for c in ln["chars"]:
            (x0, y0), _, (x1, y1), _ = c["quad"]
            assert 0 <= x0 < x1 <= page["width"] and 0 <= y0 < y1 <= page["height"]
            gx0, gy0 = c["quad_grid"][0]
            assert gx0 == pytest.approx(x0 / page["width"] * 1000, abs=0.5)
            assert gy0 == pytest.approx(y0 / page["height"] * 1000, abs=0.5)


@pytest.mark.slow
def test_text_format_prints_the_lines_in_reading_order(scan, capsys):
    assert main(["ocr", str(scan), "--format", "text"]) == 0
    out, _ = capsys.readouterr()
    assert [norm(x) for x in out.splitlines()] == ["Invoice2041", "Total1,234.50"]


def test_born_digital_pdf_is_read_from_its_text_layer(tmp_path, capsys):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "請求書 Invoice 2041", fontname="japan", fontsize=14)
    path = tmp_path / "digital.pdf"
    doc.save(path)
    assert main(["ocr", str(path)]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["engine"] == "pdf_text"
    assert obj["pages"][0]["lines"][0]["text"] == "請求書 Invoice 2041"


def test_bad_input_fails_fast_without_loading_any_model(tmp_path):
    bad = tmp_path / "notes.pdf"
    bad.write_text("not a pdf")
    code = (
        "import sys; from spaceocr.cli.main import main; "
        f"rc = main(['ocr', {str(bad)!r}]); "
        "print('LOADED' if 'rapidocr' in sys.modules else 'CLEAN', file=sys.stderr); "
        "sys.exit(rc)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["error"]["code"] == "unsupported_type"
    assert "CLEAN" in proc.stderr and "notes.pdf" in proc.stderr


def test_missing_file_prints_one_line_and_exits_1(tmp_path, capsys):
    assert main(["ocr", str(tmp_path / "nope.png"), "--format", "text"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "not_found" in err
