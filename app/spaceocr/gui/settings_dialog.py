"""The settings dialog: mode, API keys, UI language, render dpi, store, templates.

Settings go to the settings file through :mod:`spaceocr.core.settings` (mode, UI language,
render dpi, store location, default template); API keys go to the OS keyring through
:mod:`spaceocr.core.secrets` and never into the settings file. Where no keyring backend
exists the dialog says so and names the environment variables to use instead. Both are read
and written on a worker lane, never on the GUI thread: a keyring may block for seconds.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
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
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from spaceocr.gui.display import ui_language
from spaceocr.gui.messages import exception_text
from spaceocr.gui.settings_io import (
    KEY_NAMES,
    LoadedSettings,
    read_settings_and_keys,
    template_to_json,
    write_settings_and_keys,
)
from spaceocr.gui.workers import Lane

logger = logging.getLogger(__name__)

#: UI languages offered: code -> the language's own name (shown as is, never translated)
LANGUAGES = (
    ("en", "English"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("zh-Hans", "简体中文"),
    ("zh-Hant", "繁體中文"),
)


def error_with_detail(exc: BaseException) -> str:
    """The translated text for an error, with the core's own message below it when that says
    more (which file, line and column; which key). Core messages never carry a key."""
    from spaceocr.core.errors import SpaceOcrError

    _, text = exception_text(exc)
    detail = str(exc) if isinstance(exc, SpaceOcrError) else ""
    return f"{text}\n{detail}" if detail and detail != text else text


class SettingsDialog(QDialog):
    """Mode, API keys, UI language, render dpi, store location, templates and field lists.

    The settings file and the keyring are read and written on a worker lane (a keyring can
    block for seconds: a locked keychain, a slow D-Bus Secret Service); meanwhile the dialog
    shows a busy bar and its fields wait. :attr:`loaded` is emitted when what it shows was
    read, :attr:`saved` when the new settings are written; a failure is shown in the dialog.
    """

    loaded = Signal()  #: the settings and the keys' status are shown
    saved = Signal(object)  #: the Settings written
    field_list_added = Signal(str)  #: a checked fields JSON became the default template
    field_list_saved = Signal(str)  #: a template was written as a fields JSON

    def __init__(
        self,
        settings_path: str | Path | None,
        parent: QWidget | None = None,
        *,
        templates: Sequence[Any] = (),
        keys: Any = None,
        lane: Lane | None = None,
    ) -> None:
        super().__init__(parent)
        from spaceocr.core.secrets import KeyStore
        from spaceocr.core.settings import Settings

        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings_path = settings_path
        self.keys = keys if keys is not None else KeyStore()
        self.templates = list(templates)
        self.restart_needed = False
        self.problem = ""
        self.settings = Settings()
        self.has_keyring = False
        self._lane = lane if lane is not None else Lane("settings", 1, self)
        self._busy = ""

        layout = QVBoxLayout(self)
        self.general_box = self._general_box()
        self.keys_box = self._keys_box()
        self.templates_box = self._templates_box()
        layout.addWidget(self.general_box)
        layout.addWidget(self.keys_box)
        layout.addWidget(self.templates_box)
        layout.addLayout(self._status_row())
        self.error_label = QLabel(self)
        self.error_label.setObjectName("settingsError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        self.setMinimumWidth(620)
        self._load()

    # ----------------------------------------------------------------- building
    def _status_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("settingsBusy")
        self.busy_bar.setRange(0, 0)  # no percentage: a keyring does not say how long
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setMaximumHeight(14)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("settingsBusyText")
        row.addWidget(self.busy_bar)
        row.addWidget(self.busy_label, 1)
        for w in (self.busy_bar, self.busy_label):  # the row keeps its room: nothing jumps
            policy = w.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            w.setSizePolicy(policy)
            w.hide()
        return row

    def _fit_height(self) -> None:
        """Grow to show a text that arrived (the keys note, an error) without squeezing."""
        layout = self.layout()
        if layout is None:
            return
        width = self.width()
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if needed > self.height():
            self.resize(width, needed)

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
        form.addRow(self.tr("Mode:"), self.mode_combo)

        self.language_combo = QComboBox(box)
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem(self.tr("Same as the system"), "auto")
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        form.addRow(self.tr("Language:"), self.language_combo)

        self.dpi_spin = QSpinBox(box)
        self.dpi_spin.setObjectName("dpiSpin")
        self.dpi_spin.setRange(72, 600)
        self.dpi_spin.setSingleStep(50)
        self.dpi_spin.setSuffix(self.tr(" dpi"))
        form.addRow(self.tr("Render pages at:"), self.dpi_spin)

        row = QHBoxLayout()
        self.store_edit = QLineEdit(box)
        self.store_edit.setObjectName("storeEdit")
        self.store_edit.setPlaceholderText(self.tr("the default place in your user folder"))
        browse = QPushButton(self.tr("Choose…"), box)
        browse.clicked.connect(self._choose_store)
        row.addWidget(self.store_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Results database:"), row)
        self._show_general()
        return box

    def _show_general(self) -> None:
        s = self.settings
        self.mode_combo.setCurrentIndex(max(self.mode_combo.findData(s.mode), 0))
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(s.ui_language), 0))
        self.dpi_spin.setValue(int(s.dpi))
        self.store_edit.setText(s.store_path)

    def _keys_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("API keys"), self)
        form = QFormLayout(box)
        titles = {
            "google": self.tr("Google Cloud Vision key:"),
            "anthropic": self.tr("Anthropic (Claude) key:"),
            "spaceocr": self.tr("space-ocr key:"),
        }
        self.key_edits: dict[str, QLineEdit] = {}
        for name in KEY_NAMES:
            edit = QLineEdit(box)
            edit.setObjectName(f"{name}KeyEdit")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(self.tr("reading the keyring…"))
            self.key_edits[name] = edit
            form.addRow(titles[name], edit)
        self.keys_note = QLabel(box)
        self.keys_note.setObjectName("keysNote")
        self.keys_note.setWordWrap(True)
        form.addRow(self.keys_note)
        return box

    def _show_keys(self, has_keyring: bool, statuses: dict[str, Any]) -> None:
        self.has_keyring = has_keyring
        for name, edit in self.key_edits.items():
            edit.setPlaceholderText(self._key_placeholder(statuses.get(name)))
            edit.setEnabled(has_keyring)
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
        self.keys_note.setText(note)

    def _key_placeholder(self, status: Any) -> str:
        if status is None or not status.is_set:
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
        lang = ui_language()
        for t in self.templates:
            self.template_combo.addItem(t.display_name(lang), t.name)
        self._show_template()
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

    def _show_template(self) -> None:
        current = self.settings.default_template
        i = self.template_combo.findData(current)
        if i < 0 and current:
            self.template_combo.addItem(Path(current).name, current)
            i = self.template_combo.count() - 1
        self.template_combo.setCurrentIndex(max(i, 0))

    def _warn(self, title: str, text: str) -> None:
        """Say what went wrong without blocking (the dialog stays open)."""
        self.problem = text
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("settingsProblem")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _show_error(self, text: str) -> None:
        self.problem = text
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        if text:
            self._fit_height()

    # ----------------------------------------------------------------- busy state
    @property
    def is_busy(self) -> bool:
        """True while the settings or keys are being read or written."""
        return bool(self._busy)

    def _set_busy(self, text: str) -> None:
        """Show ``text`` with a busy bar and hold the fields (an empty text: ready again)."""
        self._busy = text
        self.busy_label.setText(text)
        self.busy_bar.setVisible(bool(text))
        self.busy_label.setVisible(bool(text))
        for box in (self.general_box, self.keys_box, self.templates_box):
            box.setEnabled(not text)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(not text)
        if text:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _alive(self) -> bool:
        return bool(shiboken6.isValid(self))

    # ----------------------------------------------------------------- loading
    def _load(self) -> None:
        self._set_busy(self.tr("Reading the settings and the keyring…"))
        path, keys = self.settings_path, self.keys
        self._lane.submit(
            lambda: read_settings_and_keys(path, keys),
            on_result=self._on_loaded,
            on_error=self._on_load_failed,
        )

    def _on_loaded(self, loaded: LoadedSettings) -> None:
        if not self._alive():
            return
        self.settings = loaded.settings
        self._show_general()
        self._show_template()
        self._show_keys(loaded.has_keyring, loaded.statuses)
        self._set_busy("")
        if loaded.problem is not None:
            self._show_error(error_with_detail(loaded.problem))
        self._fit_height()
        self.loaded.emit()

    def _on_load_failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        self._show_keys(False, {})
        self._set_busy("")
        self._show_error(error_with_detail(exc))
        self.loaded.emit()

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

    def add_field_list(self, path: str) -> None:
        """Check a fields JSON (on the worker lane) and make it the default template;
        :attr:`field_list_added` follows, or a warning says what is wrong with the file."""
        from spaceocr.core.templates import load_fields_file

        def loaded(tpl: Any) -> None:
            if self._alive():
                self.template_combo.addItem(tpl.name, path)
                self.template_combo.setCurrentIndex(self.template_combo.count() - 1)
                self.field_list_added.emit(path)

        def failed(exc: BaseException) -> None:
            if self._alive():
                _, text = exception_text(exc, file=Path(path).name)
                self._warn(self.tr("Field list"), text)

        self._lane.submit(lambda: load_fields_file(path), on_result=loaded, on_error=failed)

    def _save_fields_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a field list"), "fields.json", self.tr("Field lists (*.json)")
        )
        if path:
            self.save_field_list(path)

    def save_field_list(self, path: str | Path) -> None:
        """Write the chosen template's fields as a JSON the user can edit and load again (on
        the worker lane); :attr:`field_list_saved` follows, or a warning."""
        from spaceocr.gui.processing import load_template_spec

        spec = str(self.template_combo.currentData() or "")

        def work() -> None:
            tpl = load_template_spec(spec)
            Path(path).write_text(
                json.dumps(template_to_json(tpl), ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8",
            )

        def failed(exc: BaseException) -> None:
            if self._alive():
                _, text = exception_text(exc, file=Path(path).name)
                self._warn(self.tr("Field list"), text)

        self._lane.submit(
            work, on_result=lambda _: self.field_list_saved.emit(str(path)), on_error=failed
        )

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
        """Save the typed keys and the settings file on the worker lane; the dialog closes
        when both are written (and says so when a restart is needed), or shows why not."""
        from spaceocr.core.secrets import check_key_form

        if self.is_busy:
            return
        new = self.chosen_settings()
        typed: dict[str, str] = {}
        try:
            for name, edit in self.key_edits.items():
                if edit.text().strip():
                    typed[name] = check_key_form(name, edit.text())
        except Exception as exc:  # noqa: BLE001 - an ill-formed key: say which, never the key
            self._show_error(error_with_detail(exc))
            return
        self._show_error("")
        self._set_busy(self.tr("Saving the settings and the keys…"))
        stored: list[str] = []
        path, keys = self.settings_path, self.keys
        self._lane.submit(
            lambda: write_settings_and_keys(new, path, keys, typed, stored),
            on_result=lambda s: self._on_saved(s, stored),
            on_error=lambda exc: self._on_save_failed(exc, typed, stored),
        )

    def _on_saved(self, new: Any, stored: list[str]) -> None:
        if not self._alive():
            return
        self._set_busy("")
        for name in stored:
            self.key_edits[name].clear()
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
        if self.isVisible():  # (cancelled while saving: the save went on, it stays closed)
            super().accept()

    def _on_save_failed(self, exc: BaseException, typed: dict[str, str], stored: list[str]) -> None:
        from spaceocr.core.secrets import mask

        if not self._alive():
            return
        self._set_busy("")
        for name in stored:  # those reached the keyring before the failure
            edit = self.key_edits[name]
            edit.setPlaceholderText(
                self.tr("saved in the keyring: {masked}").format(masked=mask(typed[name]))
            )
            edit.clear()
        text = error_with_detail(exc)
        for value in typed.values():  # no message ever shows a key, whatever raised it
            text = text.replace(value, mask(value))
        self._show_error(text)
        if not self.isVisible():  # cancelled while saving: show why it was not saved
            self.open()
