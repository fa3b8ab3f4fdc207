"""Table models over one document's result: its fields, and its line items.

Both models adapt an immutable snapshot (a tuple of ``FieldResult``) and never change it in
place: part 2's edits build a new FieldResult and call :meth:`FieldTableModel.replace_field`,
which emits ``dataChanged`` for that row. Each value has a *field id* — ``total`` for a
scalar field, ``line_items[2].amount`` for a line-item cell — the only thing a page box knows,
so the table and the page view find each other through it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

logger = logging.getLogger(__name__)

FieldIdRole = Qt.ItemDataRole.UserRole + 10
MatchRatioRole = Qt.ItemDataRole.UserRole + 11
StatusRole = Qt.ItemDataRole.UserRole + 12
NeedsReviewRole = Qt.ItemDataRole.UserRole + 13
PageRole = Qt.ItemDataRole.UserRole + 14  #: 0-based page of the box, or -1
ClerkStateRole = Qt.ItemDataRole.UserRole + 15  #: "", "confirmed" or "corrected"

#: what a clerk did with a value: nothing yet, confirmed it, or corrected it
UNTOUCHED, CONFIRMED, CORRECTED = "", "confirmed", "corrected"

_Index = QModelIndex | QPersistentModelIndex


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` (translated where it is shown)."""
    return text


HIGHLIGHT = QColor(60, 130, 230, 90)
REVIEW_TINT = QColor(255, 170, 40, 60)
CONFIRMED_TINT = QColor(40, 170, 120, 45)
CORRECTED_TINT = QColor(140, 80, 220, 45)
CONFIRMED_TEXT = QColor(0, 110, 80)
CORRECTED_TEXT = QColor(100, 40, 180)

_CLERK_TEXT = {
    CONFIRMED: QT_TRANSLATE_NOOP("FieldStatus", "confirmed"),
    CORRECTED: QT_TRANSLATE_NOOP("FieldStatus", "corrected"),
}

_STATUS_TEXT = {
    "ok": QT_TRANSLATE_NOOP("FieldStatus", "confident"),
    "low_confidence": QT_TRANSLATE_NOOP("FieldStatus", "check"),
    "not_grounded": QT_TRANSLATE_NOOP("FieldStatus", "not on the page"),
    "not_found": QT_TRANSLATE_NOOP("FieldStatus", "not found"),
}

_REASON_TEXT = {
    "not_on_page": QT_TRANSLATE_NOOP("ReviewReason", "the value was not found on the page"),
    "ambiguous": QT_TRANSLATE_NOOP("ReviewReason", "the value appears more than once"),
    "partial_match": QT_TRANSLATE_NOOP("ReviewReason", "only part of the value was found"),
    "check_failed": QT_TRANSLATE_NOOP("ReviewReason", "a consistency check failed"),
    "low_ocr_confidence": QT_TRANSLATE_NOOP("ReviewReason", "the OCR was unsure"),
}


def status_text(status: str) -> str:
    """A field status in the UI language."""
    source = _STATUS_TEXT.get(str(status))
    return QCoreApplication.translate("FieldStatus", source) if source else str(status)


def clerk_text(state: str) -> str:
    """What the clerk did with a value ("confirmed", "corrected"), in the UI language."""
    source = _CLERK_TEXT.get(state)
    return QCoreApplication.translate("FieldStatus", source) if source else ""


def is_flagged(field: Any, state: str = UNTOUCHED) -> bool:
    """A value the review should stop at: not confident (or a check failed), not confirmed."""
    return bool(field.needs_review) and state != CONFIRMED


def reason_text(reason: str) -> str:
    """A review reason in the UI language (unknown reasons are shown as they are)."""
    source = _REASON_TEXT.get(reason)
    return QCoreApplication.translate("ReviewReason", source) if source else reason


def field_id(name: str, array: str | None = None, index: int | None = None) -> str:
    """The id of a scalar field (``total``) or a line-item cell (``line_items[2].amount``)."""
    return name if array is None else f"{array}[{index}].{name}"


@dataclass(frozen=True, slots=True)
class FieldRef:
    """A value of a result with its id (and, for a cell, its line item)."""

    id: str
    field: Any  #: FieldResult
    array: str | None = None
    item_index: int | None = None


def iter_field_refs(result: Any) -> Iterator[FieldRef]:
    """Every value of a result in reading order: scalar fields, then line-item cells."""
    for f in result.fields:
        if not f.is_array:
            yield FieldRef(field_id(f.name), f)
    for f in result.fields:
        if f.is_array:
            for item in f.items:
                for cell in item.fields:
                    yield FieldRef(
                        field_id(cell.name, f.name, item.index), cell, f.name, item.index
                    )


def display_name(ref: FieldRef, titles: Mapping[str, str] | None = None) -> str:
    """The name a clerk reads: the template's title ("Total", "合計"), else the id."""
    titles = titles or {}
    title = str(titles.get(ref.field.name, ref.field.name))
    if ref.array is not None and ref.item_index is not None:
        return QCoreApplication.translate("FieldTable", "{array} {n}: {name}").format(
            array=titles.get(ref.array, ref.array), n=ref.item_index + 1, name=title
        )
    return title


def tooltip_for(
    ref: FieldRef,
    titles: Mapping[str, str] | None = None,
    state: str = UNTOUCHED,
    original: str | None = None,
) -> str:
    """Name, value, match ratio and why it needs review: the box's and the row's tooltip."""
    f = ref.field
    lines = [
        f"<b>{_escape(display_name(ref, titles))}</b>",
        _escape(f.value or ""),
        QCoreApplication.translate("FieldTable", "match {ratio}").format(
            ratio=f"{f.match_ratio:.2f}"
        )
        + " · "
        + status_text(f.status),
    ]
    if f.needs_review and state != CONFIRMED:
        reasons = [reason_text(r) for r in f.review_reasons]
        if not reasons and f.grounding is not None:
            reasons = [reason_text("partial_match")]
        if reasons:
            lines.append(
                QCoreApplication.translate("FieldTable", "Review: {reasons}").format(
                    reasons=_escape("; ".join(reasons))
                )
            )
    if state:
        lines.append(clerk_text(state))
    if state == CORRECTED and original is not None and original != (f.value or ""):
        lines.append(
            QCoreApplication.translate("FieldTable", "Read as: {original}").format(
                original=_escape(original)
            )
        )
    return "<br>".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _page_of(f: Any) -> int:
    return f.grounding.page_index if f.grounding is not None else -1


class _ResultTableModel(QAbstractTableModel):
    """What both tables share: the highlighted field id, the clerk's state, the common roles.

    An edit in the view does not change the model: :attr:`edit_requested` carries the new
    value to the window, which re-grounds it in the store and swaps the new FieldResult in
    with :meth:`replace_field`.
    """

    edit_requested = Signal(str, str)  #: field id, the value typed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._highlighted = ""
        self._states: dict[str, str] = {}
        self._originals: dict[str, str | None] = {}
        self._titles: Mapping[str, str] = {}

    def refs(self) -> tuple[FieldRef, ...]:
        """Every value this table shows, in its order."""
        raise NotImplementedError

    def ref_of(self, fid: str) -> FieldRef | None:
        """The value with id ``fid`` (None when this table does not show it)."""
        return next((r for r in self.refs() if r.id == fid), None)

    def clerk_state(self, fid: str) -> str:
        """ "", "confirmed" or "corrected"."""
        return self._states.get(fid, UNTOUCHED)

    def original_value(self, fid: str) -> str | None:
        """What the extractor read, for a corrected value."""
        return self._originals.get(fid)

    def set_clerk_states(
        self, states: Mapping[str, str], originals: Mapping[str, str | None] | None = None
    ) -> None:
        """Every value's clerk state at once (a document was shown)."""
        self._states = {k: v for k, v in states.items() if v}
        self._originals = dict(originals or {})
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def set_clerk_state(self, fid: str, state: str, original: str | None = None) -> None:
        """One value's clerk state (after a confirm, an edit or an undo)."""
        if state:
            self._states[fid] = state
        else:
            self._states.pop(fid, None)
        if state == CORRECTED:
            self._originals.setdefault(fid, original)
        elif not state:
            self._originals.pop(fid, None)
        idx = self.index_of(fid)
        if idx.isValid():
            self._emit_row_changed(idx.row())

    def replace_field(self, fid: str, new_field: Any) -> None:
        """Swap in an edited FieldResult for ``fid`` and signal its row."""
        raise NotImplementedError

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        ref = self.cell_ref(index.row(), index.column())
        if ref is None or not self._is_value_column(index.column()):
            return False
        text = "" if value is None else str(value)
        if text == (ref.field.value or ""):
            return False
        self.edit_requested.emit(ref.id, text)
        return True

    def _is_value_column(self, column: int) -> bool:
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if (
            index.isValid()
            and self._is_value_column(index.column())
            and self.cell_ref(index.row(), index.column()) is not None
        ):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def cell_ref(self, row: int, column: int) -> FieldRef | None:
        raise NotImplementedError

    def index_of(self, fid: str) -> QModelIndex:
        """The index showing field id ``fid`` (invalid when this table does not show it)."""
        raise NotImplementedError

    def set_highlighted(self, fid: str) -> None:
        """Highlight the row (or cell) of ``fid``; an empty id clears the highlight."""
        if fid == self._highlighted:
            return
        old = self.index_of(self._highlighted)
        self._highlighted = fid
        for idx in (old, self.index_of(fid)):
            if idx.isValid():
                self._emit_row_changed(idx.row())

    @property
    def highlighted(self) -> str:
        return self._highlighted

    def _emit_row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _common(self, ref: FieldRef, role: int, is_row_highlighted: bool) -> Any:
        f = ref.field
        if role == FieldIdRole:
            return ref.id
        if role == MatchRatioRole:
            return float(f.match_ratio)
        if role == StatusRole:
            return str(f.status)
        if role == NeedsReviewRole:
            return bool(f.needs_review)
        if role == PageRole:
            return _page_of(f)
        state = self._states.get(ref.id, UNTOUCHED)
        if role == ClerkStateRole:
            return state
        if role == Qt.ItemDataRole.EditRole:
            return f.value or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_for(ref, self._titles, state, self._originals.get(ref.id))
        if role == Qt.ItemDataRole.BackgroundRole:
            if is_row_highlighted:
                return QBrush(HIGHLIGHT)
            if state == CORRECTED:
                return QBrush(CORRECTED_TINT)
            if state == CONFIRMED:
                return QBrush(CONFIRMED_TINT)
            if f.needs_review:
                return QBrush(REVIEW_TINT)
        if role == Qt.ItemDataRole.ForegroundRole and state:
            return QBrush(CORRECTED_TEXT if state == CORRECTED else CONFIRMED_TEXT)
        if role == Qt.ItemDataRole.FontRole and state == CORRECTED:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class FieldTableModel(_ResultTableModel):
    """The scalar fields of a result: field, value, match ratio, status."""

    COLUMNS = ("field", "value", "match_ratio", "status")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._refs: tuple[FieldRef, ...] = ()

    def set_result(self, result: Any | None, titles: Mapping[str, str] | None = None) -> None:
        """Show ``result``'s scalar fields (None clears the table); ``titles``: name -> title."""
        self.beginResetModel()
        self._refs = tuple(r for r in iter_field_refs(result) if r.array is None) if result else ()
        self._titles = dict(titles or {})
        self._highlighted = ""
        self._states = {}
        self._originals = {}
        self.endResetModel()

    def refs(self) -> tuple[FieldRef, ...]:
        return self._refs

    def replace_field(self, fid: str, new_field: Any) -> None:
        for row, ref in enumerate(self._refs):
            if ref.id == fid:
                refs = list(self._refs)
                refs[row] = FieldRef(ref.id, new_field)
                self._refs = tuple(refs)
                self._emit_row_changed(row)
                return
        raise KeyError(fid)

    def _is_value_column(self, column: int) -> bool:
        return column == 1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._refs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (self.tr("Field"), self.tr("Value"), self.tr("Match"), self.tr("Status"))[section]

    def cell_ref(self, row: int, column: int) -> FieldRef | None:
        return self._refs[row] if 0 <= row < len(self._refs) else None

    def index_of(self, fid: str) -> QModelIndex:
        for row, ref in enumerate(self._refs):
            if ref.id == fid:
                return self.index(row, 1)
        return QModelIndex()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._refs):
            return None
        ref = self._refs[index.row()]
        f = ref.field
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return self._titles.get(f.name, f.name)
            if col == 1:
                return f.value or ""
            if col == 2:
                return f"{f.match_ratio:.2f}" if f.grounding is not None else "–"
            state = self._states.get(ref.id, UNTOUCHED)
            if state:
                return "✓ " + clerk_text(state) if state == CONFIRMED else "✎ " + clerk_text(state)
            return status_text(f.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self._common(ref, role, ref.id == self._highlighted)


class LineItemTableModel(_ResultTableModel):
    """The line items of a result: one row per item, one column per cell name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[tuple[str, int, Mapping[str, FieldRef]], ...] = ()
        self._columns: tuple[str, ...] = ()

    def set_result(
        self,
        result: Any | None,
        titles: Mapping[str, str] | None = None,
        columns: tuple[str, ...] = (),
    ) -> None:
        """Show ``result``'s line items (None clears the table).

        ``columns`` is the template's order of the item cells (cells it does not name follow
        in the order they come); ``titles`` maps a cell name to its title.
        """
        self.beginResetModel()
        self._titles = dict(titles or {})
        self._states = {}
        self._originals = {}
        rows: list[tuple[str, int, dict[str, FieldRef]]] = []
        seen: list[str] = []
        by_key: dict[tuple[str, int], dict[str, FieldRef]] = {}
        for ref in iter_field_refs(result) if result else ():
            if ref.array is None or ref.item_index is None:
                continue
            key = (ref.array, ref.item_index)
            if key not in by_key:
                by_key[key] = {}
                rows.append((ref.array, ref.item_index, by_key[key]))
            by_key[key][ref.field.name] = ref
            if ref.field.name not in seen:
                seen.append(ref.field.name)
        self._rows = tuple(rows)
        self._columns = tuple(
            [c for c in columns if c in seen] + [c for c in seen if c not in columns]
        )
        self._highlighted = ""
        self.endResetModel()

    def refs(self) -> tuple[FieldRef, ...]:
        return tuple(
            cells[name] for _, _, cells in self._rows for name in self._columns if name in cells
        )

    def replace_field(self, fid: str, new_field: Any) -> None:
        for row, (array, index, cells) in enumerate(self._rows):
            for name, ref in cells.items():
                if ref.id == fid:
                    new_cells = dict(cells)
                    new_cells[name] = FieldRef(fid, new_field, ref.array, ref.item_index)
                    rows = list(self._rows)
                    rows[row] = (array, index, new_cells)
                    self._rows = tuple(rows)
                    self._emit_row_changed(row)
                    return
        raise KeyError(fid)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._columns):
                return None
            return self._titles.get(self._columns[section], self._columns[section])
        return str(section + 1) if 0 <= section < len(self._rows) else None

    def cell_ref(self, row: int, column: int) -> FieldRef | None:
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._columns)):
            return None
        return self._rows[row][2].get(self._columns[column])

    def index_of(self, fid: str) -> QModelIndex:
        if not fid:
            return QModelIndex()
        for row, (_, _, cells) in enumerate(self._rows):
            for col, name in enumerate(self._columns):
                ref = cells.get(name)
                if ref is not None and ref.id == fid:
                    return self.index(row, col)
        return QModelIndex()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ref = self.cell_ref(index.row(), index.column())
        if ref is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = ref.field.value or ""
            state = self._states.get(ref.id, UNTOUCHED)
            return ("✓ " if state == CONFIRMED else "✎ ") + value if state else value
        return self._common(ref, role, ref.id == self._highlighted)

    def _emit_row_changed(self, row: int) -> None:
        if self._columns:
            super()._emit_row_changed(row)


class ReviewFilterProxy(QSortFilterProxyModel):
    """Shows only the rows that need review when ``only_needs_review`` is on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._only_needs_review = False

    def set_only_needs_review(self, on: bool) -> None:
        """Filter to the fields a clerk should look at (or show all again)."""
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self._only_needs_review = on
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._only_needs_review = on
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._only_needs_review:
            return True
        idx = self.sourceModel().index(source_row, 0, source_parent)
        return bool(idx.data(NeedsReviewRole))
