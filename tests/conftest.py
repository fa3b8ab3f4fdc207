"""Fixtures every test may use: real documents built with PyMuPDF and Pillow."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest
from PIL import Image, ImageDraw

# keep the user's real settings, keyring and store out of the tests
os.environ.setdefault("SPACEOCR_TESTING", "1")


def make_text_image(
    lines: list[str], size: tuple[int, int] = (800, 400), font_size: int = 36
) -> Image.Image:
    """An RGB image with ``lines`` of text drawn by PyMuPDF's CJK-capable built-in font."""
    doc = pymupdf.open()
    w_pt, h_pt = size[0] * 72 / 200, size[1] * 72 / 200
    page = doc.new_page(width=w_pt, height=h_pt)
    y = font_size * 72 / 200 * 1.6
    for line in lines:
        page.insert_text((12, y), line, fontname="japan", fontsize=font_size * 72 / 200)
        y += font_size * 72 / 200 * 1.6
    pix = page.get_pixmap(dpi=200, alpha=False)
    return Image.frombytes("RGB", (pix.width, pix.height), pix.samples)


def _empty_pdf() -> bytes:
    """A well-formed PDF (with a correct xref table) whose page tree has no pages."""
    objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[]/Count 0>>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    """Build a PDF with one page per text given; returns its path."""

    def _make(
        texts: list[str] | None = None, name: str = "doc.pdf", **save: object
    ) -> Path:
        doc = pymupdf.open()
        for t in texts if texts is not None else ["Invoice 1"]:
            page = doc.new_page()
            page.insert_text((72, 72), t, fontname="japan", fontsize=14)
        path = tmp_path / name
        if texts == []:
            # PyMuPDF refuses to save a document without pages: write a valid one by hand
            path.write_bytes(_empty_pdf())
            return path
        doc.save(path, **save)  # type: ignore[arg-type]
        return path

    return _make


@pytest.fixture
def make_image(tmp_path: Path) -> Callable[..., Path]:
    """Save an image in a format (by Pillow's name); returns its path."""

    def _make(
        fmt: str = "PNG",
        name: str | None = None,
        image: Image.Image | None = None,
        **save: object,
    ) -> Path:
        im = image or Image.new("RGB", (320, 200), "white")
        if image is None:
            ImageDraw.Draw(im).rectangle((20, 20, 120, 80), fill="black")
        path = tmp_path / (name or f"img.{fmt.lower()}")
        im.save(path, fmt, **save)
        return path

    return _make
