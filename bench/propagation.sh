#!/usr/bin/env bash
# Propagation: how fast the gateway, HAProxy and a client of Microsoft.Extensions.ServiceDiscovery follow the registry
# when a replica goes into maintenance and comes back, and when one is SIGKILLed and one SIGTERMed, measured by
# bench/Propagation. The last two stay stopped (Aspire does not restart them): the script starts a distribution of its own.
# Usage: bench/propagation.sh [rounds]
source "$(dirname "$0")/common.sh"
require curl python3 haproxy ss
rounds=${1:-3}

build_release
dotnet build "$BENCH_DIR/Propagation" -c Release --nologo -v quiet >/dev/null
start_apphost
wait_ready

echo "## Propagation — $(date -u +%Y-%m-%d)"
echo
echo "Command: \`bench/propagation.sh $rounds\` (clients loop GET /add through the gateway, HAProxy and a discovering HttpClient; the registry is followed with the same blocking-query watch the services use)"
echo "Machine: $(machine); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
dotnet "$BENCH_DIR/Propagation/bin/Release/net10.0/Exam3.Bench.Propagation.dll" "$REGISTRY" "$GATEWAY" "$LB" "$rounds"
