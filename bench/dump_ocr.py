"""Run spaceocr's OCR over every document of a holdout folder and cache the pages as JSON.

    python bench/dump_ocr.py --holdout ../shared/data/dev [--out /work/ocr_cache] [--force]

Writes ``<out>/<holdout folder name>/<doc id>.json``: ``{"id", "file", "engine", "seconds",
"pages": [OcrPage.to_dict(), ...]}`` (load with ``OcrPage.from_dict``). The pages are what the
pipeline would read: a born-digital PDF page's own text layer when it has one, else the
embedded engine's OCR. Documents already cached are skipped unless ``--force``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path

from spaceocr.core.documents import open_document
from spaceocr.core.ocr import create_engine
from spaceocr.core.pipeline import PipelineOptions, ocr_document

DOC_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}


def documents(holdout: Path) -> list[tuple[str, Path]]:
    """(doc id, file) for every document of the folder, from its truth JSON when present."""
    out = []
    for f in sorted(holdout.iterdir()):
        if f.suffix.lower() not in DOC_SUFFIXES:
            continue
        doc_id = f.stem
        truth = f.with_suffix(".json")
        if truth.is_file():
            with contextlib.suppress(ValueError, OSError):
                doc_id = json.loads(truth.read_text(encoding="utf-8")).get("id", doc_id)
        out.append((doc_id, f))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--holdout", required=True, type=Path)
    ap.add_argument("--out", type=Path, default=Path("/work/ocr_cache"))
    ap.add_argument("--engine", default="embedded")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--no-text-layer", action="store_true")
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--only", nargs="*", help="doc ids to (re)do")
    args = ap.parse_args(argv)

    target = args.out / args.holdout.resolve().name
    target.mkdir(parents=True, exist_ok=True)
    engine = create_engine(args.engine)
    options = PipelineOptions(dpi=args.dpi, use_text_layer=not args.no_text_layer)
    docs = documents(args.holdout)
    total_pages = 0
    t_all = time.perf_counter()
    for n, (doc_id, path) in enumerate(docs, 1):
        if args.only and doc_id not in args.only:
            continue
        dest = target / f"{doc_id}.json"
        if dest.exists() and not args.force and not args.only:
            continue
        t = time.perf_counter()
        try:
            with open_document(path, dpi=args.dpi) as doc:
                pages, warnings, _ = ocr_document(doc, engine, options=options)
        except Exception as exc:  # noqa: BLE001 - one bad document does not stop the run
            print(f"[{n}/{len(docs)}] {doc_id}: FAILED {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            continue
        secs = time.perf_counter() - t
        total_pages += len(pages)
        obj = {
            "id": doc_id,
            "file": path.name,
            "engine": "+".join(sorted({p.engine for p in pages})),
            "seconds": round(secs, 3),
            "warnings": [w.code for w in warnings],
            "pages": [p.to_dict() for p in pages],
        }
        tmp = dest.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
        tmp.replace(dest)
        print(f"[{n}/{len(docs)}] {doc_id}: {len(pages)} page(s) {secs:.1f}s", flush=True)
    print(f"done: {total_pages} pages in {time.perf_counter() - t_all:.0f}s -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
