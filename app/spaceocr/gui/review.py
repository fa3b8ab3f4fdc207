"""Keyboard-first review: what to look at next, and the clerk's edits as undoable commands.

The review walks the values that need a look (not confident, or a check failed, and not yet
confirmed or corrected) in reading order — scalar fields, then line-item cells — through the
document on screen and then the next documents of the batch. Every edit and confirm is a
:class:`QUndoCommand` on the window's undo stack; the command only says *what* changes, the
window (:class:`ReviewTarget`) does it on the store lane and updates the view when the store
answers.

Keys (also listed by the help overlay, F1):

========================  ===================================================
F8 / Ctrl+J               next value to review (then the next document)
Shift+F8 / Ctrl+Shift+J   previous value to review
Enter                     confirm the value (and go on to the next one)
F2, or just type          edit the value; Enter saves, Esc cancels
Tab / Shift+Tab           next / previous value
Ctrl+Z / Ctrl+Shift+Z     undo / redo the last edits
========================  ===================================================
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from spaceocr.gui.field_model import CONFIRMED, CORRECTED, UNTOUCHED, FieldRef, iter_field_refs

logger = logging.getLogger(__name__)

#: where a document lives in the store: (sheet, doc id)
DocKey = tuple[str, int]


def needs_a_look(f: Any, state: str = UNTOUCHED) -> bool:
    """A value the review stops at: it needs review and the clerk has not dealt with it."""
    return bool(f.needs_review) and state not in (CONFIRMED, CORRECTED)


@dataclass
class DocReview:
    """One document under review: its result as now edited, and the clerk's state per value."""

    key: DocKey
    result: Any  #: DocumentResult, with the clerk's corrections swapped in
    states: dict[str, str] = field(default_factory=dict)
    originals: dict[str, str | None] = field(default_factory=dict)

    def refs(self) -> list[FieldRef]:
        """Every value in reading order."""
        return list(iter_field_refs(self.result))

    def flagged(self) -> list[str]:
        """The ids of the values still to look at, in reading order."""
        return [r.id for r in self.refs() if needs_a_look(r.field, self.states.get(r.id, ""))]

    def ref(self, fid: str) -> FieldRef | None:
        return next((r for r in self.refs() if r.id == fid), None)


def next_in(ids: list[str], order: list[str], current: str, step: int = 1) -> str | None:
    """The id in ``ids`` after (``step`` 1) or before (-1) ``current`` in ``order``."""
    if not ids:
        return None
    if current not in order:
        return ids[0] if step > 0 else ids[-1]
    pos = order.index(current)
    wanted = set(ids)
    seq = order[pos + 1 :] if step > 0 else list(reversed(order[:pos]))
    return next((fid for fid in seq if fid in wanted), None)


def replace_field(result: Any, fid: str, new_field: Any) -> Any:
    """A copy of ``result`` with the value ``fid`` (``total``, ``line_items[1].amount``)
    replaced by ``new_field``."""
    fields = []
    for f in result.fields:
        if not f.is_array and f.name == fid:
            fields.append(new_field)
        elif f.is_array and fid.startswith(f.name + "["):
            items = []
            for item in f.items:
                cells = tuple(
                    new_field if fid == f"{f.name}[{item.index}].{c.name}" else c
                    for c in item.fields
                )
                items.append(dataclasses.replace(item, fields=cells))
            fields.append(dataclasses.replace(f, items=tuple(items)))
        else:
            fields.append(f)
    return dataclasses.replace(result, fields=tuple(fields))


def field_from_cell(old: Any, cell: Any) -> Any:
    """The FieldResult for a cell the store answered with after an edit."""
    from spaceocr.core.types import FieldStatus

    try:
        status = FieldStatus(cell.status)
    except ValueError:
        status = old.status
    return dataclasses.replace(
        old,
        value=cell.value,
        status=status,
        source=cell.source or old.source,
        normalized=cell.normalized,
        grounding=cell.grounding,
        review_reasons=tuple(cell.review_reasons),
    )


@dataclass
class ValueBefore:
    """A value as it was before an edit, for the edit's undo.

    ``field``, ``state`` and ``original`` are what the window showed (the FieldResult, the
    clerk's state, the extractor's reading when it was corrected already); ``stored`` is the
    cell as the store had it, read on the store lane just before the edit was written
    (``is_taken`` says that happened).
    """

    field: Any
    state: str = UNTOUCHED
    original: str | None = None
    has_original: bool = False
    stored: Any = None
    is_taken: bool = False


class ReviewTarget(Protocol):
    """What the undo commands act on (the main window)."""

    def apply_value(
        self, key: DocKey, fid: str, value: str, state: str, before: ValueBefore | None = None
    ) -> None: ...

    def restore_value(self, key: DocKey, fid: str, before: ValueBefore) -> None: ...

    def apply_state(self, key: DocKey, fid: str, state: str) -> None: ...


class EditCommand(QUndoCommand):
    """Correct a value (re-grounded by the store); undo puts the value back exactly as it was:
    its text, box, status, the clerk's state, and the stored cell."""

    def __init__(
        self,
        target: ReviewTarget,
        key: DocKey,
        fid: str,
        name: str,
        new_value: str,
        before: ValueBefore,
    ) -> None:
        super().__init__(QCoreApplication.translate("Review", "Correct {field}").format(field=name))
        self.target, self.key, self.fid = target, key, fid
        self.new_value, self.before = new_value, before

    @property
    def old_value(self) -> str:
        """The value before the edit."""
        return str(self.before.field.value or "")

    def redo(self) -> None:
        self.target.apply_value(self.key, self.fid, self.new_value, CORRECTED, self.before)

    def undo(self) -> None:
        self.target.restore_value(self.key, self.fid, self.before)


class ConfirmCommand(QUndoCommand):
    """Confirm a value as it is; undo takes the confirmation back."""

    def __init__(
        self, target: ReviewTarget, key: DocKey, fid: str, name: str, old_state: str
    ) -> None:
        super().__init__(QCoreApplication.translate("Review", "Confirm {field}").format(field=name))
        self.target, self.key, self.fid, self.old_state = target, key, fid, old_state

    def redo(self) -> None:
        self.target.apply_state(self.key, self.fid, CONFIRMED)

    def undo(self) -> None:
        self.target.apply_state(self.key, self.fid, self.old_state)


def shortcut_rows() -> list[tuple[str, str]]:
    """(keys, what they do) for the help overlay, in the UI language."""

    return [
        (
            QCoreApplication.translate("Shortcuts", "F8 or Ctrl+J"),
            QCoreApplication.translate(
                "Shortcuts", "Next value to review (then the next document)"
            ),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Shift+F8 or Ctrl+Shift+J"),
            QCoreApplication.translate("Shortcuts", "Previous value to review"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Enter"),
            QCoreApplication.translate("Shortcuts", "Confirm the value and go on to the next one"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "F2, or start typing"),
            QCoreApplication.translate("Shortcuts", "Correct the value"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Enter (while editing)"),
            QCoreApplication.translate("Shortcuts", "Save the correction; its box is found again"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Esc"),
            QCoreApplication.translate("Shortcuts", "Cancel the edit"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Tab / Shift+Tab"),
            QCoreApplication.translate("Shortcuts", "Next / previous value"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Ctrl+Z / Ctrl+Shift+Z"),
            QCoreApplication.translate("Shortcuts", "Undo / redo the last edits"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Ctrl+1 / Ctrl+2"),
            QCoreApplication.translate("Shortcuts", "Fit the page's width / the whole page"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "+ / -"),
            QCoreApplication.translate("Shortcuts", "Zoom in / out"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Ctrl+PgUp / Ctrl+PgDown"),
            QCoreApplication.translate("Shortcuts", "Previous / next page"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "Ctrl+O"),
            QCoreApplication.translate("Shortcuts", "Open documents"),
        ),
        (
            QCoreApplication.translate("Shortcuts", "F1"),
            QCoreApplication.translate("Shortcuts", "Show this list"),
        ),
    ]
