"""The window end to end: drop, batch, store, reopen, hover/select linking, export, errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl
import pymupdf
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from spaceocr.core.store import Store
from spaceocr.gui.batch_queue import JobState
from spaceocr.gui.exporting import ExportScope
from spaceocr.gui.main_window import MainWindow, local_urls
from tests.gui.conftest import DPI, two_page_result


def drop(window: MainWindow, paths: list[Path]) -> None:
    """A real drag-enter and drop of file URLs onto the window."""
    mime = QMimeData()
    mime.setUrls(local_urls(paths))
    pos = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    assert event.isAccepted()


@pytest.fixture
def folder(tmp_path: Path, two_page_pdf: Path) -> Path:
    """A folder with a document, a nested document, a text file and a hidden file."""
    root = tmp_path / "inbox"
    (root / "sub").mkdir(parents=True)
    (root / "a.pdf").write_bytes(two_page_pdf.read_bytes())
    other = pymupdf.open(two_page_pdf)
    other[0].insert_text((60, 200), "another document", fontsize=12)
    other.save(root / "sub" / "b.pdf")
    (root / "notes.txt").write_text("not a document", encoding="utf-8")
    (root / ".hidden.pdf").write_bytes(two_page_pdf.read_bytes())
    return root


def run_drop(qtbot: Any, window: MainWindow, paths: list[Path], n_saved: int) -> None:
    saved: list[int] = []
    window.result_saved.connect(saved.append)
    with qtbot.waitSignal(window.batch.batch_finished, timeout=30000):
        drop(window, paths)
    qtbot.waitUntil(lambda: len(saved) == n_saved, timeout=10000)


def test_dropping_a_folder_queues_documents_and_lists_unsupported_files(
    qtbot: Any, window: MainWindow, folder: Path
) -> None:
    run_drop(qtbot, window, [folder], 2)
    jobs = {j.path.name: j for j in window.batch.model.jobs()}
    assert set(jobs) == {"a.pdf", "b.pdf", "notes.txt"}
    assert jobs["a.pdf"].state is JobState.DONE and jobs["b.pdf"].state is JobState.DONE
    assert jobs["notes.txt"].state is JobState.FAILED
    assert "not a PDF or an image" in jobs["notes.txt"].error_text
    # the first document is on screen with its boxes
    assert window.shown_result is not None
    assert window.page_view.box_item("invoice_number") is not None
    assert window.queue_panel.total.value() == 1000


def test_choosing_a_failed_file_in_the_queue_says_why_in_full(
    qtbot: Any, window: MainWindow, folder: Path
) -> None:
    """The queue's narrow columns cut the message short; choosing the row shows all of it,
    and a failed file has no progress bar standing at 100%."""
    from spaceocr.gui.batch_queue import ProgressRole

    run_drop(qtbot, window, [folder], 2)
    model = window.batch.model
    row = next(i for i, j in enumerate(model.jobs()) if j.path.name == "notes.txt")
    job = model.jobs()[row]
    window.queue_panel.view.setCurrentIndex(model.index(row, 0))
    assert window.statusBar().currentMessage() == job.error_text
    assert model.index(row, 2).data(ProgressRole) is None
    assert model.index(row, 2).data() == ""
    # the state column says only that; the reason (without the file's name) has the wider one
    assert model.index(row, 1).data() == "Failed"
    assert model.index(row, 3).data() == job.error_text.removeprefix("notes.txt: ")
    assert model.index(row, 3).data().startswith("not a PDF or an image")
    view = window.queue_panel.view
    assert view.horizontalScrollBar().maximum() == 0  # the long reason is elided, not scrolled
    assert view.columnWidth(3) >= view.columnWidth(2)
    option = QStyleOptionViewItem()
    view.itemDelegateForColumn(3).initStyleOption(option, model.index(row, 3))
    assert option.textElideMode == Qt.TextElideMode.ElideRight  # the reason's first words


def test_a_preview_does_not_keep_the_previous_documents_titles(
    qtbot: Any, window: MainWindow, folder: Path
) -> None:
    window.show_result(two_page_result(), None)
    assert window.items_title.text() == "Line items (3)"
    window.display._show_preview(folder / "a.pdf")
    assert window.items_title.text() == "Line items (0)"
    assert window.windowTitle() == "a.pdf — spaceocr"


def test_results_are_saved_and_reopening_shows_the_stored_sheet(
    qtbot: Any, window: MainWindow, folder: Path, tmp_path: Path, paged_processor: Any
) -> None:
    run_drop(qtbot, window, [folder / "a.pdf"], 1)
    store_path = tmp_path / "store.sqlite3"
    with Store.open(store_path) as store:
        (doc,) = store.list_documents("invoice")
        assert doc.file_name == "a.pdf"
        assert doc.source_path.endswith("a.pdf")
    window.close()

    again = MainWindow(store_path=store_path, processor=paged_processor, dpi=DPI, isolate=False)
    qtbot.addWidget(again)
    again.show()
    panel = again.sheets_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10000)
    assert panel.combo.currentText() == "invoice"
    with qtbot.waitSignal(again.document_shown, timeout=10000) as blocker:
        panel.view.clicked.emit(panel.model.index(0, 0))
    assert blocker.args[0].get("invoice_number").value == "INV-0042"
    assert again.page_view.box_item("invoice_number") is not None
    with qtbot.waitSignal(again.page_view.page_drawn, timeout=10000):
        pass


def test_selecting_a_row_selects_its_box_on_the_right_page(qtbot: Any, window: MainWindow) -> None:
    window.show_result(two_page_result(), None)
    table, model = window.field_table, window.field_model
    table.setCurrentIndex(model.index_of("total"))
    assert window.page_view.current_page == 1
    assert window.page_view.box_item("total").is_highlighted
    table.setCurrentIndex(model.index_of("vendor_name"))
    assert window.page_view.current_page == 0
    assert window.page_view.box_item("vendor_name").is_highlighted
    # a line-item cell, in the other table
    window.line_table.setCurrentIndex(window.line_model.index_of("line_items[2].amount"))
    assert window.page_view.current_page == 1
    assert window.page_view.selected_field == "line_items[2].amount"
    assert not table.selectionModel().hasSelection()


def test_clicking_a_box_selects_its_row(qtbot: Any, window: MainWindow) -> None:
    window.show_result(two_page_result(), None)
    view = window.page_view
    view.show_page(1)
    item = view.box_item("line_items[1].amount")
    pos = view.mapFromScene(item.polygon().boundingRect().center())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    current = window.line_table.currentIndex()
    assert (current.row(), current.column()) == (1, 1)
    assert item.is_highlighted


def test_hovering_a_box_highlights_its_row_and_back(qtbot: Any, window: MainWindow) -> None:
    window.show_result(two_page_result(), None)
    view = window.page_view
    item = view.box_item("vendor_name")
    pos = view.mapFromScene(item.polygon().boundingRect().center())
    qtbot.mouseMove(view.viewport(), QPoint(2, 2))
    with qtbot.waitSignal(
        view.box_hovered, timeout=3000, check_params_cb=lambda fid: fid == "vendor_name"
    ):
        qtbot.mouseMove(view.viewport(), pos)
    assert window.field_model.highlighted == "vendor_name"
    row = window.field_model.index_of("vendor_name").row()
    assert (
        window.field_model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color().blue() > 150
    )
    assert "Vendor" in item.toolTip()  # the template title, not the raw id
    # and from the table to the box: hovering a row highlights its box
    table = window.field_table
    idx = window.field_model.index_of("invoice_number")
    table.entered.emit(idx)
    assert view.box_item("invoice_number").is_highlighted


def test_export_current_document_as_csv_xlsx_and_json(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    window.show_result(two_page_result(), None)
    for fmt in ("csv", "xlsx", "json"):
        out = tmp_path / f"out.{fmt}"
        with qtbot.waitSignal(window.exported, timeout=10000):
            window.export(ExportScope.DOCUMENT, fmt, out)
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header = rows[0]
    assert "株式会社テスト" in rows[1][header.index("vendor_name")]
    assert any("200" in r for r in rows[1:])
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    values = {c.value for row in wb.worksheets[0].iter_rows() for c in row}
    assert "INV-0042" in values
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert data["data"]["invoice_number"]["value"] == "INV-0042"


def test_export_selection_and_sheet(
    qtbot: Any, window: MainWindow, folder: Path, tmp_path: Path
) -> None:
    run_drop(qtbot, window, [folder / "a.pdf", folder / "sub" / "b.pdf"], 2)
    window.queue_panel.view.selectAll()
    out = tmp_path / "sel.json"
    with qtbot.waitSignal(window.exported, timeout=10000):
        window.export(ExportScope.SELECTION, "json", out)
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 2
    sheet_csv = tmp_path / "sheet.csv"
    with qtbot.waitSignal(window.exported, timeout=10000):
        window.export(ExportScope.SHEET, "csv", sheet_csv)
    text = sheet_csv.read_text(encoding="utf-8-sig")
    assert "a.pdf" in text and "b.pdf" in text


def test_an_unexpected_exception_is_shown_once_and_the_app_goes_on(
    qtbot: Any, window: MainWindow, caplog: Any
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from spaceocr.gui import app

    app.REPORTER.count = 0
    app.REPORTER.dialogs_enabled = True
    app.report_exception(RuntimeError("first"))
    app.report_exception(RuntimeError("second"))
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert len(boxes) == 1
    assert "unexpected" in boxes[0].text()
    assert "first" in caplog.text and "second" in caplog.text
    boxes[0].close()
    window.show_result(two_page_result(), None)  # still working
    assert window.field_model.rowCount() == 5


def test_each_template_goes_to_its_own_sheet_unless_one_is_named(
    qtbot: Any, window: MainWindow, folder: Path, tmp_path: Path
) -> None:
    run_drop(qtbot, window, [folder / "a.pdf"], 1)
    qtbot.waitUntil(lambda: window.sheet_combo.count() == 1, timeout=5000)
    assert window.sheet_combo.currentText() == ""  # not pinned to the first sheet
    window.template_combo.setCurrentIndex(window.template_combo.findData("receipt"))
    run_drop(qtbot, window, [folder / "sub" / "b.pdf"], 1)
    with Store.open(tmp_path / "store.sqlite3") as store:
        assert {s.name: s.template for s in store.list_sheets()} == {
            "invoice": "invoice",
            "receipt": "receipt",
        }


def test_the_value_column_gets_the_room_the_match_and_status_columns_do_not_need(
    qtbot: Any, window: MainWindow
) -> None:
    """Match (1.00) and Status fit their text; the value takes the rest, no sideways scroll."""
    window.show_result(two_page_result(), None)
    table = window.field_table
    qtbot.waitUntil(lambda: window.field_model.rowCount() > 0)
    header = table.horizontalHeader()
    for col in (2, 3):
        needed = max(table.sizeHintForColumn(col), header.sectionSizeHint(col))
        assert table.columnWidth(col) <= needed + 2
    assert table.columnWidth(1) > table.columnWidth(2)
    assert table.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_an_export_into_a_missing_folder_says_so_by_the_files_name(
    qtbot: Any, window: MainWindow, tmp_path: Path, fmt: str
) -> None:
    window.show_result(two_page_result(), None)
    out = tmp_path / "gone" / f"out.{fmt}"
    window.export(ExportScope.DOCUMENT, fmt, out)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith(f"out.{fmt}: "))
    assert "missing" in window.statusBar().currentMessage()
    assert not out.parent.exists()
