"""Connections to a store file: opening one, its write transactions and its errors.

A connection runs in autocommit mode (``isolation_level=None``) with foreign keys on and
``synchronous=NORMAL``; :func:`write_transaction` takes the write lock at once
(``BEGIN IMMEDIATE``) so writers queue instead of deadlocking. :func:`translate_error` sorts
an ``sqlite3`` error into the environment failing (:class:`StoreUnavailable`) or the file or
us being wrong (:class:`StoreCorrupt`).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spaceocr.core.errors import StoreCorrupt, StoreError, StoreUnavailable
from spaceocr.core.store.where import fold

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_S",
    "ENV_VAR",
    "check_identity",
    "connect",
    "default_store_path",
    "guard",
    "now_iso",
    "sql_fold",
    "translate_error",
    "write_transaction",
]

logger = logging.getLogger(__name__)

#: ``PRAGMA application_id`` of a spaceocr store ("SPOC")
APPLICATION_ID = 0x53504F43
ENV_VAR = "SPACEOCR_STORE"
BUSY_TIMEOUT_S = 10.0

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


def now_iso() -> str:
    """The time now, UTC, ISO 8601 to the second (as every stored timestamp is)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def translate_error(exc: sqlite3.Error, path: str) -> StoreError:
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


def sql_fold(text: Any) -> str | None:
    """``sp_fold(x)`` in SQL: :func:`spaceocr.core.store.where.fold` of a value (NULL kept)."""
    return None if text is None else fold(str(text))


def connect(path: Path, timeout_s: float) -> sqlite3.Connection:
    """A new connection to the store file, set up as every store connection is.

    Raises:
        StoreUnavailable / StoreCorrupt: see :func:`translate_error`.
    """
    try:
        conn = sqlite3.connect(
            path,
            timeout=timeout_s,
            isolation_level=None,
            check_same_thread=False,  # only closed from another thread, never used there
        )
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as exc:
        raise translate_error(exc, str(path)) from None
    conn.create_function("sp_fold", 1, sql_fold, deterministic=True)
    return conn


@contextmanager
def guard(path: Path) -> Iterator[None]:
    """Turn an ``sqlite3`` error raised inside into ours (:func:`translate_error`)."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate_error(exc, str(path)) from None


@contextmanager
def write_transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction (taken at once, so writers queue instead of deadlocking)."""
    with guard(path):
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


def check_identity(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a SQLite file that another program made (a fresh, empty file is fine).

    Raises:
        StoreCorrupt: the file has another ``application_id`` or tables of its own.
    """
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id == APPLICATION_ID:
        return
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != 0 or tables:
        raise StoreCorrupt(
            f"{path}: this SQLite file is not a spaceocr store; choose another --store",
            path=path,
        )
