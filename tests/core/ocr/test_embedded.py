"""The embedded engine on real renders: every script, rotated and skewed pages, a blank page,
no Korean data, no network. These run the real models (a few seconds in all)."""

from __future__ import annotations

import math
import socket
import threading
from pathlib import Path

import pytest
from PIL import Image

from spaceocr.core.errors import Cancelled
from spaceocr.core.ocr import create_engine
from spaceocr.core.ocr.base import OcrEngine
from spaceocr.core.ocr.embedded import EmbeddedEngine
from spaceocr.core.ocr.korean import is_hangul
from spaceocr.core.types import OcrPage
from tests.core.ocr.conftest import find_chars, norm, render, rotate

pytestmark = pytest.mark.slow

CJK_EN = [
    ("請求書番号 INV-2041", "japan", 16, 34, 13),
    ("株式会社テスト商事 御中", "japan", 16, 64, 13),
    ("增值税电子普通发票 合计", "china-s", 16, 94, 13),
    ("統一發票 營業稅 總計", "china-t", 16, 124, 13),
    ("Total due: $1,234.50", "helv", 16, 154, 13),
]

KOREAN = [
    ("영수증 합계 42,020", "korea", 16, 34, 14),
    ("사업자등록번호 894-29-81477", "korea", 16, 70, 14),
    ("부가세 4,161", "korea", 16, 106, 14),
]


@pytest.fixture(scope="module")
def cjk_page() -> tuple[Image.Image, list]:
    return render(CJK_EN)


@pytest.fixture(scope="module")
def cjk_result(engine: EmbeddedEngine, cjk_page) -> OcrPage:
    image, _ = cjk_page
    return engine.recognize(image, page_index=0, dpi=200)


def test_engine_implements_the_protocol_and_registry_builds_it():
    eng = create_engine("embedded")
    assert isinstance(eng, OcrEngine)
    assert eng.name == "embedded" and eng.is_available()


def test_models_load_lazily_on_first_page():
    eng = EmbeddedEngine()
    assert eng._ppocr._ocr is None  # nothing loaded by building or checking availability
    eng.is_available()
    assert eng._ppocr._ocr is None


@pytest.mark.parametrize("index", range(len(CJK_EN)))
def test_reads_japanese_chinese_and_english_lines(cjk_result, index):
    text = CJK_EN[index][0]
    page_text = [norm(line) for line in cjk_result.text.split("\n")]
    assert any(norm(text) in line for line in page_text), (text, cjk_result.text)


def test_cjk_page_gets_no_hangul(cjk_result):
    assert not any(is_hangul(c.text) for c in cjk_result.chars)
    assert cjk_result.warnings == ()


def test_every_char_has_its_own_box_inside_its_line(cjk_page, cjk_result):
    image, placed = cjk_page
    w, h = image.size
    for p in placed:
        idx = find_chars(cjk_result, p.text)
        assert idx is not None, p.text
        x0, y0, x1, y1 = p.box
        centres = [cjk_result.chars[i].quad.center for i in idx]
        assert len({(round(c.x, 4), round(c.y, 4)) for c in centres}) == len(idx)
        # characters run left to right, inside the line's ink box (a few px of slack)
        xs = [c.x * w for c in centres]
        assert xs == sorted(xs)
        for c in centres:
            assert x0 - 6 <= c.x * w <= x1 + 6 and y0 - 6 <= c.y * h <= y1 + 6, (p.text, c)


def test_reading_order_and_line_numbers(cjk_result):
    lines = cjk_result.lines()
    assert len(lines) == len(CJK_EN)
    assert [ln[0].line_no for ln in lines] == sorted({c.line_no for c in cjk_result.chars})
    tm = cjk_result.text_map()
    assert len(tm.text) == len(tm.offsets)
    first = tm.text.split("\n")[0]
    assert "INV-2041" in norm(first) and norm(first).startswith("請求書番号")
    # every character of the text maps back to a character; separators map to -1
    for pos, owner in enumerate(tm.offsets):
        if owner < 0:
            assert tm.text[pos] in " \n"
        else:
            assert tm.text[pos] in cjk_result.chars[owner].text


def test_korean_is_read_by_tesseract_and_merged(engine):
    image, _ = render(KOREAN)
    page = engine.recognize(image)
    assert page.warnings == ()
    text = page.text.split("\n")
    for want, *_ in KOREAN:
        assert any(norm(want) in norm(line) for line in text), (want, page.text)
    # the digits PP-OCR read well are still there, each character with its own box
    idx = find_chars(page, "894-29-81477")
    assert idx is not None and len(idx) == len("894-29-81477")


def test_without_korean_data_the_page_warns_and_everything_else_works(tmp_path: Path):
    empty = tmp_path / "tessdata"
    empty.mkdir()
    eng = EmbeddedEngine(tessdata=empty)
    assert not eng.korean_available
    image, _ = render(KOREAN)
    page = eng.recognize(image)
    assert page.warnings == ("korean_unavailable",)
    assert "894-29-81477" in norm(page.text)
    assert not any(is_hangul(c.text) for c in page.chars)


def test_blank_page_gives_no_characters(engine):
    page = engine.recognize(Image.new("RGB", (800, 600), "white"), page_index=3, dpi=150)
    assert page.chars == () and page.text == ""
    assert (page.index, page.width_px, page.height_px, page.dpi) == (3, 800, 600, 150.0)


def test_cancel_before_reading_raises(engine):
    ev = threading.Event()
    ev.set()
    with pytest.raises(Cancelled):
        engine.recognize(Image.new("RGB", (100, 100), "white"), cancel=ev)


ROTATION_LINES = [
    ("INVOICE 2041", "helv", 20, 40, 16),
    ("Total 1,234.50", "helv", 150, 110, 14),
    ("請求金額 合計", "japan", 20, 170, 14),
]


@pytest.mark.parametrize("degrees", [90, 180, 270, 3, -3])
def test_rotated_pages_boxes_land_on_the_page_as_scanned(engine, degrees):
    upright, placed = render(ROTATION_LINES, size_pt=(320, 200))
    image, forward = rotate(upright, degrees)
    page = engine.recognize(image)
    w, h = image.size
    for p in placed:
        idx = find_chars(page, p.text)
        assert idx is not None, (degrees, p.text, page.text)
        chars = [page.chars[i] for i in idx]
        x0, y0, x1, y1 = p.box
        # the line's centre, moved the way the page was turned
        ex, ey = forward((x0 + x1) / 2, (y0 + y1) / 2)
        cx = sum(c.quad.center.x for c in chars) / len(chars) * w
        cy = sum(c.quad.center.y for c in chars) / len(chars) * h
        assert math.hypot(cx - ex, cy - ey) < 0.35 * (y1 - y0) + 6, (degrees, p.text)
        # the first character is where the line starts, and its quad follows the tilt:
        # its top edge points the way the text reads
        sx, sy = forward(x0, (y0 + y1) / 2)
        first = chars[0].quad.center
        assert math.hypot(first.x * w - sx, first.y * h - sy) < 1.2 * (y1 - y0), (degrees,)
        for c in chars:
            q = c.quad  # the angle on the page in pixels (0..1 coordinates are not square)
            angle = math.degrees(math.atan2((q.tr.y - q.tl.y) * h, (q.tr.x - q.tl.x) * w))
            diff = (angle - degrees + 180) % 360 - 180
            assert abs(diff) < 2.5, (degrees, c.text, angle)


def test_no_network_and_no_download(monkeypatch: pytest.MonkeyPatch):
    """A fresh engine loads its models and reads a page with sockets disabled."""
    import rapidocr.utils.download_file as dl

    from spaceocr.core.ocr.ppocr import PpOcr, model_dir

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the engine tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(dl.DownloadFile, "run", classmethod(lambda cls, *a, **k: refuse()))
    # the configuration names the files packaged in the wheel
    for path in PpOcr.model_paths().values():
        assert path.is_file() and path.parent == model_dir()
    eng = EmbeddedEngine()
    image, _ = render(CJK_EN[-1:])
    page = eng.recognize(image)
    assert "$1,234.50" in norm(page.text)
    cfg = eng._ppocr._ocr.cfg
    for section in ("Det", "Rec", "Cls"):
        assert Path(str(cfg[section].model_path)).parent == model_dir()


def test_faded_scan_is_stretched_and_a_clean_one_left_alone():
    from spaceocr.core.ocr.embedded import stretch_contrast

    image, _ = render(CJK_EN[:1])
    faded = image.point(lambda v: 150 + v * 90 // 255)  # ink at 150, paper at 240
    out = stretch_contrast(faded)
    lo, hi = out.convert("L").getextrema()
    assert lo <= 10 and hi >= 245
    assert stretch_contrast(image) is image
