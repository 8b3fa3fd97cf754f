#!/usr/bin/env bash
# Build the sample project (first time only) and open it in the window. With no display, show it in
# the terminal instead and save a screenshot of the window.
set -euo pipefail
cd "$(dirname "$0")/.."
project=${1:-$HOME/.local/share/quotecheck/sample.qcproj}
mkdir -p "$(dirname "$project")"
.venv/bin/quotecheck sample "$project"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec .venv/bin/quotecheck gui "$project"
fi
echo "No display here: the sample project in the terminal (run 'make run' in a desktop session for the window)." >&2
.venv/bin/quotecheck articles "$project"
.venv/bin/quotecheck flags "$project" | head -n 20
QT_QPA_PLATFORM=offscreen .venv/bin/quotecheck gui "$project" --screenshot quotecheck-sample.png \
  && echo "A picture of the window: quotecheck-sample.png" >&2
