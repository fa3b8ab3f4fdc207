"""Settings round trip (keys in the keyring, never in the file), field lists, window geometry,
and hosted mode through the GUI's processor against a local replay of the API."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.compat import properties
from keyring.errors import PasswordSetError
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from spaceocr.core.errors import ApiStatusError, ConfigError
from spaceocr.core.secrets import KeyStore
from spaceocr.core.settings import load_settings
from spaceocr.core.templates import list_templates
from spaceocr.gui.main_window import MainWindow
from spaceocr.gui.messages import exception_text
from spaceocr.gui.processing import DocumentProcessor
from spaceocr.gui.settings_dialog import SettingsDialog
from tests.support.hosted_api import HostedApi
from tests.support.keyring_backend import FileKeyring

SPOCR_KEY = "spocr_test_gui0000000001"
ANTHROPIC_KEY = "sk-ant-test-GUI01"


def close_notices() -> None:
    for w in QApplication.topLevelWidgets():
        if w.objectName() == "restartNotice":
            w.close()


def open_dialog(qtbot: Any, settings_path: Path, **kwargs: Any) -> SettingsDialog:
    """The settings dialog once it has read the settings and the keyring (off the GUI
    thread)."""
    dlg = SettingsDialog(settings_path, **kwargs)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.loaded, timeout=10000):
        pass
    assert not dlg.is_busy
    return dlg


def test_settings_round_trip_keeps_keys_out_of_the_file(qtbot: Any, tmp_path: Path) -> None:
    settings_path = tmp_path / "settings.json"
    keys = KeyStore(backend=FileKeyring(tmp_path / "kr.json"), environ={})
    dlg = open_dialog(qtbot, settings_path, keys=keys, templates=list_templates())
    assert dlg.key_edits["spaceocr"].isEnabled()
    dlg.mode_combo.setCurrentIndex(dlg.mode_combo.findData("hosted"))
    dlg.language_combo.setCurrentIndex(dlg.language_combo.findData("ja"))
    dlg.dpi_spin.setValue(300)
    dlg.store_edit.setText(str(tmp_path / "mine.sqlite3"))
    dlg.template_combo.setCurrentIndex(dlg.template_combo.findData("invoice"))
    qtbot.keyClicks(dlg.key_edits["spaceocr"], SPOCR_KEY)
    qtbot.keyClicks(dlg.key_edits["anthropic"], ANTHROPIC_KEY)
    with qtbot.waitSignal(dlg.saved):
        dlg.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dlg.restart_needed
    close_notices()

    text = settings_path.read_text(encoding="utf-8")
    assert SPOCR_KEY not in text and ANTHROPIC_KEY not in text
    assert "spocr_" not in text and "sk-ant" not in text
    saved = load_settings(settings_path)
    assert (saved.mode, saved.ui_language, saved.dpi) == ("hosted", "ja", 300)
    assert saved.store_path == str(tmp_path / "mine.sqlite3")
    assert saved.default_template == "invoice"
    assert keys.get("spaceocr").reveal() == SPOCR_KEY
    assert keys.get("anthropic").reveal() == ANTHROPIC_KEY

    again = open_dialog(qtbot, settings_path, keys=keys, templates=list_templates())
    assert again.mode_combo.currentData() == "hosted"
    assert again.language_combo.currentData() == "ja"
    assert again.dpi_spin.value() == 300
    shown = again.key_edits["spaceocr"].placeholderText()
    assert "keyring" in shown and "spocr_" in shown and SPOCR_KEY not in shown
    assert again.key_edits["spaceocr"].text() == ""  # a key is never put back into a field
    assert again.key_edits["google"].placeholderText() == "not set"


def test_without_a_keyring_the_dialog_says_to_use_environment_variables(
    qtbot: Any, tmp_path: Path
) -> None:
    keys = KeyStore(backend=fail.Keyring(), environ={"SPACEOCR_API_KEY": SPOCR_KEY})
    dlg = open_dialog(qtbot, tmp_path / "settings.json", keys=keys)
    assert not any(e.isEnabled() for e in dlg.key_edits.values())
    note = dlg.keys_note.text()
    assert "no keyring" in note and "SPACEOCR_API_KEY" in note and "GOOGLE_API_KEY" in note
    shown = dlg.key_edits["spaceocr"].placeholderText()
    assert "SPACEOCR_API_KEY" in shown and SPOCR_KEY not in shown


def test_a_field_list_saved_from_a_template_loads_again(qtbot: Any, tmp_path: Path) -> None:
    keys = KeyStore(backend=FileKeyring(tmp_path / "kr.json"), environ={})
    dlg = open_dialog(qtbot, tmp_path / "settings.json", keys=keys, templates=list_templates())
    dlg.template_combo.setCurrentIndex(dlg.template_combo.findData("receipt"))
    out = tmp_path / "my_fields.json"
    with qtbot.waitSignal(dlg.field_list_saved, timeout=10000):
        dlg.save_field_list(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "total" in [f["name"] for f in data["fields"]]
    with qtbot.waitSignal(dlg.field_list_added, timeout=10000):
        dlg.add_field_list(str(out))
    assert dlg.template_combo.currentData() == str(out)
    with qtbot.waitSignal(dlg.saved):
        dlg.accept()
    close_notices()
    assert load_settings(tmp_path / "settings.json").default_template == str(out)


def test_window_geometry_is_kept_in_qsettings(qtbot: Any, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert app is not None
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    org, name = app.organizationName(), app.applicationName()
    app.setOrganizationName("spaceocr-test")
    app.setApplicationName("geometry")
    try:
        w = MainWindow(store_path=tmp_path / "s.sqlite3", isolate=False, processor=lambda *a: None)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.resize(730, 520)
        qtbot.waitUntil(lambda: w.width() == 730)
        w.close()
        assert QSettings().value("main_window/geometry") is not None
        again = MainWindow(
            store_path=tmp_path / "s.sqlite3", isolate=False, processor=lambda *a: None
        )
        qtbot.addWidget(again)
        assert again.width() != 730
        again.restore_layout()
        assert (again.width(), again.height()) == (730, 520)
        again.close()
    finally:
        app.setOrganizationName(org)
        app.setApplicationName(name)
        QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


def test_hosted_mode_runs_through_the_api_and_names_errors(
    tmp_path: Path, two_page_pdf: Path
) -> None:
    from tests.core.test_client import fobj

    with HostedApi(keys=[SPOCR_KEY]) as api:
        api.page_data = [
            {"invoice_number": fobj("INV-0042", (100, 100, 300, 130))},
            {"total": fobj("1,234", (600, 800, 850, 840))},
        ]
        env = {"SPACEOCR_API_KEY": SPOCR_KEY, "SPACEOCR_API_BASE": api.url}
        proc = DocumentProcessor(
            "hosted", dpi=72, settings_path=tmp_path / "settings.json", environ=env
        )
        steps: list[tuple[str, int, int]] = []
        result = proc(two_page_pdf, "invoice", lambda *a: steps.append(a), threading.Event())
        assert result.mode == "hosted"
        assert result.get("invoice_number").value == "INV-0042"
        assert result.get("invoice_number").grounding is not None
        assert steps[-1] == ("ocr", 2, 2)
        assert len(api.requests) == 2

        api.fail("/ocr/fields", 401, code="unauthorized", message="invalid API key")
        with pytest.raises(ApiStatusError) as ei:
            proc(two_page_pdf, "invoice", lambda *a: None, threading.Event())
        code, text = exception_text(ei.value, file="two_pages.pdf")
        assert code.startswith("api_")
        assert text == "The space-ocr service refused the API key; check it in the settings."

    no_key = DocumentProcessor("hosted", settings_path=tmp_path / "settings.json", environ={})
    with pytest.raises(ConfigError) as ei:
        no_key(two_page_pdf, "invoice", lambda *a: None, threading.Event())
    assert "SPACEOCR_API_KEY" in exception_text(ei.value)[1]
    assert "Settings" in exception_text(ei.value)[1]


class SlowKeyring(KeyringBackend):
    """A keyring that blocks every call until the test opens ``gate`` (as a locked keychain
    or a slow D-Bus Secret Service does), and notes which thread called it."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("SlowKeyring is for tests only")  # never chosen by keyring itself

    def __init__(self, fail_on_set: bool = False) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.waiting = threading.Event()
        self.fail_on_set = fail_on_set
        self.data: dict[tuple[str, str], str] = {}
        self.threads: set[int] = set()

    def _block(self) -> None:
        self.threads.add(threading.get_ident())
        self.waiting.set()
        self.gate.wait(10)
        self.waiting.clear()

    def get_password(self, service: str, username: str) -> str | None:
        self._block()
        return self.data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._block()
        if self.fail_on_set:
            raise PasswordSetError(f"locked (tried {password})")  # a backend that says too much
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._block()
        self.data.pop((service, username), None)


@pytest.fixture
def ticks(qapp: QApplication) -> Iterator[list[int]]:
    """A QTimer on the GUI thread counting its ticks: they stop whenever the event loop does."""
    count = [0]
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: count.__setitem__(0, count[0] + 1))
    timer.start()
    yield count
    timer.stop()


def test_a_slow_keyring_does_not_block_the_window(
    qtbot: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture, ticks: list[int]
) -> None:
    caplog.set_level(logging.DEBUG)
    slow = SlowKeyring()
    keys = KeyStore(backend=slow, environ={})
    started = time.monotonic()
    dlg = SettingsDialog(tmp_path / "settings.json", keys=keys, templates=list_templates())
    assert time.monotonic() - started < 1.0  # the constructor did not wait for the keyring
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(slow.waiting.is_set, timeout=5000)
    save = dlg.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dlg.is_busy and dlg.busy_bar.isVisible()
    assert dlg.busy_label.text() == "Reading the settings and the keyring…"
    assert not save.isEnabled() and not dlg.keys_box.isEnabled()
    seen = ticks[0]
    qtbot.waitUntil(lambda: ticks[0] >= seen + 10, timeout=3000)  # the event loop runs...
    assert slow.waiting.is_set()  # ...while the keyring still blocks
    with qtbot.waitSignal(dlg.loaded, timeout=10000):
        slow.gate.set()
    assert not dlg.is_busy and not dlg.busy_bar.isVisible() and save.isEnabled()
    assert dlg.key_edits["spaceocr"].isEnabled()
    assert dlg.key_edits["spaceocr"].placeholderText() == "not set"

    slow.gate.clear()
    qtbot.keyClicks(dlg.key_edits["spaceocr"], SPOCR_KEY)
    save.click()
    qtbot.waitUntil(slow.waiting.is_set, timeout=5000)
    assert dlg.is_busy and dlg.isVisible() and not save.isEnabled()
    assert dlg.busy_label.text() == "Saving the settings and the keys…"
    seen = ticks[0]
    qtbot.waitUntil(lambda: ticks[0] >= seen + 10, timeout=3000)
    assert slow.waiting.is_set()
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        slow.gate.set()
    assert not dlg.isVisible() and dlg.key_edits["spaceocr"].text() == ""
    assert slow.data[("spaceocr", "spaceocr")] == SPOCR_KEY
    assert threading.get_ident() not in slow.threads  # never called on the GUI thread
    assert load_settings(tmp_path / "settings.json").mode == "offline"
    assert SPOCR_KEY not in caplog.text


def test_a_keyring_that_refuses_is_reported_in_the_dialog_without_the_key(
    qtbot: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    slow = SlowKeyring(fail_on_set=True)
    slow.gate.set()
    keys = KeyStore(backend=slow, environ={})
    dlg = open_dialog(qtbot, tmp_path / "settings.json", keys=keys)
    dlg.show()
    qtbot.keyClicks(dlg.key_edits["anthropic"], ANTHROPIC_KEY)
    dlg.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dlg.is_busy, timeout=10000)
    assert dlg.isVisible()  # not saved: the dialog stays open and says why
    assert dlg.error_label.isVisible()
    assert "keyring refused" in dlg.error_label.text()
    assert "Anthropic" in dlg.error_label.text()
    assert dlg.key_edits["anthropic"].isEnabled()
    assert not (tmp_path / "settings.json").exists()  # nothing half-saved
    shown = [w.text() for w in dlg.findChildren(QLabel)] + [dlg.problem]
    assert not any(ANTHROPIC_KEY in t for t in shown)
    assert ANTHROPIC_KEY not in caplog.text


def test_an_ill_formed_key_is_refused_before_anything_is_written(
    qtbot: Any, tmp_path: Path
) -> None:
    kr = FileKeyring(tmp_path / "kr.json")
    dlg = open_dialog(qtbot, tmp_path / "settings.json", keys=KeyStore(backend=kr, environ={}))
    dlg.show()
    qtbot.keyClicks(dlg.key_edits["spaceocr"], "not-a-spocr-key")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dlg.is_busy and dlg.isVisible()
    assert "ill-formed" in dlg.error_label.text()
    assert "not-a-spocr-key" not in dlg.error_label.text()
    assert not (tmp_path / "settings.json").exists() and not (tmp_path / "kr.json").exists()


def test_a_broken_settings_file_shows_the_defaults_and_says_why(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"mode": "hosted",\n  oops}', encoding="utf-8")
    kr = FileKeyring(tmp_path / "kr.json")
    dlg = open_dialog(qtbot, path, keys=KeyStore(backend=kr, environ={}))
    dlg.show()
    assert dlg.error_label.isVisible() and "line 2" in dlg.error_label.text()
    assert dlg.mode_combo.currentData() == "offline"
    with qtbot.waitSignal(dlg.saved, timeout=10000):
        dlg.accept()
    assert load_settings(path).mode == "offline"
