"""The document on screen: its page in the page view with a box per value, and its tables.

:class:`DocumentDisplay` knows what is shown (the job, the file, the result as the clerk has
edited it, its store key) and puts a job's result, a stored result or a first-page preview on
screen; it asks the renderer for the page at the view's zoom and drops renders of other files.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHeaderView

from spaceocr.gui.batch_queue import Job, JobState
from spaceocr.gui.field_model import UNTOUCHED, iter_field_refs, tooltip_for
from spaceocr.gui.page_view import BoxSpec
from spaceocr.gui.review import DocKey, DocReview

if TYPE_CHECKING:
    from spaceocr.gui.main_window import MainWindow

logger = logging.getLogger(__name__)

#: failures with no page to preview (the file is not there or not a document)
_NO_PREVIEW = ("unsupported_type", "not_found", "empty_file", "permission_denied")


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


def _key_in(result: Any) -> DocKey | None:
    if "doc_id" in result.meta and "sheet" in result.meta:
        return (str(result.meta["sheet"]), int(result.meta["doc_id"]))
    return None


class DocumentDisplay(QObject):
    """Puts a document on the window's page view and result tables, and keeps them current."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.shown_job: int | None = None  #: the job on screen
        self.shown_path: Path | None = None  #: its file (for the page renders)
        self.shown_result: Any = None  #: the DocumentResult on screen (None for a preview)
        self.shown_key: DocKey | None = None  #: its (sheet, doc id) once stored
        self.titles: dict[str, str] = {}  #: field titles of its template, in the UI language

    @property
    def is_showing_anything(self) -> bool:
        """Whether a job or a result is on screen (a new batch shows its first document if not)."""
        return self.shown_job is not None or self.shown_result is not None

    def show_job(self, job_id: int) -> None:
        """Show a job: its result with boxes when done, else a preview of its first page."""
        w = self._window
        job: Job = w.batch.model.job(job_id)
        self.shown_job = job_id
        if job.state is JobState.DONE and job.result is not None:
            key = w.review.job_keys.get(job_id)
            review = w.review.book.get(key) if key is not None else None
            result = review.result if review is not None else job.result
            self.show_result(result, job.path, job_id=job_id, key=key)
        elif job.state is not JobState.FAILED or job.error_code not in _NO_PREVIEW:
            self._show_preview(job.path)
        if job.state is JobState.FAILED:
            # the queue's columns cut the message short: say it all where there is room
            w.statusBar().showMessage(job.error_text)

    def _show_preview(self, path: Path) -> None:
        w = self._window
        self.shown_path = path
        self.shown_result = None
        self.shown_key = None
        w.field_model.set_result(None)
        w.line_model.set_result(None)
        w.items_title.setText(self.tr("Line items ({n})").format(n=0))
        w.setWindowTitle(self.tr("{file} — spaceocr").format(file=path.name))
        w.page_view.set_document(1)
        w.document_shown.emit(None)

    def template_of(self, result: Any, job_id: int | None = None) -> Any:
        """The template a result was read with, when the window knows it (else None)."""
        templates = self._window.templates
        if job_id is not None:
            with_spec = templates.get(self._window.batch.model.job(job_id).template)
            if with_spec is not None:
                return with_spec
        return templates.get(result.template)

    def show_result(
        self,
        result: Any,
        path: Path | None,
        *,
        job_id: int | None = None,
        key: DocKey | None = None,
    ) -> None:
        """Show a result: the tables, and the page view with a box per value."""
        w = self._window
        if key is None:
            key = _key_in(result)
        self.shown_job = job_id
        self.shown_path = path
        self.shown_result = result
        self.shown_key = key
        titles, columns = template_titles(self.template_of(result, job_id), ui_language())
        self.titles = titles
        review = w.review.book.get(key) if key is not None else None
        w.field_model.set_result(result, titles)
        w.line_model.set_result(result, titles, columns)
        if review is not None:
            w.field_model.set_clerk_states(review.states, review.originals)
            w.line_model.set_clerk_states(review.states, review.originals)
        elif key is not None and job_id is None:  # a stored document: the clerk's state
            w.store.load_clerk_state(
                key[0], key[1], lambda st, orig, k=key: w.review.on_clerk_state(k, st, orig)
            )
        w.field_table.resizeColumnToContents(0)
        header = w.line_table.horizontalHeader()
        for col in range(w.line_model.columnCount()):
            header.setSectionResizeMode(
                col,
                QHeaderView.ResizeMode.Stretch
                if col == 0
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        w.items_title.setText(self.tr("Line items ({n})").format(n=w.line_model.rowCount()))
        states = review.states if review is not None else {}
        originals = review.originals if review is not None else {}
        w.page_view.set_document(
            max(result.page_count, len(result.page_sizes), 1),
            result.page_sizes,
            boxes_for(result, titles, states, originals),
        )
        w.setWindowTitle(self.tr("{file} — spaceocr").format(file=result.file_name))
        w.document_shown.emit(result)

    def show_stored(self, result: Any, source_path: str) -> None:
        """A document opened from the sheets panel (with the clerk's edits when under review)."""
        key = _key_in(result)
        review = self._window.review.book.get(key) if key is not None else None
        shown = review.result if review is not None else result
        self.show_result(shown, Path(source_path) if source_path else None, key=key)

    def redisplay(self, review: DocReview) -> None:
        """The clerk changed the document on screen: new values, boxes and states in place."""
        if self.shown_key != review.key:
            return
        w = self._window
        self.shown_result = review.result
        for model in (w.field_model, w.line_model):
            for ref in model.refs():
                new = review.ref(ref.id)
                if new is not None and new.field is not ref.field:
                    model.replace_field(ref.id, new.field)
            model.set_clerk_states(review.states, review.originals)
        w.page_view.set_boxes(
            boxes_for(review.result, self.titles, review.states, review.originals)
        )
        fid = w.page_view.selected_field
        if fid:
            w.page_view.select_field(fid)

    # ----------------------------------------------------------------- page renders
    def on_page_changed(self, page: int) -> None:
        """Another page is on screen: its label, and its render at the display dpi."""
        self.update_page_label()
        if self.shown_path is not None and self.shown_path.exists():
            self._window.renderer.request(self.shown_path, page, self._window.dpi)

    def on_sharper_wanted(self, page: int, density: float) -> None:
        """The view zoomed in: a sharper render of the page."""
        if self.shown_path is not None:
            self._window.renderer.request(self.shown_path, page, round(self._window.dpi * density))

    def on_rendered(self, path: str, page: int, image: QImage) -> None:
        """A render arrived: shown when it is of the file on screen."""
        if self.shown_path is not None and str(self.shown_path) == path:
            self._window.page_view.set_page_image(page, image)

    def update_page_label(self) -> None:
        """ "Page 2 of 3" in the toolbar, and the previous / next page actions."""
        w = self._window
        n = w.page_view.page_count
        cur = w.page_view.current_page
        w.page_label.setText(
            self.tr("Page {page} of {count}").format(page=cur + 1, count=n) if n else ""
        )
        w.menus.prev_page_action.setEnabled(cur > 0)
        w.menus.next_page_action.setEnabled(0 <= cur < n - 1)
