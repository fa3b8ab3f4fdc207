"""Measure the matcher alone: the truth values of a hold-out set given to ``spaceocr verify``.

    python bench/verify_oracle.py [--holdout ../shared/data/dev] [--only REGEX] [--limit N]
    python bench/verify_oracle.py --cached [--set dev|real-dev]     # cached OCR pages, seconds
    python bench/verify_oracle.py one FILE [--template NAME]        # what the scorer runs

An *oracle extractor*: for each document the values of its truth file (``ID.json`` beside
``ID.ext``) are written to a VALUES.json and ``spaceocr verify FILE --values VALUES.json
--template T`` grounds them with the real OCR engine, through ``../shared/eval/score.py``. The
values are right by construction, so what is scored is the matcher: box hit (and IoU), and how
many values reach match_ratio >= 0.85. ``--cached`` grounds on the OCR cache
(``/work/ocr_cache/<set>/<id>.json``, a list of ``OcrPage.to_dict()`` or ``{"pages": [...]}``)
instead of running the OCR, for quick iterations; final figures come from the default mode.

After the scorer's table a second table gives, per language, the share of values (fields, and
line-item cells) with match_ratio >= 0.85 and their box hit.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shlex
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SPACEOCR_SHARED", ROOT / "shared"))
CACHE = Path(os.environ.get("SPACEOCR_OCR_CACHE", ROOT / "ocr_cache"))
CONFIDENT = 0.85


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("spaceocr_score", SHARED / "eval" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def truth_values(truth: dict[str, Any]) -> dict[str, Any]:
    """A truth file's values in VALUES.json shape (line items as a list of objects)."""
    values: dict[str, Any] = {k: v["value"] for k, v in truth["fields"].items()}
    if truth.get("line_items"):
        values["line_items"] = [{k: c["value"] for k, c in row.items()}
                                for row in truth["line_items"]]
    return values


def _truth_for(file: Path) -> dict[str, Any]:
    path = file.with_suffix(".json")
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _template_args(name: str | None) -> list[str]:
    from spaceocr.core.templates import builtin_names

    return ["--template", name] if name and name in builtin_names() else []


def run_one(file: str, template: str | None) -> int:
    """Write the truth's values beside nothing (a temp file) and run ``spaceocr verify``."""
    from spaceocr.cli.main import main

    values = truth_values(_truth_for(Path(file)))
    with tempfile.TemporaryDirectory() as tmp:
        vpath = Path(tmp) / "VALUES.json"
        vpath.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
        return main(["verify", file, "--values", str(vpath), *_template_args(template)])


def predict_cached(file: str, template: str) -> dict[str, Any]:
    """The scorer's callable for ``--cached``: verify on the cached OCR pages."""
    from spaceocr.core.export.json import to_api_dict
    from spaceocr.core.templates import load_template
    from spaceocr.core.types import DocumentResult, OcrPage
    from spaceocr.core.verify import verify_pages

    path = Path(file)
    cached = CACHE / path.parent.name / f"{path.stem}.json"
    obj = json.loads(cached.read_text(encoding="utf-8"))
    pages = [OcrPage.from_dict(p) for p in (obj["pages"] if isinstance(obj, dict) else obj)]
    tpl = load_template(template) if _template_args(template) else None
    fields = verify_pages(pages, truth_values(_truth_for(path)), tpl)
    return to_api_dict(DocumentResult(template=template, fields=fields), include_meta=False)


def ratio_table(summary: dict[str, Any]) -> str:
    """Per language: values with match_ratio >= 0.85 and box hit, fields and cells apart."""
    g: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for d in summary["docs"]:
        for key in ("all", d["language"]):
            s = g[key]
            for r in d["fields"].values():
                s["f"] += 1
                s["f_mr"] += (r["match_ratio"] or 0) >= CONFIDENT
                s["f_hit"] += r["hit"]
            for row in d["line_items"]:
                for r in row.values():
                    s["c"] += 1
                    s["c_mr"] += (r["match_ratio"] or 0) >= CONFIDENT
                    s["c_hit"] += r["hit"]
    head = f"{'language':<10}{'fields':>7}{'box%':>7}{'mr85%':>7}{'cells':>7}{'cbox%':>7}" \
           f"{'cmr85%':>8}{'values':>8}{'mr85%':>7}"
    lines = [head]
    for key in sorted(g, key=lambda k: (k != "all", k)):
        s = g[key]
        n, c = s["f"], s["c"]

        def pct(a: float, b: float) -> str:
            return f"{100 * a / b:.1f}" if b else "-"

        lines.append(f"{key:<10}{int(n):>7}{pct(s['f_hit'], n):>7}{pct(s['f_mr'], n):>7}"
                     f"{int(c):>7}{pct(s['c_hit'], c):>7}{pct(s['c_mr'], c):>8}"
                     f"{int(n + c):>8}{pct(s['f_mr'] + s['c_mr'], n + c):>7}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["one"]:
        one = argparse.ArgumentParser(prog="verify_oracle.py one")
        one.add_argument("file")
        one.add_argument("--template")
        a = one.parse_args(argv[1:])
        return run_one(a.file, a.template)
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--holdout", type=Path, help="hold-out folder (default: shared/data/<set>)")
    ap.add_argument("--set", default="dev", help="dev or real-dev (with --cached or no --holdout)")
    ap.add_argument("--cached", action="store_true", help="ground on the OCR cache, no OCR")
    ap.add_argument("--only", help="regex on document ids")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--json", type=Path, help="also write the scorer's full summary here")
    ap.add_argument("--show", action="store_true", help="list values missed or below 0.85")
    a = ap.parse_args(argv)
    holdout = a.holdout or SHARED / "data" / a.set
    score = _scorer()
    if a.cached:
        summary = score.evaluate(holdout, fn=predict_cached, limit=a.limit, only=a.only,
                                 log=None)
    else:
        cmd = f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).resolve()))} " \
              "one {file} --template {template}"
        summary = score.evaluate(holdout, cmd=cmd, timeout=a.timeout, limit=a.limit,
                                 only=a.only)
    print(score.report(summary))
    print()
    print(ratio_table(summary))
    if a.show:
        for d in summary["docs"]:
            cells = [(n, r) for n, r in d["fields"].items()]
            cells += [(f"line_items[{k}].{n}", r) for k, row in enumerate(d["line_items"])
                      for n, r in row.items()]
            for name, r in cells:
                if not r["hit"] or (r["match_ratio"] or 0) < CONFIDENT:
                    print(f"  {d['id']} {name}: {r['truth']!r} ratio={r['match_ratio']} "
                          f"hit={r['hit']} iou={r['iou']}")
    if a.json:
        a.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
