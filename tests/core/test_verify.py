"""verify: a user's values grounded on a document, repeats resolved by labels and rows."""

from __future__ import annotations

import pymupdf
import pytest

from spaceocr.core.errors import InvalidValues
from spaceocr.core.templates import parse_template
from spaceocr.core.types import FieldStatus
from spaceocr.core.verify import fields_from_values, verify_document, verify_pages
from tests.core.test_matching import make_page, spelled

TEMPLATE = parse_template({
    "name": "t",
    "fields": [
        {"name": "invoice_number", "type": "id", "labels": {"en": ["Invoice No."]}},
        {"name": "total", "type": "amount", "labels": {"en": ["Total", "Amount"]}},
        {"name": "amount_due", "type": "amount", "labels": {"en": ["Amount Due"]}},
        {"name": "line_items", "type": "array", "children": [
            {"name": "description"}, {"name": "quantity", "type": "number"},
            {"name": "unit_price", "type": "amount"}, {"name": "amount", "type": "amount"},
        ]},
    ],
})


class RefusingEngine:
    """An engine that must not be called: born-digital pages are read from their text."""

    name = "refusing"
    version = "0"

    def is_available(self) -> bool:
        return True

    def recognize(self, image, *, page_index=0, dpi=0.0, cancel=None):
        raise AssertionError("OCR was called on a born-digital page")


def _lines_of(result, page) -> set[int]:
    return {page.chars[i].line_no for i in result.grounding.char_indices}


# ----------------------------------------------------------------------------- VALUES
def test_values_become_fields_numbers_as_text_nulls_left_out() -> None:
    fields = fields_from_values({
        "total": 1870, "note": None, "empty": "  ", "paid": True, "wrapped": {"value": "A-1"},
        "line_items": [{"description": "Tea", "quantity": 2, "amount": None}],
    })
    by_name = {f.name: f for f in fields}
    assert by_name["total"].value == "1870"
    assert "note" not in by_name and "empty" not in by_name
    assert by_name["paid"].value == "true"
    assert by_name["wrapped"].value == "A-1"
    (row,) = by_name["line_items"].items
    assert [(c.name, c.value) for c in row] == [("description", "Tea"), ("quantity", "2")]


@pytest.mark.parametrize("bad", [
    ["not", "an", "object"],
    {"line_items": ["a row that is not an object"]},
    {"total": {"nested": {"deep": 1}}, "x": [1]},
    {"total": [{"amount": ["a", "list"]}]},
])
def test_values_of_the_wrong_shape_are_refused(bad) -> None:
    with pytest.raises(InvalidValues) as err:
        fields_from_values(bad)
    assert err.value.code == "invalid_values"


# ----------------------------------------------------------------------------- choosing
def test_equal_values_go_to_the_occurrence_next_to_their_labels() -> None:
    page = make_page([
        "Invoice No. INV-1",
        "Widget 2 10.00 20.00",
        "",
        "Amount Due 4,620.00",
        "Total      4,620.00",
    ])
    res = {f.name: f for f in verify_pages(
        [page], {"total": "4,620.00", "amount_due": "4,620.00", "invoice_number": "INV-1"},
        TEMPLATE)}
    assert list(res) == ["invoice_number", "total", "amount_due"]  # template order
    assert _lines_of(res["amount_due"], page) == {3}
    assert _lines_of(res["total"], page) == {4}
    assert all(f.status is FieldStatus.OK for f in res.values())
    # "Amount" inside "Amount Due" is amount_due's label, not a label of total
    (alone,) = verify_pages([page], {"total": "4,620.00"}, TEMPLATE)
    assert _lines_of(alone, page) == {4}


def test_line_item_cells_are_grounded_on_their_own_row() -> None:
    page = make_page([
        "Item          Qty  Price   Amount",
        "Paper A4 x5   1    5.00    5.00",
        "Pens          5    1.00    5.00",
        "Stapler       1    12.00   12.00",
    ])
    rows = [
        {"description": "Paper A4 x5", "quantity": "1", "unit_price": "5.00", "amount": "5.00"},
        {"description": "Pens", "quantity": "5", "unit_price": "1.00", "amount": "5.00"},
        {"description": "Stapler", "quantity": "1", "unit_price": "12.00", "amount": "12.00"},
    ]
    (items,) = verify_pages([page], {"line_items": rows}, TEMPLATE)
    assert items.is_array and len(items.items) == 3
    for k, item in enumerate(items.items):
        for cell in item.fields:
            assert cell.status is FieldStatus.OK, (k, cell.name)
            assert _lines_of(cell, page) == {k + 1}, (k, cell.name)
    # equal values on one row keep the order given: the unit price left of the amount
    first = items.items[0]
    up, amt = first.get("unit_price").grounding.bbox, first.get("amount").grounding.bbox
    assert up[2] < amt[0]
    # "5" of "x5" inside the description is not the quantity of row 2's "5"
    qty = items.items[1].get("quantity")
    assert spelled(page, qty.grounding.char_indices) == "5"
    assert qty.grounding.bbox[0] > 0.2


@pytest.mark.parametrize("numbers_first", [False, True])
def test_rows_printed_over_two_lines_keep_their_cells(numbers_first: bool) -> None:
    rows = [("Green tea 500ml", "3", "160", "480"), ("Paperback", "2", "950", "1,900"),
            ("Batteries AA", "1", "660", "660")]
    lines = []
    for desc, qty, price, amount in rows:
        pair = [desc, f"  {qty} x @{price}    {amount}"]
        lines += [*(reversed(pair) if numbers_first else pair), ""]
    page = make_page(lines)
    values = [dict(zip(("description", "quantity", "unit_price", "amount"), r, strict=True))
              for r in rows]
    (items,) = verify_pages([page], {"line_items": values}, TEMPLATE)
    for k, item in enumerate(items.items):
        desc_line = 3 * k + (1 if numbers_first else 0)
        num_line = 3 * k + (0 if numbers_first else 1)
        assert _lines_of(item.get("description"), page) == {desc_line}
        for name in ("quantity", "unit_price", "amount"):
            assert _lines_of(item.get(name), page) == {num_line}, (k, name)


def test_a_cell_printed_only_on_another_row_is_not_grounded() -> None:
    page = make_page(["Tea    2    3.00", "Cake   1    4.50"])
    rows = [{"description": "Tea", "quantity": "1"}, {"description": "Cake", "quantity": "1"}]
    (items,) = verify_pages([page], {"line_items": rows}, TEMPLATE)
    tea_qty = items.items[0].get("quantity")
    assert tea_qty.grounding is None
    assert tea_qty.status is FieldStatus.NOT_GROUNDED
    assert "not_on_page" in tea_qty.review_reasons
    cake_qty = items.items[1].get("quantity")
    assert _lines_of(cake_qty, page) == {1}


# ----------------------------------------------------------------------------- documents
@pytest.fixture
def invoice_pdf(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 80), "請求書 Invoice No. INV-2026-0042", fontname="japan", fontsize=14)
    page.insert_text((72, 120), "発行日 令和8年5月18日", fontname="japan", fontsize=12)
    page.insert_text((72, 160), "ボールペン 黒   3   ¥150   ¥450", fontname="japan", fontsize=12)
    page.insert_text((300, 300), "合計 ￥1,424,412", fontname="japan", fontsize=12)
    path = tmp_path / "inv.pdf"
    doc.save(path)
    return path


def test_verify_document_grounds_values_given_as_printed_or_normalised(invoice_pdf) -> None:
    values = {
        "invoice_number": "INV-2026-0042",
        "issue_date": "2026-05-18",
        "total": 1424412,
        "vendor_name": "Not On This Page KK",
        "line_items": [{"description": "ボールペン 黒", "quantity": 3, "amount": "¥450"}],
    }
    res = verify_document(invoice_pdf, values, engine=RefusingEngine(), template=None)
    assert res.engine == "pdf_text" and res.extractor == "verify" and res.page_count == 1
    f = {x.name: x for x in res.fields}
    for name in ("invoice_number", "issue_date", "total"):
        assert f[name].status is FieldStatus.OK, name
        assert f[name].grounding.match_ratio == 1.0
        assert f[name].source == "verify"
    x0, y0, x1, y1 = f["total"].grounding.bbox
    # "合計 ￥1,424,412" starts at x=300pt of 595pt, baseline y=300pt of 842pt
    assert 0.5 < x0 < x1 < 0.85 and 0.33 < y0 < y1 < 0.37
    assert f["vendor_name"].grounding is None
    assert f["vendor_name"].status is FieldStatus.NOT_GROUNDED
    (item,) = f["line_items"].items
    assert all(c.status is FieldStatus.OK for c in item.fields)
    assert {"open", "ocr", "match", "total"} <= set(res.timings)


def test_bad_values_are_refused_before_the_document_is_read(tmp_path) -> None:
    with pytest.raises(InvalidValues):
        verify_document(tmp_path / "missing.pdf", ["x"], engine=RefusingEngine())  # type: ignore[arg-type]
