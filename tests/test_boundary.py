"""The core library never imports Qt: every module of ``quotecheck`` except ``quotecheck.ui`` loads
with PySide6 made unimportable."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import quotecheck


def core_modules():
    return sorted(
        m.name
        for m in pkgutil.walk_packages(quotecheck.__path__, "quotecheck.")
        if not m.name.startswith("quotecheck.ui")
    )


def test_core_imports_without_qt():
    modules = core_modules()
    assert "quotecheck.library" in modules and "quotecheck.cli" in modules
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):\n"
        "            raise ImportError('Qt is blocked for the core: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        f"for name in {modules!r}:\n"
        "    __import__(name)\n"
        "assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=Path(quotecheck.__file__).parent.parent
    )
    assert result.returncode == 0, result.stderr


def test_ui_never_reaches_sqlite_directly():
    ui = Path(quotecheck.__file__).parent.parent / "ui"
    for path in ui.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for forbidden in ("import sqlite3", "import sqlite_utils", "from sqlite_utils", ".db.execute", ".db["):
            assert forbidden not in source, f"{path.name} reaches the database directly ({forbidden})"
