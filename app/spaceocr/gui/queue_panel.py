"""The batch panel: the queue's table with a progress bar per job, the total, cancel buttons."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from spaceocr.gui.batch_queue import BatchQueue, JobIdRole, ProgressRole

logger = logging.getLogger(__name__)


class ProgressDelegate(QStyledItemDelegate):
    """Draws the progress column as a progress bar."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        ratio = index.data(ProgressRole)
        if ratio is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)
        bar.minimum = 0
        bar.maximum = 100
        bar.progress = round(float(ratio) * 100)
        bar.text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bar.textVisible = True
        bar.state = option.state
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class ElideRightDelegate(QStyledItemDelegate):
    """Cuts text at its end: a reason reads from its first words (file names keep their
    middle cut, the view's default, so the extension stays in sight)."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight


class QueuePanel(QWidget):
    """The queue's table, the total progress, and cancel for one or all."""

    job_activated = Signal(int)  #: a job row was clicked or chosen with the keyboard

    def __init__(self, batch: BatchQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.batch = batch
        self.view = QTableView(self)
        self.view.setObjectName("queueView")
        self.view.setModel(batch.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setItemDelegateForColumn(2, ProgressDelegate(self.view))
        self.view.setItemDelegateForColumn(3, ElideRightDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 110)
        header.resizeSection(2, 56)
        # the review column shares the room with the file name: a failed file's reason is
        # long, and sized to its contents it would push the table sideways
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.view.clicked.connect(self._on_clicked)

        self.total = QProgressBar(self)
        self.total.setObjectName("totalProgress")
        self.total.setRange(0, 1000)
        self.total.setValue(0)
        self.total.setFormat(self.tr("Batch: %p%"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setToolTip(self.tr("Cancel the selected documents"))
        self.cancel_all_button = QPushButton(self.tr("Cancel all"), self)
        self.clear_button = QPushButton(self.tr("Clear finished"), self)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.cancel_all_button.clicked.connect(batch.cancel_all)
        self.clear_button.clicked.connect(batch.model.remove_finished)
        batch.total_progressed.connect(self._on_total_progressed)

        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.cancel_all_button)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.total)
        layout.addLayout(buttons)

    def select_job(self, job_id: int) -> None:
        """Make a job the current row (the review moved to it) without re-showing it."""
        model = self.batch.model
        for row in range(model.rowCount()):
            if model.job_at(row).id == job_id:
                self._quiet = True
                try:
                    self.view.setCurrentIndex(model.index(row, 0))
                finally:
                    self._quiet = False
                return

    def selected_job_ids(self) -> list[int]:
        """The ids of the selected rows, in queue order."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.batch.model.job_at(r).id for r in rows]

    def cancel_selected(self) -> None:
        """Cancel the selected jobs."""
        for job_id in self.selected_job_ids():
            self.batch.cancel(job_id)

    def _on_total_progressed(self, ratio: float) -> None:
        self.total.setValue(round(ratio * 1000))

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not getattr(self, "_quiet", False):
            self.job_activated.emit(int(current.data(JobIdRole)))

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.job_activated.emit(int(index.data(JobIdRole)))
