"""Load templates: the built-in ones shipped as JSON, or a user's own file.

A template file is JSON::

    {"name": "receipt", "title": {"en": "Receipt"}, "description": "...",
     "fields": [{"name": "total", "type": "amount", "labels": {"ja": ["合計"]}},
                {"name": "line_items", "type": "array", "children": [...]}]}

A user's field list (``--fields SPEC.json``) may also be just the list of fields, or
``{"fields": [...]}``; a field may be a bare name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from spaceocr.core.errors import TemplateError, TemplateNotFound
from spaceocr.core.templates.schema import FIELD_TYPES, FieldSpec, Template

__all__ = ["builtin_names", "list_templates", "load_fields_file", "load_template", "parse_template"]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _parse_field(obj: Any, where: str) -> FieldSpec:
    if isinstance(obj, str):
        obj = {"name": obj}
    if not isinstance(obj, Mapping):
        raise TemplateError(f"{where}: a field must be an object or a name, got {obj!r}")
    name = obj.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise TemplateError(f"{where}: field name {name!r} must be letters, digits and underscores")
    ftype = obj.get("type", "array" if obj.get("children") else "text")
    if ftype not in FIELD_TYPES:
        raise TemplateError(
            f"{where}: field {name!r} has unknown type {ftype!r}; use one of "
            + ", ".join(FIELD_TYPES)
        )
    labels_raw = obj.get("labels") or {}
    if not isinstance(labels_raw, Mapping):
        raise TemplateError(f"{where}: labels of {name!r} must map a language to a list")
    labels = MappingProxyType(
        {
            str(lang): tuple(str(x) for x in (v if isinstance(v, list) else [v]))
            for lang, v in labels_raw.items()
        }
    )
    title_raw = obj.get("title") or {}
    title = MappingProxyType(
        {"en": title_raw}
        if isinstance(title_raw, str)
        else {str(k): str(v) for k, v in title_raw.items()}
    )
    children = tuple(_parse_field(c, f"{where} > {name}") for c in (obj.get("children") or ()))
    if ftype == "array" and not children:
        raise TemplateError(f"{where}: array field {name!r} needs children")
    return FieldSpec(
        name=name,
        type=ftype,
        description=str(obj.get("description") or ""),
        labels=labels,
        title=title,
        children=children,
    )


def parse_template(
    obj: Any, *, source: str = "<template>", default_name: str = "custom"
) -> Template:
    """Build a :class:`Template` from parsed JSON (a template, ``{"fields": ...}`` or a list)."""
    if isinstance(obj, list):
        obj = {"fields": obj}
    if not isinstance(obj, Mapping) or not isinstance(obj.get("fields"), list):
        raise TemplateError(f"{source}: expected a list of fields or an object with 'fields'")
    fields = tuple(_parse_field(f, source) for f in obj["fields"])
    if not fields:
        raise TemplateError(f"{source}: the template has no fields")
    names = [f.name for f in fields]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise TemplateError(f"{source}: duplicate field names: {', '.join(dupes)}")
    title_raw = obj.get("title") or {}
    title = MappingProxyType(
        {"en": title_raw}
        if isinstance(title_raw, str)
        else {str(k): str(v) for k, v in title_raw.items()}
    )
    return Template(
        name=str(obj.get("name") or default_name),
        fields=fields,
        description=str(obj.get("description") or ""),
        title=title,
    )


def _load_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateError(
            f"{source}, line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})",
            path=source,
            details={"line": exc.lineno, "column": exc.colno},
        ) from None


def builtin_names() -> tuple[str, ...]:
    """Names of the built-in templates."""
    root = resources.files("spaceocr.core.templates") / "builtin"
    return tuple(
        sorted(p.name[: -len(".json")] for p in root.iterdir() if p.name.endswith(".json"))
    )


_CACHE: dict[str, Template] = {}


def load_template(name_or_path: str | Path) -> Template:
    """A built-in template by name, or a template file by path.

    Raises:
        TemplateNotFound: no built-in of that name and no such file.
        TemplateError: the file is not a valid template (with file and line).
    """
    key = str(name_or_path)
    if key in _CACHE:
        return _CACHE[key]
    if key in builtin_names():
        res = resources.files("spaceocr.core.templates") / "builtin" / f"{key}.json"
        tpl = parse_template(_load_json(res.read_text(encoding="utf-8"), f"{key}.json"), source=key)
        tpl = Template(tpl.name, tpl.fields, tpl.description, tpl.title, is_builtin=True)
        _CACHE[key] = tpl
        return tpl
    path = Path(key)
    if path.suffix.lower() == ".json" and path.is_file():
        return load_fields_file(path)
    raise TemplateNotFound(
        f"no template named {key!r}; the built-in ones are: {', '.join(builtin_names())} "
        f"(or give a fields file with --fields)",
        details={"template": key},
    )


def load_fields_file(path: str | Path) -> Template:
    """A user's template or field list from a JSON file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TemplateNotFound(f"{p}: no such fields file", path=p) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{p}: cannot read the fields file ({exc})", path=p) from None
    return parse_template(_load_json(text, str(p)), source=str(p), default_name=p.stem)


def list_templates() -> tuple[Template, ...]:
    """Every built-in template."""
    return tuple(load_template(n) for n in builtin_names())
