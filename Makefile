# Two commands for a fresh clone:
#   make run   sets everything up and opens quotecheck on the bundled sample project
#   make test  sets everything up and runs the whole test suite (Qt offscreen)
SAMPLE ?= $(HOME)/.local/share/quotecheck/sample.qcproj

.PHONY: run test setup lint bench

setup:
	@bash scripts/setup.sh

run: setup
	@bash scripts/run-sample.sh "$(SAMPLE)"

test: setup
	@bash scripts/test.sh

lint: setup
	.venv/bin/ruff check quotecheck ui tests bench
	.venv/bin/ruff format --check quotecheck ui tests bench
	.venv/bin/lint-imports
	.venv/bin/mypy

bench: setup
	.venv/bin/python bench/extract.py
	.venv/bin/python bench/match.py
	.venv/bin/python bench/ui.py
