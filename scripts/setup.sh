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

# antiword reads legacy Word 97-2003 (.doc) minutes (minutes/readers/legacy_word.py): Debian's
# package, installed only when missing and only as root; otherwise .doc files are refused with
# a message saying what is missing.
if ! command -v antiword >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "setup: installing Debian's antiword for .doc minutes"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq antiword; } \
    >/dev/null || echo "setup: could not install antiword; .doc minutes will be refused" >&2
fi

# Headless Chromium for the Playground browser test (tests/e2e/test_browser.py): Debian's
# package, installed only when missing and only as root; otherwise that test says it skipped.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "setup: installing Debian's chromium for the browser test"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
    >/dev/null || echo "setup: could not install chromium; the browser test will not run" >&2
fi
