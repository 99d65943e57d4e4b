#!/usr/bin/env bash
# Set up (once) and launch the desktop app: ./scripts/run.sh [consultation-app args]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
.venv/bin/python -m consultation_app.ui.i18n --compile >/dev/null  # .qm from the .ts sources
exec .venv/bin/consultation-app "$@"
