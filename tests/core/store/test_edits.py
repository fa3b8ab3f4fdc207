"""A clerk's edits: corrections re-grounded on the stored OCR pages, originals kept, confirms."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from spaceocr.core.matching import MatchIndex, ground
from spaceocr.core.store import Store
from spaceocr.core.types import FieldStatus
from tests.core.store.factory import INVOICE, make_result

LINES = [
    "INV-7781",
    "2026/5/18",
    "株式会社テスト",
    "合計 ¥1,234",
    "税込 ¥1,358",
    "りんご 2 ¥600",
    "みかん 1 ¥634",
]


@pytest.fixture
def doc(store: Store) -> int:
    result = make_result(
        {
            "invoice_number": "INV-7781",
            "issue_date": "2026/5/18",
            "vendor_name": "株式会社テスト",
            "total": "¥1,234",
        },
        [
            {"description": "りんご", "quantity": "2", "amount": "¥600"},
            {"description": "みかん", "quantity": "1", "amount": "¥634"},
        ],
        page_lines=LINES,
        review={"total": ("sum_mismatch",)},
    )
    return store.save_result("s", result, template=INVOICE)


def test_set_value_regrounds_the_correction_and_keeps_the_original(store: Store, doc: int) -> None:
    before = store.load_row("s", doc).cells["total"]
    assert before.needs_review
    cell = store.set_value("s", doc, "total", "¥1,358")
    expected = ground("¥1,358", store.ocr_pages("s", doc))
    assert expected is not None
    assert cell.grounding == expected  # the box of the new value, on the page
    assert cell.grounding.bbox != before.grounding.bbox
    assert cell.match_ratio == 1.0
    assert (cell.value, cell.original_value) == ("¥1,358", "¥1,234")
    assert cell.is_corrected and cell.is_confirmed and not cell.needs_review
    assert cell.review_reasons == ()
    assert store.count("s", "total = 1358") == 1
    assert store.list_documents("s")[0].review_count == 0
    assert store.load_result("s", doc).get("total").grounding == expected


def test_a_second_correction_still_keeps_the_first_original(store: Store, doc: int) -> None:
    store.set_value("s", doc, "total", "¥1,358")
    cell = store.set_value("s", doc, "total", "¥1,234")
    assert (cell.value, cell.original_value) == ("¥1,234", "¥1,234")
    assert cell.is_corrected


def test_a_value_not_on_the_page_is_kept_without_a_box(store: Store, doc: int) -> None:
    cell = store.set_value("s", doc, "total", "¥99,999", confirm=False)
    assert cell.grounding is None
    assert cell.status == FieldStatus.NOT_GROUNDED
    assert cell.review_reasons == ("not_on_page",)
    assert cell.needs_review
    assert store.load_result("s", doc).get("total").status is FieldStatus.NOT_GROUNDED


def test_a_line_item_cell_is_corrected_in_its_item(store: Store, doc: int) -> None:
    cell = store.set_value("s", doc, "line_items[1].amount", "¥600")
    assert cell.original_value == "¥634"
    page = store.ocr_pages("s", doc)[0]
    assert cell.grounding is not None
    assert "".join(page.chars[i].text for i in cell.grounding.char_indices) == "¥600"
    row = store.load_row("s", doc)
    assert [i["amount"].value for i in row.items["line_items"]] == ["¥600", "¥600"]
    assert row.items["line_items"][0]["amount"].is_corrected is False


def test_a_missing_field_and_a_new_item_can_be_added(store: Store, doc: int) -> None:
    note = store.set_value("s", doc, "note", "税込")
    assert note.original_value is None and note.value == "税込"
    assert note.grounding is not None
    added = store.set_value("s", doc, "line_items[2].description", "送料")
    assert added.grounding is None
    assert len(store.load_row("s", doc).items["line_items"]) == 3
    with pytest.raises(ValueError, match="can only be added"):
        store.set_value("s", doc, "line_items[7].description", "x")


def test_clearing_a_value_keeps_its_original(store: Store, doc: int) -> None:
    cell = store.set_value("s", doc, "vendor_name", "")
    assert cell.value is None and cell.original_value == "株式会社テスト"
    assert cell.status == FieldStatus.NOT_FOUND
    assert store.count("s", "vendor_name contains テスト") == 0


@pytest.mark.parametrize(
    "field", ["nope", "line_items", "total[0].x", "line_items[0].nope", "line_items.amount"]
)
def test_set_value_refuses_fields_the_sheet_does_not_have(
    store: Store, doc: int, field: str
) -> None:
    with pytest.raises(ValueError, match=r"field|column"):
        store.set_value("s", doc, field, "1")


def test_confirm_marks_cells_and_updates_the_review_count(store: Store, doc: int) -> None:
    assert store.list_documents("s")[0].review_count == 1
    assert store.confirm("s", doc, ["total"]) == 1
    assert store.load_row("s", doc).cells["total"].is_confirmed
    assert store.list_documents("s")[0].review_count == 0
    assert store.count("s", "_review > 0") == 0
    assert store.confirm("s", doc, ["total"], confirmed=False) == 1
    assert store.list_documents("s")[0].review_count == 1
    assert store.confirm("s", doc, ["line_items"]) == 6
    assert store.confirm("s", doc, ["line_items[0].amount"], confirmed=False) == 1
    assert store.confirm("s", doc) == 5  # everything else: 4 fields + that cell
    row = store.load_row("s", doc)
    assert all(c.is_confirmed for c in row.cells.values())


def test_a_correction_printed_twice_keeps_the_box_it_replaces(store: Store) -> None:
    """The total is printed at the top and again at the bottom; the extractor read the bottom
    one. Retyping it (another yen sign) must keep the bottom box, not jump to the top one."""
    lines = ["ご請求金額 ¥5,500", "INV-9", "りんご ¥5,000", "小計 ¥5,000", "合計 ¥5,500"]
    result = make_result({"invoice_number": "INV-9", "total": "¥5,500"}, page_lines=lines)
    pages = result.ocr_pages
    index = MatchIndex(pages)
    bottom = max(index.candidates("¥5,500"), key=lambda c: c.start)
    total = dataclasses.replace(result.get("total"), grounding=index.grounding(bottom))
    result = dataclasses.replace(
        result, fields=tuple(total if f.name == "total" else f for f in result.fields)
    )
    doc_id = store.save_result("s", result, template=INVOICE)
    before = store.load_row("s", doc_id).cells["total"].grounding
    assert before is not None
    top = ground("¥5,500", pages)
    assert top is not None and top.bbox[1] < before.bbox[1]  # left alone, it would go up

    cell = store.set_value("s", doc_id, "total", "￥5,500")

    assert cell.grounding is not None
    assert cell.grounding.bbox == pytest.approx(before.bbox)
    assert cell.grounding.match_ratio == 1.0


def test_a_correction_or_a_confirm_updates_the_sheets_time(
    store: Store, store_path: Path, doc: int
) -> None:
    """``sheet list`` shows when a sheet last changed; a clerk's edit is a change."""
    old = "2000-01-01T00:00:00+00:00"
    for change in (
        lambda: store.set_value("s", doc, "total", "¥1,358"),
        lambda: store.confirm("s", doc, ["invoice_number"]),
    ):
        with sqlite3.connect(store_path) as conn:
            conn.execute("UPDATE sheets SET updated_at = ? WHERE name = 's'", (old,))
        assert store.sheet("s").updated_at == old
        change()
        assert store.sheet("s").updated_at > old
