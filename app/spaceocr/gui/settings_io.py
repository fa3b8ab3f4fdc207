"""What the settings dialog reads and writes, off the GUI thread.

The settings file (:mod:`spaceocr.core.settings`) and where each API key comes from
(:mod:`spaceocr.core.secrets`: the OS keyring or the environment) are read and written here,
on a worker lane: a keyring may block for seconds. What is read back never holds a key, only
its status in masked form. A template can also be written out as a fields JSON a user edits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

#: the keys the dialog manages, in the order shown
KEY_NAMES = ("google", "anthropic", "spaceocr")


def template_to_json(template: Any) -> dict[str, Any]:
    """A template as a fields JSON a user can edit and load again."""

    def spec(f: Any) -> dict[str, Any]:
        d: dict[str, Any] = {"name": f.name, "type": f.type}
        if f.description:
            d["description"] = f.description
        if f.title:
            d["title"] = dict(f.title)
        if f.labels:
            d["labels"] = {k: list(v) for k, v in f.labels.items()}
        if f.children:
            d["children"] = [spec(c) for c in f.children]
        return d

    out: dict[str, Any] = {"name": template.name, "fields": [spec(f) for f in template.fields]}
    if template.title:
        out["title"] = dict(template.title)
    if template.description:
        out["description"] = template.description
    return out


@dataclass(frozen=True)
class LoadedSettings:
    """What the settings dialog shows, read off the GUI thread (never a key: masked forms)."""

    settings: Any  # Settings
    problem: BaseException | None  # the settings file could not be read (defaults shown)
    has_keyring: bool
    statuses: dict[str, Any]  # key name -> KeyStatus, or None when the keyring failed


def read_settings_and_keys(settings_path: str | Path | None, keys: Any) -> LoadedSettings:
    """Read the settings file and where each key comes from (file and keyring I/O, which can
    block for seconds: call it on a worker thread)."""
    from spaceocr.core.settings import Settings, load_settings

    problem: BaseException | None = None
    try:
        settings = load_settings(settings_path)
    except Exception as exc:  # noqa: BLE001 - a broken file: defaults, and say so
        settings, problem = Settings(), exc
    try:
        has_keyring = bool(keys.keyring_available())
    except Exception:  # noqa: BLE001 - a broken keyring backend is no keyring
        logger.warning("the keyring backend cannot be used")
        has_keyring = False
    statuses: dict[str, Any] = {}
    for name in KEY_NAMES:
        try:
            statuses[name] = keys.status(name)
        except Exception:  # noqa: BLE001 - a broken keyring: the key is unknown, say not set
            logger.warning("cannot read the status of key %s", name)
            statuses[name] = None
    return LoadedSettings(settings, problem, has_keyring, statuses)


def write_settings_and_keys(
    settings: Any,
    settings_path: str | Path | None,
    keys: Any,
    typed: dict[str, str],
    stored: list[str],
) -> Any:
    """Store the typed keys in the keyring, then write the settings file (on a worker thread).

    ``stored`` receives the name of each key once the keyring has it (so a failure part-way
    can say which were kept). Returns ``settings``.
    """
    from spaceocr.core.settings import save_settings

    for name, value in typed.items():
        keys.set(name, value)
        stored.append(name)
    save_settings(settings, settings_path)
    return settings
