"""``spaceocr config``: settings in the file, keys in the keyring, never printed."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest

from spaceocr.cli.main import main

KEY = "spocr_test_CONFIGSENTINEL7"
ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], capsys, stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "spaceocr" / "settings.json"


def test_show_with_nothing_set(isolated_config, capsys, tmp_path):
    code, out, _err = run(["config", "show"], capsys)
    assert code == 0
    assert "not created yet" in out
    assert "mode               offline" in out
    assert "spaceocr   not set" in out
    code, out, _ = run(["config", "show", "--json"], capsys)
    data = json.loads(out)
    assert data["settings_file"] == str(settings_file(tmp_path))
    assert data["keyring"]["available"] is True
    assert {k["name"]: k["set"] for k in data["keys"]} == {
        "spaceocr": False, "anthropic": False, "google": False, "webhook": False}


def test_set_and_unset_a_setting(isolated_config, capsys, tmp_path):
    assert run(["config", "set", "mode", "hosted"], capsys)[0] == 0
    assert run(["config", "set", "dpi", "300"], capsys)[0] == 0
    raw = json.loads(settings_file(tmp_path).read_text())
    assert raw["mode"] == "hosted" and raw["dpi"] == 300 and raw["version"] == 1
    _, out, _ = run(["config", "show", "--json"], capsys)
    assert json.loads(out)["settings"]["mode"] == "hosted"
    assert run(["config", "unset", "mode"], capsys)[0] == 0
    assert json.loads(settings_file(tmp_path).read_text())["mode"] == "offline"


def test_a_bad_setting_fails_with_exit_1(isolated_config, capsys):
    code, _, err = run(["config", "set", "mode", "turbo"], capsys)
    assert code == 1 and "must be one of" in err and "[config_error]" in err
    code, _, err = run(["config", "set", "colour", "blue"], capsys)
    assert code == 1 and "no setting named" in err


def test_a_key_is_refused_as_a_setting(isolated_config, capsys, tmp_path):
    code, out, err = run(["config", "set", "api_key", KEY], capsys)
    assert code == 1 and "set-key" in err
    assert KEY not in out + err
    assert not settings_file(tmp_path).exists()


def test_set_key_reads_stdin_and_stores_in_the_keyring(isolated_config, capsys, monkeypatch,
                                                       tmp_path):
    code, out, err = run(["config", "set-key", "spaceocr"], capsys, KEY + "\n", monkeypatch)
    assert code == 0, err
    assert isolated_config.get_password("spaceocr", "spaceocr") == KEY
    assert KEY not in out + err and "spocr_…" in err
    code, out, _ = run(["config", "show"], capsys)
    assert "spaceocr   set (keyring)" in out and KEY not in out
    run(["config", "set", "mode", "hosted"], capsys)
    assert KEY not in settings_file(tmp_path).read_text()


def test_set_key_never_takes_the_key_from_argv(isolated_config, capsys):
    with pytest.raises(SystemExit) as ei:
        main(["config", "set-key", "spaceocr", KEY])
    assert ei.value.code == 2
    assert isolated_config.get_password("spaceocr", "spaceocr") is None


def test_set_key_refuses_an_ill_formed_key(isolated_config, capsys, monkeypatch):
    code, out, err = run(["config", "set-key", "spaceocr"], capsys, "sk-not-ours-123\n",
                         monkeypatch)
    assert code == 1 and "ill-formed" in err
    assert "sk-not-ours-123" not in out + err
    code, _, err = run(["config", "set-key", "spaceocr"], capsys, "\n", monkeypatch)
    assert code == 1 and "empty" in err


def test_set_key_notes_an_environment_override(isolated_config, capsys, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-ENV1")
    code, out, err = run(["config", "set-key", "claude"], capsys, "sk-ant-test-STORED\n",
                         monkeypatch)
    assert code == 0
    assert "ANTHROPIC_API_KEY is set in the environment and takes precedence" in err
    _, out, _ = run(["config", "show"], capsys)
    assert "anthropic  set (env:ANTHROPIC_API_KEY)" in out
    assert "overridden" in out
    assert "test-ENV1" not in out and "test-STORED" not in out


def test_delete_key(isolated_config, capsys, monkeypatch):
    run(["config", "set-key", "webhook"], capsys, "whsec_test_delete_me\n", monkeypatch)
    assert run(["config", "delete-key", "webhook"], capsys)[0] == 0
    assert isolated_config.get_password("spaceocr", "webhook") is None
    code, _, err = run(["config", "delete-key", "webhook"], capsys)
    assert code == 1 and "no space-ocr webhook signing secret is stored" in err


def test_without_a_keyring_set_key_says_so_before_asking(isolated_config, capsys,
                                                         monkeypatch):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    stdin = io.StringIO(KEY + "\n")
    monkeypatch.setattr(sys, "stdin", stdin)
    code = main(["config", "set-key", "spaceocr"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "no keyring backend is available" in err and "SPACEOCR_API_KEY" in err
    assert stdin.tell() == 0  # the key was not even read
    _, out, _ = run(["config", "show"], capsys)
    assert "not available: keys come from the environment only" in out


def test_keyring_backend_chosen_by_environment_in_a_subprocess(tmp_path):
    """The real keyring discovery path (PYTHON_KEYRING_BACKEND) in a fresh interpreter."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("SPACEOCR_API_KEY", "SPACEOCR_API_BASE")}
    env.update(
        PYTHON_KEYRING_BACKEND="tests.support.keyring_backend.FileKeyring",
        SPACEOCR_TEST_KEYRING=str(tmp_path / "kr.json"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    cmd = [sys.executable, "-m", "spaceocr", "config"]
    p = subprocess.run([*cmd, "set-key", "spaceocr", "--stdin"], input=KEY + "\n", env=env,
                       capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert KEY not in p.stdout + p.stderr
    assert KEY in (tmp_path / "kr.json").read_text()
    p = subprocess.run([*cmd, "show", "--json"], env=env, capture_output=True, text=True,
                       timeout=60, cwd=ROOT)
    data = json.loads(p.stdout)
    assert {k["name"]: k["source"] for k in data["keys"]}["spaceocr"] == "keyring"
    assert "FileKeyring" in data["keyring"]["backend"]
    assert KEY not in p.stdout + p.stderr
