"""How responsive the desktop app stays while it works through a batch.

    python bench/gui_latency.py [--data ../shared/data/dev] [--limit 6] [--big-pages 100]

Opens the real window (offscreen unless a display is set), drops documents of the dev set on
it (one real drop event per template), and runs the batch to the end. A timer fires every
10 ms on the GUI thread; the longest gap between two firings, minus 10 ms, is the longest
event-loop stall (target: at most 50 ms). Also printed: the time from the first drop to the
first page drawn and to the first result on screen, and the stalls over 50 ms.
``--big-pages N`` adds a generated N-page PDF to the queue (the UI must not freeze with it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def make_big_pdf(path: Path, pages: int) -> None:
    """A born-digital invoice of ``pages`` pages (text on every page)."""
    import pymupdf

    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), f"請求書 Invoice No. {1000 + i}", fontname="japan", fontsize=18)
        for row in range(25):
            line = f"Item {row:02d}   数量 {row + 1}   ¥{1200 * (row + 1):,}"
            page.insert_text((72, 110 + row * 22), line, fontname="japan", fontsize=11)
        page.insert_text((72, 700), f"合計 ¥{123456 + i:,}", fontname="japan", fontsize=14)
    doc.save(path)


def pick_documents(data: Path, limit: int) -> list[tuple[Path, str]]:
    """(file, template) of the first ``limit`` documents of the manifest, languages mixed."""
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    docs = [(data / d["file"], d["template"]) for d in manifest["docs"]]
    return docs[:limit]


def run(args: argparse.Namespace) -> dict[str, Any]:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from spaceocr.gui.app import preload
    from spaceocr.gui.main_window import MainWindow, local_urls
    from spaceocr.gui.stall_meter import StallMeter

    app = QApplication.instance() or QApplication([sys.argv[0]])
    preload()
    tmp = tempfile.TemporaryDirectory(prefix="spaceocr-bench-", ignore_cleanup_errors=True)
    docs = pick_documents(Path(args.data), args.limit)
    if args.big_pages:
        big = Path(tmp.name) / f"big_{args.big_pages}_pages.pdf"
        make_big_pdf(big, args.big_pages)
        docs.append((big, "invoice"))
    groups: dict[str, list[Path]] = {}
    for path, template in docs:
        groups.setdefault(template, []).append(path)

    window = MainWindow(store_path=Path(tmp.name) / "bench.sqlite3", mode=args.mode)
    window.resize(1400, 900)
    window.show()
    marks: dict[str, float] = {}
    meter = StallMeter(10)

    def mark(name: str) -> None:
        marks.setdefault(name, time.perf_counter())

    window.page_view.page_drawn.connect(lambda _p: mark("first_page_drawn"))
    window.document_shown.connect(lambda r: r is not None and mark("first_result_shown"))
    pending = list(groups.items())

    def drop_next() -> None:
        template, paths = pending.pop(0)
        window.template_combo.setCurrentIndex(window.template_combo.findData(template))
        mime = QMimeData()
        mime.setUrls(local_urls(paths))
        pos = QPointF(window.width() / 2, window.height() / 2)
        enter = QDragEnterEvent(
            pos.toPoint(),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(window, enter)  # Qt delivers a drop only after an accepted enter
        event = QDropEvent(
            pos,
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        mark("first_drop")
        QApplication.sendEvent(window, event)
        if pending:
            QTimer.singleShot(200, drop_next)

    def maybe_done() -> None:
        if not pending and not window.batch.is_busy and len(window.batch.model.jobs()) == len(docs):
            mark("done")
            QTimer.singleShot(300, app.quit)

    window.batch.batch_finished.connect(maybe_done)
    QTimer.singleShot(int(args.timeout * 1000), app.quit)
    # let the worker processes start before the clock runs, as a clerk's first drop would
    QTimer.singleShot(int(args.settle * 1000), lambda: (meter.start(), drop_next()))
    app.exec()
    meter.stop()
    jobs = window.batch.model.jobs()
    t0 = marks.get("first_drop", 0.0)
    out = {
        "documents": len(jobs),
        "done": sum(1 for j in jobs if j.state.value == "done"),
        "failed": sum(1 for j in jobs if j.state.value == "failed"),
        "pages": sum(j.total for j in jobs),
        "max_stall_ms": round(meter.max_stall_ms, 1),
        "stalls_over_50ms": len(meter.stalls),
        "drop_to_first_page_ms": round((marks["first_page_drawn"] - t0) * 1000)
        if "first_page_drawn" in marks
        else None,
        "drop_to_first_result_ms": round((marks["first_result_shown"] - t0) * 1000)
        if "first_result_shown" in marks
        else None,
        "batch_seconds": round(marks["done"] - t0, 1) if "done" in marks else None,
    }
    window.close()
    tmp.cleanup()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--data", default=str(Path(__file__).parents[1] / ".." / "shared" / "data" / "dev")
    )
    ap.add_argument("--limit", type=int, default=6, help="dev documents to queue (6)")
    ap.add_argument("--big-pages", type=int, default=0, help="also queue an N-page PDF")
    ap.add_argument("--mode", default="offline")
    ap.add_argument("--settle", type=float, default=3.0, help="seconds before the first drop")
    ap.add_argument("--timeout", type=float, default=1200.0)
    args = ap.parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    result = run(args)
    print(json.dumps(result))
    ok = result["max_stall_ms"] <= 50
    print(
        f"longest event-loop stall: {result['max_stall_ms']} ms "
        f"({'within' if ok else 'OVER'} the 50 ms target); drop to first page drawn: "
        f"{result['drop_to_first_page_ms']} ms",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
