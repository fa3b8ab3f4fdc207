"""Grounding time on a 40-line page, against the time the OCR took to read that page.

    python bench/matching.py [--lines 40] [--no-ocr] [--repeat 20]

Renders a 40-line invoice page (PyMuPDF, 200 dpi) and reads it with the embedded OCR engine
(timed on a second read, once the models are loaded). Then grounds values on what the OCR
saw: exact values, values with one character changed (the fuzzy path), normalised forms (ISO
dates, plain numbers) and values that are not on the page (the slowest path: every fuzzy
window is tried). Prints milliseconds per value, the one-off cost of the page's comparison
view, and the OCR time for comparison. ``--no-ocr`` builds the page's characters from the
PDF's own text layer instead (no OCR time then).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import pymupdf
from PIL import Image

from spaceocr.core.matching import MatchIndex, PageView
from spaceocr.core.types import OcrPage

ITEMS = ("マーカーペン 赤 5本組", "付箋 75mm 20冊", "HDMI switch box",
         "Printer paper A4", "インクボトル(青)", "電源タップ 3m", "Ergonomic mouse")


def make_page(lines: int) -> pymupdf.Document:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((60, 50), "請求書  Invoice No. INV-2026-00417", fontname="japan", fontsize=13)
    page.insert_text((60, 70), "発行日 令和8年5月18日   お支払期限 2026/06/30", fontname="japan",
                     fontsize=10)
    y = 95.0
    for k in range(lines - 4):
        qty, price = k % 9 + 1, 150 * (k + 3)
        text = f"{ITEMS[k % len(ITEMS)]}  {qty}  ¥{price:,}  ¥{qty * price:,}"
        page.insert_text((60, y), text, fontname="japan", fontsize=10)
        y += 17.5
    page.insert_text((330, y + 10), "小計 ¥1,294,920   消費税 ¥129,492", fontname="japan",
                     fontsize=10)
    page.insert_text((330, y + 30), "合計 ￥1,424,412", fontname="japan", fontsize=12)
    return doc


def read_page(doc: pymupdf.Document, use_ocr: bool) -> tuple[OcrPage, float]:
    page = doc[0]
    if not use_ocr:
        from spaceocr.core.ocr.pdf_text import read_text_layer

        got = read_text_layer(page, 0, 200.0)
        assert got is not None
        return got, 0.0
    from spaceocr.core.ocr import create_engine

    pix = page.get_pixmap(dpi=200, alpha=False)
    image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    engine = create_engine("embedded")
    engine.recognize(image, page_index=0, dpi=200.0)  # the first call loads the models
    t = time.perf_counter()
    got = engine.recognize(image, page_index=0, dpi=200.0)
    return got, time.perf_counter() - t


def values() -> dict[str, list[str]]:
    return {
        "exact": ["INV-2026-00417", "令和8年5月18日", "￥1,424,412", "¥129,492",
                  "付箋 75mm 20冊", "HDMI switch box", "¥1,350", "2026/06/30"],
        "one char changed": ["INV-2026-0O417", "令和8年5月19日", "￥1,424,413",
                             "クリアフアイル A4 100枚", "USB-C dockinq station"],
        "normalised form": ["2026-05-18", "1424412", "2026-06-30", "129492"],
        "not on the page": ["Becker & Hahn KG", "9,876,543", "東京都港区芝公園4-2-8"],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--no-ocr", action="store_true", help="use the PDF's text layer, no OCR")
    a = ap.parse_args(argv)
    page, ocr_s = read_page(make_page(a.lines), use_ocr=not a.no_ocr)
    n_lines = len(page.lines())
    print(f"page: {n_lines} lines, {len(page.chars)} characters ({page.engine})")
    t = time.perf_counter()
    for _ in range(a.repeat):
        PageView(page)
    view_ms = (time.perf_counter() - t) / a.repeat * 1000
    print(f"comparison view of the page (once per page set): {view_ms:.2f} ms")
    index = MatchIndex([page])
    total_values = 0
    all_ms: list[float] = []
    for kind, vals in values().items():
        times = []
        found = 0
        for v in vals:
            t = time.perf_counter()
            for _ in range(a.repeat):
                g = index.ground(v)
            times.append((time.perf_counter() - t) / a.repeat * 1000)
            found += g is not None
        all_ms += times
        total_values += len(vals)
        print(f"{kind:<18} {len(vals):>2} values  median {statistics.median(times):6.2f} ms  "
              f"max {max(times):6.2f} ms  grounded {found}/{len(vals)}")
    per_doc = statistics.mean(all_ms) * 30
    print(f"30 values (a typical document): ~{per_doc:.0f} ms of grounding")
    if ocr_s:
        print(f"OCR of the page: {ocr_s * 1000:.0f} ms  -> grounding 30 values is "
              f"{100 * per_doc / (ocr_s * 1000):.1f}% of the OCR time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
