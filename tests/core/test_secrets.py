"""Keys in a real keyring backend (a file-backed one), the environment overriding, never shown."""

from __future__ import annotations

import logging
import pickle

import keyring
import keyring.backends.fail
import pytest

from spaceocr.core.errors import ConfigError
from spaceocr.core.secrets import KEYS, KeyStore, Secret, check_key_form, key_name, mask
from tests.support.keyring_backend import FileKeyring

SENTINEL = "spocr_test_SECRETSENTINEL42"
ANTHROPIC = "sk-ant-test-SNT01"


@pytest.fixture
def backend(tmp_path):
    return FileKeyring(tmp_path / "keyring.json")


@pytest.fixture
def store(backend):
    return KeyStore(backend=backend, environ={})


def test_secret_never_shows_itself():
    s = Secret(SENTINEL, name="spaceocr", source="env:SPACEOCR_API_KEY")
    logged = "%s" % (s,)  # noqa: UP031 - the way logging formats its arguments
    for text in (repr(s), str(s), f"{s}", f"{s!r}", f"{s:>40}", logged, repr([s])):
        assert SENTINEL not in text
    assert "spocr_…(27 chars)" in repr(s)
    assert s.reveal() == SENTINEL
    with pytest.raises(TypeError):
        pickle.dumps(s)
    assert s == Secret(SENTINEL) and s != Secret(SENTINEL + "x")


def test_mask_keeps_only_a_known_prefix_and_the_length():
    assert mask(SENTINEL) == "spocr_…(27 chars)"
    assert mask(ANTHROPIC) == "sk-ant-…(17 chars)"
    assert mask("abcdef") == "…(6 chars)"


def test_set_get_delete_through_the_keyring(store, backend):
    assert store.keyring_available()
    assert store.get("spaceocr") is None
    store.set("spaceocr", f"  {SENTINEL}\n")
    assert backend.get_password("spaceocr", "spaceocr") == SENTINEL
    got = store.get("space-ocr")
    assert got is not None and got.reveal() == SENTINEL and got.source == "keyring"
    status = store.status("spaceocr")
    assert status.is_set and status.source == "keyring" and status.in_keyring
    assert SENTINEL not in repr(status) and SENTINEL not in str(status.to_dict())
    assert store.delete("spaceocr") is True
    assert store.delete("spaceocr") is False
    assert store.get("spaceocr") is None


def test_the_environment_overrides_the_keyring(backend):
    KeyStore(backend=backend, environ={}).set("anthropic", ANTHROPIC)
    env = {"ANTHROPIC_API_KEY": "sk-ant-test-ENV01"}
    store = KeyStore(backend=backend, environ=env)
    got = store.get("claude")
    assert got is not None and got.reveal() == "sk-ant-test-ENV01"
    assert got.source == "env:ANTHROPIC_API_KEY"
    status = store.status("anthropic")
    assert status.source == "env:ANTHROPIC_API_KEY" and status.in_keyring
    # an empty variable does not count
    assert KeyStore(backend=backend, environ={"ANTHROPIC_API_KEY": " "}).get(
        "anthropic").source == "keyring"


def test_google_reports_a_service_account_file_without_reading_it(store, tmp_path):
    env_store = KeyStore(backend=store.backend,
                         environ={"GOOGLE_APPLICATION_CREDENTIALS": str(tmp_path / "sa.json")})
    status = env_store.status("google")
    assert status.source == "file:GOOGLE_APPLICATION_CREDENTIALS"
    assert env_store.get("google") is None
    assert KeyStore(backend=store.backend, environ={"GOOGLE_API_KEY": "AIzaTestKey123"}).get(
        "google").source == "env:GOOGLE_API_KEY"


@pytest.mark.parametrize("bad", ["", "spocr", "spocr_", "sk_spocr_x", "spocr_a b", "spocr_ä"])
def test_an_ill_formed_spaceocr_key_is_refused_without_quoting_it(store, bad):
    with pytest.raises(ConfigError) as ei:
        store.set("spaceocr", bad)
    if len(bad) > 6:
        assert bad not in str(ei.value)
    assert store.get("spaceocr") is None


def test_other_keys_need_printable_text_without_spaces(store):
    with pytest.raises(ConfigError, match="ill-formed"):
        store.set("anthropic", "sk ant")
    with pytest.raises(ConfigError, match="ill-formed"):
        store.set("google", "short")
    assert check_key_form("webhook", " whsec_long_enough ") == "whsec_long_enough"


def test_require_says_how_to_set_a_missing_key(store):
    with pytest.raises(ConfigError) as ei:
        store.require("spaceocr")
    assert "spaceocr config set-key spaceocr" in str(ei.value)
    assert "SPACEOCR_API_KEY" in str(ei.value)


def test_require_checks_the_form_and_names_the_source():
    bad = KeyStore(backend=keyring.backends.fail.Keyring(),
                   environ={"SPACEOCR_API_KEY": "sk-wrong-kind-of-key"})
    with pytest.raises(ConfigError) as ei:
        bad.require("spaceocr")
    assert "env:SPACEOCR_API_KEY" in str(ei.value)
    assert "sk-wrong-kind-of-key" not in str(ei.value)


def test_without_a_keyring_backend_it_says_so_and_uses_the_environment(caplog):
    store = KeyStore(backend=keyring.backends.fail.Keyring(),
                     environ={"SPACEOCR_API_KEY": SENTINEL})
    assert not store.keyring_available()
    got = store.get("spaceocr")
    assert got is not None and got.source == "env:SPACEOCR_API_KEY"
    with pytest.raises(ConfigError, match="no keyring backend") as ei:
        store.set("spaceocr", SENTINEL)
    assert "SPACEOCR_API_KEY" in str(ei.value) and SENTINEL not in str(ei.value)
    with pytest.raises(ConfigError, match="no keyring backend"):
        store.ensure_keyring("anthropic")
    with pytest.raises(ConfigError, match="no keyring backend"):
        store.delete("spaceocr")
    missing = KeyStore(backend=keyring.backends.fail.Keyring(), environ={})
    with pytest.raises(ConfigError, match="no keyring backend is available"):
        missing.require("spaceocr")


def test_the_default_store_uses_keyrings_chosen_backend(backend, monkeypatch):
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        store = KeyStore(environ={})
        store.set("webhook", "whsec_test_12345678")
        assert backend.get_password("spaceocr", "webhook") == "whsec_test_12345678"
        assert "FileKeyring" in store.keyring_name()
    finally:
        keyring.set_keyring(previous)


def test_unknown_key_names_are_refused():
    with pytest.raises(ConfigError, match="no key named"):
        key_name("aws")
    assert set(KEYS) == {"spaceocr", "anthropic", "google", "webhook"}


def test_nothing_logs_a_key(store, caplog):
    with caplog.at_level(logging.DEBUG):
        store.set("spaceocr", SENTINEL)
        store.get("spaceocr")
        store.status("spaceocr")
        store.delete("spaceocr")
    assert SENTINEL not in caplog.text
