"""The SQLite store: sheets of results, kept safely and queried without re-running OCR.

One file (``platformdirs.user_data_dir("spaceocr")/spaceocr.sqlite3`` unless ``--store PATH``
or ``SPACEOCR_STORE`` says otherwise), in WAL mode. Each document's result is written in one
transaction, so a batch killed half-way keeps every document committed before the kill.
``synchronous=NORMAL``: a killed process loses nothing committed; a power cut may lose the
last commits, never corrupt the file.

Threads: a :class:`Store` may be shared; each thread gets its own connection (readers do not
block the writer in WAL mode; writers take turns with ``BEGIN IMMEDIATE`` and a busy timeout).

Errors: the environment failing (locked past the timeout, disk full, read-only, cannot open)
raises :class:`StoreUnavailable`; a file that is not a store or is damaged, and anything that
can only be a bug of ours, raises :class:`StoreCorrupt`.

:class:`Store` is the façade; the work is in :mod:`~spaceocr.core.store.connection`
(connections, transactions, errors), :mod:`~spaceocr.core.store.results` (a result as rows and
back, with :mod:`~spaceocr.core.store.cells` and :mod:`~spaceocr.core.store.pages`),
:mod:`~spaceocr.core.store.queries` (where/sort/select) and :mod:`~spaceocr.core.store.edits`
(the clerk's corrections and confirmations).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from spaceocr.core.errors import (
    SheetDocumentNotFound,
    SheetNotFound,
    SheetTemplateMismatch,
    StoreCorrupt,
    StoreError,
    StoreUnavailable,
)
from spaceocr.core.store.cells import cells_for_result, comparable
from spaceocr.core.store.connection import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    check_identity,
    connect,
    default_store_path,
    guard,
    now_iso,
    write_transaction,
)
from spaceocr.core.store.edits import (
    confirm_clauses,
    correction_status,
    hint_from_row,
    read_cell,
    refresh_review_count,
    set_confirmed,
    write_cell,
    write_correction,
)
from spaceocr.core.store.pages import decode_pages, encode_pages
from spaceocr.core.store.queries import (
    HEAD_COLUMNS,
    cells_for,
    query_fields,
    select_columns,
    select_names,
    select_sql,
    sheet_rows,
)
from spaceocr.core.store.results import (
    build_result,
    drop_orphan_documents,
    read_result,
    write_result,
)
from spaceocr.core.store.rows import (
    CellRef,
    CellView,
    SheetRow,
    parse_cell_ref,
    template_for_result,
)
from spaceocr.core.store.schema import STORE_VERSION, migrate
from spaceocr.core.store.sheets import (
    DocumentSummary,
    SheetInfo,
    check_sheet_name,
    find_documents,
    has_document,
    insert_sheet,
    list_documents,
    list_sheets,
)
from spaceocr.core.store.where import FieldRef
from spaceocr.core.templates.schema import Template
from spaceocr.core.types import (
    DocumentResult,
    Grounding,
    MatchHint,
    OcrPage,
)

__all__ = ["APPLICATION_ID", "DocumentSummary", "SheetInfo", "Store", "default_store_path"]

logger = logging.getLogger(__name__)


class Store:
    """A spaceocr store on one SQLite file. Use :meth:`open`; close with :meth:`close`."""

    def __init__(self, path: str | Path, *, timeout_s: float = BUSY_TIMEOUT_S) -> None:
        self.path = Path(path)
        self.timeout_s = timeout_s
        self._local = threading.local()
        self._lock = threading.Lock()
        self._conns: list[sqlite3.Connection] = []
        self._closed = False
        self._templates: dict[str, Template] = {}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(
                f"{self.path}: cannot create the store's folder ({exc.strerror})", path=self.path
            ) from None
        conn = self._conn()
        with self._guard():
            self._check_identity(conn)
            conn.execute("PRAGMA journal_mode = WAL")
            old = migrate(conn, str(self.path))
            if old == 0:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID:d}")
            elif old < STORE_VERSION:
                logger.info("store %s migrated from schema %d to %d", self.path, old, STORE_VERSION)

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def open(cls, path: str | Path | None = None, **kwargs: Any) -> Store:
        """Open (creating and migrating as needed) the store at ``path``.

        Args:
            path: the SQLite file; None means ``SPACEOCR_STORE`` or the user data directory.

        Raises:
            StoreUnavailable: the file cannot be opened or written (permissions, disk, lock),
                or was made by a newer spaceocr.
            StoreCorrupt: the file is not a spaceocr store, or is damaged.
        """
        return cls(default_store_path() if path is None else Path(path), **kwargs)

    def close(self) -> None:
        """Close every connection this store opened (in any thread)."""
        with self._lock:
            conns, self._conns = self._conns, []
            self._closed = True
        for conn in conns:
            try:
                conn.close()
            except sqlite3.Error:
                logger.warning("closing a store connection failed", exc_info=True)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def _conn(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        conn = connect(self.path, self.timeout_s)
        self._local.conn = conn
        with self._lock:
            self._conns.append(conn)
        return conn

    def _guard(self) -> AbstractContextManager[None]:
        return guard(self.path)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (taken at once, so writers queue instead of deadlocking)."""
        with write_transaction(self._conn(), self.path) as conn:
            yield conn

    def _check_identity(self, conn: sqlite3.Connection) -> None:
        check_identity(conn, self.path)

    # ------------------------------------------------------------------ sheets
    def list_sheets(self) -> list[SheetInfo]:
        """Every sheet, by name."""
        with self._guard():
            return list_sheets(self._conn())

    def sheet(self, name: str) -> SheetInfo:
        """One sheet. Raises SheetNotFound."""
        for info in self.list_sheets():
            if info.name == name:
                return info
        raise self._no_sheet(name)

    def _no_sheet(self, name: str) -> SheetNotFound:
        names = [s.name for s in self.list_sheets()]
        known = ", ".join(repr(n) for n in names) if names else "none yet"
        return SheetNotFound(
            f"no sheet named {name!r} in {self.path} (sheets: {known})", details={"sheet": name}
        )

    def _sheet_id(self, conn: sqlite3.Connection, name: str) -> tuple[int, str]:
        row = conn.execute(
            "SELECT id, template_json FROM sheets WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            raise self._no_sheet(name)
        return int(row[0]), str(row[1])

    def create_sheet(self, name: str, template: Template) -> SheetInfo:
        """Create an empty sheet for ``template`` (an existing one of that template is kept).

        Raises:
            SheetTemplateMismatch: a sheet of that name holds another template.
            ValueError: the name is empty, too long or has control characters.
        """
        check_sheet_name(name)
        with self._write() as conn:
            self._ensure_sheet(conn, name, template)
        return self.sheet(name)

    def _ensure_sheet(self, conn: sqlite3.Connection, name: str, template: Template) -> int:
        row = conn.execute("SELECT id, template FROM sheets WHERE name = ?", (name,)).fetchone()
        if row is not None:
            if row[1] != template.name:
                raise SheetTemplateMismatch(
                    f"sheet {name!r} holds {row[1]!r} results; a {template.name!r} result "
                    f"cannot go in it (use another --sheet)",
                    details={"sheet": name, "template": row[1], "given": template.name},
                )
            return int(row[0])
        return insert_sheet(conn, name, template, now_iso())

    def sheet_template(self, name: str) -> Template:
        """The template a sheet was made with. Raises SheetNotFound."""
        from spaceocr.core.templates import parse_template

        with self._guard():
            _, tjson = self._sheet_id(self._conn(), name)
        cached = self._templates.get(tjson)
        if cached is None:
            try:
                cached = parse_template(json.loads(tjson), source=f"sheet {name!r}")
            except ValueError as exc:
                raise StoreCorrupt(
                    f"{self.path}: sheet {name!r} has a damaged template ({exc})", path=self.path
                ) from None
            self._templates[tjson] = cached
        return cached

    def _known_template(self, sheet: str, name: str) -> Template | None:
        """The sheet's own template when it exists and is of that name (keeps custom types)."""
        try:
            template = self.sheet_template(sheet)
        except SheetNotFound:
            return None
        return template if template.name == name else None

    def delete_sheet(self, name: str) -> int:
        """Delete a sheet and its results; returns how many documents it held."""
        with self._write() as conn:
            sheet_id, _ = self._sheet_id(conn, name)
            n = conn.execute(
                "SELECT count(*) FROM results WHERE sheet_id = ?", (sheet_id,)
            ).fetchone()[0]
            conn.execute("DELETE FROM sheets WHERE id = ?", (sheet_id,))
            drop_orphan_documents(conn)
        logger.info("sheet %r deleted (%d documents)", name, n)
        return int(n)

    # ------------------------------------------------------------------ documents
    def has_document(self, sheet: str, sha256: str, template_name: str) -> bool:
        """True when ``sheet`` already holds a result of ``template_name`` for this file."""
        with self._guard():
            return has_document(self._conn(), sheet, sha256, template_name)

    def save_result(
        self,
        sheet: str,
        result: DocumentResult,
        *,
        source_path: str = "",
        template: Template | None = None,
    ) -> int:
        """Store a result in a sheet (created on first use) in one transaction.

        A result for the same file (sha256) already in the sheet is replaced, keeping its
        doc id (that is what ``--force`` does); the clerk's edits of the old result go with it.

        Args:
            template: the template the result was made with; defaults to the sheet's own
                (see :meth:`create_sheet`), else the built-in of ``result.template``, else
                text columns named after the result's fields.

        Returns:
            The document's id in the sheet (``_id``).

        Raises:
            SheetTemplateMismatch: the sheet holds another template.
            StoreUnavailable / StoreCorrupt: see the module docstring.
        """
        check_sheet_name(sheet)
        if template is None:
            template = self._known_template(sheet, result.template) or template_for_result(result)
        elif template.name != result.template:
            raise SheetTemplateMismatch(
                f"the result was made with {result.template!r}, not {template.name!r}"
            )
        if not result.sha256:
            raise ValueError("a result needs its file's sha256 to be stored")
        cells = cells_for_result(result, template)
        pages = encode_pages(result.ocr_pages)
        now = now_iso()
        with self._write() as conn:
            sheet_id = self._ensure_sheet(conn, sheet, template)
            result_id = write_result(
                conn, sheet_id, result, cells, pages, source_path=source_path, now=now
            )
        return result_id

    def list_documents(self, sheet: str) -> list[DocumentSummary]:
        """The documents of a sheet, in the order they joined it."""
        with self._guard():
            conn = self._conn()
            sheet_id, _ = self._sheet_id(conn, sheet)
            return list_documents(conn, sheet_id)

    def resolve_document(self, sheet: str, ref: str | int) -> int:
        """A document's id from its id, a sha256 prefix (6+ hex digits) or its file name.

        Raises:
            SheetNotFound, SheetDocumentNotFound (also when a prefix or name is ambiguous).
        """
        with self._guard():
            conn = self._conn()
            sheet_id, _ = self._sheet_id(conn, sheet)
            text = str(ref).strip()
            found = find_documents(conn, sheet_id, text)
        if len(found) == 1:
            return int(found[0][0])
        what = "matches several documents" if found else "is not in the sheet"
        raise SheetDocumentNotFound(
            f"document {text!r} {what} {sheet!r}; give its _id from 'spaceocr sheet view'",
            details={"sheet": sheet, "document": text},
        )

    def delete_document(self, sheet: str, doc: str | int) -> None:
        """Remove one document's result from a sheet."""
        doc_id = self.resolve_document(sheet, doc)
        with self._write() as conn:
            conn.execute("DELETE FROM results WHERE id = ?", (doc_id,))
            drop_orphan_documents(conn)

    def ocr_pages(self, sheet: str, doc: str | int) -> tuple[OcrPage, ...]:
        """The OCR pages kept with a result (empty when none were kept)."""
        doc_id = self.resolve_document(sheet, doc)
        with self._guard():
            row = (
                self._conn()
                .execute("SELECT encoding, data FROM ocr_pages WHERE result_id = ?", (doc_id,))
                .fetchone()
            )
        if row is None:
            return ()
        return decode_pages(row[0], row[1], str(self.path))

    def load_result(self, sheet: str, doc: str | int, *, with_pages: bool = True) -> DocumentResult:
        """A stored result rebuilt as a :class:`DocumentResult` (with the clerk's corrections).

        ``meta`` gains ``sheet`` and ``doc_id``. Per-cell clerk state (confirmed, original
        value) is in :meth:`load_row`.
        """
        doc_id = self.resolve_document(sheet, doc)
        with self._guard():
            head, cell_rows = read_result(self._conn(), doc_id)
        pages = self.ocr_pages(sheet, doc_id) if with_pages else ()
        return build_result(head, cell_rows, pages, sheet, doc_id)

    # ------------------------------------------------------------------ queries
    def query_fields(self, sheet: str) -> dict[str, FieldRef]:
        """The names ``where``/``sort``/``select`` may use for a sheet (beside ``_id`` ...)."""
        return query_fields(self.sheet_template(sheet))

    def _select_sql(self, sheet: str, where: str | None, sort: str | None) -> tuple[str, list[Any]]:
        fields = self.query_fields(sheet)
        with self._guard():
            sheet_id, _ = self._sheet_id(self._conn(), sheet)
        return select_sql(sheet_id, fields, where, sort)

    def count(self, sheet: str, where: str | None = None) -> int:
        """How many documents of a sheet match ``where``."""
        sql, params = self._select_sql(sheet, where, None)
        sql = sql.rpartition(" ORDER BY ")[0]
        with self._guard():
            return int(self._conn().execute("SELECT count(*) " + sql, params).fetchone()[0])

    def query(
        self,
        sheet: str,
        where: str | None = None,
        sort: str | None = None,
        select: str | Sequence[str] | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[SheetRow]:
        """The documents of a sheet matching ``where``, ordered by ``sort``.

        Args:
            where: an expression of :mod:`spaceocr.core.store.where` (``total > 1000 and
                vendor_name contains 株式会社``).
            sort: ``FIELD,-FIELD`` (``-`` descending; empty values last; then by ``_id``).
            select: the fields to load (``total,line_items.amount`` or a list); all when None.
            limit, offset: a window, for views that page in.

        Raises:
            WhereError: the expression, sort or select is not valid for the sheet.
            SheetNotFound.
        """
        sql, params = self._select_sql(sheet, where, sort)
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [int(limit), int(offset)]
        elif offset:
            sql += " LIMIT -1 OFFSET ?"
            params.append(int(offset))
        columns = self.select_columns(sheet, select)
        with self._guard():
            conn = self._conn()
            heads = conn.execute("SELECT " + HEAD_COLUMNS + " " + sql, params).fetchall()
            cells = cells_for(conn, [h[0] for h in heads], columns)
        return sheet_rows(heads, cells)

    def load_row(self, sheet: str, doc: str | int) -> SheetRow:
        """One document as a row, with every cell's clerk state."""
        doc_id = self.resolve_document(sheet, doc)
        return self.query(sheet, where=f"_id = {doc_id:d}")[0]

    def select_columns(self, sheet: str, select: str | Sequence[str] | None) -> list[str] | None:
        """Check a ``select`` list against the sheet; None means every column.

        Raises:
            WhereError: an unknown field.
        """
        if select is None:
            return None
        names = select_names(select)
        if not names:
            return None
        template = self.sheet_template(sheet)
        return select_columns(template, self.query_fields(sheet), names)

    # ------------------------------------------------------------------ edits
    def set_value(
        self,
        sheet: str,
        doc: str | int,
        field: str | CellRef,
        value: str | None,
        *,
        confirm: bool = True,
    ) -> CellView:
        """Correct a value: re-ground it on the stored OCR pages, keep the original beside it.

        Args:
            field: ``total`` or ``line_items[0].amount`` (items from 0); a field the extractor
                missed may be added; a line item may be added at the next index.
            value: the clerk's value; None or blank clears the field.
            confirm: mark the cell confirmed (a clerk typed it).

        Returns:
            The cell after the edit (new box and match_ratio; ``original_value`` kept).

        Raises:
            SheetNotFound, SheetDocumentNotFound, ValueError (unknown field or item).
        """
        from spaceocr.core.matching import ground

        ref = parse_cell_ref(field) if isinstance(field, str) else field
        doc_id = self.resolve_document(sheet, doc)
        template = self.sheet_template(sheet)
        spec = template.field(ref.array or ref.field)
        if spec is None or spec.is_array != bool(ref.array):
            raise ValueError(
                f"sheet {sheet!r} has no field {str(ref)!r} (template "
                f"{template.name}: {', '.join(f.name for f in template.fields)})"
            )
        if ref.array:
            kid = next((c for c in spec.children if c.name == ref.field), None)
            if kid is None:
                raise ValueError(f"{ref.array} has no column {ref.field!r}")
            ftype = kid.type
        else:
            ftype = spec.type
        text = value.strip() if value is not None else ""
        grounding: Grounding | None = None
        if text:
            pages = self.ocr_pages(sheet, doc_id)
            hint = self._hint_from_cell(sheet, doc_id, ref)
            grounding = ground(text, pages, hint) if pages else None
        status, reasons = correction_status(text, grounding)
        num, iso = comparable(ftype, text or None, None)
        now = now_iso()
        position = [f.name for f in template.fields].index(spec.name)
        with self._write() as conn:
            write_correction(
                conn,
                doc_id,
                ref,
                text=text,
                ftype=ftype,
                position=position,
                grounding=grounding,
                status=status,
                reasons=reasons,
                num=num,
                iso=iso,
                confirm=confirm,
                now=now,
            )
            refresh_review_count(conn, doc_id, now)
        logger.info("sheet %r doc %d: %s corrected", sheet, doc_id, ref)
        row = self.load_row(sheet, doc_id)
        if ref.array:
            return row.items[ref.array][ref.item_index][ref.field]
        return row.cells[ref.field]

    def cell_snapshot(
        self, sheet: str, doc: str | int, field: str | CellRef
    ) -> dict[str, Any] | None:
        """Every stored column of one cell, to put it back later with :meth:`restore_cell`
        (the exact undo of a :meth:`set_value`); None when the cell is not stored.

        Raises:
            SheetNotFound, SheetDocumentNotFound.
        """
        ref = parse_cell_ref(field) if isinstance(field, str) else field
        doc_id = self.resolve_document(sheet, doc)
        conn = self._conn()
        with self._guard():
            return read_cell(conn, (doc_id, ref.array, ref.item_index, ref.field))

    def restore_cell(
        self,
        sheet: str,
        doc: str | int,
        field: str | CellRef,
        snapshot: Mapping[str, Any] | None,
    ) -> None:
        """Put one cell back exactly as :meth:`cell_snapshot` read it: value, box, status,
        original and the clerk's flags; a None snapshot removes a cell an edit added.

        Raises:
            SheetNotFound, SheetDocumentNotFound, ValueError (a snapshot of another cell).
        """
        ref = parse_cell_ref(field) if isinstance(field, str) else field
        doc_id = self.resolve_document(sheet, doc)
        key = (doc_id, ref.array, ref.item_index, ref.field)
        if snapshot is not None and tuple(
            snapshot.get(k) for k in ("result_id", "array_field", "item_index", "field")
        ) != key:
            raise ValueError(f"the snapshot is not of cell {str(ref)!r} of document {doc_id}")
        now = now_iso()
        with self._write() as conn:
            write_cell(conn, key, snapshot)
            refresh_review_count(conn, doc_id, now)
        logger.info("sheet %r doc %d: %s restored", sheet, doc_id, ref)

    def _hint_from_cell(self, sheet: str, doc_id: int, ref: CellRef) -> MatchHint | None:
        """Where the cell's value is now, so a correction printed more than once stays in
        the place it replaces (the same characters, else the nearest repeat)."""
        return hint_from_row(self.load_row(sheet, doc_id), ref)

    def confirm(
        self,
        sheet: str,
        doc: str | int,
        fields: Sequence[str] | None = None,
        *,
        confirmed: bool = True,
    ) -> int:
        """Mark cells confirmed (or not): ``fields`` are names (``total``, ``line_items`` for
        every item cell) or cells (``line_items[0].amount``); None means every cell.

        Returns:
            How many cells changed state.
        """
        doc_id = self.resolve_document(sheet, doc)
        template = self.sheet_template(sheet)
        clauses, params = confirm_clauses(template, sheet, fields)
        now = now_iso()
        with self._write() as conn:
            n = set_confirmed(conn, doc_id, confirmed, clauses, params)
            refresh_review_count(conn, doc_id, now)
        return int(n)

