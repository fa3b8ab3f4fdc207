"""Keyboard review end to end: F8 through every flagged value of a batch, Enter confirms,
typing corrects (re-grounded by the store: the box moves), undo puts it back."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QApplication

from spaceocr.core.store import Store
from spaceocr.gui.exporting import ExportScope
from spaceocr.gui.field_model import (
    CONFIRMED,
    CORRECTED,
    ClerkStateRole,
    MatchRatioRole,
    NeedsReviewRole,
    PageRole,
    StatusRole,
)
from spaceocr.gui.main_window import MainWindow
from spaceocr.gui.page_view import BoxStyle
from tests.gui.conftest import PAGE_PX
from tests.gui.test_main_window import run_drop


def press(
    qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key press where the keyboard focus is (as a clerk would type it)."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def wait_store(qtbot: Any, w: MainWindow) -> None:
    qtbot.waitUntil(lambda: w.store.pending == 0, timeout=10000)


FLAGGED = ["vendor_name", "due_date", "line_items[1].amount"]


def test_keyboard_review_visits_every_flagged_value_of_the_batch(
    qtbot: Any, review_window: MainWindow, two_docs: list[Path], tmp_path: Path
) -> None:
    w = review_window
    run_drop(qtbot, w, two_docs, 2)
    wait_store(qtbot, w)
    w.show_job(w.batch.model.jobs()[0].id)
    w.field_table.setFocus()
    visited: list[tuple[str, str]] = []
    press(qtbot, Qt.Key.Key_F8)
    for _ in range(10):
        fid = w.page_view.selected_field
        visited.append((w.shown_result.file_name, fid))
        assert QApplication.focusWidget() in (w.field_table, w.line_table)
        press(qtbot, Qt.Key.Key_Return)  # confirm, then on to the next one
        if w.statusBar().currentMessage() == "Nothing left to review.":
            break
    assert visited == [("doc0.pdf", f) for f in FLAGGED] + [("doc1.pdf", f) for f in FLAGGED]
    assert [j.needs_review for j in w.batch.model.jobs()] == [0, 0]  # the queue follows
    # the last confirmed value looks confirmed in the table
    idx = w.line_model.index_of("line_items[1].amount")
    assert idx.data(ClerkStateRole) == CONFIRMED
    wait_store(qtbot, w)
    with Store.open(tmp_path / "store.sqlite3") as store:
        for doc in store.list_documents("invoice"):
            row = store.load_row("invoice", doc.doc_id)
            assert row.cells["vendor_name"].is_confirmed
            assert row.cells["due_date"].is_confirmed
            assert row.items["line_items"][1]["amount"].is_confirmed
            assert not row.cells["invoice_number"].is_confirmed  # untouched
    # undo takes the last confirmation back
    w.menus.undo_action.trigger()
    assert idx.data(ClerkStateRole) == ""


def test_tab_and_shift_tab_move_between_values(
    qtbot: Any, review_window: MainWindow, two_docs: list[Path]
) -> None:
    w = review_window
    run_drop(qtbot, w, two_docs[:1], 1)
    w.focus_field("invoice_number")
    press(qtbot, Qt.Key.Key_Tab)
    assert w.page_view.selected_field == "vendor_name"
    press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert w.page_view.selected_field == "invoice_number"


def test_typing_a_correction_regrounds_it_and_undo_puts_it_back(
    qtbot: Any, review_window: MainWindow, two_docs: list[Path], tmp_path: Path
) -> None:
    w = review_window
    run_drop(qtbot, w, two_docs[:1], 1)
    wait_store(qtbot, w)
    w.focus_field("total")
    before = w.page_view.box_item("total").sceneBoundingRect()
    assert w.page_view.current_page == 1
    with qtbot.waitSignal(w.value_corrected, timeout=10000):
        qtbot.keyClicks(w.field_table, "9")  # typing opens the editor
        editor = QApplication.focusWidget()
        assert editor is not w.field_table
        qtbot.keyClicks(editor, ",999")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    item = w.page_view.box_item("total")
    after = item.sceneBoundingRect()
    assert after.center().y() < before.center().y() - 0.3 * PAGE_PX[1]  # moved up to 9,999
    assert w.shown_result.get("total").value == "9,999"
    assert w.shown_result.get("total").match_ratio == pytest.approx(1.0)
    idx = w.field_model.index_of("total")
    assert idx.data(ClerkStateRole) == CORRECTED
    assert "corrected" in w.field_model.index(idx.row(), 3).data()
    assert "Read as: 1,234" in idx.data(Qt.ItemDataRole.ToolTipRole)
    assert item.pen().color() == BoxStyle.pen(True, False, CORRECTED).color() or item.is_highlighted
    wait_store(qtbot, w)
    with Store.open(tmp_path / "store.sqlite3") as store:
        (doc,) = store.list_documents("invoice")
        cell = store.load_row("invoice", doc.doc_id).cells["total"]
        assert (cell.value, cell.original_value, cell.is_corrected) == ("9,999", "1,234", True)

    with qtbot.waitSignal(w.value_corrected, timeout=10000):
        press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = w.page_view.box_item("total").sceneBoundingRect()
    assert abs(back.center().y() - before.center().y()) < 0.05 * PAGE_PX[1]
    assert w.shown_result.get("total").value == "1,234"
    assert w.field_model.index_of("total").data(ClerkStateRole) == ""


def test_help_overlay_lists_the_review_keys(qtbot: Any, review_window: MainWindow) -> None:
    w = review_window
    w.field_table.setFocus()
    press(qtbot, Qt.Key.Key_F1)
    dlg = w.shortcut_help
    qtbot.waitExposed(dlg)
    text = dlg.findChild(type(w.page_label), "shortcutText").text()
    for key in ("F8", "Enter", "F2", "Esc", "Tab", "Ctrl+Z"):
        assert key in text
    dlg.close()


_LOOK_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    ClerkStateRole,
    NeedsReviewRole,
    StatusRole,
    MatchRatioRole,
    PageRole,
)


def _plain(value: Any) -> Any:
    if isinstance(value, QBrush):
        return ("brush", value.color().getRgb(), value.style())
    if isinstance(value, QFont):
        return ("font", value.italic(), value.bold())
    return value


def look(w: MainWindow, fid: str) -> dict[str, Any]:
    """Everything a clerk sees of a value and every count it is in."""
    model = w.field_model
    row = model.index_of(fid).row()
    item = w.page_view.box_item(fid)
    assert item is not None
    return {
        "cells": [
            [_plain(model.index(row, col).data(role)) for role in _LOOK_ROLES]
            for col in range(model.columnCount())
        ],
        "box": (
            item.state,
            item.is_confident,
            item.toolTip(),
            item.pen().color().getRgb(),
            item.pen().style(),
            item.brush().color().getRgb(),
            [(p.x(), p.y()) for p in item.polygon()],
        ),
        "page": w.page_view.current_page,
        "field": w.shown_result.get(fid),
        "queue_to_review": [j.needs_review for j in w.batch.model.jobs()],
        "sheets_review": w.sheets_panel.model.index(0, 2).data(),
        "flagged": (
            w.review.book[w.display.shown_key].flagged()
            if w.display.shown_key in w.review.book
            else None
        ),
    }


def stored(tmp_path: Path, fid: str) -> tuple[Any, Any, int]:
    with Store.open(tmp_path / "store.sqlite3") as store:
        (doc,) = store.list_documents("invoice")
        return (
            store.cell_snapshot("invoice", doc.doc_id, fid),
            store.load_row("invoice", doc.doc_id).cells[fid],
            doc.review_count,
        )


def test_undoing_a_correction_leaves_the_value_exactly_as_before_the_edit(
    qtbot: Any, review_window: MainWindow, two_docs: list[Path], tmp_path: Path
) -> None:
    w = review_window
    run_drop(qtbot, w, two_docs[:1], 1)
    wait_store(qtbot, w)
    qtbot.waitUntil(lambda: w.sheets_panel.model.rowCount() == 1, timeout=10000)
    fid = "vendor_name"  # flagged: ambiguous, match 0.70
    w.focus_field(fid)
    before = look(w, fid)
    before_stored = stored(tmp_path, fid)
    assert before["cells"][3][0] == "check" and before["cells"][1][6] == ""
    assert before["queue_to_review"] == [3] and before["sheets_review"] == "3"
    assert not before_stored[1].is_corrected

    with qtbot.waitSignal(w.value_corrected, timeout=10000):
        qtbot.keyClicks(w.field_table, "9")
        editor = QApplication.focusWidget()
        qtbot.keyClicks(editor, ",999")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    wait_store(qtbot, w)
    edited = look(w, fid)
    assert edited["cells"][1][6] == CORRECTED and "corrected" in edited["cells"][3][0]
    assert edited["field"].value == "9,999" and edited["queue_to_review"] == [2]
    assert edited["sheets_review"] == "2"  # the Sheets panel followed, no reload
    assert stored(tmp_path, fid)[1].is_corrected

    with qtbot.waitSignal(w.value_corrected, timeout=10000):
        press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_store(qtbot, w)
    after = look(w, fid)
    for part in before:
        if part != "flagged":
            assert after[part] == before[part], part
    assert fid in after["flagged"]  # F8 stops at it again
    assert stored(tmp_path, fid) == before_stored  # every column of the cell, the count too

    # redo corrects it again, and a second undo is exact again
    with qtbot.waitSignal(w.value_corrected, timeout=10000):
        w.menus.redo_action.trigger()
    assert w.shown_result.get(fid).value == "9,999"
    with qtbot.waitSignal(w.value_corrected, timeout=10000):
        w.menus.undo_action.trigger()
    wait_store(qtbot, w)
    assert {k: v for k, v in look(w, fid).items() if k != "flagged"} == {
        k: v for k, v in before.items() if k != "flagged"
    }
    assert stored(tmp_path, fid) == before_stored


def test_undo_right_after_typing_waits_for_the_edit_and_still_restores(
    qtbot: Any, review_window: MainWindow, two_docs: list[Path], tmp_path: Path
) -> None:
    w = review_window
    run_drop(qtbot, w, two_docs[:1], 1)
    wait_store(qtbot, w)
    fid = "vendor_name"
    w.focus_field(fid)
    before_field = w.shown_result.get(fid)
    before_stored = stored(tmp_path, fid)
    w.edit_field(fid, "9,999")
    w.menus.undo_action.trigger()  # before the store answered the edit
    wait_store(qtbot, w)
    assert w.shown_result.get(fid) == before_field
    assert w.field_model.index_of(fid).data(ClerkStateRole) == ""
    assert stored(tmp_path, fid) == before_stored


def test_exporting_the_selected_documents_carries_the_clerks_correction(
    qtbot: Any, review_window: MainWindow, two_docs: list[Path], tmp_path: Path
) -> None:
    w = review_window
    run_drop(qtbot, w, two_docs[:1], 1)
    wait_store(qtbot, w)
    w.focus_field("total")
    with qtbot.waitSignal(w.value_corrected, timeout=10000):
        qtbot.keyClicks(w.field_table, "9")
        editor = QApplication.focusWidget()
        qtbot.keyClicks(editor, ",999")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    w.queue_panel.view.selectAll()
    for scope, name in ((ExportScope.DOCUMENT, "doc.csv"), (ExportScope.SELECTION, "sel.csv")):
        out = tmp_path / name
        with qtbot.waitSignal(w.exported, timeout=10000):
            w.export(scope, "csv", out)
        rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
        assert rows[0]["total"] == "9,999", name
