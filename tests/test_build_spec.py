"""build.spec keeps bundling what the built app reads from disk: no build here, in a second.

The spec is read as text (its syntax tree) and also run with stand-ins for PyInstaller's
classes and helpers, so the data it would bundle is checked against the files on disk and
against the folders the app looks in (planner.store.migrate, planner.resources).
"""

from __future__ import annotations

import ast
import os
import sys
import tomllib
import types
from pathlib import Path
from typing import Any

import pytest

import planner.resources
import planner.store.migrate

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


@pytest.fixture(scope="module")
def tree() -> ast.Module:
    return ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


class Recorder:
    """Stands in for Analysis, PYZ, EXE, COLLECT and BUNDLE: keeps the arguments."""

    calls: dict[str, Recorder]

    def __init__(self, kind: str, dist: Path, *args: Any, **kwargs: Any) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs
        self.datas: list[tuple[str, str, str]] = []
        self.binaries: list[tuple[str, str, str]] = []
        self.pure: list[Any] = []
        self.scripts: list[Any] = []
        self.name = str(dist / kwargs.get("name", kind))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The spec run with stand-ins; returns its namespace and what each class was given."""
    dist = tmp_path_factory.mktemp("dist")
    calls: dict[str, Recorder] = {}
    metadata: list[str] = []

    def recorder(kind: str) -> Any:
        def make(*args: Any, **kwargs: Any) -> Recorder:
            calls[kind] = Recorder(kind, dist, *args, **kwargs)
            return calls[kind]

        return make

    def copy_metadata(name: str) -> list[tuple[str, str]]:
        metadata.append(name)
        return []

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package, filter=None: [package]  # type: ignore[attr-defined]
    hooks.copy_metadata = copy_metadata  # type: ignore[attr-defined]
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda filename, search_paths=None: []  # type: ignore[attr-defined]
    stand_ins = {
        "PyInstaller": types.ModuleType("PyInstaller"),
        "PyInstaller.utils": types.ModuleType("PyInstaller.utils"),
        "PyInstaller.utils.hooks": hooks,
        "PyInstaller.depend": types.ModuleType("PyInstaller.depend"),
        "PyInstaller.depend.bindepend": bindepend,
    }
    saved = {name: sys.modules.get(name) for name in stand_ins}
    sys.modules.update(stand_ins)
    namespace: dict[str, Any] = {
        "__name__": "__main__",
        "__file__": str(SPEC),
        "SPECPATH": str(ROOT),
        "DISTPATH": str(dist),
        **{kind: recorder(kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")},
    }
    try:
        exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    return {"namespace": namespace, "calls": calls, "metadata": metadata}


def bundled(built: dict[str, Any]) -> dict[Path, str]:
    """Source file -> folder in the bundle, as the spec hands them to Analysis."""
    return {
        Path(source).resolve(): target
        for source, target in built["calls"]["Analysis"].kwargs["datas"]
    }


# ---- read as text ---------------------------------------------------------------------------


def test_name_and_version_come_from_pyproject(tree: ast.Module):
    text = SPEC.read_text(encoding="utf-8")
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert "tomllib" in imported
    assert "pyproject.toml" in text
    literals = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)}
    assert PROJECT["version"] not in literals, "the version is written out in build.spec"
    assert PROJECT["name"] not in literals, "the name is written out in build.spec"


def test_the_spec_reads_the_version_from_pyproject(built: dict[str, Any]):
    namespace = built["namespace"]
    assert namespace["NAME"] == PROJECT["name"]
    assert namespace["VERSION"] == PROJECT["version"]
    assert built["calls"]["EXE"].kwargs["name"] == PROJECT["name"]
    assert built["calls"]["COLLECT"].kwargs["name"] == PROJECT["name"]


# ---- what the built app reads from disk -----------------------------------------------------


def test_every_migration_is_bundled_where_alembic_looks(built: dict[str, Any]):
    data = bundled(built)
    folder = planner.store.migrate.MIGRATIONS
    # In a built app planner/store/migrate.py sits at _MEIPASS/planner/store/, and Alembic
    # reads the folder beside it.
    target = folder.relative_to(ROOT).as_posix()
    expected = [folder / "env.py", folder / "script.py.mako", *sorted(folder.glob("versions/*.py"))]
    assert any(path.name.startswith("0001") for path in expected)
    for path in expected:
        assert data.get(path.resolve()) == Path(target, path.parent.relative_to(folder)).as_posix()


def test_no_cache_files_ride_along(built: dict[str, Any]):
    for source in bundled(built):
        assert "__pycache__" not in source.parts and source.suffix != ".pyc"


def test_fonts_and_icons_are_bundled_where_resources_looks(built: dict[str, Any]):
    data = bundled(built)
    fonts = planner.resources.font_files()
    assert fonts, "the source tree has no bundled fonts"
    # In a built app planner.resources looks in _MEIPASS/resources.
    for font in fonts:
        assert data.get(font.resolve()) == "resources/fonts"
    icons = sorted(planner.resources.resource("icons").glob("okr-planner-*.png"))
    assert len(icons) >= 7
    for icon in icons:
        assert data.get(icon.resolve()) == "resources/icons"


def test_package_metadata_is_copied_for_the_version(built: dict[str, Any]):
    assert built["metadata"] == [PROJECT["name"]]


def test_hidden_imports_cover_the_migration_scripts(built: dict[str, Any]):
    hidden = built["calls"]["Analysis"].kwargs["hiddenimports"]
    assert "alembic" in hidden  # collect_submodules("alembic"), as the stand-in reports it
    assert "planner" in hidden  # the app's modules, some imported by name when first used
    assert "sqlalchemy.dialects.sqlite" in hidden


def test_other_bindings_and_tk_are_excluded(built: dict[str, Any]):
    excludes = set(built["calls"]["Analysis"].kwargs["excludes"])
    assert {"PyQt5", "PyQt6", "PySide2", "tkinter"} <= excludes
    assert {"PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick"} <= excludes
    # ...but never a module the app imports.
    for used in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"):
        assert used not in excludes


def test_one_folder_and_windowed(built: dict[str, Any]):
    exe = built["calls"]["EXE"].kwargs
    assert exe["exclude_binaries"] is True  # one folder: COLLECT gathers the binaries
    assert exe["console"] is False
    assert "COLLECT" in built["calls"]


def test_macos_declares_the_plan_file_type(tree: ast.Module):
    text = SPEC.read_text(encoding="utf-8")
    assert "CFBundleDocumentTypes" in text and "UTExportedTypeDeclarations" in text
    assert '"okrplan"' in text


# ---- the built app's matplotlib cache -------------------------------------------------------


def test_a_built_app_keeps_matplotlibs_cache_in_the_cache_folder(monkeypatch: pytest.MonkeyPatch):
    """PyInstaller's run-time hook sets MPLCONFIGDIR to a new temporary folder each launch;
    the built app points it back at its cache folder before matplotlib loads."""
    from planner import paths

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("MPLCONFIGDIR", "/tmp/_MEIxyz/mpl")
    paths.use_matplotlib_cache()
    assert Path(os.environ["MPLCONFIGDIR"]) == paths.matplotlib_config_dir()


def test_from_source_a_set_matplotlib_folder_is_kept(monkeypatch: pytest.MonkeyPatch, tmp_path):
    from planner import paths

    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path))
    paths.use_matplotlib_cache()
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path)
    monkeypatch.delenv("MPLCONFIGDIR")
    paths.use_matplotlib_cache()
    assert Path(os.environ["MPLCONFIGDIR"]) == paths.matplotlib_config_dir()
