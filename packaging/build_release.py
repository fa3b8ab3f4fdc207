"""Build the frozen spaceocr (PyInstaller) and smoke-test what was built.

    python packaging/build_release.py                 # translations, build, smoke tests
    python packaging/build_release.py --skip-build    # smoke-test an existing dist/spaceocr

Steps (the model is qutebrowser's ``scripts/dev/build_release.py``):

1. compile ``i18n/*.ts`` with ``pyside6-lrelease`` into ``build/translations/`` (the spec
   bundles them; nothing is written into the source tree);
2. run PyInstaller on ``packaging/spaceocr.spec`` into ``build/`` and ``dist/``;
3. smoke tests of the frozen programs, offscreen, with settings and data in a temporary home:
   ``spaceocr-gui --smoke-test resources/samples/invoice_ja.png`` must exit 0, print its JSON
   summary (every document done, none failed) and write nothing unexpected to stderr;
   ``spaceocr extract resources/samples/receipt_en.png`` must return a ``success`` document
   with fields, and without ``korean_unavailable`` when this machine has the Korean data;
   ``spaceocr ocr`` of a Korean image made here must read Hangul (Tesseract in the bundle);
   ``spaceocr extract --mode cloud`` against local Vision/Anthropic replays (``tests/support``)
   must ground every value;
   ``spaceocr gui --smoke-test`` (the GUI started from the CLI executable) must pass too, and
   with ``xvfb-run`` installed the GUI smoke test runs once more on the xcb platform.

Exit code 0 when all passed, 1 when a step failed (its output is shown).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "spaceocr.spec"
GUI_SAMPLE = ROOT / "resources" / "samples" / "invoice_ja.png"
CLI_SAMPLE = ROOT / "resources" / "samples" / "receipt_en.png"
SMOKE_KEYS = ("documents", "fields", "needs_review", "failures", "max_stall_ms")

#: stderr lines the frozen GUI may print without failing the smoke test
STDERR_ALLOWED = (
    # the offscreen platform plugin says this for every top-level window
    r"^This plugin does not support propagateSizeHints\(\)",
    # Qt on a machine without a session bus or a runtime dir (a build container)
    r"^QStandardPaths: ",
)


class SmokeTestFailed(Exception):
    """A frozen program did not behave; the message says how."""


def log(msg: str) -> None:
    print(f"build_release: {msg}", file=sys.stderr, flush=True)


def find_lrelease() -> str | None:
    """pyside6-lrelease next to this Python, else on PATH."""
    here = Path(sys.executable).with_name("pyside6-lrelease")
    if here.is_file():
        return str(here)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_translations(out_dir: Path) -> list[Path]:
    """i18n/spaceocr_<lang>.ts -> out_dir/spaceocr_<lang>.qm; [] when there is nothing to do."""
    sources = sorted((ROOT / "i18n").glob("*.ts"))
    if not sources:
        log("no i18n/*.ts: no translations to bundle")
        return []
    tool = find_lrelease()
    if tool is None:
        raise SystemExit(
            "build_release: pyside6-lrelease not found (pip install PySide6-Essentials)"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    built = []
    for ts in sources:
        qm = out_dir / f"{ts.stem}.qm"
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    log(f"compiled {len(built)} translation(s) into {out_dir}")
    return built


def build(distpath: Path, workpath: Path, qm_dir: Path | None, clean: bool) -> float:
    """Run PyInstaller on the spec; returns the seconds it took."""
    env = dict(os.environ)
    if qm_dir is not None:
        env["SPACEOCR_QM_DIR"] = str(qm_dir)
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(distpath),
        "--workpath",
        str(workpath),
        str(SPEC),
    ]
    if clean:
        cmd.insert(4, "--clean")
    log("running " + " ".join(cmd[2:]))
    start = time.monotonic()
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    return time.monotonic() - start


def folder_size(path: Path) -> int:
    """Bytes of the regular files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def isolated_env(home: Path) -> dict[str, str]:
    """The environment for a smoke test: offscreen Qt, settings and data under ``home``."""
    env = dict(os.environ)
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        (home / var.lower()).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / var.lower())
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    env["HOME"] = str(home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # nothing from the developer's environment decides what the frozen app finds
    for var in ("PYTHONPATH", "PYTHONHOME", "QT_PLUGIN_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH"):
        env.pop(var, None)
    return env


def unexpected_stderr(stderr: str, allowed: Sequence[str] = STDERR_ALLOWED) -> list[str]:
    """The stderr lines that match none of the ``allowed`` patterns."""
    pats = [re.compile(p) for p in allowed]
    return [ln for ln in stderr.splitlines() if ln.strip() and not any(p.search(ln) for p in pats)]


def run_frozen(
    cmd: list[str], env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    log("running " + " ".join(cmd))
    start = time.monotonic()
    proc = subprocess.run(
        cmd,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    log(f"  exit {proc.returncode} after {time.monotonic() - start:.1f} s")
    return proc


def _fail(what: str, proc: subprocess.CompletedProcess[str]) -> SmokeTestFailed:
    return SmokeTestFailed(
        f"{what}\n--- exit code {proc.returncode}\n--- stdout\n{proc.stdout[-4000:]}"
        f"\n--- stderr\n{proc.stderr[-4000:]}"
    )


def check_gui_summary(proc: subprocess.CompletedProcess[str], n_files: int) -> dict[str, object]:
    """The GUI smoke test's JSON line, checked; raises SmokeTestFailed."""
    if proc.returncode != 0:
        raise _fail("spaceocr-gui --smoke-test did not exit 0", proc)
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    if len(lines) != 1:
        raise _fail("spaceocr-gui --smoke-test should print exactly one line", proc)
    try:
        summary = json.loads(lines[0])
    except json.JSONDecodeError:
        raise _fail("spaceocr-gui --smoke-test printed no JSON", proc) from None
    if not isinstance(summary, dict) or set(summary) != set(SMOKE_KEYS):
        raise _fail(f"the summary's keys should be {SMOKE_KEYS}", proc)
    if summary["documents"] != n_files or summary["failures"] != 0:
        raise _fail(f"{n_files} document(s) should be done without failures", proc)
    if not summary["fields"]:
        raise _fail("the smoke test found no fields at all", proc)
    bad = unexpected_stderr(proc.stderr)
    if bad:
        raise _fail("unexpected stderr from spaceocr-gui:\n" + "\n".join(bad), proc)
    return summary


def korean_data_present() -> bool:
    """Whether this machine has Tesseract's kor data where the app looks for it."""
    sys.path.insert(0, str(ROOT / "app"))
    try:
        from spaceocr.core.ocr.korean import find_tessdata
    finally:
        sys.path.pop(0)
    return find_tessdata() is not None


def check_cli_result(
    proc: subprocess.CompletedProcess[str], expect_korean: bool
) -> dict[str, object]:
    """The frozen ``spaceocr extract``'s document, checked; raises SmokeTestFailed."""
    if proc.returncode != 0:
        raise _fail("spaceocr extract did not exit 0", proc)
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise _fail("spaceocr extract printed no JSON", proc) from None
    if not isinstance(doc, dict) or doc.get("status") != "success" or not doc.get("data"):
        raise _fail("spaceocr extract should return a success with fields", proc)
    warnings = doc.get("meta", {}).get("warnings", [])
    if expect_korean and "korean_unavailable" in warnings:
        raise _fail("the frozen app cannot use Tesseract's Korean data (tesserocr bundled?)", proc)
    bad = unexpected_stderr(proc.stderr, ())
    if bad:
        raise _fail("unexpected stderr from spaceocr extract:\n" + "\n".join(bad), proc)
    return doc


def korean_sample(path: Path) -> Path:
    """A small Korean receipt image (PyMuPDF's built-in Korean font), written to ``path``."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=300, height=160)
    page.insert_text((20, 50), "영수증 합계 12,000원", fontname="korea", fontsize=16)
    page.insert_text((20, 90), "감사합니다", fontname="korea", fontsize=16)
    page.get_pixmap(dpi=200).save(str(path))
    doc.close()
    return path


def hangul_count(text: str) -> int:
    """How many Hangul syllables ``text`` holds."""
    return sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")


def check_korean_ocr(proc: subprocess.CompletedProcess[str]) -> int:
    """``spaceocr ocr -f text`` of the Korean sample read Hangul; raises SmokeTestFailed.

    PP-OCR alone reads no Hangul on it: the syllables come from Tesseract (tesserocr and its
    bundled libtesseract, with the system's kor data).
    """
    if proc.returncode != 0:
        raise _fail("spaceocr ocr did not exit 0", proc)
    n = hangul_count(proc.stdout)
    if n < 5:
        raise _fail("the frozen app read no Hangul: Tesseract kor is not working in it", proc)
    bad = unexpected_stderr(proc.stderr, ())
    if bad:
        raise _fail("unexpected stderr from spaceocr ocr:\n" + "\n".join(bad), proc)
    return n


def cloud_smoke_test(cli: Path, env: dict[str, str], folder: Path, timeout: float) -> str:
    """``spaceocr extract --mode cloud`` against local Vision and Anthropic replays.

    The same replay servers the CLI tests use (``tests/support``): the frozen google-cloud-vision
    REST transport and the anthropic SDK must send their requests and read the answers, and
    every value must come back with a box from Vision's characters. Raises SmokeTestFailed.
    """
    sys.path.insert(0, str(ROOT))
    try:
        from tests.support.anthropic_api import AnthropicServer, scripted_model
        from tests.support.httpserver import ReplayServer
        from tests.support.vision_api import VisionServer, Word, annotate_response, render_page
    finally:
        sys.path.remove(str(ROOT))
    width, height = 900, 700
    blocks = [
        [
            [
                Word("NORTH", (60, 50, 220, 100)),
                Word("PIER", (240, 50, 370, 100)),
                Word("BAKERY", (390, 50, 600, 100)),
            ]
        ],
        [[Word("2026-02-03", (60, 160, 360, 200))]],
        [[Word("TOTAL", (60, 400, 240, 450)), Word("7.50", (640, 400, 800, 450))]],
    ]
    answer = {"merchant_name": "NORTH PIER BAKERY", "date": "2026-02-03", "total": "7.50"}
    page = folder / "cloud.png"
    render_page(blocks, width, height).save(page)
    with ReplayServer() as server:
        vision, claude = VisionServer(server), AnthropicServer(server)
        vision.answer_json(annotate_response(blocks, width, height))
        claude.answer(scripted_model(answer))
        cenv = dict(
            env,
            SPACEOCR_VISION_ENDPOINT=vision.endpoint,
            GOOGLE_API_KEY="AIzaSyTEST-spaceocr-release-smoke",
            ANTHROPIC_BASE_URL=claude.base_url,
            ANTHROPIC_API_KEY="sk-ant-test-smoke",
        )
        cenv.pop("GOOGLE_APPLICATION_CREDENTIALS", None)
        cmd = [str(cli), "extract", "--mode", "cloud", "--template", "receipt", str(page)]
        proc = run_frozen(cmd, cenv, timeout)
        sent = (len(vision.requests), len(claude.requests))
    doc = check_cli_result(proc, False)
    data = doc["data"]
    assert isinstance(data, dict)
    if sent != (1, 1) or doc.get("meta", {}).get("engine") != "google_vision":  # type: ignore[union-attr]
        raise _fail(f"cloud mode should ask Vision and Claude once each (asked {sent})", proc)
    for name, value in answer.items():
        got = data.get(name) or {}
        if got.get("value") != value or not got.get("bbox"):
            raise _fail(f"cloud mode: {name} should be {value!r} with a box", proc)
    return f"{len(data)} fields, all grounded on the replayed Vision characters"


def smoke_test(app_dir: Path, timeout: float, xvfb: bool = True) -> None:
    """Run both frozen programs offscreen (and on xcb under Xvfb); raises SmokeTestFailed."""
    exe_suffix = ".exe" if sys.platform == "win32" else ""
    gui = app_dir / f"spaceocr-gui{exe_suffix}"
    cli = app_dir / f"spaceocr{exe_suffix}"
    for exe in (gui, cli):
        if not exe.is_file():
            raise SmokeTestFailed(f"{exe} was not built")
    with tempfile.TemporaryDirectory(prefix="spaceocr-release-") as tmp:
        env = isolated_env(Path(tmp))
        proc = run_frozen([str(cli), "--version"], env, 120)
        if proc.returncode != 0 or not proc.stdout.startswith("spaceocr "):
            raise _fail("spaceocr --version failed", proc)

        proc = run_frozen([str(gui), "--smoke-test", str(GUI_SAMPLE)], env, timeout)
        summary = check_gui_summary(proc, 1)
        log(f"  spaceocr-gui summary: {json.dumps(summary)}")
        if float(summary["max_stall_ms"]) > 50:  # type: ignore[arg-type]
            log("  note: the event loop stalled over 50 ms (a busy machine?)")

        proc = run_frozen([str(cli), "extract", str(CLI_SAMPLE)], env, timeout)
        doc = check_cli_result(proc, korean_data_present())
        meta = doc.get("meta", {})
        assert isinstance(meta, dict)
        log(
            f"  spaceocr extract: status {doc['status']}, {len(doc['data'])} fields, "  # type: ignore[arg-type]
            f"needs_review {meta.get('needs_review')}, warnings {meta.get('warnings')}, "
            f"total {meta.get('timings', {}).get('total')} s"
        )

        if korean_data_present():
            sample = korean_sample(Path(tmp) / "korean.png")
            proc = run_frozen([str(cli), "ocr", "--format", "text", str(sample)], env, timeout)
            log(f"  spaceocr ocr (Korean): {check_korean_ocr(proc)} Hangul syllables read")
        else:
            log("  no Tesseract kor data on this machine: Korean check skipped")

        if (ROOT / "tests" / "support" / "vision_api.py").is_file():
            result = cloud_smoke_test(cli, env, Path(tmp), timeout)
            log(f"  spaceocr extract --mode cloud: {result}")
        else:
            log("  tests/support not here: the cloud-mode check was skipped")

        # the CLI's `gui` subcommand: the GUI and its worker processes from the CLI executable
        proc = run_frozen([str(cli), "gui", "--smoke-test", str(CLI_SAMPLE)], env, timeout)
        log(f"  spaceocr gui summary: {json.dumps(check_gui_summary(proc, 1))}")

        xvfb_run = shutil.which("xvfb-run") if xvfb and sys.platform.startswith("linux") else None
        if xvfb_run:
            xenv = dict(env, QT_QPA_PLATFORM="xcb")
            cmd = [
                xvfb_run,
                "-a",
                "-s",
                "-screen 0 1600x1000x24",
                str(gui),
                "--smoke-test",
                str(GUI_SAMPLE),
                str(CLI_SAMPLE),
            ]
            summary = check_gui_summary(run_frozen(cmd, xenv, timeout), 2)
            log(f"  spaceocr-gui on xcb (Xvfb): {json.dumps(summary)}")
        else:
            log("  xvfb-run not found (or --no-xvfb): the xcb platform plugin was not tried")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--distpath", type=Path, default=ROOT / "dist", help="dist folder (dist/)")
    p.add_argument("--workpath", type=Path, default=ROOT / "build", help="work folder (build/)")
    p.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    p.add_argument("--skip-build", action="store_true", help="smoke-test the existing build")
    p.add_argument("--no-smoke-test", action="store_true", help="build only")
    p.add_argument("--no-xvfb", action="store_true", help="skip the smoke test on xcb (Xvfb)")
    p.add_argument("--timeout", type=float, default=900.0, help="per smoke test, seconds (900)")
    args = p.parse_args(argv)

    app_dir = args.distpath / "spaceocr"
    if not args.skip_build:
        qm = compile_translations(args.workpath / "translations")
        seconds = build(
            args.distpath, args.workpath, args.workpath / "translations" if qm else None, args.clean
        )
        log(f"built {app_dir} in {seconds:.0f} s")
    if not app_dir.is_dir():
        log(f"{app_dir} does not exist; build it first")
        return 1
    log(f"bundle size: {folder_size(app_dir) / 2**20:.0f} MiB ({app_dir})")
    if args.no_smoke_test:
        return 0
    try:
        smoke_test(app_dir, args.timeout, xvfb=not args.no_xvfb)
    except (SmokeTestFailed, subprocess.TimeoutExpired) as exc:
        log(f"SMOKE TEST FAILED: {exc}")
        return 1
    log("smoke tests passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
