"""The clerk's desk: moving through the values to review, confirming and correcting them.

The desk keeps the book of documents under review (:class:`DocReview` per store key) and the
store key of every job of the batch. It is the :class:`~spaceocr.gui.review.ReviewTarget` of
the undo commands: an edit or a confirmation goes to the store lane, and the window shows it
when the store answers (a corrected value is grounded again there).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from spaceocr.gui.batch_queue import JobState
from spaceocr.gui.field_model import (
    CONFIRMED,
    CORRECTED,
    UNTOUCHED,
    display_name,
    iter_field_refs,
)
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

if TYPE_CHECKING:
    from spaceocr.gui.main_window import MainWindow

logger = logging.getLogger(__name__)


class ReviewDesk(QObject):
    """Review navigation (F8, Tab), confirm and correct (undoable), on the window's documents."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        #: the documents under review, by store key (made on first use)
        self.book: dict[DocKey, DocReview] = {}
        #: the store key of each job whose result is saved
        self.job_keys: dict[int, DocKey] = {}

    # ----------------------------------------------------------------- the book
    def review_of(self, key: DocKey) -> DocReview | None:
        """The review of a document (made on first use from the result the window has)."""
        review = self.book.get(key)
        if review is None:
            result = None
            shown = self._window.display
            if shown.shown_key == key:
                result = shown.shown_result
            else:
                for job_id, k in self.job_keys.items():
                    if k == key:
                        result = self._window.batch.model.job(job_id).result
                        break
            if result is None:
                return None
            review = self.book[key] = DocReview(key, result)
        return review

    def on_clerk_state(
        self, key: DocKey, states: dict[str, str], originals: dict[str, str | None]
    ) -> None:
        """The store read a stored document's confirmations and corrections: keep them."""
        if key in self.book or not (states or originals):
            return
        shown = self._window.display
        self.book[key] = DocReview(key, shown.shown_result, states, originals)
        if shown.shown_key == key:
            self.refresh(key)

    def refresh(self, key: DocKey) -> None:
        """A document's review changed: the queue's count and, when on screen, the view."""
        review = self.book.get(key)
        if review is None:
            return
        model = self._window.batch.model
        for job_id, k in self.job_keys.items():  # the queue's "to review" count follows the clerk
            try:
                if k == key and model.job(job_id).state is JobState.DONE:
                    model.update(job_id, needs_review=len(review.flagged()))
            except KeyError:  # the job was cleared from the queue
                continue
        self._window.display.redisplay(review)

    # ----------------------------------------------------------------- moving
    def current_fid(self) -> str:
        """The id of the selected value ("" for none)."""
        return self._window.page_view.selected_field

    def _shown_order(self) -> list[str]:
        result = self._window.display.shown_result
        if result is None:
            return []
        return [r.id for r in iter_field_refs(result)]

    def _shown_flagged(self) -> list[str]:
        shown = self._window.display
        if shown.shown_result is None:
            return []
        review = self.book.get(shown.shown_key) if shown.shown_key is not None else None
        states = review.states if review is not None else {}
        return [
            r.id
            for r in iter_field_refs(shown.shown_result)
            if needs_a_look(r.field, states.get(r.id, UNTOUCHED))
        ]

    def step_field(self, step: int) -> None:
        """Tab / Shift+Tab: the next or previous value in reading order."""
        order = self._shown_order()
        if not order:
            return
        cur = self.current_fid()
        if cur in order:
            nxt = order[(order.index(cur) + step) % len(order)]
        else:
            nxt = order[0] if step > 0 else order[-1]
        self._window.link.focus_field(nxt)

    def next_to_review(self) -> bool:
        """F8: the next value needing review, here or in the next documents of the batch."""
        w = self._window
        nxt = next_in(self._shown_flagged(), self._shown_order(), self.current_fid())
        if nxt is not None:
            w.link.focus_field(nxt)
            return True
        jobs = [j for j in w.batch.model.jobs() if j.state is JobState.DONE and j.result]
        ids = [j.id for j in jobs]
        shown_job = w.display.shown_job
        start = ids.index(shown_job) + 1 if shown_job in ids else 0
        for job in jobs[start:]:
            key = self.job_keys.get(job.id)
            review = self.book.get(key) if key is not None else None
            result = review.result if review is not None else job.result
            states = review.states if review is not None else {}
            flagged = [
                r.id
                for r in iter_field_refs(result)
                if needs_a_look(r.field, states.get(r.id, UNTOUCHED))
            ]
            if flagged:
                w.display.show_job(job.id)
                w.queue_panel.select_job(job.id)
                w.link.focus_field(flagged[0])
                return True
        w.statusBar().showMessage(self.tr("Nothing left to review."))
        return False

    def previous_to_review(self) -> bool:
        """Shift+F8: the previous value needing review in this document."""
        prev = next_in(self._shown_flagged(), self._shown_order(), self.current_fid(), -1)
        if prev is None:
            return False
        self._window.link.focus_field(prev)
        return True

    # ----------------------------------------------------------------- confirm and correct
    def _name_of(self, fid: str) -> str:
        shown = self._window.display
        ref = next((r for r in iter_field_refs(shown.shown_result) if r.id == fid), None)
        return display_name(ref, shown.titles) if ref is not None else fid

    def _key_or_say(self) -> DocKey | None:
        shown = self._window.display
        if shown.shown_result is None:
            return None
        if shown.shown_key is None:
            self._window.statusBar().showMessage(
                self.tr("This document is still being saved; try again in a moment.")
            )
        return shown.shown_key

    def confirm_current(self) -> None:
        """Enter: confirm the selected value as it is, then go on to the next one to review."""
        fid = self.current_fid()
        key = self._key_or_say()
        if not fid or key is None:
            return
        review = self.review_of(key)
        if review is None:
            return
        old = review.states.get(fid, UNTOUCHED)
        if old != CORRECTED:
            self._window.undo_stack.push(ConfirmCommand(self, key, fid, self._name_of(fid), old))
        self.next_to_review()

    def edit_current(self) -> None:
        """Correct the selected value (as F2 on its cell)."""
        fid = self.current_fid()
        w = self._window
        for view, model in ((w.field_table, w.field_model), (w.line_table, w.line_model)):
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
        review = self.review_of(key)
        ref = review.ref(fid) if review is not None else None
        if review is None or ref is None:
            return
        before = ValueBefore(
            ref.field,
            review.states.get(fid, UNTOUCHED),
            review.originals.get(fid),
            fid in review.originals,
        )
        self._window.undo_stack.push(EditCommand(self, key, fid, self._name_of(fid), value, before))

    # ----------------------------------------------------------------- ReviewTarget
    def apply_value(
        self, key: DocKey, fid: str, value: str, state: str, before: ValueBefore | None = None
    ) -> None:
        """Write a value to the store (re-grounded there); show it when the store answers.

        ``before`` receives the stored cell as it was, for :meth:`restore_value`.
        """

        def done(cell: Any) -> None:
            review = self.review_of(key)
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
            self.refresh(key)
            self._window.value_corrected.emit(fid)

        self._window.store.set_value(
            key[0], key[1], fid, value, done, confirm=state in (CONFIRMED, CORRECTED), before=before
        )

    def restore_value(self, key: DocKey, fid: str, before: ValueBefore) -> None:
        """Undo an edit: the value, its box, status and clerk state as they were before it,
        in the store too; shown when the store answers (after the edit's own answer)."""

        def done() -> None:
            review = self.review_of(key)
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
            self.refresh(key)
            self._window.value_corrected.emit(fid)

        self._window.store.restore_cell(key[0], key[1], fid, before, done)

    def apply_state(self, key: DocKey, fid: str, state: str) -> None:
        """Mark a value confirmed (or take it back); the view changes at once."""
        review = self.review_of(key)
        if review is None:
            return
        if state:
            review.states[fid] = state
        else:
            review.states.pop(fid, None)
        self._window.store.confirm(key[0], key[1], fid, state in (CONFIRMED, CORRECTED))
        self.refresh(key)
