#!/usr/bin/env bash
# Throughput and latency (p50, p99) straight to one replica, through the gateway and through HAProxy,
# at a few concurrency levels, all in one run; ratios to the direct figure.
# Usage: bench/throughput.sh [seconds per measurement] [connection levels...]
source "$(dirname "$0")/common.sh"
require wrk curl python3 haproxy
duration=${1:-10}
shift || true
levels=("${@:-8 32 64}")
read -r -a levels <<<"${levels[*]}"

build_release
start_apphost
wait_ready

direct="http://$(replica_address 0)/add?a=1&b=2"
declare -A urls=([direct]="$direct" [gateway]="$GATEWAY/api/operations/add?a=1&b=2" [haproxy]="$LB/add?a=1&b=2")

measure() { # target connections -> "rps p50 p99"
  local out
  out=$(wrk -t2 -c"$2" -d"${duration}s" --latency "${urls[$1]}")
  echo "$out" >>"$BENCH_DIR/out/throughput-wrk.log"
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5} END {print rps, p50, p99, bad+0}' <<<"$out"
}

echo "## Throughput and latency — $(date -u +%Y-%m-%d)"
echo
echo "Command: \`bench/throughput.sh $duration ${levels[*]}\` (wrk -t2 -c<N> -d${duration}s --latency, GET /add?a=1&b=2)"
echo "Machine: $(machine); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| connections | target | requests/s | p50 | p99 | non-2xx | vs direct |"
echo "|---|---|---|---|---|---|---|"
for c in "${levels[@]}"; do
  for target in direct gateway haproxy; do
    wrk -t2 -c"$c" -d2s "${urls[$target]}" >/dev/null # warm-up: JIT, tiered compilation and connection pools
  done
  read -r direct_rps p50 p99 bad < <(measure direct "$c")
  echo "| $c | direct (one replica) | $direct_rps | $p50 | $p99 | $bad | 1.00 |"
  for target in gateway haproxy; do
    read -r rps p50 p99 bad < <(measure "$target" "$c")
    ratio=$(python3 -c "print(f'{$rps / $direct_rps:.2f}')")
    echo "| $c | $target (3 replicas) | $rps | $p50 | $p99 | $bad | $ratio |"
  done
done
