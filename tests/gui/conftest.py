"""Qt tests run offscreen; every test gets results built in code and real documents.

``QT_QPA_PLATFORM`` is set before anything imports Qt (pytest-qt imports it when the first
fixture needs it), as Picard's ``test/conftest.py`` does.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR", "1")

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from spaceocr.core.documents import open_document
from spaceocr.core.errors import Cancelled
from spaceocr.core.types import (
    DocumentResult,
    FieldResult,
    FieldStatus,
    Grounding,
    LineItem,
    OcrChar,
    OcrPage,
    Point,
    Quad,
)

PAGE_W_PT, PAGE_H_PT = 595.0, 842.0  # A4
DPI = 100
PAGE_PX = (round(PAGE_W_PT * DPI / 72), round(PAGE_H_PT * DPI / 72))


def field(
    name: str,
    value: str,
    page: int,
    box: tuple[float, float, float, float],
    ratio: float = 1.0,
    *,
    angle_deg: float = 0.0,
    reasons: tuple[str, ...] = (),
) -> FieldResult:
    """A grounded field; a non-zero angle tilts its quad around the box's centre."""
    import math

    x0, y0, x1, y1 = box
    quad = Quad.from_bbox(x0, y0, x1, y1)
    if angle_deg:
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        a = math.radians(angle_deg)
        aspect = PAGE_PX[1] / PAGE_PX[0]

        def rot(p: Point) -> tuple[float, float]:
            dx, dy = (p.x - cx), (p.y - cy) * aspect
            return (
                cx + dx * math.cos(a) - dy * math.sin(a),
                cy + (dx * math.sin(a) + dy * math.cos(a)) / aspect,
            )

        quad = Quad.from_points([rot(p) for p in quad.points])
    status = FieldStatus.OK if ratio >= 0.85 and not reasons else FieldStatus.LOW_CONFIDENCE
    return FieldResult(
        name=name,
        value=value,
        status=status,
        source="rules",
        grounding=Grounding(page, quad, ratio, "ocr_chars"),
        review_reasons=reasons,
    )


def two_page_result(file_name: str = "two_pages.pdf", sha: str = "a" * 64) -> DocumentResult:
    """An invoice result over two pages: confident and doubtful fields, a tilted box, items."""
    items = tuple(
        LineItem(
            k,
            (
                field(
                    "description", f"Item {k + 1}", 1, (0.1, 0.3 + 0.05 * k, 0.4, 0.33 + 0.05 * k)
                ),
                field(
                    "amount",
                    f"{(k + 1) * 100}",
                    1,
                    (0.7, 0.3 + 0.05 * k, 0.85, 0.33 + 0.05 * k),
                    ratio=0.6 if k == 1 else 1.0,
                ),
            ),
        )
        for k in range(3)
    )
    fields = (
        field("invoice_number", "INV-0042", 0, (0.1, 0.1, 0.3, 0.13)),
        field(
            "vendor_name",
            "株式会社テスト",
            0,
            (0.1, 0.2, 0.45, 0.24),
            ratio=0.7,
            reasons=("ambiguous",),
        ),
        field("issue_date", "2024-05-01", 0, (0.6, 0.1, 0.85, 0.13), angle_deg=8),
        field("total", "1,234", 1, (0.6, 0.8, 0.85, 0.84)),
        FieldResult("line_items", None, FieldStatus.OK, "rules", items=items, is_array=True),
        FieldResult(
            "due_date",
            "2024-06-01",
            FieldStatus.NOT_GROUNDED,
            "rules",
            review_reasons=("not_on_page",),
        ),
    )
    return DocumentResult(
        template="invoice",
        fields=fields,
        file_name=file_name,
        sha256=sha,
        page_count=2,
        page_sizes=(PAGE_PX, PAGE_PX),
        engine="test",
        extractor="rules",
        ocr_pages=(),
    )


@pytest.fixture
def two_page_pdf(tmp_path: Path) -> Path:
    """A real two-page PDF (the page images the view renders)."""
    doc = pymupdf.open()
    for n, text in enumerate(("Invoice INV-0042", "Total 1,234")):
        page = doc.new_page(width=PAGE_W_PT, height=PAGE_H_PT)
        page.insert_text((60, 90), text, fontsize=20)
        page.draw_rect(pymupdf.Rect(30, 30, 565, 812), color=(0, 0, 1) if n else (1, 0, 0))
    path = tmp_path / "two_pages.pdf"
    doc.save(path)
    return path


class PagedProcessor:
    """A processor for queue tests: opens the real document, reports a page at a time.

    It stands in for OCR only (the models are slow); the queue, the threads, progress,
    cancel and errors are the real ones. ``gate`` holds it before each page when set.
    """

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.gate = gate
        self.calls: list[Path] = []

    def __call__(
        self,
        path: Path,
        template: str,
        progress: Callable[[str, int, int], None],
        cancel: threading.Event,
        sheet: str = "",
    ) -> Any:
        self.calls.append(path)
        with open_document(path, dpi=DPI) as doc:
            sizes = []
            for i in range(doc.page_count):
                if self.gate is not None:
                    while not self.gate.wait(0.01):
                        if cancel.is_set():
                            break
                if cancel.is_set():
                    raise Cancelled("cancelled by the user")
                sizes.append(doc.page(i).image.size)
                progress("ocr", i + 1, doc.page_count)
            name, sha, count = doc.name, doc.sha256, doc.page_count
        progress("extract", 0, 1)
        r = two_page_result(name, sha)
        return DocumentResult(
            template=template,
            fields=r.fields,
            file_name=name,
            sha256=sha,
            page_count=count,
            page_sizes=tuple(sizes),
            engine="test",
            extractor="rules",
        )


@pytest.fixture
def paged_processor() -> PagedProcessor:
    return PagedProcessor()


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, paged_processor: PagedProcessor) -> Any:
    """The real main window, with a store under tmp_path and the paged processor."""
    from spaceocr.gui.main_window import MainWindow

    w = MainWindow(
        template="invoice",
        store_path=tmp_path / "store.sqlite3",
        processor=paged_processor,
        dpi=DPI,
    )
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.store.is_open, timeout=10000)
    return w


CHAR_W, CHAR_H = 0.018, 0.03


def text_line(text: str, x: float, y: float, line_no: int, word0: int) -> list[OcrChar]:
    """OCR characters of one printed line, monospaced from (x, y), page-relative."""
    chars, word = [], word0
    for k, ch in enumerate(text):
        if ch == " ":
            word += 1
            continue
        x0 = x + k * CHAR_W
        chars.append(
            OcrChar(ch, Quad.from_bbox(x0, y, x0 + CHAR_W, y + CHAR_H), 0.99, line_no, word)
        )
    return chars


def ocr_pages() -> tuple[OcrPage, ...]:
    """What an OCR engine would have read: page 2 prints 9,999 high up and the total low."""
    p0 = text_line("Invoice INV-0042", 0.1, 0.1, 0, 0)
    p1 = text_line("Subtotal 9,999", 0.1, 0.3, 0, 0) + text_line("Total 1,234", 0.5, 0.8, 1, 5)
    return tuple(
        OcrPage(i, PAGE_PX[0], PAGE_PX[1], DPI, "test", tuple(chars))
        for i, chars in enumerate((p0, p1))
    )


class OcrPagesProcessor(PagedProcessor):
    """The paged processor, with OCR pages in its results (so the store can re-ground)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        result = super().__call__(*args, **kwargs)
        return dataclasses.replace(result, ocr_pages=ocr_pages())


@pytest.fixture
def review_window(qtbot: Any, tmp_path: Path) -> Any:
    """The real main window over OCR pages the store can re-ground corrections on."""
    from spaceocr.gui.main_window import MainWindow

    w = MainWindow(
        template="invoice",
        store_path=tmp_path / "store.sqlite3",
        processor=OcrPagesProcessor(),
        dpi=DPI,
        isolate=False,
        settings_path=tmp_path / "settings.json",
    )
    qtbot.addWidget(w)
    w.resize(1300, 850)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.store.is_open, timeout=10000)
    return w


@pytest.fixture
def two_docs(tmp_path: Path, two_page_pdf: Path) -> list[Path]:
    """Two real PDFs (copies of the two-page one, told apart by a line of text)."""
    out = []
    for n in range(2):
        doc = pymupdf.open(two_page_pdf)
        doc[0].insert_text((60, 300), f"copy {n}", fontsize=12)
        path = tmp_path / f"doc{n}.pdf"
        doc.save(path)
        out.append(path)
    return out
