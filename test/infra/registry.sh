#!/usr/bin/env bash
# A throw-away OCI registry (Debian's docker-registry, the CNCF distribution registry) on
# 127.0.0.1:<free port>, storing blobs under DIR; optional htpasswd (bcrypt) authentication.
#   registry.sh start DIR [--htpasswd USER:PASS] [--watch-pid PID]   prints 127.0.0.1:PORT
#   registry.sh stop DIR                                             stops the PIDs recorded in DIR
# Plain HTTP on loopback only; helm and OCI clients accept that for 127.0.0.1 (helm: --plain-http).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=./daemons.sh
. "$HERE/daemons.sh"

usage() { echo "usage: $0 start DIR [--htpasswd USER:PASS] [--watch-pid PID] | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
ACTION="$1"
mkdir -p "$2"
DIR="$(cd "$2" && pwd)"
shift 2
CREDENTIALS="" WATCH_PID=""
while [ $# -gt 0 ]; do
  case "$1" in
    --htpasswd) CREDENTIALS="${2:?--htpasswd needs USER:PASS}"; shift 2 ;;
    --watch-pid) WATCH_PID="${2:?--watch-pid needs a PID}"; shift 2 ;;
    *) usage ;;
  esac
done

write_config() {
  cat >"$DIR/config.yml" <<CONFIG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $DIR/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$PORT
  secret: orkestra-test-$RANDOM$RANDOM
CONFIG
  if [ -n "$CREDENTIALS" ]; then
    cat >>"$DIR/config.yml" <<CONFIG
auth:
  htpasswd:
    realm: orkestra-test
    path: $DIR/htpasswd
CONFIG
  fi
}

answers() {  # /v2/ answers 200 (open) or 401 (auth on): either way the registry is serving.
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/v2/")"
  [ "$code" = 200 ] || [ "$code" = 401 ]
}

start() {
  [ ! -f "$DIR/pids" ] || { echo "$DIR already holds a registry; run: $0 stop $DIR" >&2; exit 1; }
  command -v docker-registry >/dev/null || { echo "registry.sh: needs docker-registry (apt-get install docker-registry)" >&2; exit 1; }
  mkdir -p "$DIR/data"
  if [ -n "$CREDENTIALS" ]; then
    # Password on stdin, not argv: argv is visible to every process on the machine.
    printf '%s\n' "${CREDENTIALS#*:}" | htpasswd -iBc "$DIR/htpasswd" "${CREDENTIALS%%:*}" 2>/dev/null
  fi
  local attempt
  for attempt in 1 2 3; do
    PORT="$(free_ports 1)"
    write_config
    start_daemon "$DIR" registry docker-registry serve "$DIR/config.yml"
    if wait_until 15 "the registry" answers; then
      [ -z "$WATCH_PID" ] || start_watcher "$DIR" "$WATCH_PID" "$HERE/registry.sh" stop "$DIR"
      echo "127.0.0.1:$PORT"
      return 0
    fi
    alive_or_fail "$DIR" registry || true
    stop_recorded "$DIR" 5
  done
  echo "registry failed to start; see $DIR/registry.log" >&2
  exit 1
}

case "$ACTION" in
  start) start ;;
  stop) stop_recorded "$DIR" 10 ;;
  *) usage ;;
esac
