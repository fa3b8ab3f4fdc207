"""``spaceocr webhook verify|sign``: exit 0 for a matching signature, 1 otherwise."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import sys

import pytest

from spaceocr.cli.main import main

SECRET = "whsec_test_cli_0001"
BODY = b'{"event":"job.completed","data":{"jobId":"job_cli","status":"completed"}}'


@pytest.fixture
def body_file(tmp_path):
    p = tmp_path / "body.json"
    p.write_bytes(BODY)
    return p


def sig(body: bytes = BODY, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def run(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("form", [lambda s: s, lambda s: "sha256=" + s])
def test_verify_accepts_a_valid_signature(isolated_config, monkeypatch, capsys, body_file, form):
    monkeypatch.setenv("HOOK_SECRET", SECRET)
    code, out, err = run(["webhook", "verify", "--secret-env", "HOOK_SECRET",
                          "--signature", form(sig()), str(body_file)], capsys)
    assert code == 0, err
    assert json.loads(out) == {"valid": True, "event": "job.completed", "jobId": "job_cli"}
    assert SECRET not in out + err


def test_verify_rejects_a_forged_signature(isolated_config, monkeypatch, capsys, body_file):
    monkeypatch.setenv("HOOK_SECRET", SECRET)
    code, out, err = run(["webhook", "verify", "--secret-env", "HOOK_SECRET",
                          "--signature", sig(secret="whsec_attacker"), str(body_file)], capsys)
    assert code == 1
    assert json.loads(out) == {"valid": False, "reason": "mismatch"}
    assert "[webhook_signature]" in err and SECRET not in out + err


def test_verify_rejects_a_missing_signature(isolated_config, monkeypatch, capsys, body_file):
    monkeypatch.setenv("SPACEOCR_WEBHOOK_SECRET", SECRET)
    code, out, _ = run(["webhook", "verify", str(body_file)], capsys)
    assert code == 1 and json.loads(out)["reason"] == "missing"


def test_verify_reads_the_body_from_stdin_and_the_secret_from_the_keyring(
        isolated_config, monkeypatch, capsys):
    isolated_config.set_password("spaceocr", "webhook", SECRET)

    class _Stdin(io.StringIO):
        buffer = io.BytesIO(BODY)

    monkeypatch.setattr(sys, "stdin", _Stdin())
    code, out, _ = run(["webhook", "verify", "-s", sig(), "-"], capsys)
    assert code == 0 and json.loads(out)["valid"] is True


def test_a_tampered_body_fails(isolated_config, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("HOOK_SECRET", SECRET)
    p = tmp_path / "tampered.json"
    p.write_bytes(BODY.replace(b"job_cli", b"job_evil"))
    code, _, _ = run(["webhook", "verify", "--secret-env", "HOOK_SECRET", "-s", sig(), str(p)],
                     capsys)
    assert code == 1


def test_sign_prints_the_signature(isolated_config, monkeypatch, capsys, body_file):
    monkeypatch.setenv("HOOK_SECRET", SECRET)
    code, out, _ = run(["webhook", "sign", "--secret-env", "HOOK_SECRET", str(body_file)],
                       capsys)
    assert code == 0 and out.strip() == sig()


def test_no_secret_anywhere_is_a_config_error(isolated_config, capsys, body_file):
    code, _, err = run(["webhook", "verify", "-s", sig(), str(body_file)], capsys)
    assert code == 1 and "webhook signing secret is missing" in err
    code, _, err = run(["webhook", "verify", "--secret-env", "NOPE_NOT_SET", "-s", sig(),
                        str(body_file)], capsys)
    assert code == 1 and "NOPE_NOT_SET is not set" in err


def test_an_unreadable_body_file_is_reported(isolated_config, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("HOOK_SECRET", SECRET)
    code, _, err = run(["webhook", "verify", "--secret-env", "HOOK_SECRET", "-s", sig(),
                        str(tmp_path / "missing.json")], capsys)
    assert code == 1 and "cannot read the body" in err
