"""Translations of the desktop app: Qt Linguist ``.ts`` sources and the ``.qm`` they build.

    python packaging/build_assets.py update-ts   # lupdate: gui sources -> i18n/spaceocr_*.ts
    python packaging/build_assets.py build       # lrelease: i18n/*.ts -> gui/translations/*.qm
    python packaging/build_assets.py check       # fail when a visible string is not in the .ts

``update-ts`` passes the gui's ``.py`` files by name to ``pyside6-lupdate`` (a directory
without ``-extensions py`` finds 0 strings and says nothing). Translators edit the ``.ts``
files with Qt Linguist (``pyside6-linguist i18n/spaceocr_ja.ts``). The ``.qm`` files are
build output (git-ignored); the app loads them from ``app/spaceocr/gui/translations/``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "app" / "spaceocr" / "gui"
I18N = ROOT / "i18n"
TRANSLATIONS = GUI / "translations"
#: UI languages: the suffix of ``spaceocr_<lang>.ts`` (underscores, as QTranslator looks)
LANGUAGES = ("en", "ja", "ko", "zh_Hans", "zh_Hant")

_FOUND = re.compile(r"Found (\d+) source text\(s\) \((\d+) new and (\d+) already existing\)")


def tool(name: str) -> str:
    """The path of a PySide6 tool (``pyside6-lupdate``), next to this Python or on PATH."""
    here = Path(sys.executable).with_name(name)
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found; install PySide6 (pip install PySide6)")
    return found


def gui_sources(gui_dir: Path = GUI) -> list[Path]:
    """The gui's Python files, the only ones with visible strings."""
    return sorted(p for p in gui_dir.rglob("*.py") if "translations" not in p.parts)


def ts_path(lang: str, ts_dir: Path = I18N) -> Path:
    return ts_dir / f"spaceocr_{lang}.ts"


def update_ts(
    languages: Sequence[str] = LANGUAGES,
    *,
    ts_dir: Path = I18N,
    sources: Sequence[Path] | None = None,
) -> list[tuple[str, int, int]]:
    """Run lupdate for every language; returns (lang, strings found, new strings)."""
    ts_dir.mkdir(parents=True, exist_ok=True)
    files = [str(p) for p in (sources if sources is not None else gui_sources())]
    out = []
    for lang in languages:
        target = ts_path(lang, ts_dir)
        cmd = [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *files]
        cmd += ["-target-language", lang, "-ts", str(target)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
        m = _FOUND.search(proc.stdout + proc.stderr)
        if m is None:
            raise RuntimeError(f"lupdate said nothing about its strings:\n{proc.stdout}")
        out.append((lang, int(m.group(1)), int(m.group(2))))
    return out


def new_strings(
    ts_dir: Path = I18N,
    languages: Sequence[str] = LANGUAGES,
    *,
    sources: Sequence[Path] | None = None,
) -> dict[str, int]:
    """How many visible strings of the sources are missing from each .ts (0 when current).

    lupdate runs on a temporary copy, so the .ts files are not touched.
    """
    with tempfile.TemporaryDirectory(prefix="spaceocr-ts-") as tmp:
        for lang in languages:
            shutil.copy2(ts_path(lang, ts_dir), ts_path(lang, Path(tmp)))
        found = update_ts(languages, ts_dir=Path(tmp), sources=sources)
        return {lang: new for lang, _n, new in found}


def build(
    out_dir: Path = TRANSLATIONS,
    *,
    ts_dir: Path = I18N,
    languages: Sequence[str] = LANGUAGES,
) -> list[Path]:
    """Compile every .ts into ``out_dir/spaceocr_<lang>.qm``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in languages:
        src = ts_path(lang, ts_dir)
        qm = out_dir / f"spaceocr_{lang}.qm"
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(src), "-qm", str(qm)],
            check=True,
            capture_output=True,
            text=True,
        )
        if not qm.exists() or qm.stat().st_size == 0:
            raise RuntimeError(f"lrelease wrote nothing for {src.name}")
        written.append(qm)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("update-ts", help="refresh i18n/*.ts from the gui sources")
    b = sub.add_parser("build", help="compile i18n/*.ts into .qm files")
    b.add_argument("--out", type=Path, default=TRANSLATIONS, help="folder for the .qm files")
    sub.add_parser("check", help="fail when the .ts files miss strings of the sources")
    args = p.parse_args(argv)
    if args.cmd == "update-ts":
        for lang, n, new in update_ts():
            sys.stdout.write(f"{ts_path(lang).relative_to(ROOT)}: {n} strings, {new} new\n")
    elif args.cmd == "build":
        for qm in build(args.out):
            sys.stdout.write(f"{qm}\n")
    else:
        missing = {k: v for k, v in new_strings().items() if v}
        if missing:
            sys.stderr.write(f"strings missing from the .ts files: {missing}; run update-ts\n")
            return 1
        sys.stdout.write("the .ts files are current\n")
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
