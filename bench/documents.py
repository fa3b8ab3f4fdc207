"""Rendering speed and memory of open_document on a 100-page PDF.

    python bench/documents.py [--pages 100] [--dpi 200]

Prints pages/s rendered and the process's peak memory before and after rendering every page
one at a time (pages are rendered lazily, so the peak must not grow with the page count).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

from spaceocr.core.documents import open_document


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_pdf(path: Path, pages: int) -> None:
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), f"請求書 Invoice page {i + 1}", fontname="japan", fontsize=18)
        for row in range(30):
            line = f"Item {row:02d}   数量 {row + 1}   ¥{1200 * row:,}"
            page.insert_text((72, 110 + row * 22), line, fontname="japan", fontsize=11)
    doc.save(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pages", type=int, default=100)
    ap.add_argument("--dpi", type=int, default=200)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.pdf"
        make_pdf(path, args.pages)
        size_mib = path.stat().st_size / 2**20
        base = peak_rss_mib()
        t0 = time.perf_counter()
        first_page_s = None
        pixels = 0
        with open_document(path, dpi=args.dpi) as doc:
            after_open = peak_rss_mib()
            for page in doc.pages():
                pixels += page.width_px * page.height_px
                if first_page_s is None:
                    first_page_s = time.perf_counter() - t0
                    after_first = peak_rss_mib()
                del page
        secs = time.perf_counter() - t0
        end = peak_rss_mib()
    print(f"pdf: {args.pages} pages, {size_mib:.1f} MiB, rendered at {args.dpi} dpi "
          f"({pixels / args.pages / 1e6:.1f} Mpx/page)")
    print(f"render: {args.pages / secs:.1f} pages/s ({secs:.2f} s total, first page "
          f"{(first_page_s or 0) * 1000:.0f} ms)")
    print(f"peak RSS: {base:.0f} MiB at start, {after_open:.0f} after open, "
          f"{after_first:.0f} after page 1, {end:.0f} after page {args.pages} "
          f"(growth over the pages after the first: {end - after_first:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
