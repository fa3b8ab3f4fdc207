"""Keyboard review end to end: F8 through every flagged value of a batch, Enter confirms,
typing corrects (re-grounded by the store: the box moves), undo puts it back."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from spaceocr.core.store import Store
from spaceocr.core.types import OcrChar, OcrPage, Quad
from spaceocr.gui.field_model import CONFIRMED, CORRECTED, ClerkStateRole
from spaceocr.gui.main_window import MainWindow
from spaceocr.gui.page_view import BoxStyle
from tests.gui.conftest import DPI, PAGE_PX, PagedProcessor
from tests.gui.test_main_window import run_drop

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
def review_window(qtbot: Any, tmp_path: Path) -> MainWindow:
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
    out = []
    for n in range(2):
        doc = pymupdf.open(two_page_pdf)
        doc[0].insert_text((60, 300), f"copy {n}", fontsize=12)
        path = tmp_path / f"doc{n}.pdf"
        doc.save(path)
        out.append(path)
    return out


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
    w.undo_action.trigger()
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
