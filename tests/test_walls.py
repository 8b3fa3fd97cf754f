"""The window reaches the core only through ``quotecheck.library`` and the records it returns."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quotecheck.library import Library, LibraryError

ROOT = Path(__file__).parent.parent


def test_ui_imports_only_library_and_records():
    """The import-linter contract in pyproject.toml: no ui module imports the engine, matching,
    project, io, model, progress, samples or the CLI directly."""
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint), "--contract", "ui-through-library", "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ui reaches the core only through library KEPT" in result.stdout


@pytest.mark.parametrize("make", [lambda p: p.mkdir(), lambda p: p.write_text("not a project")])
def test_a_file_that_is_no_project_is_a_library_error(tmp_path, make):
    path = tmp_path / "x.qcproj"
    make(path)
    with pytest.raises(LibraryError, match="x.qcproj"):
        Library(path, create=False)
    with pytest.raises(LibraryError, match="no such project file"):
        Library(tmp_path / "missing.qcproj", create=False)
