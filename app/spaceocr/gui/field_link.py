"""The result tables and the page view, linked both ways.

Hovering a box highlights its row; hovering a row highlights its box; selecting either selects
the other (and turns to the box's page). The tables are made here too, with the review's keys:
Tab / Shift+Tab step through the values, Enter confirms, typing corrects.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView

from spaceocr.gui.field_model import FieldIdRole

if TYPE_CHECKING:
    from spaceocr.gui.main_window import MainWindow

logger = logging.getLogger(__name__)


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


class FieldLink(QObject):
    """Keeps the window's field and line-item tables and its page view on the same value."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def make_table(self, name: str, model: Any) -> QTableView:
        """A result table over ``model``, wired to the review and to the page view."""
        w = self._window
        view = QTableView(w)
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
        keys.moved.connect(w.review.step_field)
        view.activated.connect(lambda _i: w.review.confirm_current())
        model.edit_requested.connect(w.review.edit_field)
        view.setMouseTracking(True)
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(24)
        view.horizontalHeader().setStretchLastSection(True)
        view.setAcceptDrops(False)
        leave = _HoverLeaveFilter(view)
        view.viewport().installEventFilter(leave)
        leave.left.connect(lambda: w.page_view.highlight_field(""))
        view.entered.connect(self._on_table_entered)
        return view

    def connect_views(self) -> None:
        """Link the tables (made by :meth:`make_table`) and the page view."""
        w = self._window
        w.page_view.box_hovered.connect(self._on_box_hovered)
        w.page_view.box_clicked.connect(self.select_field)
        w.field_table.selectionModel().currentChanged.connect(self._on_table_current)
        w.line_table.selectionModel().currentChanged.connect(self._on_table_current)

    def _tables(self) -> tuple[tuple[QTableView, Any], ...]:
        w = self._window
        return ((w.field_table, w.field_model), (w.line_table, w.line_model))

    def select_field(self, fid: str) -> None:
        """Select a value everywhere: its table row (or cell) and its box on its page."""
        for view, model in self._tables():
            idx = model.index_of(fid)
            if idx.isValid():
                if view.currentIndex() != idx:
                    view.setCurrentIndex(idx)
                view.scrollTo(idx)
            else:
                view.clearSelection()
        self._window.page_view.select_field(fid)

    def focus_field(self, fid: str) -> None:
        """Select a value and put the keyboard on its table cell (for Enter, F2, typing)."""
        self.select_field(fid)
        for view, model in self._tables():
            if model.index_of(fid).isValid():
                view.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return

    def _on_table_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            fid = current.data(FieldIdRole)
            if fid and fid != self._window.page_view.selected_field:
                self.select_field(str(fid))

    def _on_table_entered(self, index: QModelIndex) -> None:
        fid = index.data(FieldIdRole) if index.isValid() else ""
        self._window.page_view.highlight_field(str(fid or ""))

    def _on_box_hovered(self, fid: str) -> None:
        w = self._window
        w.field_model.set_highlighted(fid)
        w.line_model.set_highlighted(fid)
        if fid:
            for view, model in self._tables():
                idx = model.index_of(fid)
                if idx.isValid():
                    view.scrollTo(idx)
