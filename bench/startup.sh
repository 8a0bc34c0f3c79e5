#!/usr/bin/env bash
# Start-up: from `dotnet run --project AppHost` (already built) to every resource healthy, and each process's RSS.
# Usage: bench/startup.sh [runs]
source "$(dirname "$0")/common.sh"
require curl python3 ss
runs=${1:-3}

build_release

descendants() { # pid -> every descendant pid
  local child
  for child in $(pgrep -P "$1"); do echo "$child"; descendants "$child"; done
}

describe() { # pid -> a name: the resource a .NET process serves, or the program
  local program instance
  program=$(basename "$(cut -d '' -f1 <"/proc/$1/cmdline" | tr -d '\0')")
  instance=$(tr '\0' '\n' <"/proc/$1/environ" 2>/dev/null | sed -n 's/^OTEL_RESOURCE_ATTRIBUTES=service.instance.id=//p')
  case "$program" in
    dotnet) if grep -qa -- '--project' "/proc/$1/cmdline"; then echo "dotnet run (launcher)"; else echo "${instance:-dotnet}"; fi ;;
    # HAProxy inherits the lb's environment; name it for what it is.
    haproxy) echo "haproxy (child of lb)" ;;
    *) echo "$program" ;;
  esac
}

echo "## Start-up and memory — $(date -u +%Y-%m-%d)"
echo
echo "Command: \`bench/startup.sh $runs\` (\`dotnet run --project AppHost -c Release --no-build\` until $REPLICAS replicas pass in the registry and answer through the gateway and HAProxy)"
echo "Machine: $(machine); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | seconds to all healthy |"
echo "|---|---|"
for run in $(seq "$runs"); do
  started=$(date +%s.%N)
  start_apphost
  wait_ready
  echo "| $run | $(python3 -c "print(f'{$(date +%s.%N) - $started:.2f}')") |"
  if [ "$run" -eq "$runs" ]; then
    echo
    echo "Resident memory (VmRSS) once healthy, run $run:"
    echo
    echo "| process | RSS MiB |"
    echo "|---|---|"
    for pid in $APPHOST_PID $(descendants "$APPHOST_PID"); do
      rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null) || continue
      name=$(describe "$pid")
      case "$name" in setsid|setpriv) continue ;; esac
      echo "| $name | $((rss / 1024)) |"
    done
  fi
  stop_apphost
done
