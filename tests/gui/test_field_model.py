"""The result tables: ids, roles, highlight, edits; every model passes qtmodeltester."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt

from spaceocr.gui.field_model import (
    FieldIdRole,
    FieldTableModel,
    LineItemTableModel,
    MatchRatioRole,
    NeedsReviewRole,
    PageRole,
    ReviewFilterProxy,
    iter_field_refs,
    tooltip_for,
)
from tests.gui.conftest import two_page_result


def test_field_table_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = FieldTableModel()
    model.set_result(two_page_result())
    qtmodeltester.check(model)


def test_line_item_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = LineItemTableModel()
    model.set_result(two_page_result())
    qtmodeltester.check(model)


def test_review_filter_proxy_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = FieldTableModel()
    model.set_result(two_page_result())
    proxy = ReviewFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_only_needs_review(True)
    qtmodeltester.check(proxy)
    names = {proxy.index(r, 0).data() for r in range(proxy.rowCount())}
    assert names == {"vendor_name", "due_date"}
    proxy.set_only_needs_review(False)
    assert proxy.rowCount() == model.rowCount() == 5


def test_empty_models_pass_qtmodeltester(qtmodeltester: Any) -> None:
    for model in (FieldTableModel(), LineItemTableModel()):
        model.set_result(None)
        qtmodeltester.check(model)
        assert model.rowCount() == 0


def test_field_ids_name_scalars_and_line_item_cells() -> None:
    ids = [r.id for r in iter_field_refs(two_page_result())]
    assert ids[:5] == ["invoice_number", "vendor_name", "issue_date", "total", "due_date"]
    assert "line_items[1].amount" in ids
    assert len(ids) == 5 + 6


def test_field_table_rows_carry_value_ratio_status_and_roles() -> None:
    model = FieldTableModel()
    model.set_result(two_page_result())
    vendor = model.index_of("vendor_name")
    row = vendor.row()
    assert model.index(row, 1).data() == "株式会社テスト"
    assert model.index(row, 2).data() == "0.70"
    assert model.index(row, 0).data(FieldIdRole) == "vendor_name"
    assert model.index(row, 0).data(MatchRatioRole) == 0.7
    assert model.index(row, 0).data(NeedsReviewRole) is True
    assert model.index(row, 0).data(PageRole) == 0
    total = model.index_of("total")
    assert model.index(total.row(), 0).data(PageRole) == 1
    assert model.index(total.row(), 3).data() == "confident"
    due = model.index_of("due_date")
    assert model.index(due.row(), 2).data() == "–"
    assert model.index(due.row(), 0).data(PageRole) == -1


def test_line_item_cells_have_their_own_ids_and_review_tint() -> None:
    model = LineItemTableModel()
    model.set_result(two_page_result())
    assert model.rowCount() == 3
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == [
        "description",
        "amount",
    ]
    idx = model.index_of("line_items[1].amount")
    assert (idx.row(), idx.column()) == (1, 1)
    assert idx.data() == "200"
    assert idx.data(NeedsReviewRole) is True
    assert idx.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None


def test_highlight_changes_background_and_signals_both_rows(qtbot: Any) -> None:
    model = FieldTableModel()
    model.set_result(two_page_result())
    row = model.index_of("total").row()
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_highlighted("total")
    assert blocker.args[0].row() == row
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    with qtbot.waitSignals([model.dataChanged]):
        model.set_highlighted("invoice_number")
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_replace_field_swaps_the_snapshot_row_only(qtbot: Any) -> None:
    model = FieldTableModel()
    result = two_page_result()
    model.set_result(result)
    new = dataclasses.replace(result.get("total"), value="9,999")
    with qtbot.waitSignal(model.dataChanged):
        model.replace_field(new.name, new)
    assert model.index(model.index_of("total").row(), 1).data() == "9,999"
    assert result.get("total").value == "1,234"  # the snapshot itself is untouched


def test_tooltip_names_value_ratio_and_why_it_needs_review() -> None:
    refs = {r.id: r for r in iter_field_refs(two_page_result())}
    tip = tooltip_for(refs["vendor_name"])
    assert "vendor_name" in tip
    assert "株式会社テスト" in tip
    assert "0.70" in tip
    assert "more than once" in tip
    assert "Review" not in tooltip_for(refs["invoice_number"])
