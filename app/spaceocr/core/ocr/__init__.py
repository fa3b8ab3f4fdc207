"""OCR engines behind one interface, and the registry that names them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spaceocr.core.errors import EngineUnavailable
from spaceocr.core.ocr.base import OcrEngine

__all__ = ["ENGINES", "OcrEngine", "create_engine", "engine_names"]


def _embedded(**kwargs: Any) -> OcrEngine:
    from spaceocr.core.ocr.embedded import EmbeddedEngine

    return EmbeddedEngine(**kwargs)


def _google_vision(**kwargs: Any) -> OcrEngine:
    from spaceocr.core.ocr.google_vision import GoogleVisionEngine

    return GoogleVisionEngine(**kwargs)


#: name -> factory; the factories import lazily so a missing optional library costs nothing.
ENGINES: dict[str, Callable[..., OcrEngine]] = {
    "embedded": _embedded,
    "google_vision": _google_vision,
}


def engine_names() -> tuple[str, ...]:
    return tuple(ENGINES)


def create_engine(name: str, **kwargs: Any) -> OcrEngine:
    """Build the engine called ``name``.

    Raises:
        EngineUnavailable: unknown name, or the engine's libraries are missing.
    """
    try:
        factory = ENGINES[name]
    except KeyError:
        raise EngineUnavailable(
            f"no OCR engine named {name!r}; choose one of {', '.join(ENGINES)}"
        ) from None
    try:
        return factory(**kwargs)
    except ImportError as exc:
        raise EngineUnavailable(
            f"the {name} OCR engine needs a library that is not installed ({exc.name}); "
            f"reinstall spaceocr with pip"
        ) from exc
