"""Templates: which fields a document kind has, their types, and their labels per language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["FIELD_TYPES", "FieldSpec", "Template"]

FIELD_TYPES = (
    "text",
    "amount",
    "number",
    "date",
    "time",
    "phone",
    "email",
    "url",
    "id",
    "address",
    "currency",
    "array",
)


def _empty_labels() -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a template.

    ``labels`` maps a language code (``ja``, ``ko``, ``zh-Hans``, ``zh-Hant``, ``en``, ``de``,
    ...) to the printed labels that announce the field (``合計``, ``Total``); ``title`` maps a
    language to the name shown to a clerk.
    """

    name: str
    type: str = "text"
    description: str = ""
    labels: Mapping[str, tuple[str, ...]] = field(default_factory=_empty_labels)
    title: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    children: tuple[FieldSpec, ...] = ()

    @property
    def is_array(self) -> bool:
        return self.type == "array"

    def all_labels(self) -> tuple[str, ...]:
        """Every label in every language, longest first (so 税込合計 wins over 合計)."""
        seen = {lbl for lbls in self.labels.values() for lbl in lbls}
        return tuple(sorted(seen, key=lambda s: (-len(s), s)))

    def display_name(self, language: str = "en") -> str:
        return self.title.get(language) or self.title.get("en") or self.name


@dataclass(frozen=True, slots=True)
class Template:
    """A named list of fields (``receipt``, ``invoice``, or a user's own)."""

    name: str
    fields: tuple[FieldSpec, ...]
    description: str = ""
    title: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    is_builtin: bool = False

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    @property
    def scalar_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if not f.is_array)

    @property
    def array_fields(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.is_array)

    def display_name(self, language: str = "en") -> str:
        return self.title.get(language) or self.title.get("en") or self.name
