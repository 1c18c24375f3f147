#!/usr/bin/env bash
# Set up Clerk, load the sample minutes into a fresh SQLite database (demo.db), run the bot
# server and Microsoft's local Teams client (the Agents Playground, mock users named after
# people in the minutes), and chat with it in the terminal. Ctrl-C (or end of input) stops
# everything. CLERK_DEMO_PLAYGROUND=0 leaves the Playground out.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

export CLERK_DATABASE_URL=${CLERK_DATABASE_URL:-sqlite:///demo.db}
export CLERK_TODAY=${CLERK_TODAY:-2024-01-10}
export CLERK_ADMINS=${CLERK_ADMINS:-Jade Cavalli}
port=${CLERK_PORT:-3978}
clerk=.venv/bin/clerk

rm -f demo.db demo.db-wal demo.db-shm demo.db.lock
echo "== Loading the sample minutes (Barking and Dagenham CSP, in date order)"
"$clerk" ingest samples/minutes/lbbd-csp-2020-12-09.txt samples/minutes/lbbd-csp-2021-09.txt \
  samples/minutes/lbbd-csp-2022-12-07.txt samples/minutes/lbbd-csp-2023-12-06.md

echo "== Starting the bot server on http://127.0.0.1:$port/api/messages"
"$clerk" serve --host 127.0.0.1 --port "$port" > demo-serve.log 2>&1 &
server=$!
playground=
trap 'kill $server $playground 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/healthz" || { echo "server did not start; see demo-serve.log" >&2; exit 1; }
echo

if [ "${CLERK_DEMO_PLAYGROUND:-1}" = "1" ]; then
  echo "== Starting the Agents Playground (Teams, offline) beside it"
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/clerk-demo-playground.XXXXXX")
  bash scripts/playground.sh --endpoint "http://127.0.0.1:$port/api/messages" \
    --port "${PLAYGROUND_PORT:-56150}" --dir "$pg_dir" --port-file "$pg_dir/port" \
    > "$pg_dir/script.log" 2>&1 &
  playground=$!
  for _ in $(seq 1 100); do
    [ -s "$pg_dir/port" ] && break
    kill -0 "$playground" 2>/dev/null || break
    sleep 0.1
  done
  if [ -s "$pg_dir/port" ]; then
    echo "   Open http://127.0.0.1:$(cat "$pg_dir/port")/ in a browser: you are Jade Hodgson; the"
    echo "   group chat \"Board members\" and the team's channels need an @mention of Clerk."
  else
    echo "   The Playground did not start (needs Node.js and npm); see $pg_dir/script.log" >&2
    playground=
  fi
  echo
fi

if [ "${CLERK_DEMO_CHAT:-1}" = "1" ] && [ -t 0 ]; then
  who=${CLERK_DEMO_AS:-Jade Hodgson}
  echo "== Chatting as $who (today is $CLERK_TODAY). Try: my actions, what's on March agenda,"
  echo "   next meeting, last minutes, help. Ctrl-D to quit."
  "$clerk" chat --as "$who"
else
  echo "== Clerk is running. In another terminal: .venv/bin/clerk chat --as \"Jade Hodgson\""
  echo "   (with CLERK_DATABASE_URL=$CLERK_DATABASE_URL CLERK_TODAY=$CLERK_TODAY). Ctrl-C stops."
  wait $server
fi
