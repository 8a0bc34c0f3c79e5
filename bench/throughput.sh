#!/usr/bin/env bash
# Throughput and latency (p50, p99) through the gateway and through HAProxy over the same three replicas, through a bare
# YARP proxy over them (bench/BareProxy: the floor for a .NET proxy here), and straight to one replica, at a few
# concurrency levels, all in one run; and where each request's CPU went, read from /proc: the front door (gateway,
# HAProxy, bare proxy or replica), the replicas together, the dashboard that receives the telemetry, and DCP.
# Usage: bench/throughput.sh [seconds per measurement] [connection levels...]
source "$(dirname "$0")/common.sh"
require wrk curl python3 haproxy ss
duration=${1:-10}
shift || true
levels=("${@:-8 32 64}")
read -r -a levels <<<"${levels[*]}"

build_release
dotnet build "$BENCH_DIR/BareProxy" -c Release --nologo -v quiet >/dev/null
start_apphost
wait_ready

bare_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dotnet "$BENCH_DIR/BareProxy/bin/Release/net10.0/Exam3.Bench.BareProxy.dll" "http://127.0.0.1:$bare_port" \
  "http://$(replica_address 0)" "http://$(replica_address 1)" "http://$(replica_address 2)" >"$BENCH_DIR/out/bare-proxy.log" 2>&1 &
bare_pid=$!
trap 'kill "$bare_pid" 2>/dev/null; stop_apphost' EXIT
until curl -fsS -o /dev/null "http://127.0.0.1:$bare_port/add?a=1&b=2"; do
  kill -0 "$bare_pid" 2>/dev/null || { echo "bench: the bare proxy exited; see $BENCH_DIR/out/bare-proxy.log" >&2; exit 1; }
  sleep 0.1
done

direct="http://$(replica_address 0)/add?a=1&b=2"
declare -A urls=([direct]="$direct" [gateway]="$GATEWAY/api/operations/add?a=1&b=2" [haproxy]="$LB/add?a=1&b=2" [bare-yarp]="http://127.0.0.1:$bare_port/add?a=1&b=2")
declare -A doors=([gateway]="$(pid_on_port "${GATEWAY##*:}")" [haproxy]="$(pid_on_port "${LB##*:}")" [bare-yarp]="$bare_pid")
doors[direct]=$(pid_on_port "$(sed -E 's|http://[^:]+:([0-9]+)/.*|\1|' <<<"$direct")")
replicas=$(pgrep -f 'Exam3.Operations.dll' | tr '\n' ' ')
dashboard=$(pgrep -f 'Aspire.Dashboard' | head -n 1)
dcp=$(pgrep -x dcp | tr '\n' ' ')

cpu_ticks() { # pids... -> their user+system CPU in clock ticks
  local sum=0 pid
  for pid in "$@"; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo "$sum"
}

measure() { # target connections -> "rps p50 p99 non2xx door_us replicas_us dashboard_us dcp_us"
  local out before_door before_replicas before_dashboard before_dcp
  # shellcheck disable=SC2086
  read -r before_door before_replicas before_dashboard before_dcp < <(echo "$(cpu_ticks ${doors[$1]}) $(cpu_ticks $replicas) $(cpu_ticks $dashboard) $(cpu_ticks $dcp)")
  out=$(wrk -t2 -c"$2" -d"${duration}s" --latency "${urls[$1]}")
  echo "$out" >>"$BENCH_DIR/out/throughput-wrk.log"
  # shellcheck disable=SC2086
  awk -v tick="$(getconf CLK_TCK)" -v door="$(($(cpu_ticks ${doors[$1]}) - before_door))" \
      -v reps="$(($(cpu_ticks $replicas) - before_replicas))" -v dash="$(($(cpu_ticks $dashboard) - before_dashboard))" \
      -v dcp="$(($(cpu_ticks $dcp) - before_dcp))" '
    function us(ticks) { return sprintf("%.0f", ticks / tick * 1e6 / total) }
    /requests in/ {total=$1} /Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5}
    END {print rps, p50, p99, bad+0, us(door), us(reps), us(dash), us(dcp)}' <<<"$out"
}

echo "## Throughput and latency — $(date -u +%Y-%m-%d)"
echo
echo "Command: \`bench/throughput.sh $duration ${levels[*]}\` (wrk -t2 -c<N> -d${duration}s --latency, GET /add?a=1&b=2)"
echo "Machine: $(machine); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "CPU columns: microseconds of CPU per request (user + system, from /proc/<pid>/stat) spent by the front door"
echo "(the gateway, HAProxy, the bare YARP proxy, or the replica itself), by the three replicas together, by the dashboard"
echo "and by DCP."
echo
echo "| connections | target | requests/s | p50 | p99 | non-2xx | vs HAProxy | front door µs | replicas µs | dashboard µs | DCP µs |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
warmup=10s # the first level also lets the start-up settle
for c in "${levels[@]}"; do
  for target in direct gateway haproxy bare-yarp; do
    wrk -t2 -c"$c" -d"$warmup" "${urls[$target]}" >/dev/null # warm-up: JIT, tiered compilation and connection pools
  done
  warmup=2s
  declare -A rps=()
  for target in haproxy gateway bare-yarp direct; do
    read -r rps[$target] p50 p99 bad door reps dash dcpus < <(measure "$target" "$c")
    ratio=$(python3 -c "print(f'{${rps[$target]} / ${rps[haproxy]}:.2f}')")
    echo "| $c | $target | ${rps[$target]} | $p50 | $p99 | $bad | $ratio | $door | $reps | $dash | $dcpus |"
  done
done
