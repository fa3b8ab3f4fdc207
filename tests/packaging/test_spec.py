"""Cheap checks of the PyInstaller spec and of build_release.py's smoke-test judgement.

The spec is executed as PyInstaller executes it (its module-level code with ``SPECPATH`` set),
with PyInstaller's build steps (Analysis, PYZ, EXE, COLLECT) replaced by recorders: what the
spec asks to bundle is checked against the files that exist, without a 90-second build.
The real build and its smoke tests run in ``test_real_build`` with ``SPACEOCR_BUILD_TEST=1``.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "spaceocr.spec"
APP = ROOT / "app"

pytest.importorskip("PyInstaller", reason="pip install -e '.[packaging]'")


class _Recorded:
    """What one PyInstaller build step was called with."""

    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        self.kind = kind
        self.args = args
        self.kwargs = kwargs
        # an Analysis' outputs, as later steps read them
        self.pure: list[Any] = [("pure", kind)]
        self.scripts = list(args[0]) if kind == "Analysis" else []
        self.binaries: list[Any] = []
        self.datas = list(kwargs.get("datas", [])) if kind == "Analysis" else []


def _run_spec(monkeypatch: pytest.MonkeyPatch, qm_dir: Path | None = None) -> dict[str, Any]:
    if qm_dir is None:
        monkeypatch.delenv("SPACEOCR_QM_DIR", raising=False)
    else:
        monkeypatch.setenv("SPACEOCR_QM_DIR", str(qm_dir))
    calls: list[_Recorded] = []

    def recorder(kind: str) -> Any:
        def make(*args: Any, **kwargs: Any) -> _Recorded:
            rec = _Recorded(kind, *args, **kwargs)
            calls.append(rec)
            return rec

        return make

    ns: dict[str, Any] = {
        "__name__": "__main__",
        "__file__": str(SPEC),
        "SPECPATH": str(SPEC.parent),
        **{k: recorder(k) for k in ("Analysis", "PYZ", "EXE", "COLLECT")},
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), ns)
    ns["_calls"] = calls
    return ns


@pytest.fixture(scope="module")
def spec_ns() -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as mp:
        return _run_spec(mp)


def _of(ns: dict[str, Any], kind: str) -> list[_Recorded]:
    return [c for c in ns["_calls"] if c.kind == kind]


def _load_build_release() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_release", ROOT / "packaging" / "build_release.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


BR = _load_build_release()


def test_spec_compiles() -> None:
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


def test_two_programs_share_one_folder(spec_ns: dict[str, Any]) -> None:
    exes = _of(spec_ns, "EXE")
    assert sorted(e.kwargs["name"] for e in exes) == ["spaceocr", "spaceocr-gui"]
    assert all(e.kwargs["exclude_binaries"] for e in exes)
    (coll,) = _of(spec_ns, "COLLECT")
    assert coll.kwargs["name"] == "spaceocr"
    assert [a for a in coll.args if isinstance(a, _Recorded)] == exes
    assert not any(e.kwargs.get("upx") for e in exes) and not coll.kwargs.get("upx")


def _entry_target(script: Path) -> str:
    """``module:function`` an entry script runs, checking freeze_support() comes first."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    main_if = next(n for n in tree.body if isinstance(n, ast.If))
    first = main_if.body[0]
    assert isinstance(first, ast.Expr) and "freeze_support" in ast.unparse(first), script
    imp = next(n for n in main_if.body if isinstance(n, ast.ImportFrom))
    assert imp.module is not None
    return f"{imp.module}:{imp.names[0].name}"


def test_entry_points_are_pyproject_scripts(spec_ns: dict[str, Any]) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {**project["scripts"], **project["gui-scripts"]}
    programs = {name: Path(script) for name, script in spec_ns["PROGRAMS"]}
    assert set(programs) == set(wanted)
    for name, script in programs.items():
        assert script.is_file()
        assert _entry_target(script) == wanted[name]
    analysed = sorted(Path(a.args[0][0]) for a in _of(spec_ns, "Analysis"))
    assert analysed == sorted(programs.values())


def _datas(spec_ns: dict[str, Any]) -> set[tuple[str, str]]:
    (first, *_) = _of(spec_ns, "Analysis")
    return {(str(Path(src).resolve()), str(Path(dest))) for src, dest in first.kwargs["datas"]}


def test_builtin_templates_bundled(spec_ns: dict[str, Any]) -> None:
    builtin = sorted((APP / "spaceocr" / "core" / "templates" / "builtin").glob("*.json"))
    assert builtin
    datas = _datas(spec_ns)
    for path in builtin:
        assert (str(path.resolve()), "spaceocr/core/templates/builtin") in datas


def test_rapidocr_models_and_config_where_the_engine_looks(spec_ns: dict[str, Any]) -> None:
    import rapidocr

    from spaceocr.core.ocr import ppocr

    pkg_parent = Path(rapidocr.__file__).resolve().parent.parent
    datas = _datas(spec_ns)
    models_dest = str(ppocr.model_dir().relative_to(pkg_parent))
    for name in (ppocr.DET_MODEL, ppocr.REC_MODEL, ppocr.CLS_MODEL):
        assert (str(ppocr.model_dir() / name), models_dest) in datas
    for yaml in ("config.yaml", "default_models.yaml"):
        assert (str(pkg_parent / "rapidocr" / yaml), "rapidocr") in datas


def test_translations_bundled_where_the_gui_looks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from spaceocr.gui import app

    qm = tmp_path / "spaceocr_ko.qm"
    qm.write_bytes(b"")
    ns = _run_spec(monkeypatch, tmp_path)
    dest = str(app._TRANSLATIONS_DIR.relative_to(APP))
    assert (str(qm.resolve()), dest) in _datas(ns)


def test_no_tessdata_no_samples_bundled(spec_ns: dict[str, Any]) -> None:
    for src, _dest in _datas(spec_ns):
        assert not src.endswith(".traineddata")
        assert "resources/samples" not in src
        assert "__pycache__" not in src


def test_cli_subcommands_are_hidden_imports(spec_ns: dict[str, Any]) -> None:
    hidden = set(_of(spec_ns, "Analysis")[0].kwargs["hiddenimports"])
    cmds = sorted((APP / "spaceocr" / "cli").glob("*_cmd.py"))
    assert cmds
    for path in cmds:
        assert f"spaceocr.cli.{path.stem}" in hidden
    assert "spaceocr.gui.app" in hidden  # `spaceocr gui` runs it by name


def test_pymupdf_works_without_its_layout_package(spec_ns: dict[str, Any]) -> None:
    """The spec drops pymupdf.layout; PyMuPDF must still open and render without it."""
    assert "pymupdf.layout" in _of(spec_ns, "Analysis")[0].kwargs["excludes"]
    code = (
        "import sys; sys.modules['pymupdf.layout'] = None; sys.modules['pymupdf4llm'] = None\n"
        "import pymupdf\n"
        "d = pymupdf.open(); p = d.new_page(); p.insert_text((50, 50), 'x')\n"
        "print(p.get_pixmap(dpi=50).width, p.get_text().strip())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    width, text = out.stdout.split()
    assert int(width) > 0 and text == "x"


# ------------------------------------------------------------------ build_release's checks


def _proc(stdout: str, stderr: str = "", code: int = 0) -> subprocess.CompletedProcess[str]:
    return subprocess.CompletedProcess(["x"], code, stdout, stderr)


GOOD = '{"documents": 1, "fields": 20, "needs_review": 1, "failures": 0, "max_stall_ms": 14.7}\n'


def test_gui_summary_accepted() -> None:
    allowed = "This plugin does not support propagateSizeHints()\n"
    assert BR.check_gui_summary(_proc(GOOD, allowed), 1)["fields"] == 20


@pytest.mark.parametrize(
    ("stdout", "stderr", "code"),
    [
        (GOOD, "", 1),  # exit code
        (GOOD, "Traceback (most recent call last):\n", 0),  # unexpected stderr
        (GOOD + GOOD, "", 0),  # two lines
        ("not json\n", "", 0),
        (GOOD.replace('"failures": 0', '"failures": 1'), "", 0),
        (GOOD.replace('"documents": 1', '"documents": 0'), "", 0),
        (GOOD.replace('"fields": 20', '"fields": 0'), "", 0),
        (GOOD.replace(', "max_stall_ms": 14.7', ""), "", 0),  # a key missing
    ],
)
def test_gui_summary_rejected(stdout: str, stderr: str, code: int) -> None:
    with pytest.raises(BR.SmokeTestFailed):
        BR.check_gui_summary(_proc(stdout, stderr, code), 1)


def test_cli_result_checks() -> None:
    ok = '{"status": "success", "data": {"total": {}}, "meta": {"warnings": []}}'
    assert BR.check_cli_result(_proc(ok), True)["status"] == "success"
    no_kor = ok.replace("[]", '["korean_unavailable"]')
    assert BR.check_cli_result(_proc(no_kor), False)["status"] == "success"
    for bad in (
        _proc(no_kor),  # Korean data on the machine but the frozen app could not use it
        _proc(ok.replace("success", "error")),
        _proc(ok, "spaceocr: WARNING: something\n"),
        _proc(ok, code=1),
    ):
        with pytest.raises(BR.SmokeTestFailed):
            BR.check_cli_result(bad, True)


def test_korean_sample_and_check(tmp_path: Path) -> None:
    from PIL import Image

    path = BR.korean_sample(tmp_path / "ko.png")
    with Image.open(path) as im:
        assert im.width > 500
    assert BR.check_korean_ocr(_proc("영수증 합계 12,000원\n감사합니다\n")) == 11
    with pytest.raises(BR.SmokeTestFailed):
        BR.check_korean_ocr(_proc("12,000\n"))


def test_isolated_env_keeps_user_settings_out(tmp_path: Path) -> None:
    env = BR.isolated_env(tmp_path)
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "HOME", "XDG_RUNTIME_DIR"):
        assert Path(env[var]).is_relative_to(tmp_path)
    assert (tmp_path / "runtime").stat().st_mode & 0o777 == 0o700


# ------------------------------------------------------------------ the real build


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("SPACEOCR_BUILD_TEST") != "1",
    reason="a full PyInstaller build (minutes): set SPACEOCR_BUILD_TEST=1",
)
def test_real_build(tmp_path: Path) -> None:
    """Build into a temporary dist folder and run every smoke test of build_release.py."""
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build_release.py"),
            "--distpath",
            str(tmp_path / "dist"),
        ],
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-6000:]
    assert "smoke tests passed" in proc.stderr
    assert (tmp_path / "dist" / "spaceocr" / "spaceocr-gui").is_file()
