#!/usr/bin/env bash
# Set up a development environment: a Python 3.11 venv with Clerk and its test tools, and the
# npm packages (Teams manifest schema, Agents Playground). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      python=$candidate; break
    fi
  done
fi
[ -n "$python" ] || { echo "setup: Python 3.11 is required (botbuilder supports up to 3.11)" >&2; exit 1; }

[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"

if [ -f package-lock.json ] && command -v npm >/dev/null; then
  npm ci --silent --no-audit --no-fund
fi
