"""``spaceocr extract`` from the command line: results, error envelopes, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pymupdf
import pytest

from spaceocr.cli.main import main
from tests.conftest import make_text_image

BAD_CODES = {
    "missing.png": "not_found",
    "empty.png": "empty_file",
    "letter.docx": "unsupported_type",
    "notes.pdf": "unsupported_type",
    "truncated.png": "corrupt_file",
    "locked.pdf": "encrypted_pdf",
    "nopages.pdf": "empty_document",
    "bomb.png": "too_large",
}


@pytest.fixture
def bad_files(tmp_path, make_pdf, make_image) -> dict[str, Path]:
    from tests.core.documents.test_open_document import _png_bomb

    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.png").write_bytes(b"")
    with zipfile.ZipFile(d / "letter.docx", "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    (d / "notes.pdf").write_text("plain text pretending to be a PDF\n")
    png = make_image("PNG", image=make_text_image(["noise"]))
    (d / "truncated.png").write_bytes(png.read_bytes()[:300])
    locked = make_pdf(["x"], name="locked_src.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256,
                      user_pw="pw", owner_pw="o")
    locked.rename(d / "locked.pdf")
    make_pdf([], name="nopages_src.pdf").rename(d / "nopages.pdf")
    (d / "bomb.png").write_bytes(_png_bomb(50000, 50000))
    files = {p.name: p for p in d.iterdir()}
    files["missing.png"] = d / "missing.png"
    return files


def run_cli(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", sorted(BAD_CODES))
def test_a_single_bad_file_prints_its_envelope_and_exits_1(bad_files, capsys, name):
    code, out, err = run_cli(["extract", str(bad_files[name]), "--template", "receipt"], capsys)
    assert code == 1
    env = json.loads(out)
    assert env["error"]["code"] == BAD_CODES[name]
    assert env["error"]["requestId"].startswith("req_")
    assert name in env["error"]["message"]
    assert "Traceback" not in err
    assert err.count("\n") == 1 and BAD_CODES[name] in err


def test_password_opens_an_encrypted_pdf_from_the_cli(bad_files, capsys):
    code, out, _ = run_cli(
        ["extract", str(bad_files["locked.pdf"]), "--password", "wrong"], capsys
    )
    assert code == 1 and json.loads(out)["error"]["code"] == "encrypted_pdf"


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as ei:
        main(["extract"])
    assert ei.value.code == 2
    with pytest.raises(SystemExit) as ei:
        main(["extract", "x.png", "--format", "yaml"])
    assert ei.value.code == 2


def test_unknown_template_is_a_clear_error(tmp_path, make_image, capsys):
    code, out, err = run_cli(["extract", str(make_image("PNG")), "--template", "nope"], capsys)
    assert code == 1
    assert json.loads(out)["error"]["code"] == "template_not_found"
    assert "receipt" in err  # names the templates there are


def test_fields_file_with_a_syntax_error_names_the_line(tmp_path, make_image, capsys):
    spec = tmp_path / "fields.json"
    spec.write_text('[\n  {"name": "total"},\n  {"name": }\n]\n')
    code, out, _ = run_cli(["extract", str(make_image("PNG")), "--fields", str(spec)], capsys)
    assert code == 1
    err = json.loads(out)["error"]
    assert err["code"] == "template_error" and "line 3" in err["message"]


def test_templates_and_version(capsys):
    code, out, _ = run_cli(["templates"], capsys)
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert {"receipt", "invoice", "delivery", "business_card", "driver_license", "quote"} <= set(
        names
    )
    with pytest.raises(SystemExit) as ei:
        main(["--version"])
    assert ei.value.code == 0
    assert capsys.readouterr().out.startswith("spaceocr ")


@pytest.mark.slow
def test_a_mixed_batch_returns_every_good_result_and_exits_1(bad_files, tmp_path, capsys):
    good = tmp_path / "good"
    good.mkdir()
    make_text_image(["領収書", "合計 ¥1,200"], size=(700, 300)).save(good / "receipt.png")
    make_text_image(["TOTAL 12.50"], size=(600, 200)).save(good / "total.jpg", "JPEG")
    doc = pymupdf.open()
    for t in ("Invoice 7", "Page two"):
        doc.new_page().insert_text((72, 72), t, fontsize=16)
    doc.save(good / "two.pdf")
    args = ["extract", str(good), *(str(bad_files[n]) for n in sorted(BAD_CODES)),
            "--template", "receipt"]
    code, out, err = run_cli(args, capsys)
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3 + len(BAD_CODES)
    by_file = {Path(o["file"]).name: o for o in lines}
    for name in ("receipt.png", "total.jpg", "two.pdf"):
        assert by_file[name]["status"] == "success", by_file[name]
        assert by_file[name]["meta"]["pages"] == (2 if name == "two.pdf" else 1)
    for name, want in BAD_CODES.items():
        assert by_file[name]["error"]["code"] == want
    assert "Traceback" not in err


@pytest.mark.slow
def test_one_good_file_prints_one_pure_json_object_and_exits_0(tmp_path):
    path = tmp_path / "r.png"
    make_text_image(["合計 ¥1,200"], size=(600, 200)).save(path)
    proc = subprocess.run(
        [sys.executable, "-m", "spaceocr", "extract", str(path), "--template", "receipt"],
        capture_output=True, text=True, check=False, env={**os.environ},
    )
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)  # nothing but the object on stdout
    assert obj["status"] == "success"
    assert obj["meta"]["file"] == "r.png"
    assert set(obj["meta"]["timings"]) >= {"ocr", "extract", "match", "total"}


def test_a_csv_out_that_cannot_be_written_fails_before_any_document_is_read(tmp_path, capsys):
    """Not after minutes of OCR: the missing document would be reported if the batch ran."""
    out = tmp_path / "missing folder" / "batch.csv"
    code = main(["extract", str(tmp_path / "nope.png"), "--format", "csv", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"spaceocr: {out}: No such file or directory" in err
    assert "nope.png" not in err and "unexpected error" not in err
