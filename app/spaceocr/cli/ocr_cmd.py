"""``spaceocr ocr FILE``: what the OCR saw, for seeing why a value was not found.

JSON (default)::

    {"file": ..., "engine": ..., "warnings": [...],
     "pages": [{"page": 1, "width": W, "height": H, "engine": ..., "lines": [
        {"text", "quad", "quad_grid", "confidence",
         "chars": [{"text", "quad", "quad_grid", "confidence"}]}]}]}

``quad`` is four ``[x, y]`` points in page pixels (tl, tr, br, bl as the text reads),
``quad_grid`` the same on the API's 0–1000 grid. ``--format text`` prints the lines in reading
order, pages separated by a form feed. A file that cannot be read prints its error envelope on
stdout (JSON) and one line on stderr, and exits 1.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from spaceocr.cli.common import (
    add_document_options,
    dump_json,
    output,
    pipeline_options,
    report_error,
)

logger = logging.getLogger(__name__)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "ocr",
        help="show what the OCR read on a document: lines and characters with their boxes",
        description="Run the OCR alone and print its lines (and characters) with boxes.",
    )
    p.add_argument("file", metavar="FILE", help="a PDF or an image")
    p.add_argument("--format", "-f", choices=("json", "text"), default="json",
                   help="json (lines, characters, boxes) or text (the lines)")
    p.add_argument("--ocr", default="embedded", help="OCR engine: embedded, google_vision")
    p.add_argument("--out", "-o", metavar="FILE", help="write to FILE instead of stdout")
    add_document_options(p)
    p.set_defaults(func=run)


def _quad_px(quad: Any, w: int, h: int) -> list[list[float]]:
    return [[round(p.x * w, 1), round(p.y * h, 1)] for p in quad.points]


def _quad_grid(quad: Any) -> list[list[float]]:
    return [[round(p.x * 1000, 1), round(p.y * 1000, 1)] for p in quad.points]


def _line_quad(chars: Any) -> Any:
    """The quad of a line: from its first character's left edge to its last's right edge."""
    from spaceocr.core.types import Quad

    first, last = chars[0].quad, chars[-1].quad
    return Quad(first.tl, last.tr, last.br, first.bl)


def page_to_json(page: Any) -> dict[str, Any]:
    """One OcrPage in the ``spaceocr ocr`` JSON shape."""
    w, h = page.width_px, page.height_px
    lines = []
    for line in page.lines():
        text_parts: list[str] = []
        prev = None
        for ch in line:
            if prev is not None and ch.word_no != prev.word_no:
                text_parts.append(" ")
            text_parts.append(ch.text)
            prev = ch
        quad = _line_quad(line)
        lines.append({
            "text": "".join(text_parts),
            "quad": _quad_px(quad, w, h),
            "quad_grid": _quad_grid(quad),
            "confidence": round(sum(c.confidence for c in line) / len(line), 4),
            "chars": [
                {"text": c.text, "quad": _quad_px(c.quad, w, h), "quad_grid": _quad_grid(c.quad),
                 "confidence": round(c.confidence, 4)}
                for c in line
            ],
        })
    return {
        "page": page.index + 1,
        "width": w,
        "height": h,
        "engine": page.engine,
        "warnings": list(page.warnings),
        "lines": lines,
    }


def run(args: argparse.Namespace) -> int:
    from spaceocr.core.documents import open_document
    from spaceocr.core.ocr import create_engine
    from spaceocr.core.pipeline import ocr_document

    try:
        options = pipeline_options(args)
        # the document is checked before any model is loaded: bad input fails fast
        with open_document(args.file, password=options.password, dpi=options.dpi,
                           limits=options.limits) as doc:
            engine = create_engine(args.ocr)
            pages, warnings, _sizes = ocr_document(doc, engine, options=options)
    except Exception as exc:  # noqa: BLE001 - the boundary: an envelope and exit 1
        env = report_error(exc, args.file, args.verbose)
        if args.format == "json":
            with output(args.out) as out:
                dump_json(env, out)
        return 1
    with output(args.out) as out:
        if args.format == "text":
            out.write("\f\n".join(p.text + "\n" if p.text else "" for p in pages))
        else:
            dump_json({
                "file": args.file,
                "engine": "+".join(sorted({p.engine for p in pages})),
                "warnings": [{"code": w.code, "message": w.message,
                              "page": None if w.page_index is None else w.page_index + 1}
                             for w in warnings],
                "pages": [page_to_json(p) for p in pages],
            }, out)
    for w in warnings:
        print(f"spaceocr: warning: {w.message}", file=sys.stderr)
    return 0
