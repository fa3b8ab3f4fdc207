"""The work one batch job does on the processing lane: a document through the pipeline.

:class:`DocumentProcessor` builds the OCR engine and extractor of the mode once, on the
processing thread, the first time a document needs them (the embedded engine loads its
models lazily), and reuses them for the next documents. It is a plain callable, so tests and
the batch queue call it the same way.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

#: (stage, done, total), as the pipeline reports it
StageCallback = Callable[[str, int, int], None]

#: what the batch queue calls: (path, template, progress, cancel, sheet) -> DocumentResult.
#: A processor that saves the result itself marks it with ``meta["doc_id"]``; otherwise the
#: window saves it on the store lane.
Processor = Callable[[Path, str, StageCallback, threading.Event, str], Any]


def load_template_spec(spec: str) -> Any:
    """A built-in template by name, or a user's fields file by path."""
    from spaceocr.core.templates import load_fields_file, load_template

    if spec.lower().endswith(".json"):
        return load_fields_file(spec)
    return load_template(spec)


def process_hosted(
    path: str | Path,
    template: Any,
    *,
    dpi: int | None,
    progress: StageCallback | None,
    cancel: threading.Event,
    settings_path: str | Path | None = None,
    environ: Any = None,
) -> Any:
    """One document through the hosted space-ocr API (key from the keyring or the
    environment, base URL from ``SPACEOCR_API_BASE`` or the settings)."""
    from spaceocr.core.client import HostedClient
    from spaceocr.core.pipeline import PipelineOptions

    options = PipelineOptions() if dpi is None else PipelineOptions(dpi=dpi)
    with HostedClient.from_environment(settings_path=settings_path, environ=environ) as client:
        return client.process_document(
            path, template, options=options, progress=progress, cancel=cancel
        )


class DocumentProcessor:
    """Runs :func:`spaceocr.core.pipeline.process_document` with the mode's components."""

    def __init__(
        self,
        mode: str = "offline",
        *,
        dpi: int | None = None,
        settings_path: str | Path | None = None,
        environ: Any = None,
    ) -> None:
        self.mode = mode
        self.dpi = dpi
        self.settings_path = settings_path
        self.environ = environ  #: hosted mode: the environment to read the key from
        self._components: tuple[Any, Any] | None = None
        self._lock = threading.Lock()

    def _get_components(self) -> tuple[Any, Any]:
        from spaceocr.core.pipeline import build_components

        if self._components is None:
            self._components = build_components(self.mode)
        return self._components

    def __call__(
        self,
        path: Path,
        template: str,
        progress: StageCallback,
        cancel: threading.Event,
        sheet: str = "",
    ) -> Any:
        """Process one document (on the processing lane; one at a time)."""
        from spaceocr.core.pipeline import PipelineOptions, process_document

        with self._lock:
            if self.mode == "hosted":
                return process_hosted(
                    path,
                    load_template_spec(template),
                    dpi=self.dpi,
                    progress=progress,
                    cancel=cancel,
                    settings_path=self.settings_path,
                    environ=self.environ,
                )
            engine, extractor = self._get_components()
            options = PipelineOptions() if self.dpi is None else PipelineOptions(dpi=self.dpi)
            return process_document(
                path,
                load_template_spec(template),
                engine=engine,
                extractor=extractor,
                options=options,
                progress=progress,
                cancel=cancel,
                mode=self.mode,
            )
