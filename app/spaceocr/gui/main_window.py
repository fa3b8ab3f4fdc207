"""The main window: intake, the batch panel, the page view and the result tables.

Drop files or folders anywhere on the window (or File ▸ Open); they are walked on the I/O
lane, queued with the chosen template, processed one at a time on the processing lane, saved
to the store on the store lane as each finishes, and shown: the page with a box per value on
the left, the fields and line items on the right. Hover and selection link the two both ways.

The window composes the pieces and owns the widgets; the work is done by its collaborators:

- :class:`~spaceocr.gui.opening.DocumentOpener` (``opener``): drops, File ▸ Open, field lists;
- :class:`~spaceocr.gui.display.DocumentDisplay` (``display``): the document on screen;
- :class:`~spaceocr.gui.field_link.FieldLink` (``link``): tables and page view linked;
- :class:`~spaceocr.gui.review_desk.ReviewDesk` (``review``): review, confirm, correct, undo;
- :class:`~spaceocr.gui.exporting.DocumentExporter` (``exporter``): File ▸ Export;
- :class:`~spaceocr.gui.window_menus.WindowMenus` (``menus``): the actions and menus.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from spaceocr.gui.batch_queue import BatchQueue, JobState
from spaceocr.gui.display import DocumentDisplay, ui_language
from spaceocr.gui.exporting import DocumentExporter, ExportScope
from spaceocr.gui.field_link import FieldLink
from spaceocr.gui.field_model import FieldTableModel, LineItemTableModel
from spaceocr.gui.messages import exception_text
from spaceocr.gui.opening import DocumentOpener, dropped_paths
from spaceocr.gui.page_renderer import DISPLAY_DPI, PageRenderer
from spaceocr.gui.page_view import PageView
from spaceocr.gui.processes import ProcessDocumentProcessor
from spaceocr.gui.processing import DocumentProcessor, Processor
from spaceocr.gui.queue_panel import QueuePanel
from spaceocr.gui.review import DocKey
from spaceocr.gui.review_desk import ReviewDesk
from spaceocr.gui.sheets import SheetsPanel, StoreService
from spaceocr.gui.window_menus import WindowMenus
from spaceocr.gui.workers import Lane

logger = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The spaceocr desktop window.

    ``isolate`` (the default) runs OCR and page renders in child processes, so no C call that
    holds the GIL can freeze the window; tests pass False to keep everything in one process.
    """

    documents_added = Signal(int)  #: documents queued by a drop or File ▸ Open
    document_shown = Signal(object)  #: the DocumentResult now on screen (None for a preview)
    result_saved = Signal(int)  #: a job's result is in the store
    intake_done = Signal(object)  #: the Intake of the last drop (tests, the smoke test)
    exported = Signal(str)  #: the path an export was written to
    value_corrected = Signal(str)  #: field id: the store answered an edit (re-grounded)

    def __init__(
        self,
        *,
        mode: str = "offline",
        template: str = "invoice",
        store_path: str | Path | None = None,
        dpi: int = DISPLAY_DPI,
        processor: Processor | None = None,
        isolate: bool = True,
        settings_path: str | Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings_path = settings_path
        #: the templates the window knows: built-ins by name, loaded field lists by path
        self.templates: dict[str, Any] = {}
        self.undo_stack = QUndoStack(self)
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("spaceocr"))
        self.setAcceptDrops(True)
        self.mode = mode
        self.dpi = dpi
        self.io_lane = Lane("io", 1, self)
        self._settings_lane = Lane("settings", 1, self)  # the keyring may block: its own lane
        self.store = StoreService(store_path, self)
        if processor is None:
            processor = (
                ProcessDocumentProcessor(
                    mode,
                    dpi=dpi,
                    store_path=self.store.resolved_path,
                    settings_path=settings_path,
                )
                if isolate
                else DocumentProcessor(mode, dpi=dpi, settings_path=settings_path)
            )
        self.batch = BatchQueue(processor, self)
        self.renderer = PageRenderer(self, in_child_process=isolate)
        self.display = DocumentDisplay(self)
        self.review = ReviewDesk(self)
        self.link = FieldLink(self)
        self.opener = DocumentOpener(self)
        self.exporter = DocumentExporter(self)

        self._build_central()
        self._build_docks()
        self.menus = WindowMenus(self)
        self._build_toolbar(template)
        self._connect()
        self.statusBar().showMessage(self.tr("Drop invoices, receipts or folders here."))
        self.resize(1400, 900)
        self.store.open()
        if isolate:
            self.renderer.warm_up()
            self.batch.warm_up()

    # ----------------------------------------------------------------- building
    def _build_central(self) -> None:
        self.page_view = PageView(self)
        self.page_view.setObjectName("pageView")
        self.page_view.setAcceptDrops(False)
        self.page_view.viewport().setAcceptDrops(False)
        self.field_model = FieldTableModel(self)
        self.line_model = LineItemTableModel(self)
        self.field_table = self.link.make_table("fieldTable", self.field_model)
        self.line_table = self.link.make_table("lineItemTable", self.line_model)
        fields_header = self.field_table.horizontalHeader()
        # the value takes the room; match ratio and status need only their text
        fields_header.setStretchLastSection(False)
        fields_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (2, 3):
            fields_header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.line_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)

        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageLabel")
        right = QWidget(self)
        rlayout = QVBoxLayout(right)
        rlayout.setContentsMargins(0, 0, 0, 0)
        self.fields_title = QLabel(self.tr("Fields"), right)
        self.items_title = QLabel(self.tr("Line items"), right)
        rsplit = QSplitter(Qt.Orientation.Vertical, right)
        top = QWidget(rsplit)
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.fields_title)
        tl.addWidget(self.field_table)
        bottom = QWidget(rsplit)
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.items_title)
        bl.addWidget(self.line_table)
        rsplit.addWidget(top)
        rsplit.addWidget(bottom)
        rsplit.setSizes([500, 300])
        rlayout.addWidget(rsplit)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.page_view)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([720, 480])
        self.setCentralWidget(self.splitter)

    def _build_docks(self) -> None:
        self.queue_panel = QueuePanel(self.batch, self)
        dock = QDockWidget(self.tr("Batch"), self)
        dock.setObjectName("batchDock")
        dock.setWidget(self.queue_panel)
        dock.setAcceptDrops(False)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.batch_dock = dock
        self.sheets_panel = SheetsPanel(self.store, self)
        sdock = QDockWidget(self.tr("Sheets"), self)
        sdock.setObjectName("sheetsDock")
        sdock.setWidget(self.sheets_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, sdock)
        self.sheets_dock = sdock
        self.resizeDocks([dock], [400], Qt.Orientation.Horizontal)
        self.resizeDocks([dock, sdock], [600, 300], Qt.Orientation.Vertical)

    def _build_toolbar(self, template: str) -> None:
        tb = QToolBar(self.tr("Main"), self)
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        self.addToolBar(tb)
        tb.addAction(self.menus.open_action)
        tb.addSeparator()
        tb.addWidget(QLabel(self.tr("Template:"), tb))
        self.template_combo = QComboBox(tb)
        self.template_combo.setObjectName("templateCombo")
        self.template_combo.setMinimumContentsLength(14)
        self._fill_templates(template)
        tb.addWidget(self.template_combo)
        tb.addWidget(QLabel(self.tr("Sheet:"), tb))
        self.sheet_combo = QComboBox(tb)
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.setEditable(True)
        self.sheet_combo.setMinimumContentsLength(12)
        self.sheet_combo.setToolTip(self.tr("Results are saved into this sheet of the store"))
        edit = self.sheet_combo.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(self.tr("= template"))
        tb.addWidget(self.sheet_combo)
        mode_text = {
            "offline": self.tr("Mode: offline"),
            "cloud": self.tr("Mode: cloud"),
            "hosted": self.tr("Mode: hosted"),
        }.get(self.mode, self.mode)
        self.mode_label = QLabel(mode_text, tb)
        self.mode_label.setObjectName("modeLabel")
        self.mode_label.setContentsMargins(12, 0, 12, 0)
        tb.addWidget(self.mode_label)
        tb.addSeparator()
        menus = self.menus
        for act in (
            menus.zoom_out_action,
            menus.zoom_in_action,
            menus.fit_width_action,
            menus.fit_page_action,
            menus.prev_page_action,
        ):
            tb.addAction(act)
        tb.addWidget(self.page_label)
        tb.addAction(menus.next_page_action)
        self.display.update_page_label()

    def _fill_templates(self, current: str) -> None:
        try:
            from spaceocr.core.templates import list_templates

            templates = list_templates()
        except Exception:
            logger.exception("cannot list the built-in templates")
            templates = ()
        lang = ui_language()
        for t in templates:
            self.templates[t.name] = t
            self.template_combo.addItem(t.display_name(lang), t.name)
        i = self.template_combo.findData(current)
        if i < 0 and current.lower().endswith(".json"):
            self.template_combo.addItem(Path(current).stem, current)
            i = self.template_combo.count() - 1
        self.template_combo.setCurrentIndex(max(i, 0))

    def _connect(self) -> None:
        self.batch.job_started.connect(self._on_job_started)
        self.batch.job_finished.connect(self._on_job_finished)
        self.batch.job_failed.connect(self._on_job_failed)
        self.batch.batch_finished.connect(self._on_batch_finished)
        self.queue_panel.job_activated.connect(self.show_job)
        self.page_view.page_changed.connect(self.display.on_page_changed)
        self.page_view.sharper_render_wanted.connect(self.display.on_sharper_wanted)
        self.link.connect_views()
        self.renderer.rendered.connect(self.display.on_rendered)
        self.store.saved.connect(self._on_saved)
        self.store.stored.connect(self._on_stored)
        self.store.failed.connect(self._on_store_failed)
        self.store.sheets_loaded.connect(self._on_sheets_loaded)
        self.store.sheet_exported.connect(lambda p: self.exporter.on_exported(Path(p)))
        self.sheets_panel.result_opened.connect(self.display.show_stored)

    # ----------------------------------------------------------------- intake
    @property
    def template(self) -> str:
        """The template new documents are queued with (a built-in name or a fields file)."""
        return str(self.template_combo.currentData() or "invoice")

    @property
    def sheet(self) -> str:
        """The sheet results are saved into."""
        return self.sheet_combo.currentText().strip() or self.template

    def add_paths(self, paths: Iterable[str | Path]) -> None:
        """Queue files and folders (walked on the I/O lane; the GUI never waits)."""
        self.opener.add_paths(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)
        else:
            event.ignore()

    # ----------------------------------------------------------------- batch and store events
    def _on_job_started(self, job_id: int) -> None:
        job = self.batch.model.job(job_id)
        self.statusBar().showMessage(self.tr("Reading {file}…").format(file=job.path.name))

    def _on_job_finished(self, job_id: int, result: Any) -> None:
        job = self.batch.model.job(job_id)
        if "doc_id" in result.meta:  # the worker process saved it already
            self.review.job_keys[job_id] = (str(result.meta["sheet"]), int(result.meta["doc_id"]))
            self.store.refresh_sheets()
            self.result_saved.emit(job_id)
        else:
            self.store.save(job_id, job.sheet or result.template, result, job.path, job.template)
        if self.display.shown_job == job_id or not self.display.is_showing_anything:
            self.show_job(job_id)

    def _on_job_failed(self, job_id: int, _code: str, text: str) -> None:
        self.statusBar().showMessage(text)

    def _on_batch_finished(self) -> None:
        jobs = self.batch.model.jobs()
        done = [j for j in jobs if j.state is JobState.DONE]
        failed = sum(1 for j in jobs if j.state is JobState.FAILED)
        review = sum(j.needs_review for j in done)
        text = self.tr("Finished: %n document(s)", "", len(done))
        text += " · " + self.tr("%n value(s) to review", "", review)
        if failed:
            text += " · " + self.tr("%n failed", "", failed)
        self.statusBar().showMessage(text)

    def _on_saved(self, job_id: int) -> None:
        self.result_saved.emit(job_id)

    def _on_stored(self, job_id: int, sheet: str, doc_id: int) -> None:
        self.review.job_keys[job_id] = (sheet, doc_id)
        if self.display.shown_job == job_id and self.display.shown_key is None:
            self.display.shown_key = (sheet, doc_id)

    def _on_store_failed(self, exc: BaseException) -> None:
        _, text = exception_text(exc)
        self.statusBar().showMessage(text)

    def _on_sheets_loaded(self, names: Sequence[str]) -> None:
        current = self.sheet_combo.currentText()
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(names))
        self.sheet_combo.setEditText(current)  # empty: each template's own sheet
        self.sheet_combo.blockSignals(False)

    # ----------------------------------------------------------------- the document on screen
    def show_job(self, job_id: int) -> None:
        """Show a job: its result with boxes when done, else a preview of its first page."""
        self.display.show_job(job_id)

    def show_result(
        self,
        result: Any,
        path: Path | None,
        *,
        job_id: int | None = None,
        key: DocKey | None = None,
    ) -> None:
        """Show a result: the tables, and the page view with a box per value."""
        self.display.show_result(result, path, job_id=job_id, key=key)

    def template_of(self, result: Any, job_id: int | None = None) -> Any:
        """The template a result was read with, when the window knows it (else None)."""
        return self.display.template_of(result, job_id)

    @property
    def shown_result(self) -> Any:
        """The DocumentResult on screen (None for a preview or nothing)."""
        return self.display.shown_result

    def select_field(self, fid: str) -> None:
        """Select a value everywhere: its table row (or cell) and its box on its page."""
        self.link.select_field(fid)

    def focus_field(self, fid: str) -> None:
        """Select a value and put the keyboard on its table cell (for Enter, F2, typing)."""
        self.link.focus_field(fid)

    def confirm_current(self) -> None:
        """Enter: confirm the selected value as it is, then go on to the next one to review."""
        self.review.confirm_current()

    def edit_field(self, fid: str, value: str) -> None:
        """A value typed into a table: correct it (undoable)."""
        self.review.edit_field(fid, value)

    def export(self, scope: ExportScope, fmt: str, path: Path) -> None:
        """Export the current document, the selected documents or the sheet to ``path``."""
        self.exporter.export(scope, fmt, path)

    # ----------------------------------------------------------------- dialogs
    def show_shortcuts(self) -> None:
        """F1: the keyboard shortcuts, over the window."""
        from spaceocr.gui.dialogs import ShortcutHelp

        dlg = ShortcutHelp(self)
        dlg.open()
        self.shortcut_help = dlg

    def open_settings(self) -> None:
        """Tools ▸ Settings."""
        from spaceocr.gui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(
            self.settings_path,
            self,
            templates=list(self.templates.values()),
            lane=self._settings_lane,
        )
        dlg.open()
        self.settings_dialog = dlg

    # ----------------------------------------------------------------- closing
    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        QSettings().setValue("main_window/state", self.saveState())
        if not self.batch.shutdown(5000):
            logger.warning("the running document did not stop within 5 s")
        close = getattr(self.batch.processor, "close", None)
        if callable(close):
            close()
        self.renderer.shutdown(2000)
        self.io_lane.wait(2000)
        self._settings_lane.wait(1000)
        self.store.close(5000)
        super().closeEvent(event)

    def restore_layout(self) -> None:
        """Window geometry and dock layout from QSettings (Qt's own blobs only)."""
        geometry = QSettings().value("main_window/geometry")
        state = QSettings().value("main_window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)


def local_urls(paths: Iterable[str | Path]) -> list[QUrl]:
    """File URLs for paths (what a drop from a file manager carries)."""
    return [QUrl.fromLocalFile(str(Path(p).resolve())) for p in paths]
