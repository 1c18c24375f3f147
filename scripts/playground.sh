#!/usr/bin/env bash
# Run the Microsoft 365 Agents Playground (Microsoft's local Teams client, npm
# @microsoft/m365agentsplayground) against a Clerk bot, offline.
#
#   scripts/playground.sh [--endpoint URL] [--port N] [--dir DIR] [--port-file FILE]
#
# The mock tenant (playground/m365agentsplayground.yml: Jade Hodgson and five other board
# members from the sample minutes) is copied to DIR/.m365agentsplayground.yml (DIR: a fresh
# scratch folder unless given), where the Playground also writes its log. Telemetry is off and
# no browser is opened. If port N is taken the Playground picks another, so the port is read
# from its "Listening on N" line, printed with the address to open, and written to FILE.
# Runs until stopped (Ctrl-C or SIGTERM), then stops the Playground.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
endpoint=http://127.0.0.1:3978/api/messages
port=${PLAYGROUND_PORT:-56150}
dir=
port_file=
while [ $# -gt 0 ]; do
  case $1 in
    --endpoint) endpoint=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --port-file) port_file=$2; shift 2 ;;
    *) echo "playground: unknown option $1" >&2; exit 2 ;;
  esac
done

bin=$here/node_modules/.bin/agentsplayground
[ -x "$bin" ] || { echo "playground: $bin is missing; run scripts/setup.sh (needs npm)" >&2; exit 1; }
if [ -z "$dir" ]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/clerk-playground.XXXXXX")
fi
mkdir -p "$dir"
cp "$here/playground/m365agentsplayground.yml" "$dir/.m365agentsplayground.yml"
log=$dir/playground.log
: > "$log"

# APPLICATION_INSIGHTS_NO_STATSBEAT + --disable-telemetry: the only setting in which the
# Playground makes no connection beyond loopback (see shared/teams-client, pitfall 1).
( cd "$dir" && exec env APPLICATION_INSIGHTS_NO_STATSBEAT=true TEAMSAPPTESTER_BROWSER=none \
    M365_AGENTS_PLAYGROUND_LOGFILE="$dir/devTools/m365agentsplayground.log" \
    "$bin" --app-endpoint "$endpoint" --channel-id msteams --port "$port" --disable-telemetry
) > "$log" 2>&1 &
node_pid=$!
stop() { kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true; }
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

listening=
for _ in $(seq 1 150); do
  listening=$(sed -n 's/^Listening on \([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)
  [ -n "$listening" ] && break
  kill -0 "$node_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$listening" ]; then
  echo "playground: did not start; its output:" >&2
  cat "$log" >&2
  exit 1
fi
[ -z "$port_file" ] || echo "$listening" > "$port_file"
echo "Agents Playground (Teams, offline) for $endpoint: open http://127.0.0.1:$listening/"
echo "  as Jade Hodgson; group chat \"Board members\" and team \"Community Safety Partnership\""
echo "  need an @mention of Clerk. Log: $log"
wait "$node_pid"
