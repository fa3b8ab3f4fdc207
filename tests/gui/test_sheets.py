"""The stored-sheets model and the store service on its lane."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spaceocr.core.store import DocumentSummary, Store
from spaceocr.gui.sheets import DocIdRole, StoredDocumentsModel, StoreService
from tests.gui.conftest import two_page_result


def summary(doc_id: int, name: str) -> DocumentSummary:
    return DocumentSummary(
        doc_id,
        "f" * 64,
        name,
        2,
        f"/x/{name}",
        "2026-05-01T10:00:00",
        "2026-05-01T10:00:00",
        3,
        "embedded",
        "rules",
        "offline",
    )


def test_stored_documents_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = StoredDocumentsModel()
    model.set_documents([summary(1, "a.pdf"), summary(7, "b.pdf")])
    qtmodeltester.check(model)
    assert model.index(1, 0).data() == "b.pdf"
    assert model.index(1, 0).data(DocIdRole) == 7
    assert model.index(0, 3).data() == "05-01 10:00"


def test_store_service_saves_lists_and_loads_on_its_lane(qtbot: Any, tmp_path: Path) -> None:
    service = StoreService(tmp_path / "s.sqlite3")
    try:
        with qtbot.waitSignal(service.sheets_loaded, timeout=10000):
            service.open()
        with qtbot.waitSignal(service.sheets_loaded, timeout=10000) as blocker:
            service.save(1, "may", two_page_result(), Path("/x/two_pages.pdf"), "invoice")
        assert blocker.args[0] == ["may"]
        with qtbot.waitSignal(service.documents_loaded, timeout=10000) as blocker:
            service.load_documents("may")
        (doc,) = blocker.args[1]
        with qtbot.waitSignal(service.result_loaded, timeout=10000) as blocker:
            service.load_result("may", doc.doc_id, doc.source_path)
        result, source = blocker.args
        assert result.get("total").value == "1,234"
        assert source == "/x/two_pages.pdf"
    finally:
        service.close()
    with Store.open(tmp_path / "s.sqlite3") as store:
        assert [s.name for s in store.list_sheets()] == ["may"]
