"""Bringing documents in: a drop, File ▸ Open Files / Open Folder, and File ▸ Load Field List.

The files and folders are walked on the I/O lane (:func:`~spaceocr.gui.intake.collect_documents`)
and queued with the template and sheet chosen when they came in; a field list is checked on
the same lane before it is offered in the template picker. The GUI never waits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtWidgets import QFileDialog

from spaceocr.gui.intake import Intake, collect_documents
from spaceocr.gui.messages import exception_text

if TYPE_CHECKING:
    from spaceocr.gui.main_window import MainWindow

logger = logging.getLogger(__name__)


def dropped_paths(mime: QMimeData) -> list[str]:
    """The local files and folders a drop carries (none for a drop of text or web links)."""
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]


class DocumentOpener(QObject):
    """Queues what the clerk brings to the window, on the window's I/O lane."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def add_paths(self, paths: Iterable[str | Path]) -> None:
        """Queue files and folders (walked on the I/O lane; the GUI never waits)."""
        items = [str(p) for p in paths]
        if not items:
            return
        w = self._window
        template, sheet = w.template, w.sheet
        w.statusBar().showMessage(self.tr("Looking for documents…"))
        w.io_lane.submit(
            lambda: collect_documents(items),
            on_result=lambda intake: self._on_intake(intake, template, sheet),
            on_error=self._on_unexpected,
        )

    def _on_intake(self, intake: Intake, template: str, sheet: str) -> None:
        w = self._window
        ids = w.batch.enqueue(intake.accepted, template, sheet)
        w.batch.add_rejected(intake.rejected)
        n_ok, n_bad = len(intake.accepted), len(intake.rejected)
        if n_bad:
            w.statusBar().showMessage(
                self.tr("%n document(s) queued", "", n_ok)
                + " · "
                + self.tr("%n file(s) cannot be read (see the queue)", "", n_bad)
            )
        else:
            w.statusBar().showMessage(self.tr("%n document(s) queued", "", n_ok))
        if ids and not w.display.is_showing_anything:
            w.display.show_job(ids[0])
        w.documents_added.emit(n_ok)
        w.intake_done.emit(intake)

    def _on_unexpected(self, exc: BaseException) -> None:
        from spaceocr.gui.app import report_exception

        report_exception(exc)

    def open_files_dialog(self) -> None:
        """File ▸ Open Files."""
        files, _ = QFileDialog.getOpenFileNames(
            self._window,
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
        folder = QFileDialog.getExistingDirectory(
            self._window, self.tr("Open a folder of documents")
        )
        if folder:
            self.add_paths([folder])

    def load_fields_dialog(self) -> None:
        """File ▸ Load Field List: a user's fields JSON becomes a template choice."""
        path, _ = QFileDialog.getOpenFileName(
            self._window, self.tr("Load a field list"), "", self.tr("Field lists (*.json)")
        )
        if path:
            self.add_template_file(path)

    def add_template_file(self, path: str) -> None:
        """Check a fields file on the I/O lane and offer it in the template picker."""
        from spaceocr.gui.processing import load_template_spec

        w = self._window

        def loaded(tpl: Any) -> None:
            w.templates[path] = tpl
            w.templates.setdefault(tpl.name, tpl)
            i = w.template_combo.findData(path)
            if i < 0:
                w.template_combo.addItem(tpl.name, path)
                i = w.template_combo.count() - 1
            w.template_combo.setCurrentIndex(i)

        def failed(exc: BaseException) -> None:
            _, text = exception_text(exc, file=Path(path).name)
            w.statusBar().showMessage(text)

        w.io_lane.submit(lambda: load_template_spec(path), on_result=loaded, on_error=failed)
