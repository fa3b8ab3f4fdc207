"""Pages with known text at known places, rendered by PyMuPDF's built-in fonts, and a shared
embedded engine (its models load once for the whole session)."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import pymupdf
import pytest
from PIL import Image

from spaceocr.core.types import OcrPage

DPI = 200


@dataclass(frozen=True)
class Placed:
    """A line of text on a rendered page: its text and pixel box (x0, y0, x1, y1)."""

    text: str
    box: tuple[float, float, float, float]


def render(
    lines: Sequence[tuple[str, str, float, float, float]],
    size_pt: tuple[float, float] = (360, 200),
) -> tuple[Image.Image, list[Placed]]:
    """Render ``(text, fontname, x_pt, baseline_pt, fontsize)`` lines at 200 dpi.

    Returns the RGB image and where each line's ink box landed, in pixels (from PyMuPDF's own
    character boxes, so the test knows the truth independently of any OCR).
    """
    doc = pymupdf.open()
    page = doc.new_page(width=size_pt[0], height=size_pt[1])
    for text, font, x, y, fs in lines:
        page.insert_text((x, y), text, fontname=font, fontsize=fs)
    scale = DPI / 72
    placed = []
    raw = page.get_text("rawdict")
    found = [
        line
        for block in raw["blocks"]
        for line in block.get("lines", ())
    ]
    for text, *_ in lines:
        for line in found:
            s = "".join(c["c"] for span in line["spans"] for c in span["chars"])
            if s == text:
                x0, y0, x1, y1 = line["bbox"]
                placed.append(Placed(text, (x0 * scale, y0 * scale, x1 * scale, y1 * scale)))
                break
        else:  # pragma: no cover - a rendering problem, not an OCR one
            raise AssertionError(f"{text!r} was not rendered")
    pix = page.get_pixmap(dpi=DPI, alpha=False)
    image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    doc.close()
    return image, placed


def rotate(image: Image.Image, degrees: float) -> tuple[Image.Image, object]:
    """``image`` turned clockwise (on screen) by ``degrees`` about its centre, canvas grown to
    fit; returns the new image and the function mapping an old pixel to its new place."""
    th = math.radians(degrees)
    c, s = math.cos(th), math.sin(th)
    w, h = image.size
    corners = [(0, 0), (w, 0), (w, h), (0, h)]
    cx, cy = w / 2, h / 2

    def raw(x: float, y: float) -> tuple[float, float]:
        dx, dy = x - cx, y - cy
        return (dx * c - dy * s, dx * s + dy * c)

    pts = [raw(x, y) for x, y in corners]
    minx, miny = min(p[0] for p in pts), min(p[1] for p in pts)
    nw = round(max(p[0] for p in pts) - minx)
    nh = round(max(p[1] for p in pts) - miny)

    def forward(x: float, y: float) -> tuple[float, float]:
        rx, ry = raw(x, y)
        return (rx - minx, ry - miny)

    # PIL wants the inverse: output pixel -> input pixel
    ox, oy = -minx, -miny
    inv = (c, s, cx - c * ox - s * oy, -s, c, cy + s * ox - c * oy)
    out = image.transform((nw, nh), Image.Transform.AFFINE, inv,
                          resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    return out, forward


def norm(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


def find_chars(page: OcrPage, text: str) -> list[int] | None:
    """Indexes of the page's characters spelling ``text`` (NFKC, spaces ignored), or None."""
    want = norm(text)
    chars = [(i, norm(c.text)) for i, c in enumerate(page.chars)]
    flat = "".join(t for _, t in chars)
    owners = [i for i, t in chars for _ in t]
    at = flat.find(want)
    if at < 0:
        return None
    return sorted(set(owners[at:at + len(want)]))


@pytest.fixture(scope="session")
def engine() -> object:
    """One embedded engine for every test that runs the models."""
    from spaceocr.core.ocr.embedded import EmbeddedEngine

    return EmbeddedEngine()
