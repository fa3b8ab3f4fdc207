"""The code that runs inside spaceocr's worker processes (no Qt here).

PyMuPDF renders a page and onnxruntime builds its sessions inside single C calls that hold
the GIL for 100–300 ms; in the GUI's process that would freeze the window once per page.
So OCR and page renders run in child processes (``spawn``, so no Qt state is forked), one
request at a time over a pipe. :mod:`spaceocr.gui.processes` is the GUI side.

Messages to a child: ``("warm", "ocr"|"render")`` (import ahead), ``("process", path,
template, mode, dpi, save_to)``, ``("render", path, page, dpi)`` or ``None`` (quit). Messages back:
``("progress", stage, done, total)``, then ``("result", value)`` or ``("error", code,
message, traceback_text)``.
"""

from __future__ import annotations

import contextlib
import copyreg
import logging
import os
import traceback
from types import MappingProxyType
from typing import Any

logger = logging.getLogger(__name__)


def _mappingproxy(d: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(d)


def _pickle_mappingproxy(m: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _mappingproxy, (dict(m),)


# results hold read-only mappings (timings, meta); let them cross the pipe
copyreg.pickle(MappingProxyType, _pickle_mappingproxy)


def child_main(conn: Any, cancel: Any) -> None:
    """The child's loop: serve requests until ``None`` or the pipe closes."""
    if hasattr(os, "nice"):
        # OCR saturates every core; at a lower priority it never takes the CPU from the window
        with contextlib.suppress(OSError):
            os.nice(10)
    logging.basicConfig(level=logging.WARNING)
    for noisy in ("RapidOCR", "rapidocr", "onnxruntime"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    state: dict[str, Any] = {"components": {}, "docs": {}}
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            break
        if msg is None:
            break
        try:
            value: Any
            if msg[0] == "warm":
                value = _warm(msg[1])
            elif msg[0] == "process":
                value = _process(conn, cancel, state, *msg[1:])
            elif msg[0] == "render":
                value = _render(state, *msg[1:])
            else:
                raise ValueError(f"unknown request {msg[0]!r}")
            conn.send(("result", value))
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
            code = getattr(exc, "code", "unexpected")
            text = "" if code != "unexpected" else traceback.format_exc()
            try:
                conn.send(("error", str(code), str(exc), text))
            except (OSError, EOFError):
                break
    for doc in state["docs"].values():
        doc.close()
    for store in state.get("stores", {}).values():
        store.close()


def _warm(what: str) -> bool:
    """Import what the requests will need, before the first one arrives."""
    import spaceocr.core.documents

    if what == "ocr":
        import spaceocr.core.pipeline  # noqa: F401
    return True


def _process(
    conn: Any,
    cancel: Any,
    state: dict[str, Any],
    path: str,
    template: str,
    mode: str,
    dpi: int,
    save_to: tuple[str, str, str] | None = None,
    settings_path: str | None = None,
) -> Any:
    from spaceocr.core.pipeline import PipelineOptions, build_components, process_document
    from spaceocr.gui.processing import load_template_spec, process_hosted

    def progress(stage: str, done: int, total: int) -> None:
        conn.send(("progress", stage, done, total))

    tpl = load_template_spec(template)
    if mode == "hosted":
        result = process_hosted(
            path, tpl, dpi=dpi, progress=progress, cancel=cancel, settings_path=settings_path
        )
        return result if save_to is None else _save(state, result, tpl, *save_to)
    components = state["components"]
    if mode not in components:
        components[mode] = build_components(mode)
    engine, extractor = components[mode]
    result = process_document(
        path,
        tpl,
        engine=engine,
        extractor=extractor,
        options=PipelineOptions(dpi=dpi),
        progress=progress,
        cancel=cancel,
        mode=mode,
    )
    if save_to is None:
        return result
    return _save(state, result, tpl, *save_to)


def _save(
    state: dict[str, Any], result: Any, template: Any, store_path: str, sheet: str, source_path: str
) -> Any:
    """Save into the store; the result goes back without its OCR pages, with its doc id."""
    import dataclasses

    from spaceocr.core.store import Store

    stores = state.setdefault("stores", {})
    store = stores.get(store_path)
    if store is None:
        store = stores[store_path] = Store.open(store_path)
    sheet = sheet or result.template
    doc_id = store.save_result(sheet, result, source_path=source_path, template=template)
    meta = MappingProxyType({**dict(result.meta), "sheet": sheet, "doc_id": doc_id})
    return dataclasses.replace(result, meta=meta, ocr_pages=())


def _render(state: dict[str, Any], path: str, page: int, dpi: int) -> tuple[int, int, bytes]:
    from spaceocr.core.documents import open_document

    docs = state["docs"]
    key = (path, dpi)
    doc = docs.get(key)
    if doc is None:
        doc = open_document(path, dpi=dpi)
        docs[key] = doc
        while len(docs) > 3:
            docs.pop(next(iter(docs))).close()
    image = doc.page(page).image
    if image.mode != "RGB":
        image = image.convert("RGB")
    return image.width, image.height, image.tobytes("raw", "RGB")
