"""The table layout CSV and Excel exports share.

Columns: ``file``, then the template's fields in template order; an array field (line items)
contributes one column per child, named ``line_items.amount``. Rows: one per document with
its document columns filled, then one sub-row per line item beneath it with only that item's
columns filled.

Formula injection: a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a CR is a
formula to Excel (or a DDE payload); :func:`neutralize` prefixes it with ``'`` so it shows as
text. A plain signed number (``-1,234``) cannot be a formula and is left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from spaceocr.core.store.rows import CellView, SheetRow, row_from_result
from spaceocr.core.templates.schema import Template
from spaceocr.core.types import DocumentResult

__all__ = [
    "FORMULA_TRIGGERS",
    "Column",
    "TableLine",
    "as_rows",
    "atomic_file",
    "columns_for",
    "is_formula_like",
    "neutralize",
    "table_lines",
]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?[0-9][0-9,.]*$")

_PSEUDO_HEADERS = {
    "_id": "id",
    "_file": "file",
    "_sha256": "sha256",
    "_added": "added",
    "_review": "review",
}


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula (and it is not a number)."""
    return bool(text) and text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.match(text)


def neutralize(text: str) -> str:
    """``text`` made safe for a spreadsheet cell: a leading ``'`` when it looks like a formula."""
    return "'" + text if is_formula_like(text) else text


@dataclass(frozen=True, slots=True)
class Column:
    """One column: a document column (``_file``), a field, or a line-item column."""

    key: str  #: ``_file``, ``total``, ``line_items.amount``
    header: str
    field: str  #: the field (or child) name; the pseudo name for document columns
    array: str = ""  #: the array field of a line-item column
    field_type: str = "text"

    @property
    def is_pseudo(self) -> bool:
        return self.key.startswith("_")


@dataclass(frozen=True, slots=True)
class TableLine:
    """One line of the table: a document's row or one of its item sub-rows.

    ``values`` holds, per column, a :class:`CellView`, plain document-column data, or None.
    """

    kind: str  #: "document" or "item"
    doc_index: int
    values: tuple[CellView | str | int | None, ...]


def columns_for(template: Template, select: Sequence[str] | None = None) -> list[Column]:
    """The export columns of a template, optionally limited to ``select`` (``--select``).

    ``select`` names fields (``total``), array fields (``line_items``: all its columns), item
    columns (``line_items.amount``) or document columns (``_file``); ``file`` always leads
    unless ``select`` names document columns itself.
    """
    cols: list[Column] = []
    for spec in template.fields:
        if spec.is_array:
            for kid in spec.children:
                key = f"{spec.name}.{kid.name}"
                cols.append(Column(key, key, kid.name, spec.name, kid.type))
        else:
            cols.append(Column(spec.name, spec.name, spec.name, "", spec.type))
    if select is None:
        return [Column("_file", "file", "_file"), *cols]
    wanted = list(select)
    pseudo = [Column(p, _PSEUDO_HEADERS.get(p, p), p) for p in wanted if p in _PSEUDO_HEADERS]
    if not pseudo:
        pseudo = [Column("_file", "file", "_file")]
    picked = [c for c in cols if c.key in wanted or (c.array and c.array in wanted)]
    return [*pseudo, *picked]


def as_rows(
    rows_or_results: Iterable[SheetRow | DocumentResult], template: Template
) -> Iterator[SheetRow]:
    """Sheet rows, turning fresh results into rows on the way."""
    for obj in rows_or_results:
        yield row_from_result(obj, template) if isinstance(obj, DocumentResult) else obj


def table_lines(rows: Iterable[SheetRow], columns: Sequence[Column]) -> Iterator[TableLine]:
    """The lines of the table: each document's row, then a sub-row per line item."""
    arrays = list(dict.fromkeys(c.array for c in columns if c.array))
    for n, row in enumerate(rows):
        doc: list[CellView | str | int | None] = []
        for col in columns:
            if col.is_pseudo:
                doc.append(row.pseudo(col.key))
            elif col.array:
                doc.append(None)
            else:
                doc.append(row.cells.get(col.field))
        yield TableLine("document", n, tuple(doc))
        for array in arrays:
            for item in row.items.get(array, ()):
                yield TableLine(
                    "item",
                    n,
                    tuple(item.get(col.field) if col.array == array else None for col in columns),
                )


@contextlib.contextmanager
def atomic_file(path: str | Path, mode: str, **open_kwargs: Any) -> Iterator[IO[Any]]:
    """A file that appears at ``path`` only once fully written: a failed export leaves no
    half file (written beside the target, then renamed over it)."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        try:
            fh = open(tmp, mode, **open_kwargs)  # noqa: SIM115 - closed below
        except OSError as exc:
            # name the file the caller asked for, not our temporary one
            raise type(exc)(exc.errno, exc.strerror, str(target)) from exc
        with fh:
            yield fh
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
