"""What hosted mode costs on our side: page encoding, request overhead, rate-limit pacing.

    python bench/hosted_client.py [--pages 5] [--dpi 200] [--requests 200]

Runs against the local replay server (tests/support/hosted_api.py), so it measures the client,
not the service: PNG size and encode time per rendered page (a text page and a noisy
"scan"), round trips per second to 127.0.0.1, and the simulated time 130 requests need under
the 60-requests-a-minute limit (on a fake clock, so it returns at once).
"""

from __future__ import annotations

import argparse
import base64
import random
import sys
import tempfile
import time
from pathlib import Path

import pymupdf
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.hosted_api import FakeClock, HostedApi

from spaceocr.core.client import HostedClient, RateLimiter, encode_page
from spaceocr.core.documents import open_document
from spaceocr.core.pipeline import PipelineOptions
from spaceocr.core.templates import load_template

KEY = "spocr_test_bench0001"


def make_pdf(path: Path, pages: int) -> None:
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page()
        for k in range(40):
            page.insert_text((50, 60 + k * 18), f"line {k} of page {i + 1}: 12.34 56.78 total",
                             fontsize=11)
    doc.save(path)


def noisy_scan(width: int, height: int) -> Image.Image:
    rnd = random.Random(7)
    im = Image.new("L", (width, height), 235)
    px = im.load()
    assert px is not None
    for _ in range(width * height // 6):
        px[rnd.randrange(width), rnd.randrange(height)] = rnd.randrange(150, 255)
    return im.convert("RGB")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=5)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--requests", type=int, default=200)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "bench.pdf"
        make_pdf(pdf, args.pages)
        with open_document(pdf, dpi=args.dpi) as doc:
            page = doc.page(0)
            t = time.perf_counter()
            data, mime = encode_page(page.image)
            dt = time.perf_counter() - t
            print(f"text page {page.width_px}x{page.height_px} px: {mime} {len(data) / 1024:.0f} "
                  f"KiB (base64 {len(base64.b64encode(data)) / 1024:.0f} KiB), "
                  f"encoded in {dt * 1000:.0f} ms")
            scan = noisy_scan(page.width_px, page.height_px)
        t = time.perf_counter()
        data, mime = encode_page(scan)
        dt = time.perf_counter() - t
        print(f"noisy scan same size: {mime} {len(data) / 1024:.0f} KiB, encoded in "
              f"{dt * 1000:.0f} ms")
        t = time.perf_counter()
        data, mime = encode_page(scan, source_kind="jpeg")
        dt = time.perf_counter() - t
        print(f"the same from a photo (sent as JPEG): {len(data) / 1024:.0f} KiB, encoded in "
              f"{dt * 1000:.0f} ms")

        clock = FakeClock()
        with HostedApi(keys=[KEY], rate_limit=10**9) as api, \
                HostedClient(KEY, base_url=api.url, limiter=RateLimiter(10**9)) as client:
            api.add_sheet("s", [{"total": "1"}])
            t = time.perf_counter()
            for _ in range(args.requests):
                client.view("s")
            dt = time.perf_counter() - t
            print(f"GET /view round trips: {args.requests / dt:.0f}/s "
                  f"({dt / args.requests * 1000:.1f} ms each)")
            api.page_data = [{"total": {"value": "1", "bbox": None}}]
            t = time.perf_counter()
            client.process_document(pdf, load_template("receipt"),
                                    options=PipelineOptions(dpi=args.dpi))
            dt = time.perf_counter() - t
            print(f"process_document, {args.pages} pages at {args.dpi} dpi: {dt:.2f} s "
                  f"({args.pages / dt:.1f} pages/s, render + encode + local round trip)")

        with HostedApi(keys=[KEY], clock=clock) as api, \
                HostedClient(KEY, base_url=api.url, clock=clock, sleep=clock.sleep) as client:
            api.add_sheet("s", [])
            start = clock()
            for _ in range(130):
                client.view("s")
            print(f"130 requests under 60/min: {clock() - start:.0f} s of simulated waiting, "
                  f"{api.rate_limited} answered 429")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
