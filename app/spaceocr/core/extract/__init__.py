"""Extractors behind one interface, and the registry that names them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spaceocr.core.errors import EngineUnavailable
from spaceocr.core.extract.base import Extractor

__all__ = ["EXTRACTORS", "Extractor", "create_extractor", "extractor_names"]


def _rules(**kwargs: Any) -> Extractor:
    from spaceocr.core.extract.rules import RuleExtractor

    return RuleExtractor(**kwargs)


def _claude(**kwargs: Any) -> Extractor:
    from spaceocr.core.extract.claude import ClaudeExtractor

    return ClaudeExtractor(**kwargs)


EXTRACTORS: dict[str, Callable[..., Extractor]] = {
    "rules": _rules,
    "claude": _claude,
}


def extractor_names() -> tuple[str, ...]:
    return tuple(EXTRACTORS)


def create_extractor(name: str, **kwargs: Any) -> Extractor:
    """Build the extractor called ``name``.

    Raises:
        EngineUnavailable: unknown name, or its libraries are missing.
    """
    try:
        factory = EXTRACTORS[name]
    except KeyError:
        raise EngineUnavailable(
            f"no extractor named {name!r}; choose one of {', '.join(EXTRACTORS)}"
        ) from None
    try:
        return factory(**kwargs)
    except ImportError as exc:
        raise EngineUnavailable(
            f"the {name} extractor needs a library that is not installed ({exc.name})"
        ) from exc
