#!/usr/bin/env bash
# Lint, format check, the import contracts, the type check over the core, then every test (Qt offscreen).
# Called by `make test` and CI. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
echo "== ruff" >&2
.venv/bin/ruff check quotecheck ui tests bench
.venv/bin/ruff format --check quotecheck ui tests bench
echo "== import contracts (pyproject.toml [tool.importlinter])" >&2
.venv/bin/lint-imports
echo "== mypy (the core)" >&2
.venv/bin/mypy
echo "== pytest" >&2
.venv/bin/python -m pytest -q "$@"
