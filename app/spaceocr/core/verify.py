"""Ground values a user already has (from an ERP, a purchase order) against a document.

No extractor runs: the values are given, and the matcher says where each one is printed and
how much of it the OCR found. ``VALUES`` is ``{"name": "value", ...}``; an array field (line
items) is a list of objects ``[{"description": ..., "amount": ...}, ...]``. Numbers are taken as
their text; ``null`` and empty strings are left out; an object with a ``"value"`` key (an API
field) stands for that value.

Where a value is printed more than once, the choice is made here, with what a user's values
carry implicitly:

* a field whose template lists labels (``合計``, ``Total``) takes the occurrence nearest a label;
* two fields never take the same characters while another occurrence exists (a total printed
  in a summary box and at the foot of a table goes to ``total`` once and ``amount_due`` once);
* a line item's cells are grounded on one printed row: each row's anchor first (its text
  cell, else its longest), the rows going down the page; then every other cell among the
  characters nearest that anchor (a receipt's ``2 x @160  320`` line under the item's name
  belongs to that item), never inside another value's characters; equal cells of a row (the
  unit price and amount of a single piece) in the template's column order. A cell printed
  only on other rows is not grounded: a box there would point at another item's figure.

The choice reaches the matcher as a :class:`~spaceocr.core.types.MatchHint` citing characters,
so the box still comes from :func:`spaceocr.core.matching.ground` through
:func:`spaceocr.core.pipeline.ground_extracted`, like every other mode.
"""

from __future__ import annotations

import bisect
import logging
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from spaceocr.core.errors import InvalidValues
from spaceocr.core.matching import Candidate, MatchIndex, label_cost, normalize
from spaceocr.core.ocr.base import OcrEngine
from spaceocr.core.pipeline import (
    PipelineOptions,
    ProgressCallback,
    ground_extracted,
    read_document,
)
from spaceocr.core.templates.schema import FieldSpec, Template
from spaceocr.core.types import (
    DocumentResult,
    ExtractedField,
    FieldResult,
    FieldStatus,
    LineItem,
    MatchHint,
    OcrPage,
)

__all__ = ["SOURCE", "fields_from_values", "verify_document", "verify_pages"]

logger = logging.getLogger(__name__)

#: the ``source`` of every field a verification returns
SOURCE = "verify"

#: (page index, char index) -> the comparison view of the value that took the character
_Taken = dict[tuple[int, int], str]


def _text(name: str, raw: Any) -> str | None:
    if isinstance(raw, Mapping):
        raw = raw.get("value")
    if raw is None or isinstance(raw, bool):
        return None if raw is None else str(raw).lower()
    if isinstance(raw, (int, float, str)):
        text = str(raw).strip()
        return text or None
    raise InvalidValues(
        f"the value of {name!r} must be text or a number, not {type(raw).__name__}", field=name
    )


def fields_from_values(values: Mapping[str, Any]) -> tuple[ExtractedField, ...]:
    """The user's VALUES as extracted fields (no hints yet).

    Raises:
        InvalidValues: VALUES is not an object, or a value is neither text, a number nor a
            list of objects.
    """
    if not isinstance(values, Mapping):
        raise InvalidValues("VALUES must be a JSON object: {\"field name\": \"value\", ...}")
    out: list[ExtractedField] = []
    for name, raw in values.items():
        if isinstance(raw, list):
            rows: list[tuple[ExtractedField, ...]] = []
            for k, row in enumerate(raw):
                if not isinstance(row, Mapping):
                    raise InvalidValues(
                        f"{name}[{k}] must be an object of cells, not {type(row).__name__}",
                        field=name,
                    )
                cells = tuple(
                    ExtractedField(str(c), value=v)
                    for c, cv in row.items()
                    if (v := _text(f"{name}[{k}].{c}", cv)) is not None
                )
                rows.append(cells)
            out.append(ExtractedField(str(name), items=tuple(rows)))
            continue
        text = _text(str(name), raw)
        if text is not None:
            out.append(ExtractedField(str(name), value=text))
    return tuple(out)


# ----------------------------------------------------------------------------- choosing
def _free(index: MatchIndex, value: str, taken: _Taken) -> list[Candidate]:
    """Where ``value`` may be among the characters no other value took; when every place is
    taken, among the characters only values equal to it took (two fields share a figure
    printed once, but a quantity ``1`` never sits inside a description's ``11月分``)."""
    got = index.candidates(value, exclude=taken.keys())
    if got:
        return got
    same = normalize(value)
    others = [k for k, v in taken.items() if v != same]
    return index.candidates(value, exclude=others) if len(others) < len(taken) else []


def _hint(index: MatchIndex, c: Candidate) -> MatchHint:
    return MatchHint(page_index=index.pages[c.view_no].index, char_indices=c.chars)


def _take(index: MatchIndex, c: Candidate, value: str, taken: _Taken) -> None:
    page = index.pages[c.view_no].index
    view = normalize(value)
    for i in c.chars:
        taken.setdefault((page, i), view)


def _center(index: MatchIndex, c: Candidate) -> tuple[float, float]:
    view = index.views[c.view_no]
    pts = [view.center_px(i) for i in c.chars]
    return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)


# -- scalar fields: labels ------------------------------------------------------------------
_LabelPoint = tuple[int, float, float, frozenset[int]]  #: view number, x px, y px, its chars


def _label_points(index: MatchIndex, specs: Sequence[FieldSpec]) -> dict[str, list[_LabelPoint]]:
    """Field name -> where each of its labels is printed exactly (the end of the label).

    A label printed inside another field's longer label (``Amount`` in ``Amount Due``, ``Due``
    in ``Due Date``) is not a label of the shorter one's field there.
    """
    found: list[tuple[str, int, frozenset[int], tuple[int, ...]]] = []
    for spec in specs:
        for label in spec.all_labels():
            for c in index.exact(label):
                if not c.embedded:
                    found.append((spec.name, c.view_no, frozenset(c.chars), c.chars))
    out: dict[str, list[_LabelPoint]] = {}
    for name, vn, chars, ordered in found:
        if any(other != name and ovn == vn and chars < och for other, ovn, och, _ in found):
            continue
        x, y = index.views[vn].center_px(ordered[-1])
        out.setdefault(name, []).append((vn, x, y, chars))
    return out


_PAGE_PENALTY = 0.15


def _label_choice(
    index: MatchIndex, cands: list[Candidate], labels: list[_LabelPoint]
) -> tuple[float, Candidate]:
    """The candidate nearest one of the field's labels (a label is never the value's own
    characters: ``No.`` inside ``No.2026-001``), and its cost."""

    def cost(c: Candidate) -> float:
        view = index.views[c.view_no]
        mine = set(c.chars)
        # a repeat on a later page (a running header) must be clearly nearer its label
        return _PAGE_PENALTY * c.view_no + min(
            (
                label_cost(view, c.chars, x, y)
                for vn, x, y, chars in labels
                if vn == c.view_no and not chars & mine
            ),
            default=10.0,
        )

    best = min(cands, key=lambda c: (cost(c), -c.ratio))
    return cost(best), best


def _first(cands: list[Candidate]) -> Candidate:
    return min(cands, key=lambda c: (-c.ratio, c.form, c.view_no, c.start))


def _scalar_hints(
    index: MatchIndex,
    fields: Sequence[ExtractedField],
    specs: Mapping[str, FieldSpec],
    taken: _Taken,
) -> dict[int, ExtractedField]:
    """Scalars whose labels are printed first, the surest choice first; then the others, each
    on the first free occurrence in reading order."""
    scalars = [k for k, f in enumerate(fields) if f.value and not f.items]
    # every field's labels, so a label inside another field's longer label is recognised
    labels = _label_points(index, [s for s in specs.values() if not s.is_array])
    out: dict[int, ExtractedField] = {}
    pending = [k for k in scalars if labels.get(fields[k].name)]
    while pending:
        choices = []
        for k in pending:
            pool = index.contenders(_free(index, fields[k].value or "", taken))
            if pool:
                cost, c = _label_choice(index, pool, labels[fields[k].name])
                choices.append((cost, k, c))
        if not choices:
            break
        _, k, c = min(choices, key=lambda t: (t[0], t[1]))
        pending.remove(k)
        _take(index, c, fields[k].value or "", taken)
        out[k] = replace(fields[k], hint=_hint(index, c))
    for k in scalars:
        if k in out:
            continue
        pool = index.contenders(_free(index, fields[k].value or "", taken))
        if pool:
            c = _first(pool)
            _take(index, c, fields[k].value or "", taken)
            out[k] = replace(fields[k], hint=_hint(index, c))
    return out


# -- line items: rows -----------------------------------------------------------------------
def _row_cost(index: MatchIndex, c: Candidate, anchor: Candidate) -> tuple[bool, float, float]:
    """Same printed row first (measured across the page's reading direction), then nearest."""
    if c.view_no != anchor.view_no:
        return (True, 1e9, 1e9)
    view = index.views[c.view_no]
    x, y = _center(index, anchor)
    along, across, lh = view.offset(c.chars, x, y)
    if abs(across) <= 0.7 * lh:
        return (False, 0.0, abs(along))
    return (True, float(round(abs(across) / lh)), abs(along))


def _after(index: MatchIndex, c: Candidate, prev: Candidate | None) -> bool:
    """True when ``c`` lies below the previous row's anchor (or there is none)."""
    if prev is None:
        return True
    if c.view_no != prev.view_no:
        return c.view_no > prev.view_no
    view = index.views[c.view_no]
    x, y = _center(index, prev)
    _, across, lh = view.offset(c.chars, x, y)
    return across > 0.4 * lh


class _Rows:
    """Where each row's anchor sits across the page's reading direction, per page, so the row
    a candidate belongs to is one binary search away."""

    def __init__(self, index: MatchIndex, anchors: Sequence[Candidate | None]) -> None:
        self.index = index
        self.levels: dict[int, tuple[list[float], list[int]]] = {}
        per_view: dict[int, list[tuple[float, int]]] = {}
        for r, a in enumerate(anchors):
            if a is not None:
                per_view.setdefault(a.view_no, []).append((self._level(a), r))
        for vn, pairs in per_view.items():
            # equal levels: the first row wins (bisect lands after the last, so keep it last)
            pairs.sort(key=lambda t: (t[0], -t[1]))
            self.levels[vn] = ([t for t, _ in pairs], [r for _, r in pairs])

    def _level(self, c: Candidate) -> float:
        ux, uy, _ = self.index.views[c.view_no].frame()
        x, y = _center(self.index, c)
        return -x * uy + y * ux

    def owner(self, c: Candidate) -> int | None:
        """The row of the anchor nearest ``c`` across the reading direction; between an
        anchor above and one below at about the same distance, the one above (a receipt
        prints the quantity and price under the item's name)."""
        got = self.levels.get(c.view_no)
        if not got:
            return None
        levels, rows = got
        lh = self.index.views[c.view_no].frame()[2]
        level = self._level(c)
        k = bisect.bisect_right(levels, level + 0.7 * lh)
        above = (level - levels[k - 1], rows[k - 1]) if k else None
        # the nearest anchor below: the first one past the level band (lowest row on ties)
        j = k
        below = None
        if j < len(levels):
            same = [r for t, r in zip(levels[j:], rows[j:], strict=True) if t == levels[j]]
            below = (levels[j] - level, min(same))
        if above is None:
            return below[1] if below else None
        if below is None or above[0] <= below[0] + 0.3 * lh:
            return above[1]
        return below[1]


def _anchor_order(row: Sequence[ExtractedField]) -> list[int]:
    """A row's cells with a value, the best anchor first: text before figures (a row starts
    with its description), then the longest."""
    keys = {}
    for k, cell in enumerate(row):
        view = normalize(cell.value or "")
        if view:
            keys[k] = (not any(ch.isalpha() for ch in view), -len(view), k)
    return sorted(keys, key=lambda k: keys[k])


def _items_hints(
    index: MatchIndex,
    rows: Sequence[Sequence[ExtractedField]],
    taken: _Taken,
    columns: Sequence[str] = (),
) -> tuple[list[tuple[ExtractedField, ...]], set[tuple[int, int]]]:
    """Every row's cells with hints on its own printed row.

    First each row's anchor, going down the page; then each other cell on its anchor's row.
    Cells of a row with equal values are placed in the template's column order (a unit price
    before the amount). Returns the rows and the (row, cell) positions with no place on their
    row (the value is not printed there).
    """
    orders = [_anchor_order(row) for row in rows]
    anchors: list[Candidate | None] = []
    anchor_cell: list[int | None] = []
    prev: Candidate | None = None
    for row, order in zip(rows, orders, strict=True):
        pick: Candidate | None = None
        cell: int | None = None
        for k in order:
            pool = index.contenders(_free(index, row[k].value or "", taken))
            if not pool:
                continue
            below = [c for c in pool if _after(index, c, prev)]
            pick, cell = _first(below or pool), k
            break
        if pick is not None and cell is not None:
            _take(index, pick, row[cell].value or "", taken)
            prev = pick
        anchors.append(pick)
        anchor_cell.append(cell)
    out: list[tuple[ExtractedField, ...]] = []
    unplaced: set[tuple[int, int]] = set()
    owners = _Rows(index, anchors)
    for r, (row, order) in enumerate(zip(rows, orders, strict=True)):
        anchor, ac = anchors[r], anchor_cell[r]
        if anchor is None or ac is None:
            out.append(tuple(row))
            continue
        chosen: dict[int, Candidate] = {ac: anchor}
        for k in sorted(order, key=lambda k: -len(normalize(row[k].value or ""))):
            if k == ac:
                continue
            value = row[k].value or ""
            own = [c for c in _free(index, value, taken) if owners.owner(c) == r]
            if not own:
                # every free place is on other rows: shared characters of an equal value
                same = normalize(value)
                others = [key for key, v in taken.items() if v != same]
                own = [c for c in index.candidates(value, exclude=others)
                       if owners.owner(c) == r]
            if not own:
                unplaced.add((r, k))
                continue
            pick = _nearest_on_row(index, index.contenders(own), anchor)
            chosen[k] = pick
            _take(index, pick, value, taken)
        _order_equal_values(index, row, chosen, anchor, columns)
        out.append(tuple(
            replace(cell, hint=_hint(index, chosen[k])) if k in chosen else cell
            for k, cell in enumerate(row)
        ))
    return out, unplaced


def _nearest_on_row(index: MatchIndex, cands: list[Candidate], anchor: Candidate) -> Candidate:
    return min(cands, key=lambda c: (_row_cost(index, c, anchor), -c.ratio))


def _order_equal_values(
    index: MatchIndex, row: Sequence[ExtractedField], chosen: dict[int, Candidate],
    anchor: Candidate, columns: Sequence[str],
) -> None:
    """Cells of one row with the same value take their places left to right in the
    template's column order (a unit price before the amount), else in the order given."""

    def rank(k: int) -> tuple[int, int]:
        name = row[k].name
        return (columns.index(name) if name in columns else len(columns), k)

    groups: dict[str, list[int]] = {}
    for k in chosen:
        groups.setdefault(normalize(row[k].value or ""), []).append(k)
    view = index.views[anchor.view_no]
    x, y = _center(index, anchor)
    for ks in groups.values():
        if len(ks) < 2 or any(chosen[k].view_no != anchor.view_no for k in ks):
            continue
        places = sorted((chosen[k] for k in ks), key=lambda c: view.offset(c.chars, x, y)[:2])
        for k, c in zip(sorted(ks, key=rank), places, strict=True):
            chosen[k] = c


def _with_hints(
    fields: Sequence[ExtractedField], index: MatchIndex, template: Template | None
) -> tuple[list[ExtractedField], set[tuple[str, int, str]]]:
    """The fields with hints, and the (array, row, cell) whose value is not on its row."""
    specs = {f.name: f for f in template.fields} if template else {}
    taken: _Taken = {}
    unplaced: set[tuple[str, int, str]] = set()
    out = _scalar_hints(index, fields, specs, taken)
    for k, f in enumerate(fields):
        if k in out:
            continue
        if not f.items:
            out[k] = f
            continue
        spec = specs.get(f.name)
        columns = [c.name for c in spec.children] if spec is not None else []
        rows, missing = _items_hints(index, f.items, taken, columns)
        unplaced.update((f.name, r, f.items[r][c].name) for r, c in missing)
        out[k] = ExtractedField(f.name, items=tuple(rows))
    return [out[k] for k in range(len(fields))], unplaced


# ----------------------------------------------------------------------------- entry points
def verify_pages(
    pages: Sequence[OcrPage],
    values: Mapping[str, Any],
    template: Template | None = None,
) -> tuple[FieldResult, ...]:
    """Ground VALUES on pages already read; fields in template order, then the others.

    Raises:
        InvalidValues: VALUES has the wrong shape.
    """
    fields = fields_from_values(values)
    hinted, unplaced = _with_hints(fields, MatchIndex(pages), template)
    results = ground_extracted(hinted, pages, template, source=SOURCE)
    if not unplaced:
        return results
    return tuple(_drop_unplaced(r, unplaced) for r in results)


def _drop_unplaced(result: FieldResult, unplaced: set[tuple[str, int, str]]) -> FieldResult:
    """A line-item cell whose value is printed elsewhere but not on its row is not grounded
    (a box on another row would point at the wrong figure)."""
    if not result.is_array:
        return result
    items = []
    for item in result.items:
        cells = tuple(
            replace(c, grounding=None, status=FieldStatus.NOT_GROUNDED,
                    review_reasons=tuple(dict.fromkeys((*c.review_reasons, "not_on_page"))))
            if (result.name, item.index, c.name) in unplaced else c
            for c in item.fields
        )
        items.append(LineItem(item.index, cells))
    return replace(result, items=tuple(items))


def verify_document(
    path: str | Path,
    values: Mapping[str, Any],
    *,
    engine: OcrEngine,
    template: Template | None = None,
    options: PipelineOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> DocumentResult:
    """Open and read a document, then ground the user's VALUES on what the OCR saw.

    Raises:
        InvalidValues before the document is opened, DocumentError (and subclasses) for a
        file that cannot be read, EngineError, Cancelled.
    """
    fields_from_values(values)  # refuse bad VALUES before the (slow) OCR
    read = read_document(path, engine, options=options, progress=progress, cancel=cancel)
    if progress:
        progress("match", 0, 1)
    timings = dict(read.timings)
    t = time.perf_counter()
    fields = verify_pages(read.pages, values, template)
    timings["match"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - read.started
    return read.result(
        template=template.name if template else "",
        fields=fields,
        extractor=SOURCE,
        mode="offline",
        timings=timings,
    )
