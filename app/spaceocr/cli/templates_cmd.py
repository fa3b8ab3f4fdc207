"""``spaceocr templates``: list the built-in templates and their fields."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from spaceocr.cli.common import dump_json


def register(sub: Any) -> None:
    p = sub.add_parser("templates", help="list the built-in templates and their fields")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from spaceocr.core.templates import list_templates

    templates = list_templates()
    if args.format == "json":
        dump_json(
            {
                "templates": [
                    {
                        "name": t.name,
                        "title": dict(t.title),
                        "fields": [
                            {"name": f.name, "type": f.type}
                            | ({"children": [c.name for c in f.children]} if f.children else {})
                            for f in t.fields
                        ],
                    }
                    for t in templates
                ]
            },
            sys.stdout,
        )
        return 0
    for t in templates:
        names = [
            f.name + (f"[{', '.join(c.name for c in f.children)}]" if f.children else "")
            for f in t.fields
        ]
        print(f"{t.name:<16} {t.display_name()}: {', '.join(names)}")
    return 0
