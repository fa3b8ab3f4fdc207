"""``spaceocr config``: settings in the settings file, API keys in the OS keyring.

    spaceocr config show [--json]          the settings, and which keys are set (never the keys)
    spaceocr config path                   where the settings file is
    spaceocr config set NAME VALUE         change a setting (mode, dpi, api_base, ...)
    spaceocr config unset NAME             back to the default
    spaceocr config set-key NAME [--stdin] store a key (spaceocr, anthropic, google, webhook);
                                           it is read from a hidden prompt or stdin, never argv
    spaceocr config delete-key NAME        remove a stored key

``--settings PATH`` (before the action) uses another settings file.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import sys
from pathlib import Path
from typing import Any

from spaceocr.cli.common import dump_json


def register(sub: Any) -> None:
    p = sub.add_parser(
        "config",
        help="show and change settings; store API keys in the OS keyring",
        description="Settings live in a JSON file; API keys live in the OS keyring (or the "
        "environment, which wins). Keys are never printed.",
    )
    p.add_argument("--settings", metavar="PATH", help="the settings file (default: user config)")
    actions = p.add_subparsers(dest="action", metavar="ACTION")

    show = actions.add_parser("show", help="the settings and which keys are set")
    show.add_argument("--json", action="store_true", help="as JSON")
    actions.add_parser("path", help="print the settings file's path")

    st = actions.add_parser("set", help="change a setting")
    st.add_argument("name", metavar="NAME")
    st.add_argument("value", metavar="VALUE")
    un = actions.add_parser("unset", help="reset a setting to its default")
    un.add_argument("name", metavar="NAME")

    sk = actions.add_parser(
        "set-key", help="store an API key in the keyring (read from a prompt or stdin)"
    )
    sk.add_argument("name", metavar="NAME", help="spaceocr, anthropic, google or webhook")
    sk.add_argument("--stdin", action="store_true",
                    help="read the key from the first line of stdin (no prompt)")
    dk = actions.add_parser("delete-key", help="remove an API key from the keyring")
    dk.add_argument("name", metavar="NAME")
    p.set_defaults(func=run, _parser=p)


def _path(args: argparse.Namespace) -> Path:
    from spaceocr.core.settings import default_settings_path

    return Path(args.settings) if args.settings else default_settings_path()


def run(args: argparse.Namespace) -> int:
    action = args.action or "show"
    if action == "show" and not hasattr(args, "json"):
        args.json = False
    handler = {
        "show": _show,
        "path": _print_path,
        "set": _set,
        "unset": _unset,
        "set-key": _set_key,
        "delete-key": _delete_key,
    }[action]
    return int(handler(args))


def _print_path(args: argparse.Namespace) -> int:
    print(_path(args))
    return 0


def _show(args: argparse.Namespace) -> int:
    from spaceocr.core.secrets import KEYS, KeyStore
    from spaceocr.core.settings import load_settings

    path = _path(args)
    settings = load_settings(path)
    keys = KeyStore()
    statuses = [keys.status(name) for name in KEYS]
    available = keys.keyring_available()
    if args.json:
        dump_json(
            {
                "settings_file": str(path),
                "exists": path.exists(),
                "settings": settings.to_dict(),
                "keyring": {"backend": keys.keyring_name(), "available": available},
                "keys": [s.to_dict() for s in statuses],
            },
            sys.stdout,
        )
        return 0
    print(f"settings file: {path}" + ("" if path.exists() else " (not created yet)"))
    for name, value in settings.to_dict().items():
        print(f"  {name:<18} {value}")
    note = "" if available else " (not available: keys come from the environment only)"
    print(f"keyring: {keys.keyring_name()}{note}")
    print("keys:")
    for s in statuses:
        where = f"set ({s.source})" if s.is_set else "not set"
        masked = f" {s.masked}" if s.masked else ""
        shadow = " (a stored key is overridden)" if s.in_keyring and s.source != "keyring" else ""
        print(f"  {s.name:<10} {where}{masked}{shadow}")
    return 0


def _set(args: argparse.Namespace) -> int:
    from spaceocr.core.settings import load_settings, save_settings, update_setting

    path = _path(args)
    settings = update_setting(load_settings(path), args.name, args.value)
    save_settings(settings, path)
    print(f"spaceocr: {args.name} = {getattr(settings, args.name)} ({path})", file=sys.stderr)
    return 0


def _unset(args: argparse.Namespace) -> int:
    from spaceocr.core.errors import ConfigError
    from spaceocr.core.settings import Settings, load_settings, save_settings, setting_names

    if args.name not in setting_names():
        raise ConfigError(
            f"no setting named {args.name!r}; the settings are: {', '.join(setting_names())}"
        )
    path = _path(args)
    default = getattr(Settings(), args.name)
    save_settings(dataclasses.replace(load_settings(path), **{args.name: default}), path)
    print(f"spaceocr: {args.name} reset to {default!r} ({path})", file=sys.stderr)
    return 0


def _read_key(title: str, from_stdin: bool) -> str:
    if not from_stdin and sys.stdin.isatty():
        return getpass.getpass(f"{title}: ")
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _set_key(args: argparse.Namespace) -> int:
    from spaceocr.core.secrets import KEYS, KeyStore, key_name, mask

    name = key_name(args.name)
    spec = KEYS[name]
    keys = KeyStore()
    keys.ensure_keyring(name)
    value = _read_key(spec.title, args.stdin)
    keys.set(name, value)
    print(f"spaceocr: the {spec.title} ({mask(value.strip())}) is stored in the keyring "
          f"({keys.keyring_name()})", file=sys.stderr)
    status = keys.status(name)
    if status.source and status.source.startswith("env:"):
        print(f"spaceocr: note: {status.source[4:]} is set in the environment and takes "
              f"precedence over the stored key", file=sys.stderr)
    return 0


def _delete_key(args: argparse.Namespace) -> int:
    from spaceocr.core.secrets import KEYS, KeyStore, key_name

    name = key_name(args.name)
    if KeyStore().delete(name):
        print(f"spaceocr: the {KEYS[name].title} was removed from the keyring", file=sys.stderr)
        return 0
    print(f"spaceocr: no {KEYS[name].title} is stored in the keyring", file=sys.stderr)
    return 1
