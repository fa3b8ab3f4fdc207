"""Google Cloud Vision ``images:annotate`` replayed on the local :class:`ReplayServer`.

The shapes follow the REST reference, https://cloud.google.com/vision/docs/reference/rest/v1/
images/annotate (``BatchAnnotateImagesResponse`` → ``AnnotateImageResponse`` →
``fullTextAnnotation``: ``TextAnnotation.pages[].blocks[].paragraphs[].words[].symbols[]``, each
with ``boundingBox.vertices`` in pixels and ``property.detectedBreak`` /
``property.detectedLanguages``) and Google's error model, https://cloud.google.com/apis/design/
errors (``{"error": {"code", "message", "status", "details": [ErrorInfo]}}``). As in real proto3
JSON, a vertex coordinate that is 0 is left out.

``annotate_response`` builds a response of that shape from words and pixel boxes, so a test can
draw the same words on an image (:func:`render_page`) and know what "Vision" will say about it.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from tests.support.httpserver import ReplayServer, Reply, Request

RECORDED = Path(__file__).resolve().parent.parent / "data" / "recorded"
ANNOTATE_PATH = "/v1/images:annotate"


def load_recorded(name: str) -> Any:
    """A recorded JSON body from tests/data/recorded, without its ``_note``."""
    obj = json.loads((RECORDED / name).read_text(encoding="utf-8"))
    if isinstance(obj, dict):
        obj.pop("_note", None)
    return obj


@dataclass(frozen=True)
class Word:
    """A word Vision "saw": its text, its pixel box and the break after it."""

    text: str
    box: tuple[int, int, int, int]  #: x0, y0, x1, y1 in pixels
    brk: str | None = "SPACE"  #: SPACE, SURE_SPACE, EOL_SURE_SPACE, LINE_BREAK, HYPHEN or None


def _vertex(x: float, y: float) -> dict[str, int]:
    v: dict[str, int] = {}
    if int(x):
        v["x"] = int(x)
    if int(y):
        v["y"] = int(y)
    return v


def _poly(x0: float, y0: float, x1: float, y1: float) -> dict[str, Any]:
    return {"vertices": [_vertex(x0, y0), _vertex(x1, y0), _vertex(x1, y1), _vertex(x0, y1)]}


def _word_json(word: Word, lang: str, last_in_line: bool) -> dict[str, Any]:
    x0, y0, x1, y1 = word.box
    n = max(len(word.text), 1)
    step = (x1 - x0) / n
    symbols = []
    for k, ch in enumerate(word.text):
        sym: dict[str, Any] = {
            "boundingBox": _poly(x0 + k * step, y0, x0 + (k + 1) * step, y1),
            "text": ch,
            "confidence": 0.99,
        }
        if k == n - 1:
            brk = word.brk
            if last_in_line and brk in (None, "SPACE"):
                brk = "LINE_BREAK"
            if brk:
                sym["property"] = {"detectedBreak": {"type": brk}}
        symbols.append(sym)
    return {
        "property": {"detectedLanguages": [{"languageCode": lang, "confidence": 1}]},
        "boundingBox": _poly(x0, y0, x1, y1),
        "symbols": symbols,
        "confidence": 0.99,
    }


def annotate_response(
    blocks: Sequence[Sequence[Sequence[Word]]],
    width: int,
    height: int,
    *,
    languages: Sequence[str] = ("en",),
) -> dict[str, Any]:
    """A ``BatchAnnotateImagesResponse`` for one image: blocks of lines of words.

    Each line becomes a paragraph; its last word ends with a LINE_BREAK (unless it says
    otherwise).
    """
    lang = languages[0] if languages else "en"
    page_blocks = []
    text_lines = []
    for block in blocks:
        paragraphs = []
        for line in block:
            words = [_word_json(w, lang, i == len(line) - 1) for i, w in enumerate(line)]
            xs0 = min(w.box[0] for w in line)
            ys0 = min(w.box[1] for w in line)
            xs1 = max(w.box[2] for w in line)
            ys1 = max(w.box[3] for w in line)
            paragraphs.append({"boundingBox": _poly(xs0, ys0, xs1, ys1), "words": words,
                               "confidence": 0.99})
            text_lines.append(" ".join(w.text for w in line))
        bx0 = min(p["words"][0]["boundingBox"]["vertices"][0].get("x", 0) for p in paragraphs)
        page_blocks.append({
            "boundingBox": _poly(bx0, 0, width, height),
            "paragraphs": paragraphs,
            "blockType": "TEXT",
            "confidence": 0.99,
        })
    text = "\n".join(text_lines) + "\n"
    return {
        "responses": [
            {
                "textAnnotations": [
                    {"locale": lang, "description": text,
                     "boundingPoly": _poly(0, 0, width, height)}
                ],
                "fullTextAnnotation": {
                    "pages": [
                        {
                            "property": {
                                "detectedLanguages": [
                                    {"languageCode": code, "confidence": round(1 - 0.1 * i, 2)}
                                    for i, code in enumerate(languages)
                                ]
                            },
                            "width": width,
                            "height": height,
                            "blocks": page_blocks,
                            "confidence": 0.99,
                        }
                    ],
                    "text": text,
                },
            }
        ]
    }


def render_page(blocks: Sequence[Sequence[Sequence[Word]]], width: int, height: int) -> Image.Image:
    """An RGB page with every word drawn in its box (what the replayed Vision "read")."""
    im = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(im)
    for block in blocks:
        for line in block:
            for w in line:
                x0, y0, _x1, y1 = w.box
                font = ImageFont.load_default(size=max(int((y1 - y0) * 0.8), 8))
                draw.text((x0, y0), w.text, fill="black", font=font)
    return im


def png_bytes(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def sent_image(req: Request) -> Image.Image:
    """The image a client sent in an ``images:annotate`` request."""
    body = req.json()
    data = base64.b64decode(body["requests"][0]["image"]["content"])
    return Image.open(io.BytesIO(data))


def error_reply(name: str, **kw: Any) -> Reply:
    """A recorded Google error body (``vision_error_<name>.json``) with its HTTP status."""
    body = load_recorded(f"vision_error_{name}.json")
    return Reply.json(int(body["error"]["code"]), body, **kw)


class VisionServer:
    """A :class:`ReplayServer` answering ``POST /v1/images:annotate``."""

    def __init__(self, server: ReplayServer) -> None:
        self.server = server

    @property
    def endpoint(self) -> str:
        """The value for ``SPACEOCR_VISION_ENDPOINT``."""
        return self.server.url

    def answer(self, *replies: Reply) -> None:
        """Answer successive requests with ``replies`` (the last repeats)."""
        self.server.route("POST", ANNOTATE_PATH, [(lambda _r, rep=rep: rep) for rep in replies])

    def answer_json(self, body: Any) -> None:
        self.answer(Reply.json(200, body))

    @property
    def requests(self) -> list[Request]:
        return [r for r in self.server.requests if r.path == ANNOTATE_PATH]
