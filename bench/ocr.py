"""Seconds per page and peak memory of the embedded engine, beside a bare rapidocr call.

    python bench/ocr.py [--holdout ../shared/data/dev] [--pages-per-language 4]

For each language of the holdout (from each document's truth JSON) the same pages are read
twice, each engine in its own child process (so each peak-memory figure is that engine's own):
once by spaceocr's embedded engine (orientation probe, PP-OCR with per-character boxes,
Tesseract ``kor`` where Hangul is, layout), once by ``RapidOCR()(image)`` with its defaults.
Model loading is timed apart from reading. On a shared, noisy machine the *ratio* of the two
is the figure that holds; absolute seconds move with the load.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

DOC_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}


def pick_pages(holdout: Path, per_language: int) -> dict[str, list[tuple[str, int]]]:
    """language -> [(file, page index)], the first pages of the first documents."""
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for doc in sorted(holdout.iterdir()):
        if doc.suffix.lower() not in DOC_SUFFIXES:
            continue
        truth = doc.with_suffix(".json")
        if not truth.is_file():
            continue
        meta = json.loads(truth.read_text(encoding="utf-8"))
        lang = meta.get("language", "?")
        for i in range(int(meta.get("pages", 1))):
            if len(out[lang]) < per_language:
                out[lang].append((str(doc), i))
    return dict(out)


def child(engine: str, pages: list[tuple[str, int]]) -> dict[str, Any]:
    """Runs in the child: render the pages, load the engine, read every page."""
    import numpy as np

    from spaceocr.core.documents import open_document

    images = []
    for path, i in pages:
        with open_document(path) as doc:
            images.append(doc.page(i).image)
    t = time.perf_counter()
    if engine == "embedded":
        from spaceocr.core.ocr.embedded import EmbeddedEngine

        eng = EmbeddedEngine()
        eng._ppocr._engine()  # load now, so loading is timed apart
        eng.korean_available  # noqa: B018 - opens Tesseract now

        def read(im: Any) -> int:
            return len(eng.recognize(im).chars)
    else:
        from rapidocr import RapidOCR

        bare = RapidOCR(params={"Global.log_level": "error"})

        def read(im: Any) -> int:
            out = bare(np.ascontiguousarray(np.asarray(im)[:, :, ::-1]))
            return sum(len(t) for t in (out.txts or ()))
    load = time.perf_counter() - t
    secs = []
    cpu = 0.0
    chars = 0
    for im in images:
        t, c = time.perf_counter(), time.process_time()
        chars += read(im)
        secs.append(time.perf_counter() - t)
        cpu += time.process_time() - c
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"load_s": load, "page_s": secs, "cpu_s": cpu, "chars": chars,
            "peak_mib": peak_kib / 1024}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--holdout", type=Path, default=Path("../shared/data/dev"))
    ap.add_argument("--pages-per-language", type=int, default=4)
    ap.add_argument("--child", choices=("embedded", "rapidocr"), help=argparse.SUPPRESS)
    ap.add_argument("--pages", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, json.loads(args.pages))))
        return 0

    chosen = pick_pages(args.holdout, args.pages_per_language)
    rows = []
    for lang, pages in sorted(chosen.items()):
        res = {}
        for engine in ("embedded", "rapidocr"):
            proc = subprocess.run(
                [sys.executable, __file__, "--child", engine, "--pages", json.dumps(pages)],
                capture_output=True, text=True, check=True,
            )
            res[engine] = json.loads(proc.stdout.strip().splitlines()[-1])
        e, b = res["embedded"], res["rapidocr"]
        es, bs = sum(e["page_s"]) / len(pages), sum(b["page_s"]) / len(pages)
        rows.append((lang, len(pages), es, bs, e["peak_mib"], b["peak_mib"], e["load_s"],
                     b["load_s"], e["cpu_s"] / len(pages), b["cpu_s"] / len(pages)))
        print(f"{lang}: embedded {es:.2f} s/page, rapidocr {bs:.2f} s/page", file=sys.stderr)
    print(f"{'language':9} {'pages':>5} {'embedded s/p':>13} {'rapidocr s/p':>13} {'ratio':>6} "
          f"{'cpu s/p (e/r)':>14} {'emb. peak MiB':>14} {'rapid peak MiB':>15} "
          f"{'load s (e/r)':>13}")
    for lang, n, es, bs, em, bm, el, bl, ec, bc in rows:
        print(f"{lang:9} {n:5d} {es:13.2f} {bs:13.2f} {es / bs:6.2f} {ec:7.2f}/{bc:<6.2f} "
              f"{em:14.0f} {bm:15.0f} {el:6.2f}/{bl:<6.2f}")
    n_all = sum(r[1] for r in rows)
    if n_all:
        es = sum(r[2] * r[1] for r in rows) / n_all
        bs = sum(r[3] * r[1] for r in rows) / n_all
        print(f"{'all':9} {n_all:5d} {es:13.2f} {bs:13.2f} {es / bs:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
