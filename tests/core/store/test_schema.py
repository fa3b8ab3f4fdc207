"""Migrations: a store written by the first schema (tests/data/store_v1.sqlite3) opens today."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from spaceocr.core.store import STORE_VERSION, Store
from spaceocr.core.store import schema as store_schema

DATA = Path(__file__).resolve().parents[2] / "data"
V1 = DATA / "store_v1.sqlite3"


def _schema(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return {
            (name, " ".join(sql.split()))
            for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"
            )
        }
    finally:
        conn.close()


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(V1, path)
    return path


def test_the_v1_fixture_still_matches_the_first_schemas_ddl(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_store_v1", DATA / "make_store_v1.py")
    assert spec is not None and spec.loader is not None
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    fresh = tmp_path / "fresh_v1.sqlite3"
    maker.build(fresh)
    assert _schema(fresh) == _schema(V1)
    conn = sqlite3.connect(V1)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        cols = {r[1] for r in conn.execute("PRAGMA table_info(cells)")}
        assert "num_value" not in cols
    finally:
        conn.close()


def test_a_v1_store_migrates_to_the_current_schema(v1_copy: Path, tmp_path: Path) -> None:
    Store.open(v1_copy).close()
    fresh = tmp_path / "new.sqlite3"
    Store.open(fresh).close()
    conn = sqlite3.connect(v1_copy)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == STORE_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert _schema(v1_copy) == _schema(fresh)


def test_migration_back_fills_numbers_dates_and_review_counts(v1_copy: Path) -> None:
    with Store.open(v1_copy) as store:

        def files(where: str) -> list[str]:
            return [r.file_name for r in store.query("2026-01", where=where)]

        assert files("total > 10000") == ["january.pdf"]
        assert files("total < 2000") == ["february.pdf"]
        assert files("issue_date >= 2026-02-01") == ["february.pdf"]
        assert files("issue_date < 2026/1/31") == ["january.pdf"]
        assert files("line_items.amount = 12000") == ["january.pdf"]
        assert [d.review_count for d in store.list_documents("2026-01")] == [1, 1]
        assert [r.file_name for r in store.query("2026-01", sort="-total")] == [
            "january.pdf",
            "february.pdf",
        ]


def test_migrated_results_keep_the_clerks_state_and_can_be_edited(v1_copy: Path) -> None:
    with Store.open(v1_copy) as store:
        row = store.load_row("2026-01", "january.pdf")
        total = row.cells["total"]
        assert (total.value, total.original_value) == ("¥12,000", "¥12,800")
        assert total.is_corrected and total.is_confirmed
        assert row.cells["vendor_name"].is_confirmed
        result = store.load_result("2026-01", "january.pdf")
        assert result.ocr_pages == ()  # v1 kept no pages
        assert [f.name for f in result.fields][-1] == "line_items"
        cell = store.set_value("2026-01", "february.pdf", "total", "1.300,00 €")
        assert cell.original_value == "1.234,50 €"
        assert cell.grounding is None  # no pages to find it on: kept, flagged
        assert cell.review_reasons == ("not_on_page",)
        assert store.count("2026-01", "total = 1300") == 1


def test_a_failed_migration_leaves_the_store_at_its_old_version(
    v1_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE cells ADD COLUMN num_value REAL")
        raise sqlite3.OperationalError("simulated failure half-way")

    monkeypatch.setattr(store_schema, "MIGRATIONS", (store_schema.MIGRATIONS[0], broken))
    with pytest.raises(Exception, match="simulated failure"):
        Store.open(v1_copy)
    monkeypatch.undo()
    conn = sqlite3.connect(v1_copy)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "num_value" not in {r[1] for r in conn.execute("PRAGMA table_info(cells)")}
    finally:
        conn.close()
    with Store.open(v1_copy) as store:  # the real migration still runs afterwards
        assert store.count("2026-01", "total > 0") == 2
