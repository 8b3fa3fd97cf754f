"""Logging: silent by default, on standard error with the CLI's ``-v``, in a file for the window; and the
habits the code keeps (a logger per core module, every broad ``except Exception`` logs what it caught)."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest

from quotecheck import cli, logs
from quotecheck.library import Library

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def quotecheck_logger():
    """Leave the ``quotecheck`` logger as it was found (handlers and level are process-wide)."""
    logger = logging.getLogger("quotecheck")
    handlers, level = list(logger.handlers), logger.level
    yield logger
    for handler in logger.handlers:
        if handler not in handlers:
            handler.close()
    logger.handlers[:] = handlers
    logger.setLevel(level)


def test_the_cli_logs_on_stderr_only_when_asked(tmp_path, capsys, quotecheck_logger):
    project = tmp_path / "p.qcproj"
    Library(project).close()
    assert cli.main(["match", str(project)]) == 0
    assert "quotecheck.matching.analysis" not in capsys.readouterr().err
    assert cli.main(["match", str(project), "-v"]) == 0
    err = capsys.readouterr().err
    assert "INFO quotecheck.matching.analysis: rebuild" in err


def test_a_log_file_gets_the_traceback_and_is_configured_once(tmp_path, quotecheck_logger):
    path = logs.log_to_file(tmp_path / "data")
    assert path == (tmp_path / "data" / "quotecheck.log").resolve()
    assert logs.log_to_file(tmp_path / "data") == path
    assert sum(isinstance(h, logging.FileHandler) for h in quotecheck_logger.handlers) == 1
    try:
        raise ValueError("a broken article")
    except ValueError:
        logging.getLogger("quotecheck.library").exception("extraction failed")
    for handler in quotecheck_logger.handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "ERROR quotecheck.library: extraction failed" in text
    assert "ValueError: a broken article" in text


def _sources(*folders: str):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path, path.read_text(encoding="utf-8")


def _module_logger(text: str) -> bool:
    """``log = logging.getLogger(__name__)`` as a statement of the module (not a line of its docstring)."""
    return any(
        isinstance(node, ast.Assign)
        and [getattr(t, "id", None) for t in node.targets] == ["log"]
        and ast.unparse(node.value) == "logging.getLogger(__name__)"
        for node in ast.parse(text).body
    )


def test_every_core_module_has_its_own_logger():
    missing = [
        str(path.relative_to(ROOT))
        for path, text in _sources("quotecheck")
        if path.name != "__init__.py" and not _module_logger(text)
    ]
    assert not missing, f"no module logger in {missing}"


def _broad(handler: ast.ExceptHandler) -> bool:
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return handler.type is None or any(
        isinstance(n, ast.Name) and n.id in ("Exception", "BaseException") for n in names
    )


def _logs_or_raises(handler: ast.ExceptHandler) -> bool:
    for node in ast.walk(ast.Module(body=handler.body, type_ignores=[])):
        if isinstance(node, ast.Raise) and node.exc is None:
            return True  # cleans up and re-raises: whoever catches it reports it
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "log"
        ):
            return True
    return False


def test_every_broad_except_logs_what_it_caught():
    silent = []
    for path, text in _sources("quotecheck", "ui"):
        assert "traceback.print_exc" not in text, f"{path.name} prints a traceback instead of logging it"
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ExceptHandler) and _broad(node) and not _logs_or_raises(node):
                silent.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not silent, f"broad except without logging: {silent}"
