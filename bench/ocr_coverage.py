"""Share of truth values found verbatim in the OCR text of their page, per language.

    python bench/ocr_coverage.py --holdout ../shared/data/dev [--cache DIR] [--misses]

Reads the pages cached by ``bench/dump_ocr.py`` (``/work/ocr_cache/<holdout name>/``) and the
truth JSON beside each document (``fields{name: {value, accept, page}}``, ``line_items[{col:
{value, ...}}]``). A value counts as found when it, or one of its ``accept`` forms, occurs in
the page text after NFKC and removing all whitespace ("page"); the stricter "line" figure
needs it inside one line of the page. "box IoU>=.5" is the share of found values whose
characters' enclosing box overlaps the truth box (``box_norm``) by an IoU of 0.5 or more.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from spaceocr.core.types import OcrPage

_WS = re.compile(r"\s+")


CASEFOLD = False


def norm(s: str) -> str:
    """NFKC, without any whitespace (and case-folded with ``--casefold``)."""
    out = _WS.sub("", unicodedata.normalize("NFKC", s))
    return out.casefold() if CASEFOLD else out


def truth_values(
    truth: dict[str, Any],
) -> list[tuple[str, list[str], int, list[float] | None]]:
    """(name, [value, *accept], page index, box on the 0..1000 grid) for every field and cell."""
    out: list[tuple[str, list[str], int, list[float] | None]] = []

    def add(name: str, spec: Any) -> None:
        if not isinstance(spec, dict) or spec.get("value") in (None, ""):
            return
        forms = [str(spec["value"])] + [str(a) for a in spec.get("accept", ()) or ()]
        out.append((name, forms, int(spec.get("page", 1)) - 1, spec.get("box_norm")))

    for name, spec in (truth.get("fields") or {}).items():
        add(name, spec)
    for row in truth.get("line_items") or ():
        for col, spec in row.items():
            add(f"line_items.{col}", spec)
    return out


def best_iou(page: OcrPage, cands: list[str], box: list[float] | None) -> float | None:
    """The best IoU between the truth box (0..1000 grid) and the characters spelling a value."""
    if not box or len(box) != 4:
        return None
    tx0, ty0, tx1, ty1 = (v / 1000 for v in box)
    parts = [norm(c.text) for c in page.chars]
    flat = "".join(parts)
    owners = [i for i, t in enumerate(parts) for _ in t]
    best = 0.0
    for cand in cands:
        at = flat.find(cand)
        while at >= 0:
            idx = set(owners[at:at + len(cand)])
            xs = [p.x for i in idx for p in page.chars[i].quad.points]
            ys = [p.y for i in idx for p in page.chars[i].quad.points]
            x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
            iw = max(0.0, min(x1, tx1) - max(x0, tx0))
            ih = max(0.0, min(y1, ty1) - max(y0, ty0))
            inter = iw * ih
            union = (x1 - x0) * (y1 - y0) + (tx1 - tx0) * (ty1 - ty0) - inter
            best = max(best, inter / union if union > 0 else 0.0)
            at = flat.find(cand, at + 1)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--holdout", required=True, type=Path)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--misses", action="store_true", help="list the values not found")
    ap.add_argument("--strict", action="store_true", help="the value only, no accept forms")
    ap.add_argument("--casefold", action="store_true", help="ignore case (as the matcher does)")
    args = ap.parse_args(argv)
    global CASEFOLD
    CASEFOLD = args.casefold
    cache = args.cache or Path("/work/ocr_cache") / args.holdout.resolve().name

    found: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # page hits, line hits, n
    ious: dict[str, list[float]] = defaultdict(list)
    engines: dict[str, set[str]] = defaultdict(set)
    missing_docs = 0
    misses: list[str] = []
    for tf in sorted(args.holdout.glob("*.json")):
        truth = json.loads(tf.read_text(encoding="utf-8"))
        if "fields" not in truth:
            continue
        cf = cache / f"{truth.get('id', tf.stem)}.json"
        if not cf.is_file():
            missing_docs += 1
            continue
        cached = json.loads(cf.read_text(encoding="utf-8"))
        pages = [OcrPage.from_dict(p) for p in cached["pages"]]
        by_index = {p.index: p for p in pages}
        lang = truth.get("language", "?")
        for p in pages:
            engines[lang].add(p.engine)
        for name, forms, page_i, box in truth_values(truth):
            page = by_index.get(page_i)
            text = page.text if page else ""
            page_text = norm(text)
            lines = [norm(x) for x in text.split("\n")]
            cand = [norm(forms[0])] if args.strict else [norm(f) for f in forms]
            cand = [c for c in cand if c]
            if not cand:
                continue
            rec = found[lang]
            rec[2] += 1
            hit_page = any(c in page_text for c in cand)
            hit_line = any(c in ln for c in cand for ln in lines)
            rec[0] += hit_page
            rec[1] += hit_line
            iou = best_iou(page, cand, box) if (page and hit_page) else None
            if iou is not None:
                ious[lang].append(iou)
            if not hit_page:
                misses.append(f"{lang:8} {truth.get('id')} p{page_i + 1} {name}: {forms[0]!r}")
    if args.misses:
        print("\n".join(misses))
        print()
    print(f"{'language':10} {'values':>7} {'page %':>8} {'line %':>8} {'box IoU>=.5 %':>14}"
          f"  engines")
    tot = [0, 0, 0]
    for lang in sorted(found):
        p, ln, n = found[lang]
        tot = [tot[0] + p, tot[1] + ln, tot[2] + n]
        box_ok = ious[lang]
        share = 100 * sum(v >= 0.5 for v in box_ok) / len(box_ok) if box_ok else float("nan")
        print(f"{lang:10} {n:7d} {100 * p / n:8.1f} {100 * ln / n:8.1f} {share:14.1f}  "
              f"{'+'.join(sorted(engines[lang]))}")
    if tot[2]:
        print(f"{'all':10} {tot[2]:7d} {100 * tot[0] / tot[2]:8.1f} {100 * tot[1] / tot[2]:8.1f}")
    if missing_docs:
        print(f"({missing_docs} documents have no cached OCR in {cache})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
