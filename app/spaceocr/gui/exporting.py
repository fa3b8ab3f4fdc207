"""Export through the core's exporters: the current document, the selection, or a sheet.

:class:`DocumentExporter` asks where to save and writes on a worker lane (a sheet on the
store lane). CSV is UTF-8 with a BOM (Excel opens it right), XLSX via openpyxl,
JSON in the hosted API's shape (one object for one document, a list for several).
"""

from __future__ import annotations

import enum
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog

from spaceocr.gui.messages import exception_text

if TYPE_CHECKING:
    from spaceocr.gui.main_window import MainWindow

logger = logging.getLogger(__name__)


class ExportScope(enum.Enum):
    """What an export covers."""

    DOCUMENT = "document"
    SELECTION = "selection"
    SHEET = "sheet"


def suffix_filter(fmt: str) -> str:
    """The file dialog's filter for a format."""
    if fmt == "csv":
        return QCoreApplication.translate("Export", "CSV files (*.csv)")
    if fmt == "xlsx":
        return QCoreApplication.translate("Export", "Excel workbooks (*.xlsx)")
    return QCoreApplication.translate("Export", "JSON files (*.json)")


def template_of(result: Any) -> Any:
    """The template a result was made with: the built-in of its name, or its own columns."""
    from spaceocr.core.errors import TemplateError
    from spaceocr.core.store import template_for_result
    from spaceocr.core.templates import load_template

    try:
        return load_template(result.template)
    except TemplateError:
        return template_for_result(result)


def write_export(results: Sequence[Any], fmt: str, path: Path, template: Any | None = None) -> int:
    """Write DocumentResults to ``path`` as ``fmt`` (csv, xlsx or json).

    Args:
        results: one or more results (one template: the first result's, unless given).
        fmt: ``csv`` (UTF-8 with BOM), ``xlsx`` or ``json`` (the API's shape; a list for
            several documents).
        path: the file to write (written atomically by the core's exporters).

    Returns:
        The number of documents written.
    """
    if not results:
        return 0
    if fmt == "json":
        from spaceocr.core.export.json import to_api_dict
        from spaceocr.core.export.table import atomic_file

        dicts = [to_api_dict(r) for r in results]
        obj: Any = dicts[0] if len(dicts) == 1 else dicts
        with atomic_file(path, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
        return len(dicts)
    template = template if template is not None else template_of(results[0])
    if fmt == "csv":
        from spaceocr.core.export.csv import export_csv

        return int(export_csv(results, template, path))
    if fmt == "xlsx":
        from spaceocr.core.export.xlsx import export_xlsx

        return int(export_xlsx(results, template, path))
    raise ValueError(f"unknown export format {fmt!r}")


def write_sheet_export(store: Any, sheet: str, fmt: str, path: Path) -> int:
    """Write a stored sheet to ``path`` (on the store lane); returns the documents written."""
    from spaceocr.core.export.sheet import export_sheet

    return int(export_sheet(store, sheet, path, fmt=fmt))


class DocumentExporter(QObject):
    """File ▸ Export: the window's current document, its selected jobs, or the chosen sheet."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def export_dialog(self, scope: ExportScope, fmt: str) -> None:
        """Ask where to save, then export on the I/O lane."""
        path, _ = QFileDialog.getSaveFileName(
            self._window, self.tr("Export"), f"spaceocr.{fmt}", suffix_filter(fmt)
        )
        if path:
            self.export(scope, fmt, Path(path))

    def export(self, scope: ExportScope, fmt: str, path: Path) -> None:
        """Export the current document, the selected documents or the sheet to ``path``."""
        w = self._window
        if scope is ExportScope.SHEET:
            w.store.export_sheet(w.sheet, fmt, path)
            return
        if scope is ExportScope.DOCUMENT:
            shown = w.display.shown_result
            results = [shown] if shown is not None else []
        else:
            results = [
                r
                for job_id in w.queue_panel.selected_job_ids()
                if (r := self._reviewed_result(job_id)) is not None
            ]
        if not results:
            w.statusBar().showMessage(self.tr("Nothing to export yet."))
            return
        w.io_lane.submit(
            lambda: write_export(results, fmt, path),
            on_result=lambda _: self.on_exported(path),
            on_error=self._on_export_failed,
        )

    def _reviewed_result(self, job_id: int) -> Any:
        """A job's result with the clerk's confirmations and corrections (None if unread)."""
        w = self._window
        key = w.review.job_keys.get(job_id)
        review = w.review.book.get(key) if key is not None else None
        return review.result if review is not None else w.batch.model.job(job_id).result

    def on_exported(self, path: Path) -> None:
        """An export is written (here, or a sheet's on the store lane): say where."""
        self._window.statusBar().showMessage(self.tr("Exported to {path}").format(path=str(path)))
        self._window.exported.emit(str(path))

    def _on_export_failed(self, exc: BaseException) -> None:
        _, text = exception_text(exc)
        self._window.statusBar().showMessage(text)
