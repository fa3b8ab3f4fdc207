"""``spaceocr-gui``: start the desktop app (or run its smoke test).

``spaceocr-gui [FILES...]`` opens the window and queues the files; ``spaceocr-gui --smoke-test
FILE...`` opens the real window (offscreen when there is no display), runs the files through
the queue, prints one JSON line ``{"documents", "fields", "needs_review", "failures",
"max_stall_ms"}`` and exits 0 — the check a packaged build runs.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

logger = logging.getLogger(__name__)

_TRANSLATIONS_DIR = Path(__file__).with_name("translations")


class _ErrorReporter:
    """Shows the first unexpected exception in a dialog; later ones only in the log."""

    def __init__(self) -> None:
        self.count = 0
        self.dialogs_enabled = True

    def report(self, exc: BaseException) -> None:
        self.count += 1
        logger.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        if self.count > 1 or not self.dialogs_enabled:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        from spaceocr.gui.messages import error_text

        if QApplication.instance() is None:
            return
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QApplication.translate("App", "spaceocr"))
        box.setText(error_text("unexpected"))
        box.setDetailedText("".join(traceback.format_exception(exc)))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


REPORTER = _ErrorReporter()


def report_exception(exc: BaseException) -> None:
    """Log an unexpected exception; the first one is also shown (the app keeps running)."""
    REPORTER.report(exc)


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    exc.__traceback__ = tb
    report_exception(exc)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="spaceocr-gui", description="The spaceocr desktop app.")
    p.add_argument("files", nargs="*", help="documents or folders to queue at start")
    p.add_argument(
        "--smoke-test",
        action="store_true",
        help="process FILES in the real window, print a JSON summary, exit",
    )
    p.add_argument(
        "--mode", choices=("offline", "cloud", "hosted"), help="override the mode from the settings"
    )
    p.add_argument("--template", help="template name or fields JSON (default from settings)")
    p.add_argument("--store", help="SQLite store file (default from settings)")
    p.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        help="smoke test: give up after this many seconds (600)",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log details")
    return p


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("spaceocr-gui: %(levelname)s: %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    for noisy in ("RapidOCR", "rapidocr", "onnxruntime", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        import platformdirs

        log_dir = Path(platformdirs.user_log_dir("spaceocr", appauthor=False))
        log_dir.mkdir(parents=True, exist_ok=True)
        fh = logging.FileHandler(log_dir / "spaceocr-gui.log", encoding="utf-8")
        fh.setLevel(logging.WARNING)
        fh.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(fh)
    except OSError:
        logger.warning("no log file: the log folder cannot be written")


def _load_settings() -> Any:
    try:
        from spaceocr.core.settings import load_settings

        return load_settings()
    except Exception as exc:  # noqa: BLE001 - a broken settings file: defaults, and say so
        logger.warning("settings not loaded, using defaults: %s", exc)
        return None


def translations_dir() -> Path:
    """Where the ``spaceocr_<lang>.qm`` files are.

    A build or a packaged app has them in ``spaceocr/gui/translations/``. A source checkout
    that never ran ``packaging/build_assets.py build`` compiles ``i18n/*.ts`` once into the
    user's cache folder (when ``pyside6-lrelease`` is there); else the UI stays in English.
    """
    if any(_TRANSLATIONS_DIR.glob("spaceocr_*.qm")):
        return _TRANSLATIONS_DIR
    i18n = Path(__file__).resolve().parents[3] / "i18n"
    sources = sorted(i18n.glob("spaceocr_*.ts"))
    if not sources:
        return _TRANSLATIONS_DIR
    try:
        import platformdirs

        lrelease = Path(sys.executable).with_name("pyside6-lrelease")
        tool = str(lrelease) if lrelease.exists() else shutil.which("pyside6-lrelease")
        if tool is None:
            return _TRANSLATIONS_DIR
        out = Path(platformdirs.user_cache_dir("spaceocr", appauthor=False)) / "translations"
        out.mkdir(parents=True, exist_ok=True)
        for ts in sources:
            qm = out / (ts.stem + ".qm")
            if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
                subprocess.run(
                    [tool, "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True
                )
        return out
    except (OSError, subprocess.CalledProcessError) as exc:
        logger.warning("translations not compiled, the UI stays in English: %s", exc)
        return _TRANSLATIONS_DIR


def locale_for(language: str) -> Any:
    """The QLocale of a UI language setting ("auto": the system's; ``zh-Hant``, ``ja``...)."""
    from PySide6.QtCore import QLocale

    if language in ("", "auto"):
        return QLocale.system()
    if language == "zh-Hant":
        return QLocale(
            QLocale.Language.Chinese, QLocale.Script.TraditionalHanScript, QLocale.Country.Taiwan
        )
    if language == "zh-Hans":
        return QLocale(
            QLocale.Language.Chinese, QLocale.Script.SimplifiedHanScript, QLocale.Country.China
        )
    return QLocale(language.replace("-", "_"))


def install_translators(
    app: Any, language: str = "auto", directory: str | Path | None = None
) -> list[Any]:
    """Qt's own translations first, then ours, for ``language`` ("auto": the system's).

    The locale also becomes the default one (template titles and number formats follow
    it). A language without a .qm file stays in English. Returns the installed translators
    (remove them with ``app.removeTranslator`` to switch back).
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    locale = locale_for(language)
    QLocale.setDefault(locale)
    folder = str(directory) if directory is not None else str(translations_dir())
    installed = []
    qt_tr = QTranslator(app)
    if qt_tr.load(
        locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_tr)
        installed.append(qt_tr)
    ours = QTranslator(app)
    if ours.load(locale, "spaceocr", "_", folder):
        app.installTranslator(ours)
        installed.append(ours)
    return installed


def preload() -> None:
    """Import the heavy core modules on the GUI thread before the window shows.

    A first import from a worker thread would hold the GIL inside PyMuPDF's module set-up for
    a noticeable moment while the window is already up; at start-up it is just start-up.
    """
    import spaceocr.core.documents
    import spaceocr.core.export.json
    import spaceocr.core.store
    import spaceocr.core.templates  # noqa: F401


def main(argv: Sequence[str] | None = None) -> int:
    """Start the app; returns the exit code."""
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen build's worker processes start here
    args = build_parser().parse_args(argv)
    _setup_logging(args.verbose)
    if args.smoke_test and not any(
        os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.smoke_test and not args.files:
        sys.stderr.write("spaceocr-gui: --smoke-test needs at least one FILE\n")
        return 2

    from PySide6.QtWidgets import QApplication

    from spaceocr.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName("spaceocr")
    app.setApplicationName("spaceocr")
    settings = _load_settings()
    preload()
    install_translators(app, getattr(settings, "ui_language", "auto"))
    sys.excepthook = _excepthook

    mode = args.mode or getattr(settings, "mode", "offline") or "offline"
    template = args.template or getattr(settings, "default_template", "") or "invoice"
    store_path: str | None = args.store or (getattr(settings, "store_path", "") or None)
    tmp: tempfile.TemporaryDirectory[str] | None = None
    if args.smoke_test and not args.store:
        tmp = tempfile.TemporaryDirectory(prefix="spaceocr-smoke-", ignore_cleanup_errors=True)
        store_path = str(Path(tmp.name) / "smoke.sqlite3")
    dpi = int(getattr(settings, "dpi", 200) or 200)
    window = MainWindow(mode=mode, template=template, store_path=store_path, dpi=dpi)
    if args.smoke_test:
        REPORTER.dialogs_enabled = False
        code = run_smoke_test(app, window, args.files, args.timeout)
        if tmp is not None:
            tmp.cleanup()
        return code
    window.restore_layout()
    window.show()
    if args.files:
        window.add_paths(args.files)
    return int(app.exec())


def smoke_summary(window: Any, max_stall_ms: float) -> dict[str, Any]:
    """The smoke test's summary of the window's queue."""
    from spaceocr.gui.batch_queue import JobState

    jobs = window.batch.model.jobs()
    done = [j for j in jobs if j.state is JobState.DONE]
    return {
        "documents": len(done),
        "fields": sum(j.fields for j in done),
        "needs_review": sum(j.needs_review for j in done),
        "failures": sum(1 for j in jobs if j.state is JobState.FAILED),
        "max_stall_ms": round(max_stall_ms, 1),
    }


def run_smoke_test(app: Any, window: Any, files: Sequence[str], timeout_s: float) -> int:
    """Run ``files`` through the real window's queue; print the summary line."""
    from PySide6.QtCore import QTimer

    from spaceocr.gui.stall_meter import StallMeter

    meter = StallMeter(10)
    state = {"timed_out": False, "finished": False}

    def finish() -> None:
        if state["finished"]:
            return
        if window.batch.is_busy or window.store.pending:
            return
        state["finished"] = True
        meter.stop()
        app.quit()

    def on_timeout() -> None:
        state["timed_out"] = True
        window.batch.cancel_all()
        app.quit()

    started = {"intake": False}
    window.intake_done.connect(lambda _: started.update(intake=True))
    # done when the files were walked, the queue is empty and the store has nothing pending
    poll = QTimer()
    poll.setInterval(100)
    poll.timeout.connect(lambda: finish() if started["intake"] else None)
    poll.start()
    QTimer.singleShot(int(timeout_s * 1000), on_timeout)
    window.show()
    meter.start()
    window.add_paths(files)
    app.exec()
    summary = smoke_summary(window, meter.max_stall_ms)
    window.close()
    sys.stdout.write(json.dumps(summary) + "\n")
    sys.stdout.flush()
    if state["timed_out"]:
        sys.stderr.write("spaceocr-gui: smoke test timed out\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
