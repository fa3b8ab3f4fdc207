"""The stored-sheets model and the store service on its lane."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spaceocr.core.store import DocumentSummary, Store
from spaceocr.gui.sheets import DocIdRole, StoredDocumentsModel, StoreService
from tests.gui.conftest import two_page_result
from tests.gui.test_main_window import run_drop
from tests.gui.test_review import wait_store


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


def test_a_review_count_change_updates_only_that_row(qtmodeltester: Any, qtbot: Any) -> None:
    model = StoredDocumentsModel()
    model.set_documents([summary(1, "a.pdf"), summary(7, "b.pdf")])
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.set_review_count(7, 1)
    assert blocker.args[0] == blocker.args[1] == model.index(1, 2)
    assert (model.index(0, 2).data(), model.index(1, 2).data()) == ("3", "1")
    model.set_review_count(99, 0)  # not in this sheet: nothing happens
    qtmodeltester.check(model)


def test_the_review_column_follows_confirmations_and_corrections_without_a_reload(
    qtbot: Any, review_window: Any, two_docs: list[Path], tmp_path: Path
) -> None:
    w = review_window
    run_drop(qtbot, w, two_docs[:1], 1)
    wait_store(qtbot, w)
    panel = w.sheets_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10000)
    review = panel.model.index(0, StoredDocumentsModel.COLUMNS.index("review"))
    assert review.data() == "3"
    reloads: list[str] = []
    w.store.documents_loaded.connect(lambda sheet, _docs: reloads.append(sheet))

    w.focus_field("vendor_name")
    w.confirm_current()  # Enter
    qtbot.waitUntil(lambda: review.data() == "2", timeout=10000)
    with qtbot.waitSignal(w.value_corrected, timeout=10000):
        w.edit_field("due_date", "9,999")  # not on the page before; now it is
    assert review.data() == "1"
    with qtbot.waitSignal(w.value_corrected, timeout=10000):
        w.menus.undo_action.trigger()
    assert review.data() == "2"
    w.menus.undo_action.trigger()  # the confirmation taken back
    qtbot.waitUntil(lambda: review.data() == "3", timeout=10000)
    wait_store(qtbot, w)
    assert reloads == []  # the row was updated in place, the sheet was not listed again
    with Store.open(tmp_path / "store.sqlite3") as store:
        assert store.list_documents("invoice")[0].review_count == 3
