"""The store's SQLite schema and its migrations.

``PRAGMA user_version`` holds the schema version. A new store runs every migration in turn,
so a store made by any earlier spaceocr and a new one end up with the same tables. Each
migration runs in one transaction; a store newer than this code is refused (it may hold
data this version would not keep).

Version 1 (the first schema): sheets, documents, results and one row per field or line-item
cell, with the clerk's state (confirmed, corrected value beside the original).

Version 2: a numeric and an ISO-date form of every cell (so queries compare amounts as
numbers and dates as dates; back-filled from the stored values), the OCR pages of each result
(compressed, with the encoding named beside them, so a corrected value can be re-grounded
without OCR), the original
grounding of corrected cells, a review count per result, and indexes for queries.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable

from spaceocr.core.errors import StoreUnavailable
from spaceocr.core.store.normalize import parse_date, sortable_number

__all__ = ["SCHEMA_V1", "STORE_VERSION", "migrate"]

logger = logging.getLogger(__name__)

#: The first schema, exactly as spaceocr 0.1 created it (tests keep a database made from it).
SCHEMA_V1 = """
CREATE TABLE sheets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    template TEXT NOT NULL,
    template_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    file_name TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    page_sizes TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    sheet_id INTEGER NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    template TEXT NOT NULL,
    mode TEXT NOT NULL,
    engine TEXT NOT NULL,
    extractor TEXT NOT NULL,
    result_schema INTEGER NOT NULL,
    source_path TEXT NOT NULL,
    warnings TEXT NOT NULL,
    checks TEXT NOT NULL,
    timings TEXT NOT NULL,
    meta TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (sheet_id, document_id)
);
CREATE TABLE cells (
    id INTEGER PRIMARY KEY,
    result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
    array_field TEXT NOT NULL DEFAULT '',
    item_index INTEGER NOT NULL DEFAULT -1,
    field TEXT NOT NULL,
    position INTEGER NOT NULL,
    field_type TEXT NOT NULL,
    value TEXT,
    original_value TEXT,
    normalized TEXT,
    status TEXT NOT NULL,
    source TEXT NOT NULL,
    confidence REAL NOT NULL,
    page INTEGER,
    x0 REAL, y0 REAL, x1 REAL, y1 REAL,
    vertices TEXT,
    match_ratio REAL NOT NULL DEFAULT 0,
    bbox_source TEXT NOT NULL DEFAULT 'none',
    char_indices TEXT,
    is_ambiguous INTEGER NOT NULL DEFAULT 0,
    review_reasons TEXT NOT NULL DEFAULT '[]',
    confirmed INTEGER NOT NULL DEFAULT 0,
    corrected INTEGER NOT NULL DEFAULT 0,
    corrected_at TEXT,
    UNIQUE (result_id, array_field, item_index, field)
);
CREATE INDEX results_sheet ON results(sheet_id);
"""

_V2 = """
ALTER TABLE cells ADD COLUMN num_value REAL;
ALTER TABLE cells ADD COLUMN date_value TEXT;
ALTER TABLE cells ADD COLUMN original_grounding TEXT;
ALTER TABLE results ADD COLUMN review_count INTEGER NOT NULL DEFAULT 0;
CREATE TABLE ocr_pages (
    result_id INTEGER PRIMARY KEY REFERENCES results(id) ON DELETE CASCADE,
    encoding TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE INDEX cells_lookup ON cells(field, array_field, result_id);
CREATE INDEX results_document ON results(document_id);
"""

_CONFIDENT = 0.85


def _v1(conn: sqlite3.Connection) -> None:
    for stmt in _statements(SCHEMA_V1):
        conn.execute(stmt)


def _v2(conn: sqlite3.Connection) -> None:
    for stmt in _statements(_V2):
        conn.execute(stmt)
    rows = conn.execute(
        "SELECT id, field_type, value, normalized FROM cells WHERE value IS NOT NULL"
    ).fetchall()
    updates = []
    for cell_id, ftype, value, normalized in rows:
        num = sortable_number(value, normalized) if ftype in ("amount", "number") else None
        date = (parse_date(normalized) or parse_date(value)) if ftype == "date" else None
        if num is not None or date is not None:
            updates.append((num, date, cell_id))
    conn.executemany("UPDATE cells SET num_value = ?, date_value = ? WHERE id = ?", updates)
    counts: dict[int, int] = {}
    for result_id, reasons, ratio in conn.execute(
        "SELECT result_id, review_reasons, match_ratio FROM cells "
        "WHERE value IS NOT NULL AND confirmed = 0"
    ):
        if json.loads(reasons or "[]") or (ratio or 0.0) < _CONFIDENT:
            counts[result_id] = counts.get(result_id, 0) + 1
    conn.executemany(
        "UPDATE results SET review_count = ? WHERE id = ?", [(n, r) for r, n in counts.items()]
    )
    logger.info("store migrated to version 2 (%d cells back-filled)", len(updates))


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


#: migration k (0-based) takes a store from version k to version k + 1
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2)
STORE_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Bring the store on ``conn`` up to :data:`STORE_VERSION`; returns the version it had.

    Each step runs in its own transaction (``BEGIN IMMEDIATE``), so a crash mid-way leaves the
    store at the last finished version.

    Raises:
        StoreUnavailable: the store was made by a newer spaceocr.
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    start = version
    if version > STORE_VERSION:
        raise StoreUnavailable(
            f"{path}: the store was made by a newer spaceocr (schema {version}; this version "
            f"reads up to {STORE_VERSION}); upgrade spaceocr or use another --store",
            path=path,
            details={"schema": version},
        )
    while version < STORE_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # re-read inside the lock: another process may have migrated meanwhile
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version >= STORE_VERSION:
                conn.execute("COMMIT")
                break
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version += 1
    return start
