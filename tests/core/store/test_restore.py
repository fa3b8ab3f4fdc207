"""Undoing an edit: a cell snapshot taken before set_value puts the cell back exactly."""

from __future__ import annotations

import pytest

from spaceocr.core.store import Store
from tests.core.store.factory import INVOICE, make_result
from tests.core.store.test_edits import LINES


@pytest.fixture
def doc(store: Store) -> int:
    result = make_result(
        {"invoice_number": "INV-7781", "vendor_name": "株式会社テスト", "total": "¥1,234"},
        [{"description": "りんご", "quantity": "2", "amount": "¥600"}],
        page_lines=LINES,
        review={"total": ("sum_mismatch",)},
    )
    return store.save_result("s", result, template=INVOICE)


def test_restore_cell_undoes_a_correction_exactly(store: Store, doc: int) -> None:
    before_row = store.load_row("s", doc)
    before_count = store.list_documents("s")[0].review_count
    snapshot = store.cell_snapshot("s", doc, "total")
    assert snapshot is not None
    store.set_value("s", doc, "total", "¥1,358")
    assert store.load_row("s", doc).cells["total"].is_corrected
    assert store.list_documents("s")[0].review_count != before_count

    store.restore_cell("s", doc, "total", snapshot)
    after = store.load_row("s", doc)
    assert after.cells["total"] == before_row.cells["total"]  # value, box, status, flags
    assert not after.cells["total"].is_corrected
    assert after.cells["total"].review_reasons == ("sum_mismatch",)
    assert store.cell_snapshot("s", doc, "total") == snapshot  # every column, the id too
    assert store.list_documents("s")[0].review_count == before_count
    assert store.count("s", "total = 1234") == 1


def test_restore_cell_removes_a_cell_an_edit_added(store: Store, doc: int) -> None:
    assert store.cell_snapshot("s", doc, "note") is None
    store.set_value("s", doc, "note", "税込")
    store.restore_cell("s", doc, "note", None)
    assert "note" not in store.load_row("s", doc).cells


def test_restore_cell_refuses_a_snapshot_of_another_cell(store: Store, doc: int) -> None:
    snapshot = store.cell_snapshot("s", doc, "total")
    assert snapshot is not None
    with pytest.raises(ValueError, match="not of cell"):
        store.restore_cell("s", doc, "vendor_name", snapshot)
    with pytest.raises(ValueError, match="columns"):
        store.restore_cell("s", doc, "total", {**snapshot, "x; DROP TABLE cells": 1})
    assert store.load_row("s", doc).cells["vendor_name"].value == "株式会社テスト"
