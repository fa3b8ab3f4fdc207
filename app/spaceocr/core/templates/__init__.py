"""Templates: built-in document kinds and a user's own field lists."""

from spaceocr.core.templates.loader import (
    builtin_names,
    list_templates,
    load_fields_file,
    load_template,
    parse_template,
)
from spaceocr.core.templates.schema import FIELD_TYPES, FieldSpec, Template

__all__ = [
    "FIELD_TYPES",
    "FieldSpec",
    "Template",
    "builtin_names",
    "list_templates",
    "load_fields_file",
    "load_template",
    "parse_template",
]
