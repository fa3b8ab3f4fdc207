"""The keyboard-shortcut overlay (F1): the review's keys, listed over the window."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from spaceocr.gui.review import shortcut_rows

logger = logging.getLogger(__name__)


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
