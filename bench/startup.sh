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

describe() { # pid -> a name: the replica's instance, the project's assembly, or the command
  local cmd instance
  cmd=$(tr '\0' ' ' <"/proc/$1/cmdline")
  instance=$(tr '\0' '\n' <"/proc/$1/environ" 2>/dev/null | sed -n 's/^OTEL_RESOURCE_ATTRIBUTES=service.instance.id=//p')
  if [ -n "$instance" ]; then echo "$instance"; else basename "$(awk '{print ($1 ~ /dotnet$/ && $2 != "") ? $2 : $1}' <<<"$cmd")"; fi
}

echo "## Start-up and memory — $(date -u +%Y-%m-%d)"
echo
echo "Command: \`bench/startup.sh $runs\` (\`dotnet run --project AppHost -c Release --no-build\` until $REPLICAS replicas pass in the registry and answer through the gateway and HAProxy)"
echo "Machine: $(machine)"
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
