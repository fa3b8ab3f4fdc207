"""Renders document pages to QImages on the render lane, newest request wins.

By default the pixels are made in a child process (PyMuPDF holds the GIL while it renders,
which would stall the window); the render lane waits for them and wraps them in a
:class:`QImage`, so the GUI thread only turns it into a pixmap. In-process rendering (tests)
keeps a few documents open, touched only by the render lane's thread.
Every request is numbered; an answer that a newer request overtook is dropped (zooming
quickly, flipping pages, clicking through the queue).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from spaceocr.gui.workers import Lane, LatestWins

logger = logging.getLogger(__name__)

DISPLAY_DPI = 200  #: the pipeline's default, so a render matches the result's page sizes
MAX_DPI = 400


def pil_to_qimage(image: Any) -> QImage:
    """An RGB PIL image as a QImage that owns its pixels (safe off the GUI thread)."""
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    w, h = rgb.size
    return QImage(data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class _DocumentCache:
    """A few open documents, used by the render lane's single thread only."""

    def __init__(self, size: int = 3) -> None:
        self.size = size
        self._docs: OrderedDict[tuple[str, int], Any] = OrderedDict()

    def get(self, path: Path, dpi: int) -> Any:
        from spaceocr.core.documents import open_document

        key = (str(path), dpi)
        doc = self._docs.get(key)
        if doc is None:
            doc = open_document(path, dpi=dpi)
            self._docs[key] = doc
            while len(self._docs) > self.size:
                _, old = self._docs.popitem(last=False)
                old.close()
        else:
            self._docs.move_to_end(key)
        return doc

    def close(self) -> None:
        for doc in self._docs.values():
            doc.close()
        self._docs.clear()


class PageRenderer(QObject):
    """Asynchronous page renders; only the newest request's image is delivered."""

    rendered = Signal(str, int, QImage)  #: path, page index, image
    failed = Signal(str, int, str)  #: path, page index, error code

    def __init__(self, parent: QObject | None = None, *, in_child_process: bool = True) -> None:
        super().__init__(parent)
        self._lane = Lane("render", 1, self)
        self._child: Any = None
        if in_child_process:
            from spaceocr.gui.processes import ChildWorker

            self._child = ChildWorker("render")
        self._latest = LatestWins()
        self._cache = _DocumentCache()
        self._images: OrderedDict[tuple[str, int, int], QImage] = OrderedDict()

    def warm_up(self) -> None:
        """Start the render process now, so the first page shows quickly."""
        if self._child is not None:
            child = self._child
            self._lane.submit(lambda: child.warm_up("render"))

    def request(self, path: Path, page_index: int, dpi: int = DISPLAY_DPI) -> int:
        """Render page ``page_index`` of ``path`` at ``dpi``; returns the request's number."""
        dpi = max(36, min(int(dpi), MAX_DPI))
        token = self._latest.next()
        key = (str(path), page_index, dpi)
        cached = self._images.get(key)
        if cached is not None:
            self._images.move_to_end(key)
            self.rendered.emit(str(path), page_index, cached)
            return token
        cache, child = self._cache, self._child

        def work() -> QImage:
            if child is not None:
                w, h, data = child.request(("render", str(path), page_index, dpi))
                return QImage(data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
            doc = cache.get(path, dpi)
            return pil_to_qimage(doc.page(page_index).image)

        def done(image: QImage) -> None:
            self._remember(key, image)
            if self._latest.is_current(token):
                self.rendered.emit(str(path), page_index, image)

        def error(exc: BaseException) -> None:
            code = getattr(exc, "code", "unexpected")
            if code == "unexpected":
                logger.error("render failed", exc_info=(type(exc), exc, exc.__traceback__))
            if self._latest.is_current(token):
                self.failed.emit(str(path), page_index, code)

        self._lane.submit(work, on_result=done, on_error=error)
        return token

    def _remember(self, key: tuple[str, int, int], image: QImage) -> None:
        self._images[key] = image
        while len(self._images) > 6:
            self._images.popitem(last=False)

    def shutdown(self, timeout_ms: int = 2000) -> None:
        """Wait for the render in flight and close the open documents."""
        if self._lane.wait(timeout_ms):
            self._cache.close()  # else the render in flight still uses them; the OS cleans up
        if self._child is not None:
            self._child.close()
