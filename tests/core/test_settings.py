"""Settings: defaults, JSON round trip, version and migrations, never a key in the file."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import pytest

from spaceocr.core.errors import ConfigError
from spaceocr.core.settings import (
    DEFAULT_API_BASE,
    SETTINGS_VERSION,
    Settings,
    default_settings_path,
    load_settings,
    save_settings,
    setting_names,
    update_setting,
)


def test_no_file_gives_the_defaults(tmp_path):
    s = load_settings(tmp_path / "missing" / "settings.json")
    assert s == Settings()
    assert s.mode == "offline" and s.dpi == 200 and s.api_base == DEFAULT_API_BASE
    assert s.version == SETTINGS_VERSION


def test_the_default_path_is_under_the_user_config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert default_settings_path() == tmp_path / "cfg" / "spaceocr" / "settings.json"
    assert load_settings().mode == "offline"  # nothing there yet: no failure


def test_save_and_load_round_trip_with_the_version_first(tmp_path):
    path = tmp_path / "sub" / "settings.json"
    s = Settings(mode="hosted", ui_language="ja", dpi=300, store_path="/data/x.sqlite3",
                 default_template="invoice", anthropic_model="claude-x",
                 api_base="http://127.0.0.1:9")
    assert save_settings(s, path) == path
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert next(iter(raw)) == "version" and raw["version"] == SETTINGS_VERSION
    assert load_settings(path) == s
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp file left


def test_a_file_without_version_is_migrated(tmp_path, caplog):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "ko", "api_url": "https://a.example"}))
    with caplog.at_level(logging.INFO, logger="spaceocr.core.settings"):
        s = load_settings(path)
    assert s.ui_language == "ko" and s.api_base == "https://a.example"
    assert "migrated to version 1" in caplog.text
    save_settings(s, path)
    assert json.loads(path.read_text())["version"] == SETTINGS_VERSION


def test_a_newer_file_is_read_but_not_overwritten_silently(tmp_path, caplog):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": SETTINGS_VERSION + 1, "mode": "cloud",
                                "future_thing": 1}))
    with caplog.at_level(logging.WARNING):
        s = load_settings(path)
    assert s.mode == "cloud"
    assert "newer spaceocr" in caplog.text
    with pytest.raises(ConfigError, match="newer spaceocr"):
        save_settings(s, path)
    save_settings(s, path, force=True)
    assert json.loads(path.read_text())["version"] == SETTINGS_VERSION


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{\n  "mode": "offline",\n  "dpi": ,\n}\n')
    with pytest.raises(ConfigError) as ei:
        load_settings(path)
    assert "line 3" in str(ei.value) and ei.value.details["line"] == 3


@pytest.mark.parametrize(("field", "value"), [
    ("mode", "turbo"), ("dpi", 10), ("dpi", "many"), ("dpi", True), ("dpi", 200.5),
    ("ui_language", "Japanese!"), ("api_base", "ftp://x"), ("default_template", " "),
    ("store_path", 5),
])
def test_a_bad_value_names_the_field(tmp_path, field, value):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, field: value}))
    with pytest.raises(ConfigError) as ei:
        load_settings(path)
    assert ei.value.field == field and field in str(ei.value)


@pytest.mark.parametrize("text", ["[1, 2]", '"offline"'])
def test_a_file_that_is_not_an_object_is_refused(tmp_path, text):
    path = tmp_path / "settings.json"
    path.write_text(text)
    with pytest.raises(ConfigError, match="JSON object"):
        load_settings(path)


def test_unknown_fields_are_ignored_with_a_warning(tmp_path, caplog):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "colour": "blue"}))
    with caplog.at_level(logging.WARNING):
        assert load_settings(path) == Settings()
    assert "colour" in caplog.text


@pytest.mark.parametrize(("field", "value"), [
    ("api_key", "whatever-it-is"), ("anthropic_api_key", "sk-ant-test-abcdefgh"),
    ("store_path", "spocr_test_KEYINFILE1"), ("spaceocr_token", "x"),
])
def test_a_key_in_the_file_is_dropped_and_never_logged(tmp_path, caplog, field, value):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, field: value}))
    with caplog.at_level(logging.DEBUG):
        s = load_settings(path)
    assert value not in repr(s) and value not in json.dumps(s.to_dict())
    assert "looks like an API key" in caplog.text
    assert value not in caplog.text


def test_save_refuses_a_value_that_looks_like_a_key(tmp_path):
    s = dataclasses.replace(Settings(), anthropic_model="sk-ant-test-abcdef123")
    path = tmp_path / "settings.json"
    with pytest.raises(ConfigError, match="keyring") as ei:
        save_settings(s, path)
    assert "sk-ant-test-abcdef123" not in str(ei.value)
    assert not path.exists()


def test_update_setting_parses_and_validates_text():
    s = update_setting(Settings(), "dpi", "300")
    assert s.dpi == 300
    assert update_setting(s, "mode", "hosted").mode == "hosted"
    assert update_setting(s, "api_base", "https://x.example/").api_base == "https://x.example"
    with pytest.raises(ConfigError, match="no setting named"):
        update_setting(s, "colour", "x")
    with pytest.raises(ConfigError, match="between 36 and 1200"):
        update_setting(s, "dpi", "5000")
    with pytest.raises(ConfigError, match="set-key") as ei:
        update_setting(s, "api_key", "spocr_test_abcdef")
    assert "spocr_test_abcdef" not in str(ei.value)
    with pytest.raises(ConfigError, match="set-key"):
        update_setting(s, "anthropic_model", "sk-ant-test-12345678")


def test_setting_names_lists_every_field_but_version():
    assert set(setting_names()) == {f.name for f in dataclasses.fields(Settings)} - {"version"}
    assert "api_key" not in setting_names()


def test_an_unwritable_path_is_a_config_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="cannot write"):
        save_settings(Settings(), Path(blocker) / "settings.json")
