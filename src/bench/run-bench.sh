#!/usr/bin/env bash
# Runs the benchmark against the server `mvn -Pbench verify` created (see BENCHMARKS.md).
# The load generator starts the server, measures and stops it; this script only prepares the file
# limit and makes sure the server is stopped however the load generator ends.
set -uo pipefail

: "${BENCH_WLP:?set by the bench profile}" "${BENCH_SERVER:?}" "${BENCH_CLASSES:?}" "${BENCH_OUT:?}"
here="$(cd "$(dirname "$0")" && pwd)"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

stop_server() {
  "$BENCH_WLP/bin/server" stop "$BENCH_SERVER" >/dev/null 2>&1 || true
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
# A stale server of an earlier run that was killed would hold the port.
stop_server
"$java_bin" -Xms512m -Xmx2g -XX:+UseParallelGC -cp "$BENCH_CLASSES" io.hitch.bench.load.Bench
