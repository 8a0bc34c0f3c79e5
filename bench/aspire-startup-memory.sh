#!/usr/bin/env bash
# The Aspire AppHost's start-up, memory and shutdown, for the working tree and any git revisions, in one run:
# - seconds from `dotnet run --project AppHost -c Release --no-build` until the registry lists every replica passing,
#   the gateway and HAProxy answer through them, and the dashboard answers;
# - PSS and RSS (/proc/<pid>/smaps_rollup) of every process of the distribution, 5 s after that (SETTLE);
# - seconds from SIGTERM to the AppHost's own process (not its `dotnet run`) until none of those processes is left.
# Usage: bench/aspire-startup-memory.sh [variant ...]   (default: .; ROUNDS=n repeats the sequence, interleaved)
# A variant is `.` (the working tree) or a git revision, exported with `git archive` to bench/out/revisions/<commit>
# and built there, so that a change is measured against what it changed in the same run, under the same load.
# `+NAME=value` after it sets an environment variable for that variant's AppHost, which DCP passes on to every process
# it starts (e.g. `.+DOTNET_gcServer=0`): a way to try a runtime setting before changing the product for it.
source "$(dirname "$0")/common.sh"
require curl ss git
variants=("${@:-.}")
rounds=${ROUNDS:-1}
settle=${SETTLE:-5}
DASHBOARD=${DASHBOARD:-http://127.0.0.1:18888}
FIXED_PORTS='8500|8080|8081|18888|4317|4318'

now() { echo "$EPOCHREALTIME"; }
since() { awk -v start="$1" -v end="$EPOCHREALTIME" 'BEGIN { printf "%.2f", end - start }'; }
mib() { awk -v kib="$1" 'BEGIN { printf "%.0f", kib / 1024 }'; }

revision() { echo "${1%%+*}"; }
settings() { [[ "$1" == *+* ]] && tr '+' '\n' <<<"${1#*+}" || true; }

label() { # variant -> what the tables call it
  local revision settings
  revision=$(revision "$1")
  settings=$(settings "$1" | paste -sd' ')
  if [ "$revision" = . ]; then
    echo -n "working tree ($(git -C "$REPO_DIR" rev-parse --short HEAD)$(git -C "$REPO_DIR" diff --quiet HEAD -- . ':!bench' || echo ' + changes'))"
  else
    echo -n "$(git -C "$REPO_DIR" rev-parse --short "$revision^{commit}")"
  fi
  echo "${settings:+ $settings}"
}

tree_of() { # variant -> the directory holding its sources
  local revision
  revision=$(revision "$1")
  if [ "$revision" = . ]; then echo "$REPO_DIR"; else echo "$BENCH_DIR/out/revisions/$(git -C "$REPO_DIR" rev-parse --short "$revision^{commit}")"; fi
}

build() { # variant
  local tree
  tree=$(tree_of "$1")
  if [ ! -d "$tree" ]; then
    mkdir -p "$tree"
    git -C "$REPO_DIR" archive "$(revision "$1")^{commit}" | tar -x -C "$tree"
  fi
  dotnet build "$tree/AppHost" -c Release --nologo -v quiet >"$BENCH_DIR/out/build-$(basename "$tree").log" 2>&1 \
    || { echo "bench: building $1 failed; see $BENCH_DIR/out/build-$(basename "$tree").log" >&2; exit 1; }
}

descendants() { # pid... -> those processes and all their descendants
  ps -eo pid=,ppid= | awk -v roots="$*" '
    BEGIN { n = split(roots, root, " "); for (i = 1; i <= n; i++) keep[root[i]] = 1 }
    { parent[$1] = $2 }
    END {
      do { grew = 0; for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; grew = 1 } } while (grew)
      for (p in keep) if (p in parent) print p
    }'
}

# Every process of the distribution: `dotnet run` and what it started, and DCP's API server, which leaves the session
# and watches the AppHost (--monitor <pid>), with the controllers, process monitors and resources below it.
distribution() {
  descendants "$LAUNCHER_PID" $(pgrep -f -- "dcp start-apiserver --monitor $APPHOST_PID( |$)") | sort -n
}

describe() { # pid -> role<TAB>name
  local args service instance
  args=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) || return 1
  service=$(tr '\0' '\n' <"/proc/$1/environ" 2>/dev/null | sed -n 's/^OTEL_SERVICE_NAME=//p')
  instance=$(tr '\0' '\n' <"/proc/$1/environ" 2>/dev/null | sed -n 's/^OTEL_RESOURCE_ATTRIBUTES=service.instance.id=//p')
  case "$args" in
    "dotnet run "*) printf 'dotnet run wrapper\tdotnet run (%s)\n' "${service:-AppHost}" ;;
    */dcp\ *) set -- $args; printf 'DCP\tdcp %s\n' "$2" ;;
    *Aspire.Dashboard*) printf 'dashboard\tdashboard\n' ;;
    *haproxy*) printf 'HAProxy\thaproxy\n' ;;
    *Exam3.AppHost*) printf 'AppHost\tAppHost\n' ;;
    *) printf '%s\t%s\n' "${service:-${args%% *}}" "${service:-${args%% *}}${instance:+-$instance}" ;;
  esac
}

ports_free() {
  local deadline=$((SECONDS + 30))
  while ss -ltnH | awk '{print $4}' | grep -qE ":($FIXED_PORTS)\$"; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "bench: a port of the distribution is taken:"; ss -ltnpH | grep -E ":($FIXED_PORTS) "; exit 1; } >&2
    sleep 0.5
  done
}

running() { # pid... -> how many still run (a zombie has ended)
  ps -o stat= -p "$(tr ' \n' ',,' <<<"$*" | sed 's/,*$//')" 2>/dev/null | grep -vc '^Z' || true
}

# Whatever happens, leave nothing behind: SIGTERM to the AppHost, then SIGKILL to what is left of ours.
cleanup() {
  [ -n "${LAUNCHER_PID:-}" ] || return 0
  local pids
  pids=$(distribution)
  kill -TERM "${APPHOST_PID:-$LAUNCHER_PID}" 2>/dev/null || true
  for _ in $(seq 300); do [ "$(running $pids)" -eq 0 ] && break; sleep 0.1; done
  kill -KILL $pids 2>/dev/null || true
  LAUNCHER_PID=
}
trap cleanup EXIT

trial() { # variant round -> one row of the trial table; the processes' memory in $BENCH_DIR/out/memory-<n>.tsv
  local tree load started healthy pids pid pss rss memory stopping stopped environment
  APPHOST_PID=
  tree=$(tree_of "$1")
  ports_free
  load=$(cut -d' ' -f1 /proc/loadavg)
  started=$(now)
  # A session of its own, so that the shell's job control plays no part. The AppHost is its child: the process that
  # gets SIGTERM, as a terminal's Ctrl+C would reach it.
  mapfile -t environment < <(settings "$1")
  env "${environment[@]}" setsid dotnet run --project "$tree/AppHost" -c Release --no-build >"$APPHOST_LOG" 2>&1 &
  LAUNCHER_PID=$!
  until APPHOST_PID=$(pgrep -P "$LAUNCHER_PID" -x Exam3.AppHost); do
    kill -0 "$LAUNCHER_PID" 2>/dev/null || { echo "bench: dotnet run ended; see $APPHOST_LOG" >&2; exit 1; }
    sleep 0.05
  done
  wait_ready
  until curl -fs -o /dev/null "$DASHBOARD/"; do sleep 0.05; done
  healthy=$(since "$started")

  sleep "$settle"
  memory=$BENCH_DIR/out/memory-$TRIAL.tsv
  : >"$memory"
  pids=$(distribution)
  for pid in $pids; do
    read -r pss rss < <(awk '/^Pss:/ {p = $2} /^Rss:/ {r = $2} END {print p, r}' "/proc/$pid/smaps_rollup" 2>/dev/null) || continue
    [ -n "$pss" ] && printf '%s\t%s\t%s\t%s\n' "$(describe "$pid")" "$pid" "$pss" "$rss" >>"$memory"
  done

  pids=$(distribution)
  stopping=$(now)
  kill -TERM "$APPHOST_PID"
  until [ "$(running $pids)" -eq 0 ]; do
    [ "$(since "$stopping" | cut -d. -f1)" -lt 60 ] || { echo "bench: still running 60 s after SIGTERM: $pids" >&2; break; }
    sleep 0.05
  done
  stopped=$(since "$stopping")
  wait "$LAUNCHER_PID" 2>/dev/null || true
  cleanup

  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(label "$1")" "$2" "$load" "$healthy" \
    "$(wc -l <"$memory")" "$(mib "$(awk -F'\t' '{s += $4} END {print s}' "$memory")")" \
    "$(mib "$(awk -F'\t' '{s += $5} END {print s}' "$memory")")" "$stopped"
}

declare -A built
for variant in "${variants[@]}"; do
  [ -n "${built[$(tree_of "$variant")]:-}" ] || build "$variant"
  built[$(tree_of "$variant")]=1
done

echo "## Aspire start-up, memory and shutdown — $(date -u +%Y-%m-%d)"
echo
echo "Command: \`ROUNDS=$rounds bench/aspire-startup-memory.sh ${variants[*]}\` (\`dotnet run --project AppHost -c Release --no-build\` until $REPLICAS replicas pass in the registry and answer through the gateway and HAProxy, and the dashboard answers; memory ${settle} s later; then SIGTERM to the AppHost process)"
echo "Machine: $(machine), $(free -m | awk '/Mem:/ {print $2}') MiB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| variant | round | load (1 min) | s to all healthy | processes | PSS MiB | RSS MiB | s from SIGTERM to none left |"
echo "|---|---|---|---|---|---|---|---|"
TRIAL=0
declare -A last
for round in $(seq "$rounds"); do
  for variant in "${variants[@]}"; do
    TRIAL=$((TRIAL + 1))
    trial "$variant" "$round"
    last[$variant]=$BENCH_DIR/out/memory-$TRIAL.tsv
  done
done
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "Memory by role, last round (MiB, PSS / RSS; × processes):"
echo
header="| role |"; rule="|---|"
for variant in "${variants[@]}"; do header+=" $(label "$variant") |"; rule+="---|"; done
echo "$header"
echo "$rule"
for role in "AppHost" "dotnet run wrapper" "DCP" "dashboard" consul operations gateway lb "HAProxy" "total"; do
  row="| $role |"
  for variant in "${variants[@]}"; do
    row+=" $(awk -F'\t' -v role="$role" '$1 == role || role == "total" { n++; p += $4; r += $5 }
      END { if (n) printf "%.0f / %.0f (× %d)", p / 1024, r / 1024, n; else printf "—" }' "${last[$variant]}") |"
  done
  echo "$row"
done

for variant in "${variants[@]}"; do
  echo
  echo "Per process, $(label "$variant"), last round:"
  echo
  echo "| process | PSS MiB | RSS MiB |"
  echo "|---|---|---|"
  sort -t$'\t' -k1,1 -k2,2 "${last[$variant]}" | awk -F'\t' '{ printf "| %s | %.0f | %.0f |\n", $2, $4 / 1024, $5 / 1024 }'
done
