#!/usr/bin/env bash
# Failed requests while a replica is SIGKILLed under load, through the gateway and through HAProxy.
# Usage: bench/failover.sh [seconds of load] [connections]
source "$(dirname "$0")/common.sh"
require wrk curl python3 haproxy ss
duration=${1:-12}
connections=${2:-16}

build_release

# Each run has a distribution of its own: Aspire does not restart a killed replica (the dashboard's Start does).
run() { # label url
  local victim pid out
  start_apphost
  wait_ready
  victim=$(replica_address 0)
  pid=$(pid_on_port "${victim##*:}")
  wrk -t2 -c"$connections" -d"${duration}s" "$2" >"$BENCH_DIR/out/failover-$1.log" &
  local load=$!
  sleep $((duration / 3))
  kill -KILL "$pid"
  wait "$load"
  out=$(cat "$BENCH_DIR/out/failover-$1.log")
  local total bad socket
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  bad=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  socket=$(grep -oE 'Socket errors: .*' <<<"$out" || echo "Socket errors: none")
  echo "| $1 | $total | ${bad:-0} | $socket | killed pid $pid ($victim) at $((duration / 3)) s |"
  stop_apphost
}

echo "## Failover under load — $(date -u +%Y-%m-%d)"
echo
echo "Command: \`bench/failover.sh $duration $connections\` (wrk -t2 -c$connections -d${duration}s, one replica SIGKILLed a third of the way in)"
echo "Machine: $(machine); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| through | requests | non-2xx | socket errors | what was killed |"
echo "|---|---|---|---|---|"
run gateway "$GATEWAY/api/operations/add?a=1&b=2"
run haproxy "$LB/add?a=1&b=2"
