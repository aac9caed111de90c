"""The installed package: one ``credibly`` namespace, a small facade, and the engine's import rule."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import credibly


def _run(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_no_generic_top_level_names_are_installed(tmp_path):
    for name in ("features", "models", "scoring"):
        result = _run(f"import {name}", tmp_path)
        assert result.returncode != 0 and "ModuleNotFoundError" in result.stderr, name
    assert _run("import credibly.features, credibly.models, credibly.scoring", tmp_path).returncode == 0


def test_importing_the_engine_never_imports_scoring(tmp_path):
    code = (
        "import pkgutil, importlib, sys, credibly.features as f\n"
        "for m in pkgutil.walk_packages(f.__path__, 'credibly.features.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('credibly.scoring'))\n"
        "print(len([m for m in sys.modules if m.startswith('credibly.features')]), bad)\n"
    )
    result = _run(code, tmp_path)
    assert result.returncode == 0, result.stderr
    count, bad = result.stdout.split(" ", 1)
    assert int(count) > 10 and bad.strip() == "[]"


def test_import_credibly_is_cheap_and_loads_no_model(tmp_path):
    result = _run(
        "import sys, credibly; print(sorted(m for m in sys.modules if m.startswith('credibly')))", tmp_path
    )
    assert result.returncode == 0 and result.stdout.strip() == "['credibly']"


def test_facade_scores_and_reports_errors_as_data():
    result = credibly.score(
        "The city council said on Monday that the bridge would reopen in May, according to a statement.",
        title="Bridge to reopen",
    )
    assert isinstance(result, credibly.ScoreResult) and result.error is None
    assert 0 <= result.score <= 100 and result.label in ("low", "mixed", "high")
    assert credibly.score(None).error.code == "missing_text"
    assert isinstance(credibly.Scorer().score(credibly.ArticleInput(text="word " * 30)), credibly.ScoreResult)
    assert credibly.__version__


def test_no_submodule_is_shadowed_by_a_name_its_package_imports():
    """``from .readability import readability`` in a package's ``__init__`` hides the module
    ``pkg.readability`` behind the function; every submodule must stay reachable by attribute."""
    import importlib
    import pkgutil

    for name in ("credibly.features", "credibly.models", "credibly.scoring"):
        package = importlib.import_module(name)
        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            if info.name.endswith(".__main__"):
                continue
            module = importlib.import_module(info.name)
            parent, _, leaf = info.name.rpartition(".")
            assert getattr(importlib.import_module(parent), leaf) is module, info.name
