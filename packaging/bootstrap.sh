#!/usr/bin/env bash
# Set up spaceocr on a fresh Debian/Ubuntu machine with Python 3.11+:
#   - the Debian packages it needs (Korean OCR data, Qt's runtime libraries, CJK fonts),
#   - a virtual environment in .venv with spaceocr and its test tools installed.
# Safe to run again: what is already there is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
DEB_PACKAGES=(
  tesseract-ocr-kor          # Hangul for the embedded OCR (no PyPI package carries it)
  libgl1 libegl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3  # Qt, offscreen too
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0  # Qt on X11
  libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-xkb1
  fonts-noto-cjk             # so the GUI draws Japanese, Korean and Chinese
  xvfb xauth                 # a virtual screen for the GUI bench and screenshots
)

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "bootstrap: installing Debian packages: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >&2
.venv/bin/python -m pip install -q -e ".[dev,packaging]" >&2
echo "bootstrap: ready (.venv)" >&2
