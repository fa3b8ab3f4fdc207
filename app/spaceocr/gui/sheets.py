"""The store seen from the GUI: a serial lane for its calls, and the stored-sheets panel.

:class:`StoreService` runs every store call on one lane (writes take turns there, as Anki's
collection executor does; the store gives each thread its own connection). A finished
document is saved as soon as it arrives, so a crash loses nothing finished. At start the
stored sheets are listed; :class:`SheetsPanel` shows a sheet's documents and opens one.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spaceocr.gui.workers import Lane

logger = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex

DocIdRole = Qt.ItemDataRole.UserRole + 20


class StoreService(QObject):
    """Every store call, on the store lane; results come back as signals."""

    opened = Signal()
    saved = Signal(int)  #: job id
    stored = Signal(int, str, int)  #: job id, sheet, doc id (the result is in the store)
    failed = Signal(object)  #: the exception (a StoreError, usually)
    sheets_loaded = Signal(list)  #: sheet names
    documents_loaded = Signal(str, list)  #: sheet, [DocumentSummary]
    result_loaded = Signal(object, str)  #: DocumentResult, source path
    sheet_exported = Signal(str)  #: path
    review_changed = Signal(str, int, int)  #: sheet, doc id, values still to review (an edit)

    def __init__(self, path: str | Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._lane = Lane("store", 1, self)
        self._store: Any = None

    @property
    def is_open(self) -> bool:
        return self._store is not None

    @property
    def resolved_path(self) -> Path:
        """The store's file (the default store when no path was given)."""
        if self.path is not None:
            return Path(self.path)
        from spaceocr.core.store import default_store_path

        return default_store_path()

    @property
    def pending(self) -> int:
        """Store calls not finished yet."""
        return self._lane.pending

    def _get(self) -> Any:
        if self._store is None:
            from spaceocr.core.store import Store

            self._store = Store.open(self.path)
        return self._store

    def open(self) -> None:
        """Open the store and list its sheets."""

        def work() -> list[str]:
            return [s.name for s in self._get().list_sheets()]

        def done(names: list[str]) -> None:
            self.opened.emit()
            self.sheets_loaded.emit(names)

        self._lane.submit(work, on_result=done, on_error=self.failed.emit)

    def save(
        self, job_id: int, sheet: str, result: Any, source_path: Path, template_spec: str = ""
    ) -> None:
        """Save a result into ``sheet`` (then list the sheets again)."""
        from spaceocr.gui.processing import load_template_spec

        def work() -> tuple[int, list[str]]:
            store = self._get()
            template = load_template_spec(template_spec) if template_spec else None
            doc_id = store.save_result(
                sheet, result, source_path=str(source_path), template=template
            )
            return doc_id, [s.name for s in store.list_sheets()]

        def done(out: tuple[int, list[str]]) -> None:
            doc_id, names = out
            self.stored.emit(job_id, sheet, doc_id)
            self.saved.emit(job_id)
            self.sheets_loaded.emit(names)

        self._lane.submit(work, on_result=done, on_error=self.failed.emit)

    def refresh_sheets(self) -> None:
        """List the sheets again (another process saved into the store)."""
        self._lane.submit(
            lambda: [s.name for s in self._get().list_sheets()],
            on_result=self.sheets_loaded.emit,
            on_error=self.failed.emit,
        )

    def load_documents(self, sheet: str) -> None:
        """List a sheet's documents."""
        self._lane.submit(
            lambda: self._get().list_documents(sheet),
            on_result=lambda docs: self.documents_loaded.emit(sheet, list(docs)),
            on_error=self.failed.emit,
        )

    def load_result(self, sheet: str, doc_id: int, source_path: str) -> None:
        """Load one stored result."""
        self._lane.submit(
            lambda: self._get().load_result(sheet, doc_id),
            on_result=lambda r: self.result_loaded.emit(r, source_path),
            on_error=self.failed.emit,
        )

    def export_sheet(self, sheet: str, fmt: str, path: Path) -> None:
        """Export a whole sheet through the core's exporters."""
        from spaceocr.gui.exporting import write_sheet_export

        self._lane.submit(
            lambda: write_sheet_export(self._get(), sheet, fmt, path),
            on_result=lambda _: self.sheet_exported.emit(str(path)),
            on_error=self.failed.emit,
        )

    def set_value(
        self,
        sheet: str,
        doc_id: int,
        fid: str,
        value: str,
        on_done: Any,
        *,
        confirm: bool = True,
        before: Any = None,
    ) -> None:
        """Correct a value (the store re-grounds it and keeps the original); ``on_done``
        gets the stored cell (a CellView) on the GUI thread.

        ``before``, when given, is an object whose ``stored`` attribute receives the cell's
        snapshot taken on the store lane just before the edit (what :meth:`restore_cell`
        puts back to undo it).
        """

        def work() -> tuple[Any, int]:
            store = self._get()
            if before is not None:
                before.stored = store.cell_snapshot(sheet, doc_id, fid)
                before.is_taken = True
            cell = store.set_value(sheet, doc_id, fid, value, confirm=confirm)
            return cell, store.load_row(sheet, doc_id).review_count

        def done(out: tuple[Any, int]) -> None:
            cell, review = out
            self.review_changed.emit(sheet, doc_id, review)
            on_done(cell)

        self._lane.submit(work, on_result=done, on_error=self.failed.emit)

    def restore_cell(self, sheet: str, doc_id: int, fid: str, before: Any, on_done: Any) -> None:
        """Undo an edit: put back the cell ``before.stored`` holds (see :meth:`set_value`);
        ``on_done()`` runs on the GUI thread once the store has it."""

        def work() -> int:
            store = self._get()
            if getattr(before, "is_taken", False):  # the edit reached the store: undo it there
                store.restore_cell(sheet, doc_id, fid, before.stored)
            return int(store.load_row(sheet, doc_id).review_count)

        def done(review: int) -> None:
            self.review_changed.emit(sheet, doc_id, review)
            on_done()

        self._lane.submit(work, on_result=done, on_error=self.failed.emit)

    def confirm(
        self, sheet: str, doc_id: int, fid: str, confirmed: bool, on_done: Any = None
    ) -> None:
        """Mark one value confirmed (or not)."""

        def work() -> tuple[int, int]:
            store = self._get()
            n = store.confirm(sheet, doc_id, [fid], confirmed=confirmed)
            return n, store.load_row(sheet, doc_id).review_count

        def done(out: tuple[int, int]) -> None:
            n, review = out
            self.review_changed.emit(sheet, doc_id, review)
            if on_done is not None:
                on_done(n)

        self._lane.submit(work, on_result=done, on_error=self.failed.emit)

    def load_clerk_state(self, sheet: str, doc_id: int, on_done: Any) -> None:
        """Every value's clerk state of a stored document: ``on_done(states, originals)``."""

        def work() -> tuple[dict[str, str], dict[str, str | None]]:
            return clerk_state_of(self._get().load_row(sheet, doc_id))

        self._lane.submit(work, on_result=lambda out: on_done(*out), on_error=self.failed.emit)

    def close(self, timeout_ms: int = 5000) -> None:
        """Wait for the writes in flight, then close the store."""
        self._lane.wait(timeout_ms)
        if self._store is not None:
            self._store.close()
            self._store = None


def clerk_state_of(row: Any) -> tuple[dict[str, str], dict[str, str | None]]:
    """(field id -> "confirmed"/"corrected", field id -> original value) of a SheetRow."""
    states: dict[str, str] = {}
    originals: dict[str, str | None] = {}

    def visit(fid: str, cell: Any) -> None:
        if cell.is_corrected:
            states[fid] = "corrected"
            originals[fid] = cell.original_value
        elif cell.is_confirmed:
            states[fid] = "confirmed"

    for name, cell in row.cells.items():
        visit(name, cell)
    for array, items in row.items.items():
        for index, cells in enumerate(items):
            for name, cell in cells.items():
                visit(f"{array}[{index}].{name}", cell)
    return states, originals


class StoredDocumentsModel(QAbstractTableModel):
    """A sheet's stored documents: file, pages, fields to review, when added."""

    COLUMNS = ("file", "pages", "review", "added")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._docs: tuple[Any, ...] = ()

    def set_documents(self, docs: Sequence[Any]) -> None:
        """Show these DocumentSummary rows."""
        self.beginResetModel()
        self._docs = tuple(docs)
        self.endResetModel()

    def set_review_count(self, doc_id: int, count: int) -> None:
        """A document's count of values to review changed (a clerk's edit): update its row."""
        for row, d in enumerate(self._docs):
            if int(d.doc_id) == doc_id and d.review_count != count:
                docs = list(self._docs)
                docs[row] = dataclasses.replace(d, review_count=count)
                self._docs = tuple(docs)
                idx = self.index(row, self.COLUMNS.index("review"))
                self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DisplayRole])
                return

    def document_at(self, row: int) -> Any:
        """The DocumentSummary in this row."""
        return self._docs[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (self.tr("Document"), self.tr("Pages"), self.tr("Review"), self.tr("Added"))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._docs):
            return None
        d = self._docs[index.row()]
        if role == DocIdRole:
            return int(d.doc_id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return d.source_path or d.file_name
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == 0:
            return d.file_name
        if col == 1:
            return str(d.page_count)
        if col == 2:
            return str(d.review_count)
        return str(d.added_at)[5:16].replace("T", " ")


class SheetsPanel(QWidget):
    """The stored sheets: pick a sheet, see its documents, open one."""

    result_opened = Signal(object, str)  #: DocumentResult, source path

    def __init__(self, store: StoreService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.combo = QComboBox(self)
        self.combo.setObjectName("storedSheetCombo")
        self.model = StoredDocumentsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("storedDocumentsView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.combo)
        layout.addWidget(self.view, 1)
        self.combo.currentTextChanged.connect(self._on_sheet_chosen)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)
        store.sheets_loaded.connect(self._on_sheets_loaded)
        store.documents_loaded.connect(self._on_documents_loaded)
        store.result_loaded.connect(self.result_opened)
        store.review_changed.connect(self._on_review_changed)

    @property
    def sheet(self) -> str:
        return self.combo.currentText()

    def _on_sheets_loaded(self, names: list[str]) -> None:
        current = self.combo.currentText()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems(names)
        if current in names:
            self.combo.setCurrentText(current)
        self.combo.blockSignals(False)
        if self.combo.currentText():
            self.store.load_documents(self.combo.currentText())

    def _on_sheet_chosen(self, name: str) -> None:
        if name:
            self.store.load_documents(name)

    def _on_documents_loaded(self, sheet: str, docs: list[Any]) -> None:
        if sheet == self.combo.currentText():
            self.model.set_documents(docs)

    def _on_review_changed(self, sheet: str, doc_id: int, count: int) -> None:
        if sheet == self.combo.currentText():
            self.model.set_review_count(doc_id, count)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            d = self.model.document_at(index.row())
            self.store.load_result(self.sheet, int(d.doc_id), d.source_path)
