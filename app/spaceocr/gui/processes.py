"""Worker processes seen from the GUI: OCR and page renders outside the GUI's GIL.

A :class:`ChildWorker` owns one persistent child process (``spawn``) and is called from one
lane thread at a time: it sends a request and waits for the answer, forwarding progress and
turning a cancel of the job's :class:`threading.Event` into the child's shared event. If the
child dies, the request fails with a clear error and the next request starts a new child.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import threading
from pathlib import Path
from typing import Any

from spaceocr.gui import child as _child  # registers the pickling of read-only mappings

logger = logging.getLogger(__name__)


class ChildWorker:
    """One child process serving requests one at a time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._ctx = multiprocessing.get_context("spawn")
        self._proc: Any = None
        self._conn: Any = None
        self._cancel: Any = None
        self._lock = threading.Lock()

    def _ensure(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            return
        parent, child = self._ctx.Pipe(duplex=True)
        self._cancel = self._ctx.Event()
        self._proc = self._ctx.Process(
            target=_child.child_main,
            args=(child, self._cancel),
            name=f"spaceocr-{self.name}",
            daemon=True,
        )
        self._proc.start()
        child.close()
        self._conn = parent

    def request(
        self,
        msg: tuple[Any, ...],
        *,
        progress: Any = None,
        cancel: threading.Event | None = None,
    ) -> Any:
        """Send ``msg`` and wait for its result (on a lane thread, never the GUI thread).

        Raises:
            SpaceOcrError: the child's error (its code and message), Cancelled, or
                EngineRequestFailed when the child process died.
        """
        from spaceocr.core.errors import Cancelled, EngineRequestFailed, SpaceOcrError

        with self._lock:
            self._ensure()
            self._cancel.clear()
            self._conn.send(msg)
            while True:
                try:
                    # check the cancel before every message: a stream of progress replies
                    # must not keep a cancel from reaching the child
                    while True:
                        if cancel is not None and cancel.is_set():
                            self._cancel.set()
                        if self._conn.poll(0.05):
                            break
                        if not self._proc.is_alive():
                            raise EOFError
                    reply = self._conn.recv()
                except (EOFError, OSError):
                    self._proc = None
                    raise EngineRequestFailed(
                        f"the {self.name} worker process stopped unexpectedly; try again"
                    ) from None
                kind = reply[0]
                if kind == "progress":
                    if progress is not None:
                        progress(*reply[1:])
                    continue
                if kind == "result":
                    return reply[1]
                _, code, message, tb = reply
                if code == "cancelled":
                    raise Cancelled(message)
                if code == "unexpected":
                    logger.error("%s worker failed:\n%s", self.name, tb)
                    raise RuntimeError(message)
                raise SpaceOcrError(message, code=code)

    def warm_up(self, what: str) -> None:
        """Start the child and let it import what its requests need (on a lane thread)."""
        self.request(("warm", what))

    def close(self, timeout_s: float = 2.0) -> None:
        """Ask the child to quit; kill it if it does not."""
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if proc is None or conn is None:
            return
        if self._cancel is not None:
            self._cancel.set()
        with contextlib.suppress(OSError, EOFError):
            conn.send(None)
        proc.join(timeout_s)
        if proc.is_alive():
            proc.terminate()
            proc.join(1.0)
        conn.close()


class ProcessDocumentProcessor:
    """The batch queue's processor: the pipeline in a child process, one document at a time."""

    def __init__(
        self,
        mode: str = "offline",
        *,
        dpi: int = 200,
        store_path: str | Path | None = None,
        settings_path: str | Path | None = None,
    ) -> None:
        self.mode = mode
        self.dpi = dpi
        #: the settings file hosted mode reads its API base from (None: the default one)
        self.settings_path = settings_path
        #: where the child saves results; None: the GUI saves them (on its store lane)
        self.store_path = store_path
        self.worker = ChildWorker("ocr")

    def __call__(
        self,
        path: Path,
        template: str,
        progress: Any,
        cancel: threading.Event,
        sheet: str = "",
    ) -> Any:
        """Process one document (called on the processing lane).

        With a ``store_path`` the child also saves the result into ``sheet`` (the template's
        name when empty) and sends it back without its OCR pages, marked with
        ``meta["doc_id"]``: a long document's pages never cross the pipe, and serialising
        them never holds the GUI process's GIL.
        """
        save_to = None
        if self.store_path is not None:
            save_to = (str(self.store_path), sheet, str(path))
        return self.worker.request(
            (
                "process",
                str(path),
                template,
                self.mode,
                self.dpi,
                save_to,
                None if self.settings_path is None else str(self.settings_path),
            ),
            progress=progress,
            cancel=cancel,
        )

    def warm_up(self) -> None:
        """Start the child process ahead of the first document."""
        self.worker.warm_up("ocr")

    def close(self) -> None:
        """Stop the child process."""
        self.worker.close()
