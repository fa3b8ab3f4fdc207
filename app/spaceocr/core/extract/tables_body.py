"""The body of a table read under its header: rows until the totals, over several pages.

Each line's segments are placed in the header's columns
(:mod:`~spaceocr.core.extract.tables_columns`); a line with numbers starts a row, a
description-only line is the name's second line (or a note under the row above), and a wide
gap, a totals label or text in a number column ends the table. A header that stacks the
description under an article code makes each row two lines. A table cut by the page end
continues at the top of the next page, under a repeated header or none.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from spaceocr.core.extract.tables_cells import SKIPPED, Column, Row, is_rule
from spaceocr.core.extract.tables_columns import (
    assign_line,
    numeric_cells_ok,
    numeric_clusters,
    resolve_unknown,
    side_numbers,
)
from spaceocr.core.extract.tables_header import (
    Labels,
    header_at,
    header_roles,
    same_layout,
    snap_unknown,
)
from spaceocr.core.extract.tables_layout import Segment, VisualLine
from spaceocr.core.extract.tables_notes import (
    cut_name_notes,
    is_attribute,
    is_note,
    is_note_under,
)
from spaceocr.core.extract.tables_vocab import is_total_label

__all__ = ["TableState", "read_header_table", "read_rows"]

@dataclass(slots=True)
class TableState:
    """A table being read: its header's columns and roles, the rows so far, the description
    lines not yet given to a row (``pending``), the lines used per page, and where it ends."""

    cols: list[Column]
    roles: frozenset[str]
    rows: list[Row] = field(default_factory=list)
    pending: list[tuple[VisualLine, list[Segment]]] = field(default_factory=list)
    used_lines: dict[int, list[VisualLine]] = field(default_factory=dict)
    edges: dict[int, list[float]] = field(default_factory=dict)
    clusters: list[tuple[float, float, int]] = field(default_factory=list)
    ended_by_total: bool = False
    #: the header stacks the description under a code: rows are two lines (and notes)
    stacked: bool = False
    end_page: int = 0
    end_y: float = 0.0

    def flush_pending_into_last(self) -> None:
        """Give the pending description lines to the last row (as notes when they are)."""
        if self.pending and self.rows:
            last = self.rows[-1]
            for line, segs in self.pending:
                if line.page_index != last.page_index:
                    continue
                last.lines.append(line)
                if is_note_under(last, segs):
                    last.note_cut = True
                else:
                    last.cells.setdefault("description", []).extend(segs)
        self.pending.clear()

    def take_pending_for(self, line: VisualLine) -> list[tuple[VisualLine, list[Segment]]]:
        """The pending description lines that are the first lines of the row starting at
        ``line`` (taken out of ``pending``; the rest stay for the row above).

        Most tables print an item's numbers on the first line of its name, but some centre
        them on the name or print them on its last line. Lines above the first row, right
        over it, are its own; between two rows, the widest gap separates the items (lines
        of one name sit closer than two items do). Without a clearly wider gap the lines
        stay with the row above, the common layout.
        """
        same = [p for p in self.pending if p[0].page_index == line.page_index]
        if not same or len(same) != len(self.pending):
            return []
        last = self.rows[-1] if self.rows else None
        if last is None or last.page_index != line.page_index or not last.lines:
            taken: list[tuple[VisualLine, list[Segment]]] = []
            below = line
            for pl, segs in reversed(same):
                if below.y0 - pl.y1 > 0.8 * max(pl.h, below.h):
                    break
                taken.insert(0, (pl, segs))
                below = pl
        else:
            stack = [last.lines[-1], *(pl for pl, _ in same), line]
            gaps = [b.y0 - a.y1 for a, b in itertools.pairwise(stack)]
            k = max(range(len(gaps)), key=gaps.__getitem__)
            others = gaps[:k] + gaps[k + 1:]
            widest = max(others, default=0.0)
            if k == len(gaps) - 1 or gaps[k] < 1.3 * widest + 0.25 * line.h:
                return []
            taken = same[k:]
        for p in taken:
            self.pending.remove(p)
        return taken


def read_rows(
    lines: Sequence[VisualLine],
    start: int,
    state: TableState,
    decimal_comma: bool | None,
) -> None:
    """Read table rows from ``lines[start:]`` until the totals, a wide gap or the page end."""
    prev_y1: float | None = None
    gaps: list[float] = []
    for line in lines[start:]:
        if prev_y1 is not None:
            gap = line.y0 - prev_y1
            typical = statistics.median(gaps) if gaps else line.h
            if gap > max(3.5 * line.h, 3.0 * typical + line.h):
                break
        if line.segments and is_total_label(line.segments[0].text):
            state.ended_by_total = True
            break
        if any(is_total_label(s.text) for s in line.segments):
            # a totals label further right (the totals box under the amount columns)
            state.ended_by_total = True
            break
        # a separator rule or an item's note lines ("Notes: ...", "Parts: 2 x ...") belong
        # to the table: the gap to the next row is measured from them, so an item followed
        # by several lines of details does not end the table
        if all(is_rule(s.text) for s in line.segments):
            prev_y1 = line.y1
            continue
        if state.rows and is_note(line):
            prev_y1 = line.y1
            continue  # "GTIN: 4012345001235", "Abrechnungszeitraum KW 36" under an item
        cells = assign_line(line, state.cols, decimal_comma, state.edges, state.clusters)
        if not cells:
            continue
        has_desc = bool(cells.get("description"))
        if state.stacked:
            if not _stacked_line(line, cells, state, decimal_comma):
                continue
        elif numeric_cells_ok(cells, decimal_comma):
            numeric = {r: v for r, v in cells.items() if r != "description"}
            if has_desc:
                carry = state.take_pending_for(line)
                state.flush_pending_into_last()
                row = Row(line.page_index, dict(cells), [*(pl for pl, _ in carry), line])
                if carry:
                    row.cells["description"] = [
                        *(sg for _, segs in carry for sg in segs), *cells["description"]
                    ]
                state.rows.append(row)
            elif state.pending:
                row = Row(line.page_index, {"description": []}, [])
                for pl, segs in state.pending:
                    row.cells["description"].extend(segs)
                    row.lines.append(pl)
                state.pending.clear()
                row.cells.update(numeric)
                row.lines.append(line)
                state.rows.append(row)
            elif state.rows and not any(r in state.rows[-1].cells for r in numeric):
                state.rows[-1].cells.update(numeric)
                state.rows[-1].lines.append(line)
            else:
                state.rows.append(Row(line.page_index, dict(numeric), [line]))
        elif has_desc and set(cells) == {"description"}:
            if state.rows and is_attribute(cells["description"]):
                pass  # "GTIN: 4012...", "Serial no.: ..." under an item: not its name
            else:
                state.pending.append((line, list(cells["description"])))
        else:
            # text in a number column that is not a number: not part of the table body
            if state.rows or state.pending:
                break
            continue
        prev_y1 = line.y1
        if len(state.rows) >= 2:
            gaps = [
                b.lines[0].y0 - a.lines[-1].y1
                for a, b in zip(state.rows, state.rows[1:], strict=False)
                if a.lines and b.lines and a.page_index == b.page_index
            ][-8:]
        state.used_lines.setdefault(line.page_index, []).append(line)
        state.end_page = line.page_index
        state.end_y = line.y1
    _end_stacked_row(state)
    # a description line left at the end belongs to the row above when it sits right under it
    if state.pending and state.rows:
        last = state.rows[-1]
        pl = state.pending[0][0]
        if last.lines and pl.page_index == last.page_index and (
            pl.y0 - last.lines[-1].y1 < 1.2 * max(pl.h, last.lines[-1].h)
        ):
            state.flush_pending_into_last()
    state.pending.clear()


def _stacked_line(
    line: VisualLine,
    cells: dict[str, list[Segment]],
    state: TableState,
    decimal_comma: bool | None,
) -> bool:
    """Read one line of a stacked table (its header stacks the description under a code);
    False when the line is not part of it (text above the first row).

    A row starts at a line holding its amount (its quantity when the table has no amount
    column); what stands in the description column there is the code printed above it. The
    next line's description column is the description; the lines after it, up to the next
    row, are notes (dates, discounts, order numbers) and are read past.
    """
    if _starts_stacked_row(cells, state, decimal_comma):
        _end_stacked_row(state)
        numeric = {r: v for r, v in cells.items() if r != "description"}
        row = Row(line.page_index, numeric, [line], awaiting_description=True,
                   first_description=list(cells.get("description", [])))
        state.rows.append(row)
        return True
    if not state.rows:
        return False
    last = state.rows[-1]
    if last.awaiting_description and last.page_index == line.page_index:
        desc = _description_text(line, state.cols)
        if desc:
            last.awaiting_description = False
            last.cells["description"] = desc
            last.lines.append(line)
    return True


def _starts_stacked_row(
    cells: dict[str, list[Segment]], state: TableState, decimal_comma: bool | None
) -> bool:
    """True when a line of a stacked table starts a row: it holds the row's amount (its
    quantity when the table has no amount column)."""
    anchor = "amount" if "amount" in state.roles else "quantity"
    return bool(cells.get(anchor)) and numeric_cells_ok({anchor: cells[anchor]}, decimal_comma)


def _end_stacked_row(state: TableState) -> None:
    """A stacked row that got no description line keeps what its first line held there."""
    if state.rows and state.rows[-1].awaiting_description:
        last = state.rows[-1]
        last.awaiting_description = False
        if last.first_description:
            last.cells["description"] = last.first_description


def _description_text(line: VisualLine, cols: Sequence[Column]) -> list[Segment]:
    """The whole segments of a line that start in the description column (a number inside a
    description stays in it), ``Label: value`` notes left out."""
    d = next((k for k, c in enumerate(cols) if c.role == "description"), None)
    if d is None:
        return []
    c = cols[d]
    after = [o.x0 for o in cols[d + 1:] if o.x0 > c.x1 and o.role not in SKIPPED]
    hi = min(after, default=float("inf"))
    lo = c.x0 - 2 * line.h
    return [sg for sg in line.segments if lo <= sg.x0 < hi and not is_attribute([sg])]


def read_header_table(
    all_lines: Sequence[list[VisualLine]],
    labels: Labels,
    decimal_comma: bool | None,
) -> TableState | None:
    """Read the table under the first header found, continued over the next pages.

    Args:
        all_lines: the visual lines of each page, in page order.
        labels: the header labels to look for
            (:func:`~spaceocr.core.extract.tables_header.build_label_table`).
        decimal_comma: the document's decimal convention, when known.

    Returns:
        The table read (its rows may be empty), or None when no page has a header.
    """
    state: TableState | None = None
    for lines in all_lines:
        for k, line in enumerate(lines):
            found = header_at(lines, k, labels)
            if found is None:
                continue
            cols, body, stacked = found
            roles = header_roles(cols)
            if state is None:
                state = TableState(cols=list(cols), roles=roles, stacked=stacked)
            elif len(roles & state.roles) < min(2, len(state.roles)):
                continue
            elif not same_layout(state.cols, cols):
                state.cols = snap_unknown(state.cols, cols)
                state.edges = {}
            state.used_lines.setdefault(line.page_index, []).extend(lines[k:body])
            state.ended_by_total = False
            state.clusters = numeric_clusters(lines, body, state.cols, decimal_comma)
            read_rows(lines, body, state, decimal_comma)
            break
        else:
            # no header on this page: a table cut by the page end continues at the top
            if (
                state is not None and state.rows and not state.ended_by_total and lines
                and state.end_page == lines[0].page_index - 1
            ):
                start = _first_row_line(lines, state, decimal_comma)
                if start is not None:
                    read_rows(lines, start, state, decimal_comma)
    if state is not None:
        resolve_unknown(state.rows, state.cols, state.roles, decimal_comma)
        cut_name_notes(state.rows)
        desc = [c for c in state.cols if c.role == "description"]
        shared = any(
            o.role in SKIPPED and min(o.x1, d.x1) - max(o.x0, d.x0) > 0
            for d in desc for o in state.cols
        )
        for row in state.rows:
            row.shared_description = shared
            row.side_values = side_numbers(row.lines, state.cols, decimal_comma,
                                           state.clusters)
    return state


def _first_row_line(
    lines: Sequence[VisualLine], state: TableState, decimal_comma: bool | None
) -> int | None:
    """Where rows resume on a page without a header: the first line that reads as a row."""
    for k, line in enumerate(lines[:40]):
        cells = assign_line(line, state.cols, decimal_comma)
        if state.stacked:
            # a stacked row starts at its numbers (the description comes on the next line)
            if _starts_stacked_row(cells, state, decimal_comma):
                return k
        elif cells.get("description") and numeric_cells_ok(cells, decimal_comma):
            return k
    return None
