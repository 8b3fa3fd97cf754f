#!/usr/bin/env bash
# Lint, check the core/Qt boundary and run every test (Qt offscreen). Called by `make test` and CI.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
echo "== ruff" >&2
.venv/bin/ruff check quotecheck ui tests bench
echo "== pytest" >&2
.venv/bin/python -m pytest -q "$@"
