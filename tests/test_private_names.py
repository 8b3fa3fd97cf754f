"""No module reaches into another module's private (``_underscore``) names.

A leading underscore says "this module's own business"; a name another module needs is public and
documented. Every module of the core and the window is parsed (nothing is imported) and each
``from x import _name``, and each ``module._name`` through a name bound by ``import``, is reported
with its file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"quotecheck": ROOT / "quotecheck", "quotecheck.ui": ROOT / "ui"}

ALLOWED: set[tuple[str, str, str]] = {
    # (importing module, imported module, name): the engine's CueFinder split, under way, removes these.
    ("quotecheck.engine.cues", "quotecheck.engine.mentions", "word_set"),
    ("quotecheck.engine.cues", "quotecheck.engine.resolve", "LEADING_THE"),
}


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the packages above."""
    out = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join([package, *parts])] = path
    return out


def resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` names."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__")) and name != "_"


def violations(known: dict[str, Path]) -> list[tuple[str, str, str, str]]:
    """``(where, importing module, imported module, name)`` of every private name reached across modules."""
    found = []
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        bound: dict[str, str] = {}  # local name -> the quotecheck module it is bound to
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = resolve(module, is_package, node)
                for alias in node.names:
                    if f"{source}.{alias.name}" in known:
                        bound[alias.asname or alias.name] = f"{source}.{alias.name}"
                    elif private(alias.name) and source != module and source.startswith("quotecheck"):
                        found.append((f"{path.name}:{node.lineno}", module, source, alias.name))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in known and alias.asname:
                        bound[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in bound
                and bound[node.value.id] != module
                and private(node.attr)
            ):
                found.append((f"{path.name}:{node.lineno}", module, bound[node.value.id], node.attr))
    return found


def test_modules_are_found():
    known = modules()
    assert {"quotecheck.library", "quotecheck.matching.analysis", "quotecheck.ui.app"} <= set(known)


def test_no_module_imports_another_modules_private_names():
    found = [v for v in violations(modules()) if v[1:] not in ALLOWED]
    assert not found, "private names reached across modules:\n" + "\n".join(
        f"{where}: {module} uses {source}.{name}" for where, module, source, name in found
    )


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from .analysis import _ids\n", [("quotecheck.matching.analysis", "_ids")]),
        (
            "from quotecheck.matching.stored import (\n    id_list,\n    _QUOTE_SQL,\n)\n",
            [("quotecheck.matching.stored", "_QUOTE_SQL")],
        ),
        (
            "from . import analysis\nanalysis._write_flags(None, [])\n",
            [("quotecheck.matching.analysis", "_write_flags")],
        ),
        ("from .analysis import rebuild, __doc__\nfrom . import statements\n", []),
    ],
)
def test_the_check_sees_private_imports(tmp_path, source, expected):
    """The checker itself: a private name imported or reached through a module is found, a public one not."""
    probe = tmp_path / "probe.py"
    probe.write_text(source, encoding="utf-8")
    known = {**modules(), "quotecheck.matching.probe": probe}
    found = [(src, name) for _, module, src, name in violations(known) if module == "quotecheck.matching.probe"]
    assert found == expected
