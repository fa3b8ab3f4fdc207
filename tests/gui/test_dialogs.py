"""Settings round trip (keys in the keyring, never in the file), field lists, window geometry,
and hosted mode through the GUI's processor against a local replay of the API."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from spaceocr.core.errors import ApiStatusError, ConfigError
from spaceocr.core.secrets import KeyStore
from spaceocr.core.settings import load_settings
from spaceocr.core.templates import list_templates
from spaceocr.gui.dialogs import SettingsDialog
from spaceocr.gui.main_window import MainWindow
from spaceocr.gui.messages import exception_text
from spaceocr.gui.processing import DocumentProcessor
from tests.support.hosted_api import HostedApi
from tests.support.keyring_backend import FileKeyring

SPOCR_KEY = "spocr_test_gui0000000001"
ANTHROPIC_KEY = "sk-ant-test-GUI01"


def close_notices() -> None:
    for w in QApplication.topLevelWidgets():
        if w.objectName() == "restartNotice":
            w.close()


def test_settings_round_trip_keeps_keys_out_of_the_file(qtbot: Any, tmp_path: Path) -> None:
    settings_path = tmp_path / "settings.json"
    keys = KeyStore(backend=FileKeyring(tmp_path / "kr.json"), environ={})
    dlg = SettingsDialog(settings_path, keys=keys, templates=list_templates())
    qtbot.addWidget(dlg)
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

    again = SettingsDialog(settings_path, keys=keys, templates=list_templates())
    qtbot.addWidget(again)
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
    dlg = SettingsDialog(tmp_path / "settings.json", keys=keys)
    qtbot.addWidget(dlg)
    assert not any(e.isEnabled() for e in dlg.key_edits.values())
    note = dlg.keys_note.text()
    assert "no keyring" in note and "SPACEOCR_API_KEY" in note and "GOOGLE_API_KEY" in note
    shown = dlg.key_edits["spaceocr"].placeholderText()
    assert "SPACEOCR_API_KEY" in shown and SPOCR_KEY not in shown


def test_a_field_list_saved_from_a_template_loads_again(qtbot: Any, tmp_path: Path) -> None:
    keys = KeyStore(backend=FileKeyring(tmp_path / "kr.json"), environ={})
    dlg = SettingsDialog(tmp_path / "settings.json", keys=keys, templates=list_templates())
    qtbot.addWidget(dlg)
    dlg.template_combo.setCurrentIndex(dlg.template_combo.findData("receipt"))
    out = tmp_path / "my_fields.json"
    assert dlg.save_field_list(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "total" in [f["name"] for f in data["fields"]]
    assert dlg.add_field_list(str(out))
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
