"""Translations: every .ts compiles, is complete and current, and the UI speaks Japanese."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from spaceocr.gui.app import install_translators
from spaceocr.gui.messages import error_text

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("en", "ja", "ko", "zh_Hans", "zh_Hant")


def _build_assets() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_assets", ROOT / "packaging" / "build_assets.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


build_assets = _build_assets()


@pytest.fixture(scope="session")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every .ts compiled by lrelease (the build step), into a temporary folder."""
    out = tmp_path_factory.mktemp("qm")
    build_assets.build(out)
    return out


@pytest.fixture
def in_language(qapp: QApplication, qm_dir: Path) -> Iterator[Any]:
    """Switch the UI language for one test, and back to English afterwards."""
    installed: list[Any] = []
    before = QLocale()

    def switch(lang: str) -> None:
        installed.extend(install_translators(qapp, lang, qm_dir))

    yield switch
    for tr in installed:
        qapp.removeTranslator(tr)
    QLocale.setDefault(before)


def _messages(lang: str) -> list[ET.Element]:
    return list(ET.parse(ROOT / "i18n" / f"spaceocr_{lang}.ts").getroot().iter("message"))


def test_every_ts_file_compiles(qm_dir: Path) -> None:
    for lang in LANGS:
        qm = qm_dir / f"spaceocr_{lang}.qm"
        assert qm.stat().st_size > 1000, lang


@pytest.mark.parametrize("lang", LANGS)
def test_every_string_is_translated_and_keeps_its_placeholders(lang: str) -> None:
    holes = re.compile(r"\{[a-z_]+\}|%n|%p%")
    msgs = _messages(lang)
    assert len(msgs) > 150
    for m in msgs:
        src = m.findtext("source") or ""
        tr = m.find("translation")
        assert tr is not None and tr.get("type") != "unfinished", (lang, src)
        forms = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
        for text in forms:
            assert text.strip(), (lang, src)
            assert sorted(holes.findall(text)) == sorted(holes.findall(src)), (lang, src, text)


def test_the_ts_files_hold_every_visible_string_of_the_sources() -> None:
    assert build_assets.new_strings() == dict.fromkeys(LANGS, 0)


def test_a_forgotten_update_is_caught(tmp_path: Path) -> None:
    extra = tmp_path / "extra.py"
    extra.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "QCoreApplication.translate('Extra', 'A string nobody translated yet')\n",
        encoding="utf-8",
    )
    found = build_assets.new_strings(
        languages=("ja",), sources=[*build_assets.gui_sources(), extra]
    )
    assert found == {"ja": 1}


def test_the_window_in_japanese_shows_japanese(
    qtbot: Any, in_language: Any, tmp_path: Path
) -> None:
    from spaceocr.gui.main_window import MainWindow

    in_language("ja")
    w = MainWindow(store_path=tmp_path / "s.sqlite3", isolate=False, processor=lambda *a: None)
    qtbot.addWidget(w)
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus[:3] == ["ファイル(&F)", "表示(&V)", "確認(&R)"]
    assert (
        w.statusBar().currentMessage() == "請求書・領収書・フォルダーをここにドロップしてください。"
    )
    assert w.field_model.headerData(0, Qt.Orientation.Horizontal) == "項目"
    assert w.fields_title.text() == "項目"
    assert error_text("corrupt_file", file="a.pdf").startswith("a.pdf: ファイルが壊れていて")
    # the template picker shows the template's own Japanese title
    assert w.template_combo.itemText(w.template_combo.findData("invoice")) == "請求書"
    # plurals come from the .ts
    assert w.opener.tr("%n document(s) queued", "", 3) == "3 件の書類を追加しました"


def test_english_plurals_and_korean(qtbot: Any, in_language: Any) -> None:
    from spaceocr.gui.main_window import MainWindow

    in_language("en")
    tr = QApplication.translate
    assert tr("DocumentOpener", "%n document(s) queued", "", 1) == "1 document queued"
    assert tr("DocumentOpener", "%n document(s) queued", "", 2) == "2 documents queued"
    in_language("ko")
    assert tr("WindowMenus", "&File") == "파일(&F)"
    assert (
        tr("Messages", "The results database is damaged.") == "결과 데이터베이스가 손상되었습니다."
    )
    assert MainWindow  # imported with the translators installed
