"""Sheets and the documents they hold, as rows: listing, creating, finding a document.

Functions take a connection (the caller holds its guard or write transaction); the
:class:`~spaceocr.core.store.store.Store` façade turns a missing sheet into
:class:`SheetNotFound` with the names it knows.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from typing import Any

from spaceocr.core.store.rows import template_to_dict
from spaceocr.core.templates.schema import Template

__all__ = [
    "DocumentSummary",
    "SheetInfo",
    "check_sheet_name",
    "find_documents",
    "has_document",
    "insert_sheet",
    "list_documents",
    "list_sheets",
]

logger = logging.getLogger(__name__)


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


def check_sheet_name(name: str) -> None:
    """Refuse a name that is empty, blank, longer than 200 characters or has control ones.

    Raises:
        ValueError: such a name.
    """
    if not name or not name.strip() or len(name) > 200 or any(ord(c) < 32 for c in name):
        raise ValueError(f"{name!r} is not a sheet name (1-200 characters, no control characters)")


def list_sheets(conn: sqlite3.Connection) -> list[SheetInfo]:
    """Every sheet, by name."""
    rows = conn.execute(
        "SELECT s.name, s.template, count(r.id), s.created_at, s.updated_at "
        "FROM sheets s LEFT JOIN results r ON r.sheet_id = s.id "
        "GROUP BY s.id ORDER BY s.name"
    ).fetchall()
    return [SheetInfo(*row) for row in rows]


def insert_sheet(conn: sqlite3.Connection, name: str, template: Template, now: str) -> int:
    """Add an empty sheet for ``template``; returns its id."""
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


def has_document(conn: sqlite3.Connection, sheet: str, sha256: str, template_name: str) -> bool:
    """True when ``sheet`` already holds a result of ``template_name`` for this file."""
    row = conn.execute(
        "SELECT 1 FROM results r JOIN sheets s ON s.id = r.sheet_id "
        "JOIN documents d ON d.id = r.document_id "
        "WHERE s.name = ? AND d.sha256 = ? AND r.template = ?",
        (sheet, sha256, template_name),
    ).fetchone()
    return row is not None


def list_documents(conn: sqlite3.Connection, sheet_id: int) -> list[DocumentSummary]:
    """The documents of a sheet, in the order they joined it."""
    rows = conn.execute(
        "SELECT r.id, d.sha256, d.file_name, d.page_count, r.source_path, r.created_at, "
        "r.updated_at, r.review_count, r.engine, r.extractor, r.mode "
        "FROM results r JOIN documents d ON d.id = r.document_id "
        "WHERE r.sheet_id = ? ORDER BY r.id",
        (sheet_id,),
    ).fetchall()
    return [DocumentSummary(*row) for row in rows]


def find_documents(conn: sqlite3.Connection, sheet_id: int, text: str) -> list[Any]:
    """The ids of the documents ``text`` names: an id, else a sha256 prefix (6+ hex digits),
    else a file name (several when a prefix or a name is ambiguous)."""
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
    return found
