"""Score line-item extraction alone on cached OCR pages, in seconds.

    python bench/score_tables_cached.py [--set dev|real-dev|both] [--only REGEX] [--show]

Reads the OCR pages the cache holds (``/work/ocr_cache/<set>/<doc id>.json``: a dict with
``pages`` = list of ``OcrPage.to_dict()``, or the list itself; a PDF the cache lacks is read
from its text layer, as the pipeline does), runs
:func:`spaceocr.core.extract.tables.find_line_items` on them, grounds the cells with
``core.pipeline.ground_extracted`` and scores the rows with ``../shared/eval/score.py``.
Prints row / cell exact and cell box hit per language. ``--direct`` boxes each cell from its
own ``char_indices`` instead of the matcher (to tell table errors from matcher errors).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from spaceocr.core.export.json import to_api_dict
from spaceocr.core.extract.tables import find_line_items
from spaceocr.core.matching import quad_for_chars
from spaceocr.core.pipeline import ground_extracted
from spaceocr.core.templates.schema import FieldSpec
from spaceocr.core.types import (
    DocumentResult,
    ExtractedField,
    FieldResult,
    FieldStatus,
    Grounding,
    LineItem,
    OcrPage,
)

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SPACEOCR_SHARED", ROOT / "shared"))
CACHE = Path(os.environ.get("SPACEOCR_OCR_CACHE", ROOT / "ocr_cache"))

SPEC = FieldSpec(
    name="line_items",
    type="array",
    children=tuple(FieldSpec(n) for n in ("description", "quantity", "unit_price", "amount")),
)


def _load_scorer() -> Any:
    path = SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("spaceocr_score", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_pages(path: Path) -> list[OcrPage]:
    obj = json.loads(path.read_text(encoding="utf-8"))
    pages = obj["pages"] if isinstance(obj, dict) else obj
    return [OcrPage.from_dict(p) for p in pages]


def text_layer_pages(file: Path) -> list[OcrPage] | None:
    """A born-digital PDF's own characters (what the pipeline reads instead of OCR)."""
    if file.suffix.lower() != ".pdf":
        return None
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


def _direct(rows: tuple[tuple[ExtractedField, ...], ...], pages: list[OcrPage]) -> FieldResult:
    by_index = {p.index: p for p in pages}
    items = []
    for k, row in enumerate(rows):
        cells = []
        for c in row:
            h = c.hint
            g = None
            if h is not None and h.char_indices and h.page_index in by_index:
                page = by_index[h.page_index]
                g = Grounding(h.page_index, quad_for_chars(page, h.char_indices), 1.0,
                              "ocr_chars", h.char_indices)
            status = FieldStatus.LOW_CONFIDENCE if c.review_reasons else FieldStatus.OK
            cells.append(FieldResult(c.name, c.value, status, "rules",
                                     normalized=c.normalized, grounding=g,
                                     review_reasons=c.review_reasons))
        items.append(LineItem(k, tuple(cells)))
    return FieldResult("line_items", None, FieldStatus.OK, "rules", items=tuple(items),
                       is_array=True)


def predict(pages: list[OcrPage], direct: bool) -> tuple[dict[str, Any], float]:
    t0 = time.perf_counter()
    rows = find_line_items(pages, SPEC)
    secs = time.perf_counter() - t0
    if direct:
        fields: tuple[FieldResult, ...] = (_direct(rows, pages),) if rows else ()
    else:
        ex = ExtractedField("line_items", items=rows)
        fields = ground_extracted([ex], pages, None, source="rules") if rows else ()
    result = DocumentResult(template="invoice", fields=fields, page_count=len(pages))
    return to_api_dict(result, include_meta=False), secs


def run_set(name: str, only: str | None, show: bool, direct: bool, score: Any) -> None:
    holdout = SHARED / "data" / name
    manifest = json.loads((holdout / "manifest.json").read_text(encoding="utf-8"))
    groups: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    missing = 0
    total_secs = 0.0
    for d in manifest["docs"]:
        if only and not re.search(only, d["id"]):
            continue
        truth = json.loads((holdout / d["truth"]).read_text(encoding="utf-8"))
        cache = CACHE / name / f"{d['id']}.json"
        if cache.exists():
            pages = load_pages(cache)
        else:
            layer = text_layer_pages(holdout / d["file"])
            if layer is None:
                missing += 1
                continue
            pages = layer
        obj, secs = predict(pages, direct)
        total_secs += secs
        _f, li, _fields, rows = score.score_doc(truth, obj)
        for g in ("all", f"lang:{truth['language']}", f"tpl:{truth['template']}"):
            G = groups[g]
            G["docs"] += 1
            for k, v in li.items():
                G[k] += v
        if show and li["n"]:
            bad = [
                (i, k, r["truth"], r["pred"], r["hit"])
                for i, row in enumerate(rows)
                for k, r in row.items()
                if not (r["exact"] and r["hit"])
            ]
            print(f"{d['id']}: rows {int(li['rows_pred'])}/{int(li['rows'])} pred/truth, "
                  f"cells {int(li['exact'])}/{int(li['n'])}, boxes {int(li['box_hit'])}")
            for b in bad[:12]:
                print("    row", b[0], b[1], repr(b[2]), "->", repr(b[3]),
                      "box" if b[4] else "NObox")
    print(f"\n== {name}: {sum(1 for _ in manifest['docs']) - missing} docs cached "
          f"({missing} missing), table time {total_secs:.2f}s")
    print(f"{'group':<18}{'docs':>5}{'rows':>6}{'pred':>6}{'row%':>6}{'cells':>7}{'cell%':>7}"
          f"{'cbox%':>7}{'conf':>6}{'prec%':>7}")
    for g in sorted(groups, key=lambda x: (x != "all", x)):
        G = groups[g]

        def pct(a: float, b: float) -> str:
            return "    -" if not b else f"{100 * a / b:5.0f}"

        print(f"{g:<18}{int(G['docs']):>5}{int(G['rows']):>6}{int(G['rows_pred']):>6}"
              f"{pct(G['rows_exact'], G['rows']):>6}{int(G['n']):>7}{pct(G['exact'], G['n']):>7}"
              f"{pct(G['box_hit'], G['n']):>7}{int(G['conf_n']):>6}"
              f"{pct(G['conf_ok'], G['conf_n']):>7}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="both", choices=("dev", "real-dev", "both"))
    ap.add_argument("--only", help="regex on document ids")
    ap.add_argument("--show", action="store_true", help="print each document's wrong cells")
    ap.add_argument("--direct", action="store_true",
                    help="box cells from their own char_indices, not the matcher")
    a = ap.parse_args(argv)
    score = _load_scorer()
    for name in (("dev", "real-dev") if a.set == "both" else (a.set,)):
        if (SHARED / "data" / name / "manifest.json").exists():
            run_set(name, a.only, a.show, a.direct, score)
    return 0


if __name__ == "__main__":
    sys.exit(main())
