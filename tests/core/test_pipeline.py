"""process_document: pages in order, progress, cancel, bad pages skipped, results grounded.

Born-digital PDFs are read through their text layer, so these tests run the real pipeline
without loading the OCR models; the OCR engine's own tests cover images.
"""

from __future__ import annotations

import threading

import pymupdf
import pytest

from spaceocr.core.errors import Cancelled, PageError
from spaceocr.core.pipeline import PipelineOptions, ground_extracted, process_document
from spaceocr.core.templates import parse_template
from spaceocr.core.types import ExtractedField, Extraction, FieldStatus

pytest.importorskip("spaceocr.core.ocr.pdf_text")

TEMPLATE = parse_template(
    {"name": "t", "fields": [
        {"name": "invoice_number", "type": "id"},
        {"name": "total", "type": "amount"},
        {"name": "line_items", "type": "array",
         "children": [{"name": "description"}, {"name": "amount", "type": "amount"}]},
    ]}
)


class RefusingEngine:
    """An engine that must not be called: text-layer pages never reach OCR."""

    name = "refusing"
    version = "0"

    def is_available(self) -> bool:
        return True

    def recognize(self, image, *, page_index=0, dpi=0.0, cancel=None):
        raise AssertionError("OCR was called on a born-digital page")


class ValuesExtractor:
    """Gives fixed values, as a user's ERP would: the pipeline must ground them."""

    name = "values"
    version = "1"

    def __init__(self, fields):
        self.fields = fields
        self.seen_pages = None

    def is_available(self) -> bool:
        return True

    def extract(self, pages, template, *, cancel=None):
        self.seen_pages = [p.index for p in pages]
        return Extraction(tuple(self.fields), self.name, self.version)


@pytest.fixture
def invoice_pdf(tmp_path):
    doc = pymupdf.open()
    p1 = doc.new_page()
    p1.insert_text((72, 80), "Invoice No. INV-778", fontsize=14)
    p1.insert_text((72, 120), "Widget A      40.00", fontsize=12)
    p2 = doc.new_page()
    p2.insert_text((72, 80), "Widget B      60.00", fontsize=12)
    p2.insert_text((300, 400), "Total 100.00", fontsize=12)
    path = tmp_path / "inv.pdf"
    doc.save(path)
    return path


def test_process_document_grounds_values_on_the_page_they_are_printed(invoice_pdf):
    ex = ValuesExtractor([
        ExtractedField("invoice_number", "INV-778"),
        ExtractedField("total", "100.00"),
        ExtractedField("not_in_template", "Widget A"),
        ExtractedField("line_items", items=(
            (ExtractedField("description", "Widget A"), ExtractedField("amount", "40.00")),
            (ExtractedField("description", "Widget B"), ExtractedField("amount", "60.00")),
        )),
    ])
    progress: list[tuple[str, int, int]] = []
    res = process_document(invoice_pdf, TEMPLATE, engine=RefusingEngine(), extractor=ex,
                           progress=lambda *a: progress.append(a))
    assert ex.seen_pages == [0, 1]
    assert [f.name for f in res.fields] == [
        "invoice_number", "total", "line_items", "not_in_template"
    ]
    total = res.get("total")
    assert total.status is FieldStatus.OK and total.grounding.page_index == 1
    x0, y0, x1, y1 = total.grounding.bbox
    # "Total 100.00" starts at x=300pt of 595pt, y=400pt of 842pt (baseline)
    assert 0.5 < x0 < x1 < 0.75 and 0.45 < y0 < y1 < 0.49
    items = res.get("line_items").items
    assert [i.get("amount").grounding.page_index for i in items] == [0, 1]
    assert ("ocr", 1, 2) in progress and ("ocr", 2, 2) in progress
    assert res.page_count == 2 and res.engine == "pdf_text"
    assert set(res.timings) >= {"open", "ocr", "extract", "match", "total"}


def test_a_value_not_on_the_page_is_flagged_and_not_boxed(invoice_pdf):
    ex = ValuesExtractor([ExtractedField("total", "999.99")])
    res = process_document(invoice_pdf, TEMPLATE, engine=RefusingEngine(), extractor=ex)
    total = res.get("total")
    assert total.grounding is None
    assert total.status is FieldStatus.NOT_GROUNDED
    assert "not_on_page" in total.review_reasons


def test_cancel_stops_before_the_next_page(invoice_pdf):
    cancel = threading.Event()

    def progress(stage, done, total):
        if stage == "ocr" and done == 1:
            cancel.set()

    with pytest.raises(Cancelled):
        process_document(invoice_pdf, TEMPLATE, engine=RefusingEngine(),
                         extractor=ValuesExtractor([]), progress=progress, cancel=cancel)


def test_a_damaged_page_becomes_a_warning_and_the_rest_is_processed(invoice_pdf, tmp_path):
    doc = pymupdf.open(invoice_pdf)
    doc.new_page().insert_text((72, 80), "third page 3.00")
    doc.update_object(doc[0].xref, "null")
    path = tmp_path / "damaged.pdf"
    doc.save(path)
    ex = ValuesExtractor([ExtractedField("total", "100.00")])
    res = process_document(path, TEMPLATE, engine=RefusingEngine(), extractor=ex)
    assert ex.seen_pages == [1, 2]
    assert [(w.code, w.page_index) for w in res.warnings] == [("page_error", 0)]
    assert res.get("total").grounding.page_index == 1


def test_no_readable_page_at_all_is_a_page_error(tmp_path):
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 80), "only page")
    doc.update_object(doc[0].xref, "null")
    path = tmp_path / "allbad.pdf"
    doc.save(path)
    with pytest.raises(PageError):
        process_document(path, TEMPLATE, engine=RefusingEngine(), extractor=ValuesExtractor([]))


def test_ground_extracted_leaves_out_empty_values():
    out = ground_extracted(
        [ExtractedField("total", ""), ExtractedField("invoice_number", None)], [], TEMPLATE,
        source="x",
    )
    assert out == ()


def test_text_layer_can_be_turned_off(invoice_pdf):
    with pytest.raises(AssertionError, match="OCR was called"):
        process_document(invoice_pdf, TEMPLATE, engine=RefusingEngine(),
                         extractor=ValuesExtractor([]),
                         options=PipelineOptions(use_text_layer=False))


@pytest.mark.parametrize(
    ("value", "ftype", "want"),
    [
        ("1 1 ,000", "amount", "11,000"),
        ("¥ 1 2,500", "amount", "¥ 12,500"),
        ("1 418 . 62", "number", "1418.62"),
        ("31,472원", "amount", "31,472원"),
        ("ノー トパソコン", "text", "ノー トパソコン"),
        (" INV 0042 ", "id", "INV 0042"),
    ],
)
def test_tidy_value_closes_up_letter_spaced_numbers_only(value, ftype, want):
    from spaceocr.core.pipeline import tidy_value

    assert tidy_value(value, ftype) == want


def test_a_letter_spaced_amount_is_tidied_and_still_grounded(invoice_pdf):
    ex = ValuesExtractor([ExtractedField("total", "1 00.00")])
    res = process_document(invoice_pdf, TEMPLATE, engine=RefusingEngine(), extractor=ex)
    assert res.get("total").value == "100.00"
    assert res.get("total").grounding.match_ratio == 1.0
