"""The main window: intake, the batch panel, the page view and the result tables.

Drop files or folders anywhere on the window (or File ▸ Open); they are walked on the I/O
lane, queued with the chosen template, processed one at a time on the processing lane, saved
to the store on the store lane as each finishes, and shown: the page with a box per value on
the left, the fields and line items on the right. Hover and selection link the two both ways.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from spaceocr.gui.batch_queue import BatchQueue, Job, JobState
from spaceocr.gui.field_model import (
    FieldIdRole,
    FieldTableModel,
    LineItemTableModel,
    iter_field_refs,
    tooltip_for,
)
from spaceocr.gui.intake import Intake, collect_documents
from spaceocr.gui.messages import exception_text
from spaceocr.gui.page_renderer import DISPLAY_DPI, PageRenderer
from spaceocr.gui.page_view import BoxSpec, PageView
from spaceocr.gui.processes import ProcessDocumentProcessor
from spaceocr.gui.processing import DocumentProcessor, Processor
from spaceocr.gui.queue_panel import QueuePanel
from spaceocr.gui.sheets import SheetsPanel, StoreService
from spaceocr.gui.workers import Lane

logger = logging.getLogger(__name__)


def boxes_for(result: Any) -> list[BoxSpec]:
    """A box for every grounded value of a result."""
    out = []
    for ref in iter_field_refs(result):
        g = ref.field.grounding
        if g is None:
            continue
        out.append(
            BoxSpec(
                ref.id,
                g.page_index,
                tuple((p.x, p.y) for p in g.quad.points),
                not ref.field.needs_review,
                tooltip_for(ref),
            )
        )
    return out


class _HoverLeaveFilter(QObject):
    """Tells the window when the pointer leaves a table (to clear the box highlight)."""

    left = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self.left.emit()
        return False


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

    def __init__(
        self,
        *,
        mode: str = "offline",
        template: str = "invoice",
        store_path: str | Path | None = None,
        dpi: int = DISPLAY_DPI,
        processor: Processor | None = None,
        isolate: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("spaceocr"))
        self.setAcceptDrops(True)
        self.mode = mode
        self.dpi = dpi
        self._io = Lane("io", 1, self)
        self.store = StoreService(store_path, self)
        if processor is None:
            processor = (
                ProcessDocumentProcessor(mode, dpi=dpi, store_path=self.store.resolved_path)
                if isolate
                else DocumentProcessor(mode, dpi=dpi)
            )
        self.batch = BatchQueue(processor, self)
        self.renderer = PageRenderer(self, in_child_process=isolate)
        self._shown_job: int | None = None
        self._shown_path: Path | None = None
        self._shown_result: Any = None

        self._build_central()
        self._build_docks()
        self._build_actions()
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
        self.field_table = self._make_table("fieldTable", self.field_model)
        self.line_table = self._make_table("lineItemTable", self.line_model)
        self.field_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
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

    def _make_table(self, name: str, model: Any) -> QTableView:
        view = QTableView(self)
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setMouseTracking(True)
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(24)
        view.horizontalHeader().setStretchLastSection(True)
        view.setAcceptDrops(False)
        leave = _HoverLeaveFilter(view)
        view.viewport().installEventFilter(leave)
        leave.left.connect(lambda: self.page_view.highlight_field(""))
        view.entered.connect(self._on_table_entered)
        return view

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

    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        m = self.menuBar()
        file_menu = m.addMenu(self.tr("&File"))
        self.open_action = self._action(
            self.tr("&Open Files…"), self.open_files_dialog, QKeySequence.StandardKey.Open
        )
        self.open_folder_action = self._action(self.tr("Open &Folder…"), self.open_folder_dialog)
        self.load_fields_action = self._action(
            self.tr("Load &Field List…"), self.load_fields_dialog
        )
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_folder_action)
        file_menu.addAction(self.load_fields_action)
        file_menu.addSeparator()
        from spaceocr.gui.exporting import ExportScope

        for scope, title in (
            (ExportScope.DOCUMENT, self.tr("Export Current &Document")),
            (ExportScope.SELECTION, self.tr("Export &Selected Documents")),
            (ExportScope.SHEET, self.tr("Export S&heet")),
        ):
            sub = file_menu.addMenu(title)
            for fmt, label in (
                ("csv", self.tr("CSV (UTF-8)…")),
                ("xlsx", self.tr("Excel (XLSX)…")),
                ("json", self.tr("JSON…")),
            ):
                act = QAction(label, self)
                act.triggered.connect(lambda _=False, s=scope, f=fmt: self.export_dialog(s, f))
                sub.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        )

        view_menu = m.addMenu(self.tr("&View"))
        self.zoom_in_action = self._action(
            self.tr("Zoom &In"), self.page_view.zoom_in, QKeySequence.StandardKey.ZoomIn
        )
        self.zoom_out_action = self._action(
            self.tr("Zoom &Out"), self.page_view.zoom_out, QKeySequence.StandardKey.ZoomOut
        )
        self.plus_action = self._action("+", self.page_view.zoom_in, "+")
        self.minus_action = self._action("-", self.page_view.zoom_out, "-")
        self.fit_width_action = self._action(
            self.tr("Fit &Width"), self.page_view.fit_width, "Ctrl+1"
        )
        self.fit_page_action = self._action(self.tr("Fit &Page"), self.page_view.fit_page, "Ctrl+2")
        self.prev_page_action = self._action(
            self.tr("P&revious Page"), self.page_view.previous_page, "Ctrl+PgUp"
        )
        self.next_page_action = self._action(
            self.tr("&Next Page"), self.page_view.next_page, "Ctrl+PgDown"
        )
        for act in (
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_width_action,
            self.fit_page_action,
            self.prev_page_action,
            self.next_page_action,
        ):
            view_menu.addAction(act)

        batch_menu = m.addMenu(self.tr("&Batch"))
        batch_menu.addAction(
            self._action(self.tr("&Cancel Selected"), self.queue_panel.cancel_selected)
        )
        batch_menu.addAction(self._action(self.tr("Cancel &All"), self.batch.cancel_all))
        batch_menu.addAction(
            self._action(self.tr("C&lear Finished"), self.batch.model.remove_finished)
        )

    def _build_toolbar(self, template: str) -> None:
        tb = QToolBar(self.tr("Main"), self)
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        self.addToolBar(tb)
        tb.addAction(self.open_action)
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
        for act in (
            self.zoom_out_action,
            self.zoom_in_action,
            self.fit_width_action,
            self.fit_page_action,
            self.prev_page_action,
        ):
            tb.addAction(act)
        tb.addWidget(self.page_label)
        tb.addAction(self.next_page_action)
        self._update_page_label()

    def _fill_templates(self, current: str) -> None:
        try:
            from spaceocr.core.templates import list_templates

            templates = list_templates()
        except Exception:
            logger.exception("cannot list the built-in templates")
            templates = ()
        lang = self.locale().name().split("_")[0]
        for t in templates:
            self.template_combo.addItem(t.title.get(lang) or t.title.get("en") or t.name, t.name)
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
        self.page_view.page_changed.connect(self._on_page_changed)
        self.page_view.sharper_render_wanted.connect(self._on_sharper_wanted)
        self.page_view.box_hovered.connect(self._on_box_hovered)
        self.page_view.box_clicked.connect(self.select_field)
        self.renderer.rendered.connect(self._on_rendered)
        self.field_table.selectionModel().currentChanged.connect(self._on_table_current)
        self.line_table.selectionModel().currentChanged.connect(self._on_table_current)
        self.store.saved.connect(self._on_saved)
        self.store.failed.connect(self._on_store_failed)
        self.store.sheets_loaded.connect(self._on_sheets_loaded)
        self.store.sheet_exported.connect(lambda p: self._on_exported(Path(p)))
        self.sheets_panel.result_opened.connect(self._on_stored_result_opened)

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
        items = [str(p) for p in paths]
        if not items:
            return
        template, sheet = self.template, self.sheet
        self.statusBar().showMessage(self.tr("Looking for documents…"))
        self._io.submit(
            lambda: collect_documents(items),
            on_result=lambda intake: self._on_intake(intake, template, sheet),
            on_error=self._on_unexpected,
        )

    def _on_intake(self, intake: Intake, template: str, sheet: str) -> None:
        ids = self.batch.enqueue(intake.accepted, template, sheet)
        self.batch.add_rejected(intake.rejected)
        n_ok, n_bad = len(intake.accepted), len(intake.rejected)
        if n_bad:
            self.statusBar().showMessage(
                self.tr("%n document(s) queued", "", n_ok)
                + " · "
                + self.tr("%n file(s) cannot be read (see the queue)", "", n_bad)
            )
        else:
            self.statusBar().showMessage(self.tr("%n document(s) queued", "", n_ok))
        if ids and self._shown_job is None and self._shown_result is None:
            self.show_job(ids[0])
        self.documents_added.emit(n_ok)
        self.intake_done.emit(intake)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)
        else:
            event.ignore()

    def open_files_dialog(self) -> None:
        """File ▸ Open Files."""
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Open documents"),
            "",
            self.tr(
                "Documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff *.bmp *.gif *.webp);;"
                "All files (*)"
            ),
        )
        self.add_paths(files)

    def open_folder_dialog(self) -> None:
        """File ▸ Open Folder."""
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a folder of documents"))
        if folder:
            self.add_paths([folder])

    def load_fields_dialog(self) -> None:
        """File ▸ Load Field List: a user's fields JSON becomes a template choice."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Load a field list"), "", self.tr("Field lists (*.json)")
        )
        if path:
            self.add_template_file(path)

    def add_template_file(self, path: str) -> None:
        """Check a fields file on the I/O lane and offer it in the template picker."""
        from spaceocr.gui.processing import load_template_spec

        def loaded(tpl: Any) -> None:
            i = self.template_combo.findData(path)
            if i < 0:
                self.template_combo.addItem(tpl.name, path)
                i = self.template_combo.count() - 1
            self.template_combo.setCurrentIndex(i)

        def failed(exc: BaseException) -> None:
            _, text = exception_text(exc, file=Path(path).name)
            self.statusBar().showMessage(text)

        self._io.submit(lambda: load_template_spec(path), on_result=loaded, on_error=failed)

    # ----------------------------------------------------------------- batch events
    def _on_job_started(self, job_id: int) -> None:
        job = self.batch.model.job(job_id)
        self.statusBar().showMessage(self.tr("Reading {file}…").format(file=job.path.name))

    def _on_job_finished(self, job_id: int, result: Any) -> None:
        job = self.batch.model.job(job_id)
        if "doc_id" in result.meta:  # the worker process saved it already
            self.store.refresh_sheets()
            self.result_saved.emit(job_id)
        else:
            self.store.save(job_id, job.sheet or result.template, result, job.path, job.template)
        if self._shown_job == job_id or (self._shown_job is None and self._shown_result is None):
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

    def _on_unexpected(self, exc: BaseException) -> None:
        from spaceocr.gui.app import report_exception

        report_exception(exc)

    # ----------------------------------------------------------------- showing a document
    def show_job(self, job_id: int) -> None:
        """Show a job: its result with boxes when done, else a preview of its first page."""
        job: Job = self.batch.model.job(job_id)
        self._shown_job = job_id
        if job.state is JobState.DONE and job.result is not None:
            self.show_result(job.result, job.path, job_id=job_id)
        elif job.state is not JobState.FAILED or job.error_code not in (
            "unsupported_type",
            "not_found",
            "empty_file",
            "permission_denied",
        ):
            self._show_preview(job.path)

    def _show_preview(self, path: Path) -> None:
        self._shown_path = path
        self._shown_result = None
        self.field_model.set_result(None)
        self.line_model.set_result(None)
        self.page_view.set_document(1)
        self.document_shown.emit(None)

    def show_result(self, result: Any, path: Path | None, *, job_id: int | None = None) -> None:
        """Show a result: the tables, and the page view with a box per value."""
        self._shown_job = job_id
        self._shown_path = path
        self._shown_result = result
        self.field_model.set_result(result)
        self.line_model.set_result(result)
        self.field_table.resizeColumnToContents(0)
        header = self.line_table.horizontalHeader()
        for col in range(self.line_model.columnCount()):
            header.setSectionResizeMode(
                col,
                QHeaderView.ResizeMode.Stretch
                if col == 0
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.items_title.setText(self.tr("Line items ({n})").format(n=self.line_model.rowCount()))
        self.page_view.set_document(
            max(result.page_count, len(result.page_sizes), 1),
            result.page_sizes,
            boxes_for(result),
        )
        self.setWindowTitle(self.tr("{file} — spaceocr").format(file=result.file_name))
        self.document_shown.emit(result)

    @property
    def shown_result(self) -> Any:
        """The DocumentResult on screen (None for a preview or nothing)."""
        return self._shown_result

    def _on_page_changed(self, page: int) -> None:
        self._update_page_label()
        if self._shown_path is not None and self._shown_path.exists():
            self.renderer.request(self._shown_path, page, self.dpi)

    def _on_sharper_wanted(self, page: int, density: float) -> None:
        if self._shown_path is not None:
            self.renderer.request(self._shown_path, page, round(self.dpi * density))

    def _on_rendered(self, path: str, page: int, image: QImage) -> None:
        if self._shown_path is not None and str(self._shown_path) == path:
            self.page_view.set_page_image(page, image)

    def _update_page_label(self) -> None:
        n = self.page_view.page_count
        cur = self.page_view.current_page
        self.page_label.setText(
            self.tr("Page {page} of {count}").format(page=cur + 1, count=n) if n else ""
        )
        self.prev_page_action.setEnabled(cur > 0)
        self.next_page_action.setEnabled(0 <= cur < n - 1)

    def _on_stored_result_opened(self, result: Any, source_path: str) -> None:
        self.show_result(result, Path(source_path) if source_path else None)

    # ----------------------------------------------------------------- linking
    def select_field(self, fid: str) -> None:
        """Select a value everywhere: its table row (or cell) and its box on its page."""
        for view, model in (
            (self.field_table, self.field_model),
            (self.line_table, self.line_model),
        ):
            idx = model.index_of(fid)
            if idx.isValid():
                if view.currentIndex() != idx:
                    view.setCurrentIndex(idx)
                view.scrollTo(idx)
            else:
                view.clearSelection()
        self.page_view.select_field(fid)

    def _on_table_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            fid = current.data(FieldIdRole)
            if fid and fid != self.page_view.selected_field:
                self.select_field(str(fid))

    def _on_table_entered(self, index: QModelIndex) -> None:
        fid = index.data(FieldIdRole) if index.isValid() else ""
        self.page_view.highlight_field(str(fid or ""))

    def _on_box_hovered(self, fid: str) -> None:
        self.field_model.set_highlighted(fid)
        self.line_model.set_highlighted(fid)
        if fid:
            for view, model in (
                (self.field_table, self.field_model),
                (self.line_table, self.line_model),
            ):
                idx = model.index_of(fid)
                if idx.isValid():
                    view.scrollTo(idx)

    # ----------------------------------------------------------------- export
    def export_dialog(self, scope: Any, fmt: str) -> None:
        """Ask where to save, then export on the I/O lane."""
        from spaceocr.gui.exporting import suffix_filter

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export"), f"spaceocr.{fmt}", suffix_filter(fmt)
        )
        if path:
            self.export(scope, fmt, Path(path))

    def export(self, scope: Any, fmt: str, path: Path) -> None:
        """Export the current document, the selected documents or the sheet to ``path``."""
        from spaceocr.gui.exporting import ExportScope, write_export

        if scope is ExportScope.SHEET:
            self.store.export_sheet(self.sheet, fmt, path)
            return
        if scope is ExportScope.DOCUMENT:
            results = [self._shown_result] if self._shown_result is not None else []
        else:
            results = [
                job.result
                for job_id in self.queue_panel.selected_job_ids()
                if (job := self.batch.model.job(job_id)).result is not None
            ]
        if not results:
            self.statusBar().showMessage(self.tr("Nothing to export yet."))
            return
        self._io.submit(
            lambda: write_export(results, fmt, path),
            on_result=lambda _: self._on_exported(path),
            on_error=self._on_export_failed,
        )

    def _on_exported(self, path: Path) -> None:
        self.statusBar().showMessage(self.tr("Exported to {path}").format(path=str(path)))
        self.exported.emit(str(path))

    def _on_export_failed(self, exc: BaseException) -> None:
        _, text = exception_text(exc)
        self.statusBar().showMessage(text)

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
        self._io.wait(2000)
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
