#!/usr/bin/env bash
# Make sure the local PostgreSQL at 127.0.0.1:5432 is up (start the Debian cluster if it is down).
set -euo pipefail
if pg_isready -q -h 127.0.0.1 -p 5432; then exit 0; fi
if command -v pg_ctlcluster >/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done
echo "postgres: nothing answers at 127.0.0.1:5432" >&2
exit 1
