"""API keys: kept in the OS keyring, overridden by the environment, never shown.

The keys spaceocr knows (:data:`KEYS`), where each may come from, first match wins:

=========  ======================================  ==========================================
name       environment                             keyring (service ``spaceocr``)
=========  ======================================  ==========================================
spaceocr   ``SPACEOCR_API_KEY`` (``spocr_…``)      user ``spaceocr``
anthropic  ``ANTHROPIC_API_KEY``                   user ``anthropic``
google     ``GOOGLE_API_KEY``                      user ``google``
webhook    ``SPACEOCR_WEBHOOK_SECRET``             user ``webhook`` (the webhook signing secret)
=========  ======================================  ==========================================

Google's client library also reads a service-account file named by
``GOOGLE_APPLICATION_CREDENTIALS``; that is a *path*, reported by :meth:`KeyStore.status` and
:func:`google_credentials_file`, and the file itself is never read here.

Where no keyring backend exists (a headless Linux box without Secret Service, a container),
:meth:`KeyStore.keyring_available` says so, lookups use the environment only, and
:meth:`KeyStore.set` refuses with a message naming the environment variable to use instead.

A key read from anywhere is a :class:`Secret`: its ``repr``/``str`` show only a masked form
(``spocr_…(22 chars)``), so a key that reaches a log line, an exception or a ``meta`` dict by
mistake shows up masked; :meth:`Secret.reveal` is the one way to the value, called where the
``Authorization`` header is built.
"""

from __future__ import annotations

import hmac
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import keyring
import keyring.backend
import keyring.errors

from spaceocr.core.errors import ConfigError

__all__ = [
    "KEYS",
    "SERVICE",
    "KeySpec",
    "KeyStatus",
    "KeyStore",
    "Secret",
    "check_key_form",
    "google_credentials_file",
    "key_name",
    "lookup_key",
    "mask",
]

logger = logging.getLogger(__name__)

#: the keyring service name every key is stored under
SERVICE = "spaceocr"


@dataclass(frozen=True, slots=True)
class KeySpec:
    """One key spaceocr can use: its name, environment variables and expected form."""

    name: str
    title: str
    env: tuple[str, ...]
    prefix: str = ""  #: the key must start with this (checked before any request is sent)


KEYS: Mapping[str, KeySpec] = {
    "spaceocr": KeySpec("spaceocr", "space-ocr API key", ("SPACEOCR_API_KEY",), "spocr_"),
    "anthropic": KeySpec("anthropic", "Anthropic API key", ("ANTHROPIC_API_KEY",)),
    "google": KeySpec("google", "Google Cloud Vision API key", ("GOOGLE_API_KEY",)),
    "webhook": KeySpec(
        "webhook", "space-ocr webhook signing secret", ("SPACEOCR_WEBHOOK_SECRET",)
    ),
}

_ALIASES = {"space-ocr": "spaceocr", "space_ocr": "spaceocr", "claude": "anthropic",
            "google_vision": "google", "vision": "google"}
_KNOWN_PREFIXES = ("spocr_", "sk-ant-", "AIza")
_BODY = re.compile(r"^[A-Za-z0-9_\-]+$")
_PRINTABLE = re.compile(r"^[\x21-\x7e]+$")


def key_name(name: str) -> str:
    """The canonical key name for ``name`` (``space-ocr`` → ``spaceocr``, ``claude`` →
    ``anthropic``).

    Raises:
        ConfigError: not a key spaceocr knows.
    """
    n = _ALIASES.get(name.strip().lower(), name.strip().lower())
    if n not in KEYS:
        raise ConfigError(
            f"no key named {name!r}; the keys are: {', '.join(KEYS)}", field=name
        )
    return n


def mask(value: str) -> str:
    """A form of ``value`` safe to show: a known prefix, an ellipsis and the length."""
    prefix = next((p for p in _KNOWN_PREFIXES if value.startswith(p)), "")
    return f"{prefix}…({len(value)} chars)"


class Secret:
    """A key or secret that does not show itself: ``repr`` and ``str`` are masked.

    Compare two with ``==`` (constant time); get the value with :meth:`reveal`.
    """

    __slots__ = ("_value", "name", "source")

    def __init__(self, value: str, *, name: str = "", source: str = "") -> None:
        self._value = value
        self.name = name
        self.source = source

    def reveal(self) -> str:
        """The value itself: call this only where it is sent."""
        return self._value

    @property
    def masked(self) -> str:
        return mask(self._value)

    def __repr__(self) -> str:
        return f"Secret(name={self.name!r}, source={self.source!r}, value={self.masked!r})"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return format(repr(self), spec)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    __hash__ = None  # type: ignore[assignment]  # mutable-looking on purpose: no dict keys

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Secret is not pickled (it would write the key somewhere)")


def check_key_form(name: str, value: str, *, source: str = "") -> str:
    """``value`` stripped of surrounding white space, when it has the form of key ``name``.

    Raises:
        ConfigError: it is empty, contains spaces or odd characters, or lacks the key's
            prefix (the message names the key and where it came from, never the value).
    """
    spec = KEYS[key_name(name)]
    v = value.strip()
    where = f" (from {source})" if source else ""
    if not v:
        raise ConfigError(f"the {spec.title}{where} is empty", field=spec.name)
    if spec.prefix:
        if not v.startswith(spec.prefix) or not _BODY.match(v[len(spec.prefix):]):
            raise ConfigError(
                f"the {spec.title}{where} is ill-formed: a {spec.title} starts with "
                f"{spec.prefix!r} followed by letters, digits, '_' or '-'",
                field=spec.name,
            )
    elif not _PRINTABLE.match(v) or len(v) < 8:
        raise ConfigError(
            f"the {spec.title}{where} is ill-formed: expected at least 8 printable characters "
            f"without spaces",
            field=spec.name,
        )
    return v


def google_credentials_file(environ: Mapping[str, str] | None = None) -> Path | None:
    """The service-account file ``GOOGLE_APPLICATION_CREDENTIALS`` names, if set."""
    env = os.environ if environ is None else environ
    raw = env.get("GOOGLE_APPLICATION_CREDENTIALS", "").strip()
    return Path(raw) if raw else None


@dataclass(frozen=True, slots=True)
class KeyStatus:
    """Whether a key is set and where it comes from (never the key)."""

    name: str
    title: str
    source: str | None  #: "env:VAR", "keyring", "file:GOOGLE_APPLICATION_CREDENTIALS" or None
    masked: str = ""
    in_keyring: bool = False  #: also stored in the keyring (shadowed when source is env)

    @property
    def is_set(self) -> bool:
        return self.source is not None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "set": self.is_set,
                "source": self.source, "masked": self.masked, "in_keyring": self.in_keyring}


def _is_usable_backend(kr: keyring.backend.KeyringBackend) -> bool:
    from keyring.backends import chainer, fail

    try:
        from keyring.backends import null
    except ImportError:  # pragma: no cover - every keyring >= 24 has it
        null = None  # type: ignore[assignment]
    if isinstance(kr, fail.Keyring):
        return False
    if null is not None and isinstance(kr, null.Keyring):
        return False
    if isinstance(kr, chainer.ChainerBackend):
        return bool(kr.backends)
    return True


class KeyStore:
    """Reads, stores and deletes keys: the environment first, then the OS keyring.

    Args:
        backend: a keyring backend (default: whatever ``keyring.get_keyring()`` chose).
        environ: the environment to read (default: ``os.environ``).
        service: the keyring service name.
    """

    def __init__(
        self,
        *,
        backend: keyring.backend.KeyringBackend | None = None,
        environ: Mapping[str, str] | None = None,
        service: str = SERVICE,
    ) -> None:
        self._backend = backend
        self._environ = environ
        self.service = service

    def __repr__(self) -> str:
        return f"KeyStore(backend={self.keyring_name()!r}, service={self.service!r})"

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    @property
    def environ(self) -> Mapping[str, str]:
        return os.environ if self._environ is None else self._environ

    def keyring_available(self) -> bool:
        """True when a real keyring backend exists to store keys in."""
        return _is_usable_backend(self.backend)

    def keyring_name(self) -> str:
        """The backend's name (``SecretService Keyring``, ``fail Keyring``, ...)."""
        kr = self.backend
        return f"{type(kr).__module__}.{type(kr).__name__}"

    def _from_env(self, spec: KeySpec) -> Secret | None:
        for var in spec.env:
            raw = self.environ.get(var, "")
            if raw.strip():
                return Secret(raw.strip(), name=spec.name, source=f"env:{var}")
        return None

    def _from_keyring(self, spec: KeySpec) -> str | None:
        if not self.keyring_available():
            return None
        try:
            return self.backend.get_password(self.service, spec.name)
        except keyring.errors.KeyringError as exc:
            logger.warning("the keyring could not be read for the %s (%s)", spec.title,
                           type(exc).__name__)
            return None

    def get(self, name: str) -> Secret | None:
        """Key ``name`` from the environment or the keyring, or None when it is not set."""
        spec = KEYS[key_name(name)]
        env = self._from_env(spec)
        if env is not None:
            return env
        stored = self._from_keyring(spec)
        if stored:
            return Secret(stored.strip(), name=spec.name, source="keyring")
        return None

    def require(self, name: str) -> Secret:
        """Key ``name``, checked for its form.

        Raises:
            ConfigError: not set anywhere (saying how to set it), or ill-formed.
        """
        spec = KEYS[key_name(name)]
        secret = self.get(spec.name)
        if secret is None:
            how = f"set {' or '.join(spec.env)} in the environment"
            if self.keyring_available():
                how = f"run `spaceocr config set-key {spec.name}` or {how}"
            else:
                how += " (no keyring backend is available on this system to store it)"
            raise ConfigError(f"the {spec.title} is missing: {how}", field=spec.name)
        check_key_form(spec.name, secret.reveal(), source=secret.source)
        return secret

    def ensure_keyring(self, name: str) -> None:
        """Check a keyring backend exists before asking the user for key ``name``.

        Raises:
            ConfigError: none exists (the message names the environment variable to use).
        """
        if not self.keyring_available():
            self._no_keyring(KEYS[key_name(name)])

    def _no_keyring(self, spec: KeySpec) -> NoReturn:
        raise ConfigError(
            f"no keyring backend is available on this system ({self.keyring_name()}), so the "
            f"{spec.title} cannot be stored; set {' or '.join(spec.env)} in the environment "
            f"instead",
            field=spec.name,
        )

    def set(self, name: str, value: str) -> None:
        """Store key ``name`` in the keyring after checking its form.

        Raises:
            ConfigError: ill-formed, no keyring backend, or the keyring refused.
        """
        spec = KEYS[key_name(name)]
        v = check_key_form(spec.name, value)
        if not self.keyring_available():
            self._no_keyring(spec)
        try:
            self.backend.set_password(self.service, spec.name, v)
        except keyring.errors.KeyringError as exc:
            raise ConfigError(
                f"the keyring refused to store the {spec.title} ({type(exc).__name__})",
                field=spec.name,
            ) from None
        logger.info("the %s was stored in the keyring", spec.title)

    def delete(self, name: str) -> bool:
        """Remove key ``name`` from the keyring; False when it was not stored there.

        Raises:
            ConfigError: no keyring backend, or the keyring refused.
        """
        spec = KEYS[key_name(name)]
        if not self.keyring_available():
            self._no_keyring(spec)
        try:
            if self.backend.get_password(self.service, spec.name) is None:
                return False
            self.backend.delete_password(self.service, spec.name)
        except keyring.errors.PasswordDeleteError:
            return False
        except keyring.errors.KeyringError as exc:
            raise ConfigError(
                f"the keyring refused to delete the {spec.title} ({type(exc).__name__})",
                field=spec.name,
            ) from None
        logger.info("the %s was deleted from the keyring", spec.title)
        return True

    def status(self, name: str) -> KeyStatus:
        """Whether key ``name`` is set, and where from."""
        spec = KEYS[key_name(name)]
        stored = self._from_keyring(spec)
        env = self._from_env(spec)
        if env is not None:
            return KeyStatus(spec.name, spec.title, env.source, env.masked, bool(stored))
        if stored:
            return KeyStatus(spec.name, spec.title, "keyring", mask(stored.strip()), True)
        if spec.name == "google" and google_credentials_file(self.environ) is not None:
            return KeyStatus(spec.name, spec.title, "file:GOOGLE_APPLICATION_CREDENTIALS")
        return KeyStatus(spec.name, spec.title, None)


def lookup_key(name: str, env_var: str, key_store: Any = None) -> str | None:
    """Key ``name`` from the key store (environment, then OS keyring), else the environment.

    This is the one place engines look keys up; the plain environment read is the fallback
    when the key store itself cannot be used (a broken keyring must not hide the env var).
    """
    try:
        store = KeyStore() if key_store is None else key_store
        secret = store.get(name)
    except Exception:  # noqa: BLE001 - any keyring failure falls back to the environment
        logger.debug("key store lookup for the %s key failed", name)
        return os.environ.get(env_var, "").strip() or None
    return secret.reveal() if secret is not None else None
