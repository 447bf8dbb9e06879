#!/usr/bin/env bash
# Runs the benchmark against the server `mvn -Pbench verify` created (see BENCHMARKS.md).
# The load generator starts the server, measures and stops it; this script only prepares the file
# limit and makes sure the server is stopped however the load generator ends.
set -uo pipefail

: "${BENCH_WLP:?set by the bench profile}" "${BENCH_SERVER:?}" "${BENCH_CLASSES:?}" "${BENCH_OUT:?}"
here="$(cd "$(dirname "$0")" && pwd)"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Stops the server however the load generator ended: `server stop`, then the server JVM by the
# process id the load generator recorded (only if that process is still this server).
stop_server() {
  "$BENCH_WLP/bin/server" stop "$BENCH_SERVER" >/dev/null 2>&1 || true
  local pidfile="$BENCH_OUT/server.pid" pid i
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  for i in $(seq 1 60); do
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "ws-server.jar $BENCH_SERVER"; then
      sleep 0.5
    else
      rm -f "$pidfile"
      return 0
    fi
  done
  echo "The server (pid $pid) did not stop: ending it" >&2
  kill "$pid" 2>/dev/null; sleep 5; kill -9 "$pid" 2>/dev/null
  rm -f "$pidfile"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# Both the load generator and the server (its child) hold one descriptor per connection, plus
# Liberty's own (jars, logs): raise the soft limit to the hard one and size the idle row to fit.
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ]; then hard=1048576; fi
ulimit -n "$hard" 2>/dev/null || true
soft=$(ulimit -n)
wanted=${BENCH_IDLE:-10000}
room=$(( soft - 2000 ))
export BENCH_ULIMIT="$soft"
if [ "$wanted" -gt "$room" ]; then
  export BENCH_IDLE_NOTE="Only $room idle connections: ulimit -n is $soft here (hard limit $hard), and the server and the load generator each need one descriptor per connection plus about 2,000 of their own."
  echo "ulimit -n is $soft: measuring $room idle connections instead of $wanted" >&2
  export BENCH_IDLE="$room"
fi
ports=$(cat /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null | awk '{print $2 - $1}')
if [ -n "$ports" ] && [ "${BENCH_IDLE:-$wanted}" -gt "$ports" ]; then
  export BENCH_IDLE_NOTE="Only $ports idle connections: that is the local port range."
  export BENCH_IDLE="$ports"
fi

export BENCH_JFC="${BENCH_JFC:-$here/jfr/hitch-bench.jfc}"
# Which product code was measured
root="$(cd "$here/../.." && pwd)"
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$root" status --porcelain -- src/main 2>/dev/null)" ]; then
  commit="$commit + uncommitted changes in src/main"
fi
export BENCH_COMMIT="$commit"
# A stale server of an earlier run that was killed would hold the port.
stop_server
"$java_bin" -Xms512m -Xmx2g -XX:+UseParallelGC -cp "$BENCH_CLASSES" io.hitch.bench.load.Bench
