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
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import struct
import sys
import threading
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from spaceocr.core.errors import (
    SheetDocumentNotFound,
    SheetNotFound,
    SheetTemplateMismatch,
    StoreCorrupt,
    StoreError,
    StoreUnavailable,
    WhereError,
)
from spaceocr.core.store.normalize import parse_date, sortable_number
from spaceocr.core.store.rows import (
    CellRef,
    CellView,
    SheetRow,
    field_kind,
    parse_cell_ref,
    template_for_result,
    template_to_dict,
)
from spaceocr.core.store.schema import STORE_VERSION, migrate
from spaceocr.core.store.where import (
    PSEUDO_FIELDS,
    FieldRef,
    compile_sort,
    compile_where,
    fold,
)
from spaceocr.core.templates.schema import Template
from spaceocr.core.types import (
    CONFIDENT_RATIO,
    DocumentResult,
    FieldResult,
    FieldStatus,
    Grounding,
    LineItem,
    MatchHint,
    OcrChar,
    OcrPage,
    Point,
    Quad,
    ResultWarning,
)

__all__ = ["APPLICATION_ID", "DocumentSummary", "SheetInfo", "Store", "default_store_path"]

logger = logging.getLogger(__name__)

#: ``PRAGMA application_id`` of a spaceocr store ("SPOC")
APPLICATION_ID = 0x53504F43
ENV_VAR = "SPACEOCR_STORE"
BUSY_TIMEOUT_S = 10.0
_PAGES_ENCODING = "pages1+zlib"  #: see _encode_pages
_JSON_PAGES_ENCODING = "json+zlib"  #: OcrPage.to_dict list (read, no longer written)

_UNAVAILABLE = {
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_FULL",
    "SQLITE_READONLY",
    "SQLITE_CANTOPEN",
    "SQLITE_PERM",
    "SQLITE_NOMEM",
    "SQLITE_IOERR",
    "SQLITE_PROTOCOL",
    "SQLITE_AUTH",
}


def default_store_path() -> Path:
    """``SPACEOCR_STORE`` if set, else ``spaceocr.sqlite3`` in the user data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("spaceocr")) / "spaceocr.sqlite3"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _translate(exc: sqlite3.Error, path: str) -> StoreError:
    """An sqlite3 error as ours: the environment (unavailable) or the file/us (corrupt)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    base = name.split("_", 2)
    family = "_".join(base[:2]) if len(base) >= 2 else name
    text = str(exc)
    lowered = text.lower()
    if family in _UNAVAILABLE or any(
        s in lowered for s in ("locked", "readonly", "disk is full", "unable to open", "disk i/o")
    ):
        hint = {
            "SQLITE_BUSY": "another program is writing to it; try again",
            "SQLITE_LOCKED": "another program is writing to it; try again",
            "SQLITE_FULL": "the disk is full; free some space",
            "SQLITE_READONLY": "the file or its folder is read-only",
            "SQLITE_CANTOPEN": "the file or its folder cannot be opened",
        }.get(family, "check the file and its folder")
        return StoreUnavailable(
            f"{path}: the store is unavailable ({text}): {hint}",
            path=path,
            details={"sqlite": name or None},
        )
    if family in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "not a database" in lowered:
        return StoreCorrupt(
            f"{path}: the file is not a spaceocr store or is damaged ({text})",
            path=path,
            details={"sqlite": name or None},
        )
    return StoreCorrupt(
        f"{path}: unexpected store error ({text}); please report it",
        path=path,
        details={"sqlite": name or None},
    )


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """A sheet: its name, its template, how many documents it holds."""

    name: str
    template: str
    document_count: int
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One document of a sheet, without its cells."""

    doc_id: int
    sha256: str
    file_name: str
    page_count: int
    source_path: str
    added_at: str
    updated_at: str
    review_count: int
    engine: str
    extractor: str
    mode: str


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
        try:
            conn = sqlite3.connect(
                self.path,
                timeout=self.timeout_s,
                isolation_level=None,
                check_same_thread=False,  # only closed from another thread, never used there
            )
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise _translate(exc, str(self.path)) from None
        conn.create_function("sp_fold", 1, _sql_fold, deterministic=True)
        self._local.conn = conn
        with self._lock:
            self._conns.append(conn)
        return conn

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise _translate(exc, str(self.path)) from None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (taken at once, so writers queue instead of deadlocking)."""
        conn = self._conn()
        with self._guard():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        logger.warning("rollback failed", exc_info=True)
                raise
            conn.execute("COMMIT")

    def _check_identity(self, conn: sqlite3.Connection) -> None:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if app_id == APPLICATION_ID:
            return
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != 0 or tables:
            raise StoreCorrupt(
                f"{self.path}: this SQLite file is not a spaceocr store; choose another --store",
                path=self.path,
            )

    # ------------------------------------------------------------------ sheets
    def list_sheets(self) -> list[SheetInfo]:
        """Every sheet, by name."""
        with self._guard():
            rows = (
                self._conn()
                .execute(
                    "SELECT s.name, s.template, count(r.id), s.created_at, s.updated_at "
                    "FROM sheets s LEFT JOIN results r ON r.sheet_id = s.id "
                    "GROUP BY s.id ORDER BY s.name"
                )
                .fetchall()
            )
        return [SheetInfo(*row) for row in rows]

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
        _check_sheet_name(name)
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
        now = _now()
        cur = conn.execute(
            "INSERT INTO sheets (name, template, template_json, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                name,
                template.name,
                json.dumps(template_to_dict(template), ensure_ascii=False),
                now,
                now,
            ),
        )
        logger.info("sheet %r created for template %s", name, template.name)
        return int(cur.lastrowid or 0)

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
            _drop_orphan_documents(conn)
        logger.info("sheet %r deleted (%d documents)", name, n)
        return int(n)

    # ------------------------------------------------------------------ documents
    def has_document(self, sheet: str, sha256: str, template_name: str) -> bool:
        """True when ``sheet`` already holds a result of ``template_name`` for this file."""
        with self._guard():
            row = (
                self._conn()
                .execute(
                    "SELECT 1 FROM results r JOIN sheets s ON s.id = r.sheet_id "
                    "JOIN documents d ON d.id = r.document_id "
                    "WHERE s.name = ? AND d.sha256 = ? AND r.template = ?",
                    (sheet, sha256, template_name),
                )
                .fetchone()
            )
        return row is not None

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
        _check_sheet_name(sheet)
        if template is None:
            template = self._known_template(sheet, result.template) or template_for_result(result)
        elif template.name != result.template:
            raise SheetTemplateMismatch(
                f"the result was made with {result.template!r}, not {template.name!r}"
            )
        if not result.sha256:
            raise ValueError("a result needs its file's sha256 to be stored")
        cells = _cells_for_result(result, template)
        review = sum(1 for c in cells if c["review"])
        pages = _encode_pages(result.ocr_pages)
        now = _now()
        with self._write() as conn:
            sheet_id = self._ensure_sheet(conn, sheet, template)
            conn.execute(
                "INSERT INTO documents (sha256, file_name, page_count, page_sizes, added_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET "
                "file_name = excluded.file_name, page_count = excluded.page_count, "
                "page_sizes = excluded.page_sizes",
                (
                    result.sha256,
                    result.file_name,
                    result.page_count,
                    json.dumps([list(s) for s in result.page_sizes]),
                    now,
                ),
            )
            doc_id = conn.execute(
                "SELECT id FROM documents WHERE sha256 = ?", (result.sha256,)
            ).fetchone()[0]
            values = (
                result.template,
                result.mode,
                result.engine,
                result.extractor,
                result.schema_version,
                source_path,
                _dumps(
                    [
                        {"code": w.code, "message": w.message, "page": w.page_index}
                        for w in result.warnings
                    ]
                ),
                _dumps([list(c) for c in result.checks]),
                _dumps(dict(result.timings)),
                _dumps({k: v for k, v in result.meta.items() if k not in ("sheet", "doc_id")}),
                now,
                review,
            )
            old = conn.execute(
                "SELECT id FROM results WHERE sheet_id = ? AND document_id = ?", (sheet_id, doc_id)
            ).fetchone()
            if old is not None:
                result_id = int(old[0])
                conn.execute("DELETE FROM cells WHERE result_id = ?", (result_id,))
                conn.execute(
                    "UPDATE results SET template = ?, mode = ?, engine = ?, extractor = ?, "
                    "result_schema = ?, source_path = ?, warnings = ?, checks = ?, timings = ?, "
                    "meta = ?, updated_at = ?, review_count = ? WHERE id = ?",
                    (*values, result_id),
                )
            else:
                cur = conn.execute(
                    "INSERT INTO results (template, mode, engine, extractor, result_schema, "
                    "source_path, warnings, checks, timings, meta, updated_at, review_count, "
                    "sheet_id, document_id, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*values, sheet_id, doc_id, now),
                )
                result_id = int(cur.lastrowid or 0)
            conn.executemany(_INSERT_CELL, [_cell_params(result_id, c) for c in cells])
            conn.execute(
                "INSERT INTO ocr_pages (result_id, encoding, data) VALUES (?, ?, ?) "
                "ON CONFLICT (result_id) DO UPDATE SET encoding = excluded.encoding, "
                "data = excluded.data",
                (result_id, _PAGES_ENCODING, pages),
            )
            conn.execute("UPDATE sheets SET updated_at = ? WHERE id = ?", (now, sheet_id))
        return result_id

    def list_documents(self, sheet: str) -> list[DocumentSummary]:
        """The documents of a sheet, in the order they joined it."""
        with self._guard():
            conn = self._conn()
            sheet_id, _ = self._sheet_id(conn, sheet)
            rows = conn.execute(
                "SELECT r.id, d.sha256, d.file_name, d.page_count, r.source_path, r.created_at, "
                "r.updated_at, r.review_count, r.engine, r.extractor, r.mode "
                "FROM results r JOIN documents d ON d.id = r.document_id "
                "WHERE r.sheet_id = ? ORDER BY r.id",
                (sheet_id,),
            ).fetchall()
        return [DocumentSummary(*row) for row in rows]

    def resolve_document(self, sheet: str, ref: str | int) -> int:
        """A document's id from its id, a sha256 prefix (6+ hex digits) or its file name.

        Raises:
            SheetNotFound, SheetDocumentNotFound (also when a prefix or name is ambiguous).
        """
        with self._guard():
            conn = self._conn()
            sheet_id, _ = self._sheet_id(conn, sheet)
            text = str(ref).strip()
            base = (
                "SELECT r.id FROM results r JOIN documents d ON d.id = r.document_id "
                "WHERE r.sheet_id = ? AND "
            )
            found: list[Any] = []
            if text.isdigit():
                found = conn.execute(base + "r.id = ?", (sheet_id, int(text))).fetchall()
            if not found and len(text) >= 6 and all(c in "0123456789abcdefABCDEF" for c in text):
                found = conn.execute(
                    base + "substr(d.sha256, 1, ?) = ?", (sheet_id, len(text), text.lower())
                ).fetchall()
            if not found:
                found = conn.execute(base + "d.file_name = ?", (sheet_id, text)).fetchall()
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
            _drop_orphan_documents(conn)

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
        return _decode_pages(row[0], row[1], str(self.path))

    def load_result(self, sheet: str, doc: str | int, *, with_pages: bool = True) -> DocumentResult:
        """A stored result rebuilt as a :class:`DocumentResult` (with the clerk's corrections).

        ``meta`` gains ``sheet`` and ``doc_id``. Per-cell clerk state (confirmed, original
        value) is in :meth:`load_row`.
        """
        doc_id = self.resolve_document(sheet, doc)
        with self._guard():
            conn = self._conn()
            r = conn.execute(
                "SELECT r.template, r.mode, r.engine, r.extractor, r.result_schema, r.warnings, "
                "r.checks, r.timings, r.meta, d.file_name, d.sha256, d.page_count, d.page_sizes "
                "FROM results r JOIN documents d ON d.id = r.document_id WHERE r.id = ?",
                (doc_id,),
            ).fetchone()
            cell_rows = conn.execute(
                f"SELECT {_CELL_COLUMNS} FROM cells c WHERE c.result_id = ? "
                "ORDER BY c.position, c.item_index, c.id",
                (doc_id,),
            ).fetchall()
        pages = self.ocr_pages(sheet, doc_id) if with_pages else ()
        (
            template,
            mode,
            engine,
            extractor,
            schema,
            warnings,
            checks,
            timings,
            meta,
            file_name,
            sha256,
            page_count,
            page_sizes,
        ) = r
        fields: list[FieldResult] = []
        arrays: dict[str, dict[int, list[FieldResult]]] = {}
        for row in cell_rows:
            cell = _cell_view(row)
            fr = FieldResult(
                name=cell.name,
                value=cell.value,
                status=FieldStatus(cell.status),
                source=cell.source,
                normalized=cell.normalized,
                confidence=cell.confidence,
                grounding=cell.grounding,
                review_reasons=cell.review_reasons,
            )
            array, index = row[0], row[1]
            if not array:
                fields.append(fr)
                continue
            if array not in arrays:
                arrays[array] = {}
                fields.append(FieldResult(array, None, FieldStatus.OK, cell.source, is_array=True))
            arrays[array].setdefault(index, []).append(fr)
        fields = [
            FieldResult(
                f.name,
                None,
                FieldStatus.OK,
                f.source,
                is_array=True,
                items=tuple(LineItem(k, tuple(v)) for k, v in sorted(arrays[f.name].items())),
            )
            if f.is_array
            else f
            for f in fields
        ]
        meta_obj = json.loads(meta)
        meta_obj.update(sheet=sheet, doc_id=doc_id)
        return DocumentResult(
            template=template,
            fields=tuple(fields),
            file_name=file_name,
            sha256=sha256,
            page_count=page_count,
            page_sizes=tuple(tuple(s) for s in json.loads(page_sizes)),
            engine=engine,
            extractor=extractor,
            mode=mode,
            warnings=tuple(
                ResultWarning(w["code"], w["message"], w.get("page")) for w in json.loads(warnings)
            ),
            checks=tuple((str(a), bool(b), str(c)) for a, b, c in json.loads(checks)),
            timings=MappingProxyType(json.loads(timings)),
            meta=MappingProxyType(meta_obj),
            ocr_pages=pages,
            schema_version=schema,
        )

    # ------------------------------------------------------------------ queries
    def query_fields(self, sheet: str) -> dict[str, FieldRef]:
        """The names ``where``/``sort``/``select`` may use for a sheet (beside ``_id`` ...)."""
        template = self.sheet_template(sheet)
        out: dict[str, FieldRef] = {}
        children: dict[str, list[FieldRef]] = {}
        for spec in template.fields:
            if spec.is_array:
                for kid in spec.children:
                    ref = FieldRef(f"{spec.name}.{kid.name}", field_kind(kid.type), spec.name)
                    out[ref.name] = ref
                    children.setdefault(kid.name, []).append(ref)
            else:
                out[spec.name] = FieldRef(spec.name, field_kind(spec.type))
        for name, refs in children.items():
            if name not in out and len(refs) == 1:
                out[name] = refs[0]
        return out

    def _select_sql(self, sheet: str, where: str | None, sort: str | None) -> tuple[str, list[Any]]:
        fields = self.query_fields(sheet)
        with self._guard():
            sheet_id, _ = self._sheet_id(self._conn(), sheet)
        sql = "FROM results r JOIN documents d ON d.id = r.document_id WHERE r.sheet_id = ?"
        params: list[Any] = [sheet_id]
        if where and where.strip():
            wsql, wparams = compile_where(where, fields)
            sql += " AND " + wsql
            params += wparams
        order, oparams = compile_sort(sort or "", fields)
        return sql + " ORDER BY " + order, params + oparams

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
            heads = conn.execute(
                "SELECT r.id, d.file_name, d.sha256, r.created_at, r.source_path, "
                "d.page_count, r.review_count " + sql,
                params,
            ).fetchall()
            cells = self._cells_for(conn, [h[0] for h in heads], columns)
        rows = []
        for head in heads:
            scalar, items = cells.get(head[0], ({}, {}))
            rows.append(
                SheetRow(
                    doc_id=head[0],
                    file_name=head[1],
                    sha256=head[2],
                    added_at=head[3],
                    source_path=head[4],
                    page_count=head[5],
                    review_count=head[6],
                    cells=MappingProxyType(scalar),
                    items=MappingProxyType(
                        {
                            k: tuple(MappingProxyType(i) for i in v.values())
                            for k, v in items.items()
                        }
                    ),
                )
            )
        return rows

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
        names = [s.strip() for s in (select.split(",") if isinstance(select, str) else select)]
        names = [n for n in names if n]
        if not names:
            return None
        template = self.sheet_template(sheet)
        fields = self.query_fields(sheet)
        arrays = {f.name for f in template.array_fields}
        out = []
        for name in names:
            if name in PSEUDO_FIELDS or name in arrays:
                out.append(name)
            elif name in fields:
                out.append(fields[name].name)  # a bare child name becomes array.child
            else:
                known = ", ".join([*[f.name for f in template.fields], *fields])
                raise WhereError(f"--select: no field {name!r} in this sheet ({known})", field=name)
        return list(dict.fromkeys(out))

    def _cells_for(
        self, conn: sqlite3.Connection, ids: list[int], columns: list[str] | None
    ) -> dict[int, tuple[dict[str, CellView], dict[str, dict[int, dict[str, CellView]]]]]:
        out: dict[int, tuple[dict[str, CellView], dict[str, dict[int, dict[str, CellView]]]]] = {}
        want_scalar = {c for c in columns or () if "." not in c}
        want_array = want_scalar | {c.partition(".")[0] for c in columns or () if "." in c}
        want_child = {c for c in columns or () if "." in c}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                f"SELECT c.result_id, {_CELL_COLUMNS} FROM cells c "
                f"WHERE c.result_id IN ({marks}) ORDER BY c.result_id, c.position, "
                "c.item_index, c.id",
                chunk,
            ):
                rid, array, index = row[0], row[1], row[2]
                name = row[3]
                if columns is not None:
                    if not array and name not in want_scalar:
                        continue
                    if array and (
                        array not in want_array
                        or (array not in want_scalar and f"{array}.{name}" not in want_child)
                    ):
                        continue
                scalar, items = out.setdefault(rid, ({}, {}))
                cell = _cell_view(row[1:])
                if array:
                    items.setdefault(array, {}).setdefault(index, {})[name] = cell
                else:
                    scalar[name] = cell
        return out

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
        reasons: tuple[str, ...] = () if grounding is not None or not text else ("not_on_page",)
        if not text:
            status = FieldStatus.NOT_FOUND
        elif grounding is None:
            status = FieldStatus.NOT_GROUNDED
        elif grounding.match_ratio < CONFIDENT_RATIO:
            status = FieldStatus.LOW_CONFIDENCE
        else:
            status = FieldStatus.OK
        num, iso = _comparable(ftype, text or None, None)
        now = _now()
        position = [f.name for f in template.fields].index(spec.name)
        with self._write() as conn:
            existing = conn.execute(
                f"SELECT c.id, c.corrected, {_GROUNDING_COLUMNS} FROM cells c "
                "WHERE c.result_id = ? AND c.array_field = ? AND c.item_index = ? AND c.field = ?",
                (doc_id, ref.array, ref.item_index, ref.field),
            ).fetchone()
            g = _grounding_params(grounding)
            if existing is None:
                if ref.array:
                    n_items = conn.execute(
                        "SELECT count(DISTINCT item_index) FROM cells WHERE result_id = ? "
                        "AND array_field = ?",
                        (doc_id, ref.array),
                    ).fetchone()[0]
                    has_item = conn.execute(
                        "SELECT 1 FROM cells WHERE result_id = ? AND array_field = ? "
                        "AND item_index = ?",
                        (doc_id, ref.array, ref.item_index),
                    ).fetchone()
                    if has_item is None and ref.item_index != n_items:
                        raise ValueError(
                            f"{ref.array} has {n_items} item(s) (0..{n_items - 1}); a new one "
                            f"can only be added as {ref.array}[{n_items}]"
                        )
                conn.execute(
                    _INSERT_CELL,
                    _cell_params(
                        doc_id,
                        {
                            "array": ref.array,
                            "index": ref.item_index,
                            "field": ref.field,
                            "position": position,
                            "type": ftype,
                            "value": text or None,
                            "original": None,
                            "normalized": None,
                            "status": str(status),
                            "source": "clerk",
                            "confidence": 1.0,
                            "grounding": grounding,
                            "reasons": reasons,
                            "confirmed": int(confirm),
                            "corrected": 1,
                            "corrected_at": now,
                            "num": num,
                            "date": iso,
                            "review": False,
                        },
                    ),
                )
            else:
                cell_id, was_corrected = existing[0], existing[1]
                original_g = (
                    None
                    if was_corrected
                    else _dumps(dict(zip(_GROUNDING_KEYS, existing[2:], strict=True)))
                )
                conn.execute(
                    "UPDATE cells SET value = ?, normalized = NULL, status = ?, page = ?, "
                    "x0 = ?, y0 = ?, x1 = ?, y1 = ?, vertices = ?, match_ratio = ?, "
                    "bbox_source = ?, char_indices = ?, is_ambiguous = ?, review_reasons = ?, "
                    "confirmed = ?, corrected = 1, corrected_at = ?, num_value = ?, "
                    "date_value = ?, original_grounding = COALESCE(original_grounding, ?) "
                    "WHERE id = ?",
                    (
                        text or None,
                        str(status),
                        *g,
                        _dumps(list(reasons)),
                        int(confirm),
                        now,
                        num,
                        iso,
                        original_g,
                        cell_id,
                    ),
                )
            _refresh_review_count(conn, doc_id, now)
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
            cur = conn.execute(
                "SELECT * FROM cells WHERE result_id = ? AND array_field = ? "
                "AND item_index = ? AND field = ?",
                (doc_id, ref.array, ref.item_index, ref.field),
            )
            row = cur.fetchone()
            names = [d[0] for d in cur.description]
        return None if row is None else dict(zip(names, row, strict=True))

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
        now = _now()
        with self._write() as conn:
            conn.execute(
                "DELETE FROM cells WHERE result_id = ? AND array_field = ? AND item_index = ? "
                "AND field = ?",
                key,
            )
            if snapshot is not None:
                names = list(snapshot)
                known = {r[1] for r in conn.execute("PRAGMA table_info(cells)")}
                if not set(names) <= known:
                    raise ValueError("the snapshot names columns a cell does not have")
                conn.execute(
                    f"INSERT INTO cells ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' * len(names))})",
                    [snapshot[n] for n in names],
                )
            _refresh_review_count(conn, doc_id, now)
        logger.info("sheet %r doc %d: %s restored", sheet, doc_id, ref)

    def _hint_from_cell(self, sheet: str, doc_id: int, ref: CellRef) -> MatchHint | None:
        """Where the cell's value is now, so a correction printed more than once stays in
        the place it replaces (the same characters, else the nearest repeat)."""
        row = self.load_row(sheet, doc_id)
        if ref.array:
            items = row.items.get(ref.array, ())
            cells = items[ref.item_index] if 0 <= ref.item_index < len(items) else {}
        else:
            cells = row.cells
        cell = cells.get(ref.field)
        g = cell.grounding if cell is not None else None
        if g is None:
            return None
        x0, y0, x1, y1 = g.bbox
        return MatchHint(
            page_index=g.page_index,
            char_indices=g.char_indices,
            near=Point((x0 + x1) / 2, (y0 + y1) / 2),
        )

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
        clauses: list[str] = []
        params: list[Any] = []
        for name in fields or ():
            ref = parse_cell_ref(name)
            spec = template.field(ref.array or ref.field)
            if spec is None:
                raise ValueError(f"sheet {sheet!r} has no field {name!r}")
            if ref.array:
                clauses.append("(array_field = ? AND item_index = ? AND field = ?)")
                params += [ref.array, ref.item_index, ref.field]
            elif spec.is_array:
                clauses.append("(array_field = ?)")
                params.append(spec.name)
            else:
                clauses.append("(array_field = '' AND field = ?)")
                params.append(spec.name)
        now = _now()
        with self._write() as conn:
            sql = "UPDATE cells SET confirmed = ? WHERE result_id = ? AND confirmed != ?"
            if clauses:
                sql += " AND (" + " OR ".join(clauses) + ")"
            n = conn.execute(sql, [int(confirmed), doc_id, int(confirmed), *params]).rowcount
            _refresh_review_count(conn, doc_id, now)
        return int(n)


# --------------------------------------------------------------------------- helpers
def _check_sheet_name(name: str) -> None:
    if not name or not name.strip() or len(name) > 200 or any(ord(c) < 32 for c in name):
        raise ValueError(f"{name!r} is not a sheet name (1-200 characters, no control characters)")


def _sql_fold(text: Any) -> str | None:
    return None if text is None else fold(str(text))


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str, separators=(",", ":"))


def _encode_pages(pages: Sequence[OcrPage]) -> bytes:
    """A result's OCR pages, compact: a JSON header (texts, confidences, line and word numbers
    per page, as ``OcrPage.to_dict`` has them) and every quad as 8 little-endian doubles.

    Four times faster than ``json+zlib`` of ``to_dict`` (which rounds every coordinate) and
    exact: pages come back equal to what was saved.
    """
    header = []
    quads = array("d")
    extend = quads.extend
    for p in pages:
        header.append(
            {
                "index": p.index,
                "width_px": p.width_px,
                "height_px": p.height_px,
                "dpi": p.dpi,
                "engine": p.engine,
                "languages": list(p.languages),
                "warnings": list(p.warnings),
                "text": [c.text for c in p.chars],
                "confidence": [c.confidence for c in p.chars],
                "line_no": [c.line_no for c in p.chars],
                "word_no": [c.word_no for c in p.chars],
            }
        )
        for c in p.chars:
            q = c.quad
            extend((q.tl.x, q.tl.y, q.tr.x, q.tr.y, q.br.x, q.br.y, q.bl.x, q.bl.y))
    if sys.byteorder != "little":
        quads.byteswap()
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return zlib.compress(struct.pack("<I", len(head)) + head + quads.tobytes(), 1)


def _decode_pages(encoding: str, data: bytes, path: str) -> tuple[OcrPage, ...]:
    try:
        raw = zlib.decompress(data)
        if encoding == _JSON_PAGES_ENCODING:
            return tuple(OcrPage.from_dict(p) for p in json.loads(raw))
        if encoding != _PAGES_ENCODING:
            raise StoreCorrupt(f"{path}: OCR pages in an unknown encoding {encoding!r}", path=path)
        (n,) = struct.unpack_from("<I", raw)
        header = json.loads(raw[4 : 4 + n])
        quads = array("d")
        quads.frombytes(raw[4 + n :])
        if sys.byteorder != "little":
            quads.byteswap()
        pages = []
        k = 0
        for h in header:
            chars = []
            for text, conf, line_no, word_no in zip(
                h["text"], h["confidence"], h["line_no"], h["word_no"], strict=True
            ):
                v = quads[k : k + 8]
                k += 8
                quad = Quad(
                    Point(v[0], v[1]), Point(v[2], v[3]), Point(v[4], v[5]), Point(v[6], v[7])
                )
                chars.append(OcrChar(text, quad, conf, line_no, word_no))
            pages.append(
                OcrPage(
                    h["index"],
                    h["width_px"],
                    h["height_px"],
                    h["dpi"],
                    h["engine"],
                    tuple(chars),
                    tuple(h["languages"]),
                    tuple(h["warnings"]),
                )
            )
        if k != len(quads):
            raise ValueError("quad count does not match the characters")
        return tuple(pages)
    except (zlib.error, struct.error, ValueError, KeyError, TypeError, IndexError) as exc:
        raise StoreCorrupt(f"{path}: stored OCR pages are damaged ({exc})", path=path) from None


def _drop_orphan_documents(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM documents WHERE id NOT IN (SELECT document_id FROM results)")


def _comparable(
    ftype: str, value: str | None, normalized: str | None
) -> tuple[float | None, str | None]:
    if value is None:
        return None, None
    if ftype in ("amount", "number"):
        return sortable_number(value, normalized), None
    if ftype == "date":
        return None, (parse_date(normalized) if normalized else None) or parse_date(value)
    return None, None


def _needs_review(f: FieldResult) -> bool:
    return f.value is not None and (bool(f.review_reasons) or f.match_ratio < CONFIDENT_RATIO)


def _cell_dict(f: FieldResult, array: str, index: int, position: int, ftype: str) -> dict[str, Any]:
    num, iso = _comparable(ftype, f.value, f.normalized)
    return {
        "array": array,
        "index": index,
        "field": f.name,
        "position": position,
        "type": ftype,
        "value": f.value,
        "original": f.value,
        "normalized": f.normalized,
        "status": str(f.status),
        "source": f.source,
        "confidence": f.confidence,
        "grounding": f.grounding,
        "reasons": f.review_reasons,
        "confirmed": 0,
        "corrected": 0,
        "corrected_at": None,
        "num": num,
        "date": iso,
        "review": _needs_review(f),
    }


def _cells_for_result(result: DocumentResult, template: Template) -> list[dict[str, Any]]:
    specs = {s.name: s for s in template.fields}
    cells: list[dict[str, Any]] = []
    for pos, f in enumerate(result.fields):
        spec = specs.get(f.name)
        if f.is_array:
            kids = {c.name: c.type for c in spec.children} if spec else {}
            # items are numbered 0..n-1 in their order (the index ``line_items[k]`` uses)
            for k, item in enumerate(f.items):
                seen: set[str] = set()
                for c in item.fields:
                    if c.name in seen:
                        continue
                    seen.add(c.name)
                    cells.append(_cell_dict(c, f.name, k, pos, kids.get(c.name, "text")))
        else:
            cells.append(_cell_dict(f, "", -1, pos, spec.type if spec else "text"))
    return cells


_GROUNDING_KEYS = (
    "page",
    "x0",
    "y0",
    "x1",
    "y1",
    "vertices",
    "match_ratio",
    "bbox_source",
    "char_indices",
    "is_ambiguous",
)
_GROUNDING_COLUMNS = ", ".join(f"c.{k}" for k in _GROUNDING_KEYS)

_INSERT_CELL = (
    "INSERT INTO cells (result_id, array_field, item_index, field, position, field_type, value, "
    "original_value, normalized, status, source, confidence, page, x0, y0, x1, y1, vertices, "
    "match_ratio, bbox_source, char_indices, is_ambiguous, review_reasons, confirmed, "
    "corrected, corrected_at, num_value, date_value) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _grounding_params(g: Grounding | None) -> tuple[Any, ...]:
    if g is None:
        return (None, None, None, None, None, None, 0.0, "none", None, 0)
    x0, y0, x1, y1 = g.bbox
    verts = [v for p in g.quad.points for v in (p.x, p.y)]  # exact: repr round-trips
    return (
        g.page_index,
        x0,
        y0,
        x1,
        y1,
        _dumps(verts),
        float(g.match_ratio),
        g.bbox_source,
        _dumps(list(g.char_indices)),
        int(g.is_ambiguous),
    )


def _cell_params(result_id: int, c: dict[str, Any]) -> tuple[Any, ...]:
    return (
        result_id,
        c["array"],
        c["index"],
        c["field"],
        c["position"],
        c["type"],
        c["value"],
        c["original"],
        c["normalized"],
        c["status"],
        c["source"],
        float(c["confidence"]),
        *_grounding_params(c["grounding"]),
        _dumps(list(c["reasons"])),
        int(c["confirmed"]),
        int(c["corrected"]),
        c["corrected_at"],
        c["num"],
        c["date"],
    )


_CELL_COLUMNS = (
    "c.array_field, c.item_index, c.field, c.field_type, c.value, c.original_value, "
    "c.normalized, c.status, c.source, c.confidence, c.review_reasons, c.confirmed, "
    f"c.corrected, {_GROUNDING_COLUMNS}"
)


def _json_tuple(text: str | None) -> tuple[Any, ...]:
    return () if not text or text == "[]" else tuple(json.loads(text))


def _cell_view(row: Sequence[Any]) -> CellView:
    (
        _array,
        _index,
        name,
        ftype,
        value,
        original,
        normalized,
        status,
        source,
        confidence,
        reasons,
        confirmed,
        corrected,
        page,
        _x0,
        _y0,
        _x1,
        _y1,
        vertices,
        ratio,
        bbox_source,
        char_indices,
        ambiguous,
    ) = row
    grounding = None
    if page is not None and vertices:
        v = json.loads(vertices)
        grounding = Grounding(
            page_index=page,
            quad=Quad(Point(v[0], v[1]), Point(v[2], v[3]), Point(v[4], v[5]), Point(v[6], v[7])),
            match_ratio=ratio,
            bbox_source=bbox_source,
            char_indices=_json_tuple(char_indices),
            is_ambiguous=bool(ambiguous),
        )
    return CellView(
        name=name,
        value=value,
        field_type=ftype,
        status=status,
        source=source,
        normalized=normalized,
        confidence=confidence,
        grounding=grounding,
        review_reasons=_json_tuple(reasons),
        original_value=original,
        is_confirmed=bool(confirmed),
        is_corrected=bool(corrected),
    )


def _refresh_review_count(conn: sqlite3.Connection, result_id: int, now: str) -> None:
    n = 0
    for reasons, ratio in conn.execute(
        "SELECT review_reasons, match_ratio FROM cells "
        "WHERE result_id = ? AND value IS NOT NULL AND confirmed = 0",
        (result_id,),
    ):
        if json.loads(reasons or "[]") or (ratio or 0.0) < CONFIDENT_RATIO:
            n += 1
    conn.execute(
        "UPDATE results SET review_count = ?, updated_at = ? WHERE id = ?", (n, now, result_id)
    )
    # a clerk's edit changes the sheet too (``sheet list`` shows when it last changed)
    conn.execute(
        "UPDATE sheets SET updated_at = ? WHERE id = (SELECT sheet_id FROM results WHERE id = ?)",
        (now, result_id),
    )
