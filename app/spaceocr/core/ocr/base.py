"""The OCR engine seam: one verb, page image in, :class:`~spaceocr.core.types.OcrPage` out."""

from __future__ import annotations

import threading
from typing import Protocol, runtime_checkable

from PIL import Image

from spaceocr.core.types import OcrPage

__all__ = ["OcrEngine"]


@runtime_checkable
class OcrEngine(Protocol):
    """Reads one page image; every character comes back with its quad (page-relative).

    Engines take their dependencies (clients, keys, base URLs) in ``__init__``.
    """

    name: str
    version: str

    def is_available(self) -> bool:
        """True when the engine can run here (models installed, credentials present)."""
        ...

    def recognize(
        self,
        image: Image.Image,
        *,
        page_index: int = 0,
        dpi: float = 0.0,
        cancel: threading.Event | None = None,
    ) -> OcrPage:
        """Read ``image`` (RGB) and return what was seen, in reading order.

        Raises:
            EngineUnavailable, EngineRequestFailed, EngineAuthError, EngineQuotaError.
        """
        ...
