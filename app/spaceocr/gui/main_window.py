"""The main window: intake, the batch panel, the page view and the result tables.

Drop files or folders anywhere on the window (or File ▸ Open); they are walked on the I/O
lane, queued with the chosen template, processed one at a time on the processing lane, saved
to the store on the store lane as each finishes, and shown: the page with a box per value on
the left, the fields and line items on the right. Hover and selection link the two both ways.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QUndoStack,
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
    CORRECTED,
    UNTOUCHED,
    FieldIdRole,
    FieldTableModel,
    LineItemTableModel,
    display_name,
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
from spaceocr.gui.review import (
    ConfirmCommand,
    DocKey,
    DocReview,
    EditCommand,
    ValueBefore,
    field_from_cell,
    needs_a_look,
    next_in,
    replace_field,
)
from spaceocr.gui.sheets import SheetsPanel, StoreService
from spaceocr.gui.workers import Lane

logger = logging.getLogger(__name__)


def boxes_for(
    result: Any,
    titles: Mapping[str, str] | None = None,
    states: Mapping[str, str] | None = None,
    originals: Mapping[str, str | None] | None = None,
) -> list[BoxSpec]:
    """A box for every grounded value of a result (styled by the clerk's state)."""
    states = states or {}
    originals = originals or {}
    out = []
    for ref in iter_field_refs(result):
        g = ref.field.grounding
        if g is None:
            continue
        state = states.get(ref.id, UNTOUCHED)
        out.append(
            BoxSpec(
                ref.id,
                g.page_index,
                tuple((p.x, p.y) for p in g.quad.points),
                not ref.field.needs_review,
                tooltip_for(ref, titles, state, originals.get(ref.id)),
                state,
            )
        )
    return out


def ui_language() -> str:
    """The UI language as template titles key it: ``en``, ``ja``, ``ko``, ``zh-Hans``, ..."""
    from PySide6.QtCore import QLocale

    loc = QLocale()
    lang = loc.name().split("_")[0]
    if lang == "zh":
        return "zh-Hant" if loc.script() == QLocale.Script.TraditionalHanScript else "zh-Hans"
    return lang


def template_titles(template: Any, language: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """(field name -> title in ``language``, the line-item columns in template order)."""
    titles: dict[str, str] = {}
    columns: list[str] = []
    for spec in getattr(template, "fields", ()):
        titles[spec.name] = spec.title.get(language) or spec.title.get("en") or spec.name
        for kid in spec.children:
            titles.setdefault(kid.name, kid.title.get(language) or kid.title.get("en") or kid.name)
            if kid.name not in columns:
                columns.append(kid.name)
    return titles, tuple(columns)


class _ReviewKeys(QObject):
    """Tab and Shift+Tab on a result table move to the next / previous value."""

    moved = Signal(int)  #: +1 or -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Tab and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier
            ):
                self.moved.emit(1)
                return True
            if event.key() == Qt.Key.Key_Backtab:
                self.moved.emit(-1)
                return True
        return False


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
        self._templates: dict[str, Any] = {}
        self._book: dict[DocKey, DocReview] = {}
        self._job_keys: dict[int, DocKey] = {}
        self._shown_key: DocKey | None = None
        self.undo_stack = QUndoStack(self)
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("spaceocr"))
        self.setAcceptDrops(True)
        self.mode = mode
        self.dpi = dpi
        self._io = Lane("io", 1, self)
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
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        keys = _ReviewKeys(view)
        view.installEventFilter(keys)
        keys.moved.connect(self.step_field)
        view.activated.connect(lambda _i: self.confirm_current())
        model.edit_requested.connect(self.edit_field)
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

        review_menu = m.addMenu(self.tr("&Review"))
        self.next_review_action = self._action(
            self.tr("&Next Value to Review"), self.next_to_review, "F8"
        )
        self.next_review_action.setShortcuts([QKeySequence("F8"), QKeySequence("Ctrl+J")])
        self.previous_review_action = self._action(
            self.tr("&Previous Value to Review"), self.previous_to_review, "Shift+F8"
        )
        self.previous_review_action.setShortcuts(
            [QKeySequence("Shift+F8"), QKeySequence("Ctrl+Shift+J")]
        )
        self.confirm_action = self._action(self.tr("&Confirm Value"), self.confirm_current)
        self.confirm_action.setShortcutVisibleInContextMenu(False)
        self.edit_action = self._action(self.tr("C&orrect Value"), self.edit_current)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        for act in (
            self.next_review_action,
            self.previous_review_action,
            self.confirm_action,
            self.edit_action,
        ):
            review_menu.addAction(act)
        review_menu.addSeparator()
        review_menu.addAction(self.undo_action)
        review_menu.addAction(self.redo_action)

        batch_menu = m.addMenu(self.tr("&Batch"))
        batch_menu.addAction(
            self._action(self.tr("&Cancel Selected"), self.queue_panel.cancel_selected)
        )
        batch_menu.addAction(self._action(self.tr("Cancel &All"), self.batch.cancel_all))
        batch_menu.addAction(
            self._action(self.tr("C&lear Finished"), self.batch.model.remove_finished)
        )

        tools_menu = m.addMenu(self.tr("&Tools"))
        self.settings_action = self._action(
            self.tr("&Settings…"), self.open_settings, QKeySequence.StandardKey.Preferences
        )
        tools_menu.addAction(self.settings_action)
        help_menu = m.addMenu(self.tr("&Help"))
        self.help_action = self._action(
            self.tr("&Keyboard Shortcuts"),
            self.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
        )
        help_menu.addAction(self.help_action)

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
        lang = ui_language()
        for t in templates:
            self._templates[t.name] = t
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
        self.page_view.page_changed.connect(self._on_page_changed)
        self.page_view.sharper_render_wanted.connect(self._on_sharper_wanted)
        self.page_view.box_hovered.connect(self._on_box_hovered)
        self.page_view.box_clicked.connect(self.select_field)
        self.renderer.rendered.connect(self._on_rendered)
        self.field_table.selectionModel().currentChanged.connect(self._on_table_current)
        self.line_table.selectionModel().currentChanged.connect(self._on_table_current)
        self.store.saved.connect(self._on_saved)
        self.store.stored.connect(self._on_stored)
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
            self._templates[path] = tpl
            self._templates.setdefault(tpl.name, tpl)
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
            self._job_keys[job_id] = (str(result.meta["sheet"]), int(result.meta["doc_id"]))
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

    def _on_stored(self, job_id: int, sheet: str, doc_id: int) -> None:
        self._job_keys[job_id] = (sheet, doc_id)
        if self._shown_job == job_id and self._shown_key is None:
            self._shown_key = (sheet, doc_id)

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
            key = self._job_keys.get(job_id)
            review = self._book.get(key) if key is not None else None
            result = review.result if review is not None else job.result
            self.show_result(result, job.path, job_id=job_id, key=key)
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
        self._shown_key = None
        self.field_model.set_result(None)
        self.line_model.set_result(None)
        self.page_view.set_document(1)
        self.document_shown.emit(None)

    def template_of(self, result: Any, job_id: int | None = None) -> Any:
        """The template a result was read with, when the window knows it (else None)."""
        if job_id is not None:
            with_spec = self._templates.get(self.batch.model.job(job_id).template)
            if with_spec is not None:
                return with_spec
        return self._templates.get(result.template)

    def show_result(
        self,
        result: Any,
        path: Path | None,
        *,
        job_id: int | None = None,
        key: DocKey | None = None,
    ) -> None:
        """Show a result: the tables, and the page view with a box per value."""
        if key is None and "doc_id" in result.meta and "sheet" in result.meta:
            key = (str(result.meta["sheet"]), int(result.meta["doc_id"]))
        self._shown_job = job_id
        self._shown_path = path
        self._shown_result = result
        self._shown_key = key
        titles, columns = template_titles(self.template_of(result, job_id), ui_language())
        self._titles = titles
        review = self._book.get(key) if key is not None else None
        self.field_model.set_result(result, titles)
        self.line_model.set_result(result, titles, columns)
        if review is not None:
            self.field_model.set_clerk_states(review.states, review.originals)
            self.line_model.set_clerk_states(review.states, review.originals)
        elif key is not None and job_id is None:  # a stored document: the clerk's state
            self.store.load_clerk_state(
                key[0], key[1], lambda st, orig, k=key: self._on_clerk_state(k, st, orig)
            )
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
        states = review.states if review is not None else {}
        originals = review.originals if review is not None else {}
        self.page_view.set_document(
            max(result.page_count, len(result.page_sizes), 1),
            result.page_sizes,
            boxes_for(result, titles, states, originals),
        )
        self.setWindowTitle(self.tr("{file} — spaceocr").format(file=result.file_name))
        self.document_shown.emit(result)

    def _on_clerk_state(
        self, key: DocKey, states: dict[str, str], originals: dict[str, str | None]
    ) -> None:
        if key in self._book or not (states or originals):
            return
        self._book[key] = DocReview(key, self._shown_result, states, originals)
        if self._shown_key == key:
            self._refresh_shown(key)

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
        key = None
        if "doc_id" in result.meta and "sheet" in result.meta:
            key = (str(result.meta["sheet"]), int(result.meta["doc_id"]))
        review = self._book.get(key) if key is not None else None
        shown = review.result if review is not None else result
        self.show_result(shown, Path(source_path) if source_path else None, key=key)

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

    # ----------------------------------------------------------------- review
    def _review(self, key: DocKey) -> DocReview | None:
        """The review of a document (made on first use from the result the window has)."""
        review = self._book.get(key)
        if review is None:
            result = None
            if self._shown_key == key:
                result = self._shown_result
            else:
                for job_id, k in self._job_keys.items():
                    if k == key:
                        result = self.batch.model.job(job_id).result
                        break
            if result is None:
                return None
            review = self._book[key] = DocReview(key, result)
        return review

    def _current_fid(self) -> str:
        return self.page_view.selected_field

    def _shown_order(self) -> list[str]:
        if self._shown_result is None:
            return []
        return [r.id for r in iter_field_refs(self._shown_result)]

    def _shown_flagged(self) -> list[str]:
        if self._shown_result is None:
            return []
        review = self._book.get(self._shown_key) if self._shown_key is not None else None
        states = review.states if review is not None else {}
        return [
            r.id
            for r in iter_field_refs(self._shown_result)
            if needs_a_look(r.field, states.get(r.id, UNTOUCHED))
        ]

    def focus_field(self, fid: str) -> None:
        """Select a value and put the keyboard on its table cell (for Enter, F2, typing)."""
        self.select_field(fid)
        for view, model in (
            (self.field_table, self.field_model),
            (self.line_table, self.line_model),
        ):
            if model.index_of(fid).isValid():
                view.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return

    def step_field(self, step: int) -> None:
        """Tab / Shift+Tab: the next or previous value in reading order."""
        order = self._shown_order()
        if not order:
            return
        cur = self._current_fid()
        if cur in order:
            nxt = order[(order.index(cur) + step) % len(order)]
        else:
            nxt = order[0] if step > 0 else order[-1]
        self.focus_field(nxt)

    def next_to_review(self) -> bool:
        """F8: the next value needing review, here or in the next documents of the batch."""
        nxt = next_in(self._shown_flagged(), self._shown_order(), self._current_fid())
        if nxt is not None:
            self.focus_field(nxt)
            return True
        jobs = [j for j in self.batch.model.jobs() if j.state is JobState.DONE and j.result]
        ids = [j.id for j in jobs]
        start = ids.index(self._shown_job) + 1 if self._shown_job in ids else 0
        for job in jobs[start:]:
            key = self._job_keys.get(job.id)
            review = self._book.get(key) if key is not None else None
            result = review.result if review is not None else job.result
            states = review.states if review is not None else {}
            flagged = [
                r.id
                for r in iter_field_refs(result)
                if needs_a_look(r.field, states.get(r.id, UNTOUCHED))
            ]
            if flagged:
                self.show_job(job.id)
                self.queue_panel.select_job(job.id)
                self.focus_field(flagged[0])
                return True
        self.statusBar().showMessage(self.tr("Nothing left to review."))
        return False

    def previous_to_review(self) -> bool:
        """Shift+F8: the previous value needing review in this document."""
        prev = next_in(self._shown_flagged(), self._shown_order(), self._current_fid(), -1)
        if prev is None:
            return False
        self.focus_field(prev)
        return True

    def _name_of(self, fid: str) -> str:
        ref = next((r for r in iter_field_refs(self._shown_result) if r.id == fid), None)
        return display_name(ref, getattr(self, "_titles", {})) if ref is not None else fid

    def _key_or_say(self) -> DocKey | None:
        if self._shown_result is None:
            return None
        if self._shown_key is None:
            self.statusBar().showMessage(
                self.tr("This document is still being saved; try again in a moment.")
            )
        return self._shown_key

    def confirm_current(self) -> None:
        """Enter: confirm the selected value as it is, then go on to the next one to review."""
        fid = self._current_fid()
        key = self._key_or_say()
        if not fid or key is None:
            return
        review = self._review(key)
        if review is None:
            return
        old = review.states.get(fid, UNTOUCHED)
        if old != CORRECTED:
            self.undo_stack.push(ConfirmCommand(self, key, fid, self._name_of(fid), old))
        self.next_to_review()

    def edit_current(self) -> None:
        """Correct the selected value (as F2 on its cell)."""
        fid = self._current_fid()
        for view, model in (
            (self.field_table, self.field_model),
            (self.line_table, self.line_model),
        ):
            idx = model.index_of(fid)
            if idx.isValid():
                view.setFocus()
                view.setCurrentIndex(idx)
                view.edit(idx)
                return

    def edit_field(self, fid: str, value: str) -> None:
        """A value typed into a table: correct it (undoable)."""
        key = self._key_or_say()
        if key is None:
            return
        review = self._review(key)
        ref = review.ref(fid) if review is not None else None
        if review is None or ref is None:
            return
        before = ValueBefore(
            ref.field,
            review.states.get(fid, UNTOUCHED),
            review.originals.get(fid),
            fid in review.originals,
        )
        self.undo_stack.push(EditCommand(self, key, fid, self._name_of(fid), value, before))

    def apply_value(
        self, key: DocKey, fid: str, value: str, state: str, before: ValueBefore | None = None
    ) -> None:
        """Write a value to the store (re-grounded there); show it when the store answers.

        ``before`` receives the stored cell as it was, for :meth:`restore_value`.
        """
        from spaceocr.gui.field_model import CONFIRMED

        def done(cell: Any) -> None:
            review = self._review(key)
            ref = review.ref(fid) if review is not None else None
            if review is None or ref is None:
                return
            review.result = replace_field(review.result, fid, field_from_cell(ref.field, cell))
            if state:
                review.states[fid] = state
                if state == CORRECTED:
                    review.originals.setdefault(
                        fid, cell.original_value if cell.original_value is not None else ""
                    )
            else:
                review.states.pop(fid, None)
                review.originals.pop(fid, None)
            self._refresh_shown(key)
            self.value_corrected.emit(fid)

        self.store.set_value(
            key[0], key[1], fid, value, done, confirm=state in (CONFIRMED, CORRECTED), before=before
        )

    def restore_value(self, key: DocKey, fid: str, before: ValueBefore) -> None:
        """Undo an edit: the value, its box, status and clerk state as they were before it,
        in the store too; shown when the store answers (after the edit's own answer)."""

        def done() -> None:
            review = self._review(key)
            if review is None or review.ref(fid) is None:
                return
            review.result = replace_field(review.result, fid, before.field)
            if before.state:
                review.states[fid] = before.state
            else:
                review.states.pop(fid, None)
            if before.has_original:
                review.originals[fid] = before.original
            else:
                review.originals.pop(fid, None)
            self._refresh_shown(key)
            self.value_corrected.emit(fid)

        self.store.restore_cell(key[0], key[1], fid, before, done)

    def apply_state(self, key: DocKey, fid: str, state: str) -> None:
        """Mark a value confirmed (or take it back); the view changes at once."""
        from spaceocr.gui.field_model import CONFIRMED

        review = self._review(key)
        if review is None:
            return
        if state:
            review.states[fid] = state
        else:
            review.states.pop(fid, None)
        self.store.confirm(key[0], key[1], fid, state in (CONFIRMED, CORRECTED))
        self._refresh_shown(key)

    def _refresh_shown(self, key: DocKey) -> None:
        review = self._book.get(key)
        if review is not None:  # the queue's "to review" count follows the clerk
            for job_id, k in self._job_keys.items():
                try:
                    if k == key and self.batch.model.job(job_id).state is JobState.DONE:
                        self.batch.model.update(job_id, needs_review=len(review.flagged()))
                except KeyError:  # the job was cleared from the queue
                    continue
        if self._shown_key != key:
            return
        review = self._book[key]
        self._shown_result = review.result
        titles = getattr(self, "_titles", {})
        for model in (self.field_model, self.line_model):
            for ref in model.refs():
                new = review.ref(ref.id)
                if new is not None and new.field is not ref.field:
                    model.replace_field(ref.id, new.field)
            model.set_clerk_states(review.states, review.originals)
        self.page_view.set_boxes(boxes_for(review.result, titles, review.states, review.originals))
        fid = self.page_view.selected_field
        if fid:
            self.page_view.select_field(fid)

    def show_shortcuts(self) -> None:
        """F1: the keyboard shortcuts, over the window."""
        from spaceocr.gui.dialogs import ShortcutHelp

        dlg = ShortcutHelp(self)
        dlg.open()
        self.shortcut_help = dlg

    def open_settings(self) -> None:
        """Tools ▸ Settings."""
        from spaceocr.gui.dialogs import SettingsDialog

        dlg = SettingsDialog(
            self.settings_path,
            self,
            templates=list(self._templates.values()),
            lane=self._settings_lane,
        )
        dlg.open()
        self.settings_dialog = dlg

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
