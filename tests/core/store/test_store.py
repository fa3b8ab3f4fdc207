"""The store on a real SQLite file: results kept whole, sheets, threads, and failures told apart."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

import pytest

from spaceocr.core.errors import (
    SheetDocumentNotFound,
    SheetNotFound,
    SheetTemplateMismatch,
    StoreCorrupt,
    StoreUnavailable,
)
from spaceocr.core.store import STORE_VERSION, Store, default_store_path
from spaceocr.core.templates import load_template, parse_template
from spaceocr.core.types import FieldStatus
from tests.core.store.factory import INVOICE, make_result


def sample(n: int = 0, **kw: object) -> object:
    return make_result(
        {
            "invoice_number": f"INV-{n:04d}",
            "issue_date": "2026/5/18",
            "vendor_name": "株式会社テスト",
            "total": f"¥{1000 + n:,}",
        },
        [
            {"description": "りんご", "quantity": "2", "amount": "¥600"},
            {"description": "みかん", "quantity": "1", "amount": f"¥{400 + n}"},
        ],
        file_name=f"doc{n}.pdf",
        **kw,  # type: ignore[arg-type]
    )


def test_store_opens_in_wal_mode_at_the_current_schema(store: Store, store_path: Path) -> None:
    conn = sqlite3.connect(store_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == STORE_VERSION
    finally:
        conn.close()


def test_default_store_path_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SPACEOCR_STORE", str(tmp_path / "env.sqlite3"))
    assert default_store_path() == tmp_path / "env.sqlite3"
    with Store.open() as s:
        assert s.path == tmp_path / "env.sqlite3"
    assert (tmp_path / "env.sqlite3").exists()
    monkeypatch.delenv("SPACEOCR_STORE")
    assert default_store_path().name == "spaceocr.sqlite3"


def test_load_result_gives_back_the_saved_result(store: Store) -> None:
    result = sample(1, review={"total": ("sum_mismatch",)})
    doc_id = store.save_result("jan", result, source_path="/in/doc1.pdf", template=INVOICE)
    loaded = store.load_result("jan", doc_id)
    assert loaded.fields == result.fields
    assert loaded.ocr_pages == result.ocr_pages  # exact: kept to re-ground edits
    assert (loaded.file_name, loaded.sha256, loaded.page_count) == (
        result.file_name,
        result.sha256,
        result.page_count,
    )
    assert loaded.page_sizes == result.page_sizes
    assert loaded.meta["doc_id"] == doc_id
    assert loaded.meta["sheet"] == "jan"
    assert loaded.get("total").status is FieldStatus.LOW_CONFIDENCE
    assert store.list_documents("jan")[0].source_path == "/in/doc1.pdf"
    assert store.list_documents("jan")[0].review_count == 1


def test_sheet_is_created_on_first_save_with_the_results_template(store: Store) -> None:
    assert store.list_sheets() == []
    result = sample(1)
    store.save_result("jan", result, template=INVOICE)
    [info] = store.list_sheets()
    assert (info.name, info.template, info.document_count) == ("jan", "invoice_t", 1)
    assert store.sheet_template("jan") == INVOICE
    assert store.has_document("jan", result.sha256, "invoice_t")
    assert not store.has_document("jan", result.sha256, "receipt")
    assert not store.has_document("feb", result.sha256, "invoice_t")


def test_builtin_template_is_found_by_name_when_not_given(store: Store) -> None:
    invoice = load_template("invoice")
    result = make_result({"invoice_number": "X-1", "total": "¥100"}, template=invoice)
    store.save_result("b", result)
    assert store.sheet_template("b").fields == invoice.fields


def test_a_sheet_refuses_results_of_another_template(store: Store) -> None:
    store.save_result("jan", sample(1), template=INVOICE)
    other = parse_template({"name": "receipt_t", "fields": ["total"]})
    with pytest.raises(SheetTemplateMismatch, match="invoice_t"):
        store.save_result("jan", make_result({"total": "¥1"}, template=other), template=other)
    assert store.sheet("jan").document_count == 1


def test_saving_the_same_file_again_replaces_it_and_keeps_its_id(store: Store) -> None:
    first = store.save_result("jan", sample(1), template=INVOICE)
    second = store.save_result("jan", sample(2), template=INVOICE)
    store.set_value("jan", first, "total", "¥600")
    again = store.save_result("jan", sample(1), template=INVOICE)  # what --force does
    assert again == first
    assert [d.doc_id for d in store.list_documents("jan")] == [first, second]
    row = store.load_row("jan", first)
    assert row.cells["total"].value == "¥1,001"
    assert not row.cells["total"].is_corrected


def test_one_file_can_be_in_two_sheets(store: Store) -> None:
    result = sample(1)
    a = store.save_result("a", result, template=INVOICE)
    b = store.save_result("b", result, template=INVOICE)
    store.set_value("a", a, "total", "¥600")
    assert store.load_row("b", b).cells["total"].value == "¥1,001"


def test_documents_are_found_by_id_sha_prefix_or_file_name(store: Store) -> None:
    result = sample(3)
    doc_id = store.save_result("jan", result, template=INVOICE)
    store.save_result("jan", sample(4), template=INVOICE)
    assert store.resolve_document("jan", doc_id) == doc_id
    assert store.resolve_document("jan", str(doc_id)) == doc_id
    assert store.resolve_document("jan", result.sha256[:8]) == doc_id
    assert store.resolve_document("jan", "doc3.pdf") == doc_id
    with pytest.raises(SheetDocumentNotFound):
        store.resolve_document("jan", "missing.pdf")
    with pytest.raises(SheetNotFound, match="jan"):
        store.resolve_document("feb", 1)


def test_delete_document_and_sheet_remove_their_rows(store: Store, store_path: Path) -> None:
    ids = [store.save_result("jan", sample(n), template=INVOICE) for n in range(3)]
    store.save_result("feb", sample(9), template=INVOICE)
    store.delete_document("jan", ids[1])
    assert [d.doc_id for d in store.list_documents("jan")] == [ids[0], ids[2]]
    assert store.delete_sheet("jan") == 2
    assert [s.name for s in store.list_sheets()] == ["feb"]
    conn = sqlite3.connect(store_path)
    try:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM ocr_pages").fetchone()[0] == 1
        n_cells = conn.execute("SELECT count(*) FROM cells").fetchone()[0]
        assert n_cells == 4 + 2 * 3
    finally:
        conn.close()


def test_threads_share_a_store_each_with_its_own_connection(store: Store) -> None:
    errors: list[BaseException] = []
    seen: set[int] = set()

    def writer(k: int) -> None:
        try:
            for n in range(8):
                store.save_result("t", sample(100 * k + n), template=INVOICE)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def reader() -> None:
        try:
            for _ in range(20):
                with contextlib.suppress(SheetNotFound):  # not made yet
                    seen.add(len(store.query("t", where="total > 0")))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    threads.append(threading.Thread(target=reader))
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert store.count("t") == 32
    assert len(store._conns) == 6  # the test's thread, four writers, one reader


def test_a_store_locked_by_another_writer_is_unavailable(store: Store, store_path: Path) -> None:
    blocker = sqlite3.connect(store_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        busy = Store.open(store_path, timeout_s=0.2)
        with pytest.raises(StoreUnavailable) as err:
            busy.save_result("jan", sample(1), template=INVOICE)
        assert err.value.code == "store_unavailable"
        assert "try again" in str(err.value)
        busy.close()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    store.save_result("jan", sample(1), template=INVOICE)  # the lock gone, it works


def test_a_full_disk_is_unavailable_not_corrupt(store: Store) -> None:
    conn = store._conn()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    big = make_result({"note": "x" * 200_000}, page_lines=["x"], file_name="big.pdf")
    with pytest.raises(StoreUnavailable, match="disk is full"):
        store.save_result("jan", big, template=INVOICE)


def test_a_read_only_store_is_unavailable(store_path: Path) -> None:
    from spaceocr.core.store.connection import translate_error

    conn = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError) as raw:
            conn.execute("DELETE FROM sheets")
    finally:
        conn.close()
    err = translate_error(raw.value, str(store_path))
    assert isinstance(err, StoreUnavailable)
    assert "read-only" in str(err)


def test_a_file_that_is_not_a_store_is_refused_as_corrupt(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreCorrupt, match="not a spaceocr store"):
        Store.open(junk)
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreCorrupt, match="not a spaceocr store"):
        Store.open(other)


def test_a_store_from_a_newer_spaceocr_is_refused(store_path: Path) -> None:
    conn = sqlite3.connect(store_path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(StoreUnavailable, match="newer spaceocr"):
        Store.open(store_path)


def test_a_folder_that_cannot_hold_the_store_is_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreUnavailable):
        Store.open(blocker / "sub" / "s.sqlite3")


def test_sheet_names_are_checked(store: Store) -> None:
    for bad in ("", "   ", "a\nb", "x" * 201):
        with pytest.raises(ValueError, match="sheet name"):
            store.save_result(bad, sample(1), template=INVOICE)


def test_a_result_without_sha256_cannot_be_stored(store: Store) -> None:
    from dataclasses import replace

    with pytest.raises(ValueError, match="sha256"):
        store.save_result("jan", replace(sample(1), sha256=""), template=INVOICE)


def test_a_closed_store_refuses_new_work(store_path: Path) -> None:
    from spaceocr.core.errors import StoreError

    s = Store.open(store_path)
    s.list_sheets()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.list_sheets()


def test_ocr_pages_in_the_json_encoding_still_load_and_damage_is_corrupt(
    store: Store, store_path: Path
) -> None:
    import json
    import zlib

    result = sample(1)
    doc_id = store.save_result("jan", result, template=INVOICE)
    legacy = zlib.compress(json.dumps([p.to_dict() for p in result.ocr_pages]).encode())
    conn = sqlite3.connect(store_path)
    try:
        conn.execute("UPDATE ocr_pages SET encoding = 'json+zlib', data = ?", (legacy,))
        conn.commit()
        assert store.ocr_pages("jan", doc_id)[0].text == result.ocr_pages[0].text
        head = json.dumps(
            [
                {
                    "index": 0,
                    "width_px": 1,
                    "height_px": 1,
                    "dpi": 1.0,
                    "engine": "t",
                    "languages": [],
                    "warnings": [],
                    "text": ["a"],
                    "confidence": [1.0],
                    "line_no": [0],
                    "word_no": [0],
                }
            ]
        ).encode()
        truncated = len(head).to_bytes(4, "little") + head  # the quads are missing
        conn.execute(
            "UPDATE ocr_pages SET encoding = 'pages1+zlib', data = ?", (zlib.compress(truncated),)
        )
        conn.commit()
    finally:
        conn.close()
    with pytest.raises(StoreCorrupt, match="damaged"):
        store.ocr_pages("jan", doc_id)


def test_a_sheet_made_first_keeps_its_custom_templates_types(store: Store) -> None:
    custom = parse_template(
        {
            "name": "mine",
            "fields": [{"name": "paid", "type": "amount"}, {"name": "when", "type": "date"}],
        }
    )
    store.create_sheet("c", custom)
    result = make_result({"paid": "¥2,500", "when": "2026年5月1日"}, template=custom)
    store.save_result("c", result)  # no template given: the sheet's is used
    assert store.sheet_template("c") == custom
    assert store.count("c", "paid > 2000 and when = 2026-05-01") == 1
    with pytest.raises(SheetTemplateMismatch):
        store.create_sheet("c", INVOICE)


def test_without_any_template_the_results_fields_become_text_columns(store: Store) -> None:
    custom = parse_template({"name": "adhoc", "fields": ["a", {"name": "rows", "children": ["x"]}]})
    result = make_result({"a": "1"}, template=custom)
    store.save_result("d", result)
    template = store.sheet_template("d")
    assert template.name == "adhoc"
    assert [(f.name, f.type) for f in template.fields] == [("a", "text")]


def test_the_store_packages_public_names_import() -> None:
    import spaceocr.core.store as pkg

    assert sorted(pkg.__all__) == sorted(set(pkg.__all__))
    for name in pkg.__all__:
        assert getattr(pkg, name) is not None
