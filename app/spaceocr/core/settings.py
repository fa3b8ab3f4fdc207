"""The user's settings: a small dataclass saved as JSON in the user's config folder.

The file is ``settings.json`` under ``platformdirs.user_config_dir("spaceocr")`` (on Linux
``~/.config/spaceocr/settings.json``; ``$XDG_CONFIG_HOME`` is honoured). Every function takes
the path as a parameter, so tests and a portable install pass their own; there is no module
singleton.

The file carries a ``version`` key. :data:`MIGRATIONS` turns an older file into the current
layout step by step when it is loaded; a file from a *newer* spaceocr is read for the fields
this version knows, with a warning, and is not overwritten silently by :func:`save_settings`
(it refuses unless ``force=True``).

API keys are never settings: they live in the OS keyring or the environment
(:mod:`spaceocr.core.secrets`). A settings file that carries something that looks like a key
has it dropped on load (with a warning naming the field, never the value), and
:func:`save_settings` refuses to write one.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from spaceocr.core.errors import ConfigError

__all__ = [
    "DEFAULT_API_BASE",
    "MIGRATIONS",
    "MODES",
    "SETTINGS_VERSION",
    "Settings",
    "default_settings_path",
    "load_settings",
    "save_settings",
    "setting_names",
    "settings_from_dict",
    "update_setting",
]

logger = logging.getLogger(__name__)

SETTINGS_VERSION = 1
DEFAULT_API_BASE = "https://api.space-ocr.com"
MODES = ("offline", "cloud", "hosted")

#: field names that must never hold a value in the settings file
_SECRET_NAMES = re.compile(r"(api_?key|secret|token|password|credential)", re.IGNORECASE)
#: values that look like one of the keys spaceocr handles
_SECRET_VALUES = re.compile(r"^(spocr_|sk-ant-|AIza)[A-Za-z0-9_\-]+$")
_LANGUAGE = re.compile(r"^(auto|[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*)$")


@dataclass(frozen=True, slots=True)
class Settings:
    """What a user can set. Every field has a default, so an empty file is valid.

    ``ui_language`` is ``"auto"`` (follow the system) or a code such as ``ja`` or ``zh-Hant``;
    ``store_path`` empty means the default store in the user's data folder;
    ``anthropic_model`` empty means the Claude extractor's own default.
    """

    mode: str = "offline"
    ui_language: str = "auto"
    dpi: int = 200
    store_path: str = ""
    default_template: str = "receipt"
    anthropic_model: str = ""
    api_base: str = DEFAULT_API_BASE
    version: int = SETTINGS_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, ``version`` first."""
        d = dataclasses.asdict(self)
        return {"version": d.pop("version"), **d}


def setting_names() -> tuple[str, ...]:
    """The names ``spaceocr config set`` accepts."""
    return tuple(f.name for f in dataclasses.fields(Settings) if f.name != "version")


def default_settings_path() -> Path:
    """``settings.json`` in the user's config folder for spaceocr."""
    return Path(platformdirs.user_config_dir("spaceocr", appauthor=False)) / "settings.json"


# --------------------------------------------------------------------------- validation
def _check_mode(v: Any) -> str:
    if v not in MODES:
        raise ValueError(f"must be one of {', '.join(MODES)}")
    return str(v)


def _check_dpi(v: Any) -> int:
    if isinstance(v, bool):
        raise ValueError("must be a whole number")
    try:
        n = int(v)
    except (TypeError, ValueError):
        raise ValueError("must be a whole number") from None
    if isinstance(v, float) and v != n:
        raise ValueError("must be a whole number")
    if not 36 <= n <= 1200:
        raise ValueError("must be between 36 and 1200")
    return n


def _check_language(v: Any) -> str:
    if not isinstance(v, str) or not _LANGUAGE.match(v):
        raise ValueError("must be 'auto' or a language code such as en, ja, ko, zh-Hans")
    return v


def _check_text(v: Any) -> str:
    if not isinstance(v, str):
        raise ValueError("must be text")
    if any(ord(c) < 32 for c in v):
        raise ValueError("must not contain control characters")
    return v


def _check_template(v: Any) -> str:
    text = _check_text(v)
    if not text.strip():
        raise ValueError("must not be empty")
    return text


def _check_url(v: Any) -> str:
    text = _check_text(v).strip()
    if not re.match(r"^https?://[^\s/]+(/[^\s]*)?$", text):
        raise ValueError("must be an http:// or https:// URL")
    return text.rstrip("/")


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "mode": _check_mode,
    "ui_language": _check_language,
    "dpi": _check_dpi,
    "store_path": _check_text,
    "default_template": _check_template,
    "anthropic_model": _check_text,
    "api_base": _check_url,
}


def _looks_secret(name: str, value: Any) -> bool:
    return bool(_SECRET_NAMES.search(name)) or (
        isinstance(value, str) and bool(_SECRET_VALUES.match(value.strip()))
    )


# --------------------------------------------------------------------------- migrations
def _migrate_0_to_1(d: dict[str, Any]) -> dict[str, Any]:
    """A hand-written file with no version: ``language`` was the early name of
    ``ui_language`` and ``api_url`` of ``api_base``."""
    out = dict(d)
    for old, new in (("language", "ui_language"), ("api_url", "api_base")):
        if old in out and new not in out:
            out[new] = out.pop(old)
    return out


#: version N -> function turning a version-N dict into a version-(N+1) dict
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_0_to_1}


def _migrate(d: dict[str, Any], path: Path) -> dict[str, Any]:
    raw_version = d.get("version", 0)
    if isinstance(raw_version, bool) or not isinstance(raw_version, int) or raw_version < 0:
        raise ConfigError(
            f"{path}: 'version' must be a whole number, got {raw_version!r}", path=path
        )
    version = raw_version
    if version > SETTINGS_VERSION:
        logger.warning(
            "%s was written by a newer spaceocr (settings version %d, this one knows %d); "
            "reading the fields this version knows",
            path, version, SETTINGS_VERSION,
        )
        return d
    while version < SETTINGS_VERSION:
        d = MIGRATIONS[version](d)
        version += 1
        d["version"] = version
        logger.info("settings %s migrated to version %d", path, version)
    return d


# --------------------------------------------------------------------------- load / save
def settings_from_dict(d: Mapping[str, Any], *, path: Path | None = None) -> Settings:
    """Validated :class:`Settings` from a (migrated) dict; unknown or key-like fields are
    dropped with a warning.

    Raises:
        ConfigError: a known field has a bad value (the message names the field).
    """
    where = str(path) if path is not None else "settings"
    values: dict[str, Any] = {}
    for name, value in d.items():
        if name == "version":
            continue
        if _looks_secret(name, value):
            logger.warning(
                "%s: field %r looks like an API key and was ignored; keys belong in the "
                "keyring (spaceocr config set-key) or the environment", where, name,
            )
            continue
        check = _CHECKS.get(name)
        if check is None:
            logger.warning("%s: unknown setting %r ignored", where, name)
            continue
        try:
            values[name] = check(value)
        except ValueError as exc:
            raise ConfigError(
                f"{where}: setting {name!r} {exc} (got {value!r})", path=path, field=name
            ) from None
    return Settings(**values)


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """The settings saved at ``path`` (default: :func:`default_settings_path`).

    A missing file gives the defaults; an older file is migrated in memory (it is rewritten
    on the next :func:`save_settings`).

    Raises:
        ConfigError: the file is not valid JSON (with line and column), not an object, or a
            field has a bad value.
    """
    p = Path(path) if path is not None else default_settings_path()
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read the settings file ({exc})", path=p) from None
    if not text.strip():
        return Settings()
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{p}, line {exc.lineno}, column {exc.colno}: the settings file is not valid JSON "
            f"({exc.msg}); fix it or delete it to start from the defaults",
            path=p,
            details={"line": exc.lineno, "column": exc.colno},
        ) from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{p}: the settings file must hold a JSON object", path=p)
    return settings_from_dict(_migrate(raw, p), path=p)


def _version_on_disk(p: Path) -> int | None:
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    v = raw.get("version") if isinstance(raw, dict) else None
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def save_settings(
    settings: Settings, path: str | os.PathLike[str] | None = None, *, force: bool = False
) -> Path:
    """Write ``settings`` atomically (a temporary file, then a rename) and return the path.

    Raises:
        ConfigError: a value looks like an API key, the file on disk is from a newer
            spaceocr (pass ``force=True`` to overwrite it), or it cannot be written.
    """
    p = Path(path) if path is not None else default_settings_path()
    d = settings.to_dict()
    for name, value in d.items():
        if _looks_secret(name, value):
            raise ConfigError(
                f"setting {name!r} looks like an API key; keys are kept in the keyring "
                f"(spaceocr config set-key NAME), never in the settings file",
                field=name,
            )
    on_disk = _version_on_disk(p)
    if on_disk is not None and on_disk > SETTINGS_VERSION and not force:
        raise ConfigError(
            f"{p} was written by a newer spaceocr (settings version {on_disk}); "
            f"not overwriting it",
            path=p,
        )
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=p.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(d, fh, ensure_ascii=False, indent=2)
                fh.write("\n")
            os.replace(tmp, p)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ConfigError(f"{p}: cannot write the settings file ({exc})", path=p) from None
    logger.debug("settings saved to %s", p)
    return p


def update_setting(settings: Settings, name: str, text: str) -> Settings:
    """A copy of ``settings`` with ``name`` set from its text form (as typed on a command line).

    Raises:
        ConfigError: unknown name, a name that is a key, or a bad value.
    """
    if _looks_secret(name, text):
        raise ConfigError(
            f"{name!r} looks like an API key; store keys with `spaceocr config set-key NAME`, "
            f"which keeps them in the keyring",
            field=name,
        )
    check = _CHECKS.get(name)
    if check is None:
        raise ConfigError(
            f"no setting named {name!r}; the settings are: {', '.join(setting_names())}",
            field=name,
        )
    try:
        value = check(text)
    except ValueError as exc:
        raise ConfigError(f"setting {name!r} {exc} (got {text!r})", field=name) from None
    return dataclasses.replace(settings, **{name: value})
