# Sourced by the test-infra scripts: free loopback ports, daemons started with their PID recorded
# in a state dir, and a stop that signals exactly those PIDs. Holds no policy about what runs;
# never signals a process it did not record, nor one whose command line no longer names the dir.

# free_ports N: N distinct ports the kernel had free on 127.0.0.1 a moment ago, space-separated
# (another process may take one before we bind it: callers retry on failure).
free_ports() {
  node -e '
    const net = require("net");
    const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, "127.0.0.1", ok)))).then(() => {
      process.stdout.write(servers.map((s) => s.address().port).join(" "));
      servers.forEach((s) => s.close());
    });' "$1"
}

# start_daemon DIR NAME CMD...: runs CMD in the background, logs to DIR/NAME.log, records the PID.
start_daemon() {
  local dir="$1" name="$2"; shift 2
  "$@" </dev/null >>"$dir/$name.log" 2>&1 &
  echo "$name $!" >>"$dir/pids"
}

# pid_of DIR NAME: the recorded PID of NAME, empty when none.
pid_of() { awk -v n="$2" '$1==n {p=$2} END {if (p) print p}' "$1/pids" 2>/dev/null; }

# owned DIR PID: the PID still runs a command that names DIR (guards against PID reuse).
owned() {
  local cmd
  cmd="$( { tr '\0' ' ' <"/proc/$2/cmdline"; } 2>/dev/null)" || return 1
  [[ "$cmd" == *"$1"* ]]
}

# alive_or_fail DIR NAME: fails with the tail of NAME's log when its process has exited.
alive_or_fail() {
  local pid; pid="$(pid_of "$1" "$2")"
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "$2 exited early; last lines of $1/$2.log:" >&2
    tail -n 15 "$1/$2.log" >&2 || true
    return 1
  fi
}

# stop_recorded DIR [GRACE_SECONDS]: TERM every recorded PID (newest first), KILL what is left
# after the grace period, then forget them.
stop_recorded() {
  local dir="$1" grace="${2:-10}" pids=() pid
  [ -f "$dir/pids" ] || return 0
  while read -r _ pid; do
    [ -n "$pid" ] && [ "$pid" != "$$" ] && owned "$dir" "$pid" && pids=("$pid" "${pids[@]}")
  done <"$dir/pids"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  local deadline=$((SECONDS + grace)) left
  while :; do
    left=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && owned "$dir" "$pid" && left+=("$pid"); done
    [ ${#left[@]} -eq 0 ] && break
    if [ $SECONDS -ge $deadline ]; then
      for pid in "${left[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
      break
    fi
    sleep 0.1
  done
  rm -f "$dir/pids"
}

# start_watcher DIR OWNER_PID STOP_CMD...: once OWNER_PID exits, exec STOP_CMD (which must stop
# the daemons recorded in DIR, the watcher included); lets a crashed test run clean up after itself.
start_watcher() {
  local dir="$1" owner="$2"; shift 2
  ( while kill -0 "$owner" 2>/dev/null; do sleep 1; done; exec "$@" ) </dev/null >>"$dir/watcher.log" 2>&1 &
  echo "watcher $!" >>"$dir/pids"
}

# wait_until SECONDS WHAT CMD...: polls CMD every 0.1 s until it succeeds or time is up.
wait_until() {
  local limit="$1" what="$2"; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then echo "timed out after ${limit} s waiting for $what" >&2; return 1; fi
    sleep 0.1
  done
}
