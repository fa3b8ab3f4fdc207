"""The settings dialog and the keyboard-shortcut overlay.

Settings go to the settings file through :mod:`spaceocr.core.settings` (mode, UI language,
render dpi, store location, default template); API keys go to the OS keyring through
:mod:`spaceocr.core.secrets` and never into the settings file. Where no keyring backend
exists the dialog says so and names the environment variables to use instead.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from spaceocr.gui.messages import exception_text
from spaceocr.gui.review import shortcut_rows

logger = logging.getLogger(__name__)

#: UI languages offered: code -> the language's own name (shown as is, never translated)
LANGUAGES = (
    ("en", "English"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("zh-Hans", "简体中文"),
    ("zh-Hant", "繁體中文"),
)

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


class ShortcutHelp(QDialog):
    """The keyboard shortcuts, listed over the window (F1; Esc or F1 closes it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutHelp")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = "".join(
            f"<tr><td style='padding:3px 14px 3px 0'><b>{keys}</b></td><td>{what}</td></tr>"
            for keys, what in shortcut_rows()
        )
        label = QLabel(
            "<h3>" + self.tr("Reviewing without the mouse") + "</h3>"
            f"<table>{rows}</table><p>"
            + self.tr(
                "Values to review have dashed orange boxes; confirmed ones are teal and "
                "corrected ones purple."
            )
            + "</p>",
            self,
        )
        label.setObjectName("shortcutText")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("F1"), self, self.reject)
        self.setMinimumWidth(560)


class SettingsDialog(QDialog):
    """Mode, API keys, UI language, render dpi, store location, templates and field lists."""

    saved = Signal(object)  #: the Settings written

    def __init__(
        self,
        settings_path: str | Path | None,
        parent: QWidget | None = None,
        *,
        templates: Sequence[Any] = (),
        keys: Any = None,
    ) -> None:
        super().__init__(parent)
        from spaceocr.core.secrets import KeyStore
        from spaceocr.core.settings import Settings, load_settings

        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings_path = settings_path
        self.keys = keys if keys is not None else KeyStore()
        self.templates = list(templates)
        self.restart_needed = False
        self.problem = ""
        try:
            self.settings = load_settings(settings_path)
        except Exception as exc:  # noqa: BLE001 - a broken file: defaults, and say so
            _, self.problem = exception_text(exc)
            self.settings = Settings()

        layout = QVBoxLayout(self)
        if self.problem:
            warn = QLabel(self.problem, self)
            warn.setWordWrap(True)
            layout.addWidget(warn)
        layout.addWidget(self._general_box())
        layout.addWidget(self._keys_box())
        layout.addWidget(self._templates_box())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self.setMinimumWidth(620)

    # ----------------------------------------------------------------- building
    def _general_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("General"), self)
        form = QFormLayout(box)
        self.mode_combo = QComboBox(box)
        self.mode_combo.setObjectName("modeCombo")
        for mode, text in (
            ("offline", self.tr("Offline (on this computer)")),
            ("cloud", self.tr("Cloud (Google Vision and Claude, your keys)")),
            ("hosted", self.tr("Hosted (the space-ocr service)")),
        ):
            self.mode_combo.addItem(text, mode)
        self.mode_combo.setCurrentIndex(max(self.mode_combo.findData(self.settings.mode), 0))
        form.addRow(self.tr("Mode:"), self.mode_combo)

        self.language_combo = QComboBox(box)
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem(self.tr("Same as the system"), "auto")
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        i = self.language_combo.findData(self.settings.ui_language)
        self.language_combo.setCurrentIndex(max(i, 0))
        form.addRow(self.tr("Language:"), self.language_combo)

        self.dpi_spin = QSpinBox(box)
        self.dpi_spin.setObjectName("dpiSpin")
        self.dpi_spin.setRange(72, 600)
        self.dpi_spin.setSingleStep(50)
        self.dpi_spin.setSuffix(self.tr(" dpi"))
        self.dpi_spin.setValue(int(self.settings.dpi))
        form.addRow(self.tr("Render pages at:"), self.dpi_spin)

        row = QHBoxLayout()
        self.store_edit = QLineEdit(self.settings.store_path, box)
        self.store_edit.setObjectName("storeEdit")
        self.store_edit.setPlaceholderText(self.tr("the default place in your user folder"))
        browse = QPushButton(self.tr("Choose…"), box)
        browse.clicked.connect(self._choose_store)
        row.addWidget(self.store_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Results database:"), row)
        return box

    def _keys_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("API keys"), self)
        form = QFormLayout(box)
        titles = {
            "google": self.tr("Google Cloud Vision key:"),
            "anthropic": self.tr("Anthropic (Claude) key:"),
            "spaceocr": self.tr("space-ocr key:"),
        }
        has_keyring = self.keys.keyring_available()
        self.key_edits: dict[str, QLineEdit] = {}
        for name in KEY_NAMES:
            edit = QLineEdit(box)
            edit.setObjectName(f"{name}KeyEdit")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(self._key_placeholder(name))
            edit.setEnabled(has_keyring)
            self.key_edits[name] = edit
            form.addRow(titles[name], edit)
        if has_keyring:
            note = self.tr(
                "Keys are kept in the system's keyring, never in the settings file. Leave a "
                "field empty to keep the key it has."
            )
        else:
            note = self.tr(
                "This system has no keyring to keep keys in, so they cannot be saved here. "
                "Set them as environment variables before starting spaceocr instead: "
                "GOOGLE_API_KEY, ANTHROPIC_API_KEY and SPACEOCR_API_KEY."
            )
        self.keys_note = QLabel(note, box)
        self.keys_note.setObjectName("keysNote")
        self.keys_note.setWordWrap(True)
        form.addRow(self.keys_note)
        return box

    def _key_placeholder(self, name: str) -> str:
        try:
            status = self.keys.status(name)
        except Exception:  # noqa: BLE001 - a broken keyring: the key is unknown, say not set
            logger.warning("cannot read the status of key %s", name)
            return self.tr("not set")
        if not status.is_set:
            return self.tr("not set")
        source = str(status.source or "")
        if source.startswith("env:"):
            return self.tr("set by the environment variable {var}: {masked}").format(
                var=source[4:], masked=status.masked
            )
        return self.tr("saved in the keyring: {masked}").format(masked=status.masked)

    def _templates_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Templates and field lists"), self)
        form = QFormLayout(box)
        self.template_combo = QComboBox(box)
        self.template_combo.setObjectName("defaultTemplateCombo")
        from spaceocr.gui.main_window import ui_language

        lang = ui_language()
        for t in self.templates:
            self.template_combo.addItem(t.display_name(lang), t.name)
        current = self.settings.default_template
        i = self.template_combo.findData(current)
        if i < 0 and current:
            self.template_combo.addItem(Path(current).name, current)
            i = self.template_combo.count() - 1
        self.template_combo.setCurrentIndex(max(i, 0))
        form.addRow(self.tr("Default template:"), self.template_combo)
        row = QHBoxLayout()
        load = QPushButton(self.tr("Load Field List…"), box)
        load.clicked.connect(self._load_fields)
        save = QPushButton(self.tr("Save as Field List…"), box)
        save.setToolTip(self.tr("Save the chosen template as a fields JSON to edit"))
        save.clicked.connect(self._save_fields_dialog)
        row.addWidget(load)
        row.addWidget(save)
        row.addStretch(1)
        form.addRow(row)
        return box

    def _warn(self, title: str, text: str) -> None:
        """Say what went wrong without blocking (the dialog stays open)."""
        self.problem = text
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("settingsProblem")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ----------------------------------------------------------------- actions
    def _choose_store(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Results database"),
            self.store_edit.text(),
            self.tr("SQLite databases (*.sqlite3 *.db)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.store_edit.setText(path)

    def _load_fields(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Load a field list"), "", self.tr("Field lists (*.json)")
        )
        if path:
            self.add_field_list(path)

    def add_field_list(self, path: str) -> bool:
        """Check a fields JSON and make it the default template."""
        from spaceocr.core.templates import load_fields_file

        try:
            tpl = load_fields_file(path)
        except Exception as exc:  # noqa: BLE001 - say what is wrong with the file
            _, text = exception_text(exc, file=Path(path).name)
            self._warn(self.tr("Field list"), text)
            return False
        self.template_combo.addItem(tpl.name, path)
        self.template_combo.setCurrentIndex(self.template_combo.count() - 1)
        return True

    def _save_fields_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a field list"), "fields.json", self.tr("Field lists (*.json)")
        )
        if path:
            self.save_field_list(path)

    def save_field_list(self, path: str | Path) -> bool:
        """Write the chosen template's fields as a JSON the user can edit and load again."""
        from spaceocr.gui.processing import load_template_spec

        spec = str(self.template_combo.currentData() or "")
        try:
            tpl = load_template_spec(spec)
            Path(path).write_text(
                json.dumps(template_to_json(tpl), ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8",
            )
        except Exception as exc:  # noqa: BLE001
            _, text = exception_text(exc, file=Path(path).name)
            self._warn(self.tr("Field list"), text)
            return False
        return True

    def chosen_settings(self) -> Any:
        """The Settings as the dialog shows them now."""
        return dataclasses.replace(
            self.settings,
            mode=str(self.mode_combo.currentData()),
            ui_language=str(self.language_combo.currentData()),
            dpi=int(self.dpi_spin.value()),
            store_path=self.store_edit.text().strip(),
            default_template=str(
                self.template_combo.currentData() or self.settings.default_template
            ),
        )

    def accept(self) -> None:
        """Save the settings file and the typed keys; say so when a restart is needed."""
        from spaceocr.core.settings import save_settings

        new = self.chosen_settings()
        try:
            for name, edit in self.key_edits.items():
                value = edit.text().strip()
                if value:
                    self.keys.set(name, value)
                    edit.clear()
            save_settings(new, self.settings_path)
        except Exception as exc:  # noqa: BLE001 - keep the dialog open and say why
            _, text = exception_text(exc)
            self._warn(self.tr("Settings"), text)
            return
        changed_restart = (
            new.ui_language != self.settings.ui_language
            or new.mode != self.settings.mode
            or new.store_path != self.settings.store_path
            or new.dpi != self.settings.dpi
        )
        self.settings = new
        self.saved.emit(new)
        if changed_restart:
            self.restart_needed = True
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Settings"),
                self.tr("The new settings take effect the next time spaceocr starts."),
                QMessageBox.StandardButton.Ok,
                self.parentWidget(),
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.setObjectName("restartNotice")
            box.open()
        super().accept()
