"""Results built in code for store and export tests: real OCR pages, really grounded.

A page is made from lines of text (each character gets its own box on a grid); values are
grounded by the pipeline's own ``ground_extracted``, so boxes and match ratios are real.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from spaceocr.core.pipeline import ground_extracted
from spaceocr.core.templates import Template, parse_template
from spaceocr.core.types import DocumentResult, ExtractedField, OcrChar, OcrPage, Quad

INVOICE = parse_template(
    {
        "name": "invoice_t",
        "fields": [
            {"name": "invoice_number", "type": "id"},
            {"name": "issue_date", "type": "date"},
            {"name": "vendor_name", "type": "text"},
            {"name": "total", "type": "amount"},
            {"name": "note", "type": "text"},
            {
                "name": "line_items",
                "type": "array",
                "children": [
                    {"name": "description"},
                    {"name": "quantity", "type": "number"},
                    {"name": "amount", "type": "amount"},
                ],
            },
        ],
    }
)


def make_page(lines: Sequence[str], index: int = 0) -> OcrPage:
    """An OcrPage whose characters spell ``lines``, one line per row, 0.02 wide each."""
    chars: list[OcrChar] = []
    word = 0
    for line_no, line in enumerate(lines):
        y0 = 0.05 + line_no * 0.04
        word += 1
        for col, ch in enumerate(line):
            if ch == " ":
                word += 1
                continue
            x0 = 0.05 + col * 0.02
            chars.append(
                OcrChar(ch, Quad.from_bbox(x0, y0, x0 + 0.018, y0 + 0.03), 0.99, line_no, word)
            )
    return OcrPage(index, 1000, 1400, 200.0, "test", tuple(chars))


def make_result(
    values: Mapping[str, str],
    items: Sequence[Mapping[str, str]] = (),
    *,
    page_lines: Sequence[str] | None = None,
    file_name: str = "doc.pdf",
    template: Template = INVOICE,
    review: Mapping[str, tuple[str, ...]] | None = None,
) -> DocumentResult:
    """A grounded result: ``values`` and ``items`` printed on a page (unless ``page_lines``)."""
    if page_lines is None:
        page_lines = [*values.values()] + [" ".join(it.values()) for it in items]
    page = make_page(page_lines)
    review = review or {}
    fields = [ExtractedField(k, v, review_reasons=review.get(k, ())) for k, v in values.items()]
    if items:
        fields.append(
            ExtractedField(
                "line_items",
                items=tuple(tuple(ExtractedField(k, v) for k, v in it.items()) for it in items),
            )
        )
    grounded = ground_extracted(fields, [page], template, source="test")
    digest = hashlib.sha256((file_name + repr(sorted(values.items()))).encode()).hexdigest()
    return DocumentResult(
        template=template.name,
        fields=grounded,
        file_name=file_name,
        sha256=digest,
        page_count=1,
        page_sizes=((1000, 1400),),
        engine="test",
        extractor="test 1",
        ocr_pages=(page,),
    )
