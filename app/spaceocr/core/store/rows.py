"""What a sheet query returns: one :class:`SheetRow` per document, its cells as :class:`CellView`.

A row is also what the exporters write, so a fresh :class:`DocumentResult` is turned into a
row by :func:`row_from_result` and a sheet export and an ``extract --format csv`` share one
layout.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from spaceocr.core.store.normalize import parse_amount, parse_date
from spaceocr.core.templates.schema import FieldSpec, Template
from spaceocr.core.types import CONFIDENT_RATIO, DocumentResult, FieldResult, Grounding

__all__ = [
    "CellRef",
    "CellView",
    "SheetRow",
    "field_kind",
    "parse_cell_ref",
    "row_from_result",
    "row_to_json",
    "template_for_result",
    "template_to_dict",
]

NUMERIC_TYPES = ("amount", "number")


def field_kind(field_type: str) -> str:
    """How a field of this template type compares: ``num``, ``date`` or ``text``."""
    if field_type in NUMERIC_TYPES:
        return "num"
    if field_type == "date":
        return "date"
    return "text"


@dataclass(frozen=True, slots=True)
class CellView:
    """One field or line-item cell as stored, with the clerk's state.

    ``value`` is the value now (the clerk's correction when there is one); ``original_value``
    is what the extractor read (None when the clerk added a value the extractor missed).
    """

    name: str
    value: str | None
    field_type: str = "text"
    status: str = "ok"
    source: str = ""
    normalized: str | None = None
    confidence: float = 1.0
    grounding: Grounding | None = None
    review_reasons: tuple[str, ...] = ()
    original_value: str | None = None
    is_confirmed: bool = False
    is_corrected: bool = False

    @property
    def match_ratio(self) -> float:
        return self.grounding.match_ratio if self.grounding is not None else 0.0

    @property
    def needs_review(self) -> bool:
        """A value a clerk should still look at: not confirmed, and not confident."""
        if self.value is None or self.is_confirmed:
            return False
        return bool(self.review_reasons) or self.match_ratio < CONFIDENT_RATIO

    @property
    def number(self) -> Decimal | None:
        """The amount or number the value stands for (None for other types or unreadable)."""
        if self.field_type not in NUMERIC_TYPES or self.value is None:
            return None
        if not self.is_corrected and self.normalized is not None:
            parsed = parse_amount(self.normalized)
            if parsed is not None:
                return parsed
        return parse_amount(self.value)

    @property
    def iso_date(self) -> str | None:
        if self.field_type != "date" or self.value is None:
            return None
        if not self.is_corrected and self.normalized is not None:
            iso = parse_date(self.normalized)
            if iso is not None:
                return iso
        return parse_date(self.value)


def _empty_items() -> Mapping[str, tuple[Mapping[str, CellView], ...]]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One document of a sheet: its own columns, its field cells, its line items."""

    doc_id: int | None
    file_name: str
    sha256: str = ""
    added_at: str = ""
    source_path: str = ""
    page_count: int = 0
    review_count: int = 0
    cells: Mapping[str, CellView] = field(default_factory=lambda: MappingProxyType({}))
    items: Mapping[str, tuple[Mapping[str, CellView], ...]] = field(default_factory=_empty_items)

    def pseudo(self, name: str) -> Any:
        """The value of a document column (``_id``, ``_file``, ...)."""
        return {
            "_id": self.doc_id,
            "_file": self.file_name,
            "_sha256": self.sha256,
            "_added": self.added_at,
            "_review": self.review_count,
        }[name]


def _cell_from_field(f: FieldResult, ftype: str) -> CellView:
    return CellView(
        name=f.name,
        value=f.value,
        field_type=ftype,
        status=str(f.status),
        source=f.source,
        normalized=f.normalized,
        confidence=f.confidence,
        grounding=f.grounding,
        review_reasons=f.review_reasons,
        original_value=f.value,
    )


def row_from_result(result: DocumentResult, template: Template | None = None) -> SheetRow:
    """A fresh result as a sheet row (no doc id yet), field types from ``template``."""
    specs = {s.name: s for s in template.fields} if template else {}
    cells: dict[str, CellView] = {}
    items: dict[str, tuple[Mapping[str, CellView], ...]] = {}
    review = 0
    for f in result.fields:
        spec = specs.get(f.name)
        if f.is_array:
            kids = {c.name: c.type for c in spec.children} if spec else {}
            rows = []
            for item in f.items:
                row = {c.name: _cell_from_field(c, kids.get(c.name, "text")) for c in item.fields}
                review += sum(1 for c in row.values() if c.needs_review)
                rows.append(MappingProxyType(row))
            items[f.name] = tuple(rows)
        else:
            cell = _cell_from_field(f, spec.type if spec else "text")
            review += cell.needs_review
            cells[f.name] = cell
    return SheetRow(
        doc_id=None,
        file_name=result.file_name,
        sha256=result.sha256,
        page_count=result.page_count,
        review_count=review,
        cells=MappingProxyType(cells),
        items=MappingProxyType(items),
    )


def row_to_json(row: SheetRow, columns: Sequence[str] | None = None) -> dict[str, Any]:
    """A row as flat JSON: the document columns, each field's value, line items as lists.

    ``columns`` (from ``--select``) limits the fields: ``total``, ``line_items`` (every item
    column), ``line_items.amount``, or a document column such as ``_file``.
    """
    out: dict[str, Any] = {
        "_id": row.doc_id,
        "_file": row.file_name,
        "_sha256": row.sha256,
        "_added": row.added_at,
        "_review": row.review_count,
    }
    if columns is not None:
        out = {k: v for k, v in out.items() if k in columns or k == "_id"}
    wanted_items: dict[str, set[str] | None] = {}
    for name in row.items:
        if columns is None or name in columns:
            wanted_items[name] = None
        else:
            kids = {c.partition(".")[2] for c in columns if c.startswith(name + ".")}
            if kids:
                wanted_items[name] = kids
    for name, cell in row.cells.items():
        if columns is None or name in columns:
            out[name] = cell.value
    for name, want in wanted_items.items():
        out[name] = [
            {k: c.value for k, c in item.items() if want is None or k in want}
            for item in row.items[name]
        ]
    return out


# --------------------------------------------------------------------------- cell refs
_CELL_REF = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[([0-9]+)\]\.([A-Za-z_][A-Za-z0-9_]*))?$")


@dataclass(frozen=True, slots=True)
class CellRef:
    """A field (``total``) or a line-item cell (``line_items[0].amount``; items count from 0)."""

    field: str
    array: str = ""
    item_index: int = -1

    def __str__(self) -> str:
        if self.array:
            return f"{self.array}[{self.item_index}].{self.field}"
        return self.field


def parse_cell_ref(text: str) -> CellRef:
    """Parse ``total`` or ``line_items[0].amount``.

    Raises:
        ValueError: neither form.
    """
    m = _CELL_REF.match(text.strip())
    if not m:
        raise ValueError(
            f"{text!r} is not a field: write a field name (total) or a line-item cell "
            f"(line_items[0].amount, items counted from 0)"
        )
    if m.group(2) is None:
        return CellRef(m.group(1))
    return CellRef(m.group(3), m.group(1), int(m.group(2)))


# --------------------------------------------------------------------------- templates
def _spec_to_dict(spec: FieldSpec) -> dict[str, Any]:
    obj: dict[str, Any] = {"name": spec.name, "type": spec.type}
    if spec.description:
        obj["description"] = spec.description
    if spec.labels:
        obj["labels"] = {k: list(v) for k, v in spec.labels.items()}
    if spec.title:
        obj["title"] = dict(spec.title)
    if spec.children:
        obj["children"] = [_spec_to_dict(c) for c in spec.children]
    return obj


def template_to_dict(template: Template) -> dict[str, Any]:
    """A template as the JSON :func:`~spaceocr.core.templates.parse_template` reads back."""
    return {
        "name": template.name,
        "title": dict(template.title),
        "description": template.description,
        "fields": [_spec_to_dict(f) for f in template.fields],
    }


def template_for_result(result: DocumentResult) -> Template:
    """The template a result was made with: the built-in of that name, else one from its fields.

    A result of a user's own template (``--fields``) whose file is not at hand gets text columns
    named after its fields; pass the template to the store to keep its types.
    """
    from spaceocr.core.errors import TemplateError
    from spaceocr.core.templates import load_template
    from spaceocr.core.templates.loader import builtin_names

    if result.template in builtin_names():
        try:
            return load_template(result.template)
        except TemplateError:
            pass
    specs: list[FieldSpec] = []
    for f in result.fields:
        if f.is_array:
            kids: dict[str, None] = {}
            for item in f.items:
                for c in item.fields:
                    kids.setdefault(c.name)
            specs.append(FieldSpec(f.name, "array", children=tuple(FieldSpec(k) for k in kids)))
        else:
            specs.append(FieldSpec(f.name))
    return Template(result.template, tuple(specs))
