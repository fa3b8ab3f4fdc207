"""The main window's actions and its menu bar: File, View, Review, Batch, Tools, Help.

Every action belongs to the window (its shortcut works wherever the focus is); the toolbar
reuses the open, zoom and page actions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from spaceocr.gui.exporting import ExportScope

if TYPE_CHECKING:
    from spaceocr.gui.main_window import MainWindow

logger = logging.getLogger(__name__)


class WindowMenus(QObject):
    """Builds the window's actions and menus; the actions are its attributes."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._build_file_menu()
        self._build_view_menu()
        self._build_review_menu()
        self._build_batch_menu()
        self._build_tools_and_help()

    def _action(
        self,
        text: str,
        slot: Callable[..., Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        act = QAction(text, self._window)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        self._window.addAction(act)
        return act

    def _build_file_menu(self) -> None:
        w = self._window
        file_menu = w.menuBar().addMenu(self.tr("&File"))
        self.open_action = self._action(
            self.tr("&Open Files…"), w.opener.open_files_dialog, QKeySequence.StandardKey.Open
        )
        self.open_folder_action = self._action(
            self.tr("Open &Folder…"), w.opener.open_folder_dialog
        )
        self.load_fields_action = self._action(
            self.tr("Load &Field List…"), w.opener.load_fields_dialog
        )
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_folder_action)
        file_menu.addAction(self.load_fields_action)
        file_menu.addSeparator()
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
                act = QAction(label, w)
                act.triggered.connect(
                    lambda _=False, s=scope, f=fmt: w.exporter.export_dialog(s, f)
                )
                sub.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), w.close, QKeySequence.StandardKey.Quit))

    def _build_view_menu(self) -> None:
        w = self._window
        view_menu = w.menuBar().addMenu(self.tr("&View"))
        pv = w.page_view
        self.zoom_in_action = self._action(
            self.tr("Zoom &In"), pv.zoom_in, QKeySequence.StandardKey.ZoomIn
        )
        self.zoom_out_action = self._action(
            self.tr("Zoom &Out"), pv.zoom_out, QKeySequence.StandardKey.ZoomOut
        )
        self.plus_action = self._action("+", pv.zoom_in, "+")
        self.minus_action = self._action("-", pv.zoom_out, "-")
        self.fit_width_action = self._action(self.tr("Fit &Width"), pv.fit_width, "Ctrl+1")
        self.fit_page_action = self._action(self.tr("Fit &Page"), pv.fit_page, "Ctrl+2")
        self.prev_page_action = self._action(
            self.tr("P&revious Page"), pv.previous_page, "Ctrl+PgUp"
        )
        self.next_page_action = self._action(self.tr("&Next Page"), pv.next_page, "Ctrl+PgDown")
        for act in (
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_width_action,
            self.fit_page_action,
            self.prev_page_action,
            self.next_page_action,
        ):
            view_menu.addAction(act)

    def _build_review_menu(self) -> None:
        w = self._window
        review_menu = w.menuBar().addMenu(self.tr("&Review"))
        self.next_review_action = self._action(
            self.tr("&Next Value to Review"), w.review.next_to_review, "F8"
        )
        self.next_review_action.setShortcuts([QKeySequence("F8"), QKeySequence("Ctrl+J")])
        self.previous_review_action = self._action(
            self.tr("&Previous Value to Review"), w.review.previous_to_review, "Shift+F8"
        )
        self.previous_review_action.setShortcuts(
            [QKeySequence("Shift+F8"), QKeySequence("Ctrl+Shift+J")]
        )
        self.confirm_action = self._action(self.tr("&Confirm Value"), w.review.confirm_current)
        self.confirm_action.setShortcutVisibleInContextMenu(False)
        self.edit_action = self._action(self.tr("C&orrect Value"), w.review.edit_current)
        self.undo_action = w.undo_stack.createUndoAction(w, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = w.undo_stack.createRedoAction(w, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        w.addAction(self.undo_action)
        w.addAction(self.redo_action)
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

    def _build_batch_menu(self) -> None:
        w = self._window
        batch_menu = w.menuBar().addMenu(self.tr("&Batch"))
        batch_menu.addAction(
            self._action(self.tr("&Cancel Selected"), w.queue_panel.cancel_selected)
        )
        batch_menu.addAction(self._action(self.tr("Cancel &All"), w.batch.cancel_all))
        batch_menu.addAction(
            self._action(self.tr("C&lear Finished"), w.batch.model.remove_finished)
        )

    def _build_tools_and_help(self) -> None:
        w = self._window
        tools_menu = w.menuBar().addMenu(self.tr("&Tools"))
        self.settings_action = self._action(
            self.tr("&Settings…"), w.open_settings, QKeySequence.StandardKey.Preferences
        )
        tools_menu.addAction(self.settings_action)
        help_menu = w.menuBar().addMenu(self.tr("&Help"))
        self.help_action = self._action(
            self.tr("&Keyboard Shortcuts"),
            w.show_shortcuts,
            QKeySequence.StandardKey.HelpContents,
        )
        help_menu.addAction(self.help_action)
