#!/usr/bin/env bash
# Set up, lint, and run the whole test suite twice: on SQLite, then on PostgreSQL.
# Extra arguments go to pytest (e.g. scripts/test.sh -k close).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/postgres.sh
postgres=${CLERK_TEST_POSTGRES:-postgresql://postgres@127.0.0.1:5432/test}

.venv/bin/ruff check .
echo "== tests on SQLite"
CLERK_TEST_DATABASE=sqlite .venv/bin/pytest -q "$@"
echo "== tests on PostgreSQL"
CLERK_TEST_DATABASE=$postgres .venv/bin/pytest -q "$@"
