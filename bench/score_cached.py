"""Score the rule extractor (fields and line items) on cached OCR pages, in seconds.

    python bench/score_cached.py [--set dev|real-dev|both] [--only REGEX] [--show] [--json OUT]

Reads the OCR pages of each document from the cache (``/work/ocr_cache/<set>/<doc id>.json``:
a list of ``OcrPage.to_dict()``, or a dict with ``pages``); a PDF with a text layer that the
cache lacks is read with :func:`spaceocr.core.ocr.pdf_text.read_text_layer`. Runs
:class:`spaceocr.core.extract.rules.RuleExtractor` and ``core.pipeline.ground_extracted`` and
scores the API dict with ``../shared/eval/score.py`` (as a module). ``--show`` prints every
field that is wrong, or confident and wrong. Final figures come from the real CLI command.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spaceocr.core.export.json import to_api_dict
from spaceocr.core.extract.rules import RuleExtractor
from spaceocr.core.pipeline import ground_extracted
from spaceocr.core.templates import load_template
from spaceocr.core.types import DocumentResult, OcrPage

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SPACEOCR_SHARED", ROOT / "shared"))
CACHE = Path(os.environ.get("SPACEOCR_OCR_CACHE", ROOT / "ocr_cache"))


def _load_scorer() -> Any:
    path = SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("spaceocr_score", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_pages(set_name: str, file: Path) -> list[OcrPage] | None:
    """The cached pages of a document, or its PDF text layer, or None."""
    path = CACHE / set_name / f"{file.stem}.json"
    if path.is_file():
        obj = json.loads(path.read_text(encoding="utf-8"))
        pages = obj["pages"] if isinstance(obj, dict) else obj
        return [OcrPage.from_dict(p) for p in pages]
    if file.suffix.lower() == ".pdf":
        import pymupdf

        from spaceocr.core.ocr.pdf_text import read_text_layer

        out = []
        with pymupdf.open(file) as pdf:
            for i, page in enumerate(pdf):
                p = read_text_layer(page, i, 200)
                if p is None:
                    return None
                out.append(p)
        return out
    return None


TIMES: list[float] = []


def make_predict(set_name: str) -> Callable[[str, str], dict[str, Any]]:
    extractor = RuleExtractor()

    def predict(file: str, template: str) -> dict[str, Any]:
        pages = load_pages(set_name, Path(file))
        if pages is None:
            raise FileNotFoundError(f"no cached OCR for {file}")
        tpl = load_template(template)
        t0 = time.perf_counter()
        ex = extractor.extract(pages, tpl)
        fields = ground_extracted(ex.fields, pages, tpl, source=ex.extractor)
        TIMES.append(time.perf_counter() - t0)
        res = DocumentResult(template=tpl.name, fields=fields, file_name=Path(file).name,
                             page_count=len(pages), checks=ex.checks, extractor="rules",
                             meta=dict(ex.meta))
        return to_api_dict(res)

    return predict


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="both", choices=("dev", "real-dev", "both"))
    ap.add_argument("--only")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    score = _load_scorer()
    sets = ("dev", "real-dev") if a.set == "both" else (a.set,)
    for s in sets:
        TIMES.clear()
        summary = score.evaluate(SHARED / "data" / s, fn=make_predict(s), only=a.only, log=None)
        print(f"== {s}")
        print(score.report(summary))
        if TIMES:
            print(f"extract+match: mean {sum(TIMES) / len(TIMES):.3f}s, max {max(TIMES):.3f}s")
        if a.show:
            for d in summary["docs"]:
                if d["failure"]:
                    print(f"  {d['id']}: FAILURE {d['failure']} {d['note']}")
                for name, r in d["fields"].items():
                    if not r["exact"] or (r["confident"] and not r["exact"]) or not r["hit"]:
                        flag = "CONF-WRONG" if r["confident"] and not r["exact"] else (
                            "nobox" if r["exact"] else "wrong")
                        print(f"  {d['id']:<40} {name:<20} {flag:<10} truth={r['truth']!r} "
                              f"pred={r['pred']!r} mr={r['match_ratio']}")
        if a.json:
            out = a.json.with_suffix(f".{s}.json")
            out.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
