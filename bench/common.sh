# Shared by the bench scripts: start the distribution from its Release build, wait until it is ready, stop it,
# and describe the machine. Source it; do not run it.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
REGISTRY=${REGISTRY:-http://127.0.0.1:8500}
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
LB=${LB:-http://127.0.0.1:8081}
REPLICAS=${REPLICAS:-3}
# The registry's management token: the AppHost takes it from Consul__Token instead of making one, so that the
# scripts, like the services, can read the registry (it denies anonymous reads).
export CONSUL_HTTP_TOKEN=${CONSUL_HTTP_TOKEN:-$(cat /proc/sys/kernel/random/uuid)}
export Consul__Token=$CONSUL_HTTP_TOKEN
APPHOST_LOG=${APPHOST_LOG:-$BENCH_DIR/out/apphost.log}
mkdir -p "$BENCH_DIR/out"

require() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: '$tool' is required (apt-get install $tool)" >&2; exit 2; }
  done
}

build_release() {
  dotnet build "$REPO_DIR/AppHost" -c Release --nologo -v quiet >/dev/null
}

# Starts the AppHost in a session of its own, so that stopping it reaches every process it started.
start_apphost() {
  setsid dotnet run --project "$REPO_DIR/AppHost" -c Release --no-build >"$APPHOST_LOG" 2>&1 &
  APPHOST_PID=$!
  trap stop_apphost EXIT
}

# SIGTERM, not SIGINT: a background job of a non-interactive shell starts with SIGINT ignored, and .NET keeps it so.
stop_apphost() {
  if [ -n "${APPHOST_PID:-}" ] && kill -0 "$APPHOST_PID" 2>/dev/null; then
    kill -TERM -- "-$APPHOST_PID" 2>/dev/null || true
    for _ in $(seq 200); do kill -0 "$APPHOST_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$APPHOST_PID" 2>/dev/null || true
  fi
  APPHOST_PID=
}

passing_replicas() {
  curl -fsS -H "X-Consul-Token: $CONSUL_HTTP_TOKEN" "$REGISTRY/v1/health/service/operations?passing" 2>/dev/null | grep -o '"ID": *"operations-[a-z]*"' | wc -l
}

# Ready = every replica passing in the registry, and answering through the gateway and, when installed, HAProxy.
wait_ready() {
  local deadline=$((SECONDS + ${1:-180}))
  until [ "$(passing_replicas)" -ge "$REPLICAS" ] \
      && curl -fsS -o /dev/null "$GATEWAY/api/operations/add?a=1&b=1" \
      && { ! command -v haproxy >/dev/null || curl -fsS -o /dev/null "$LB/add?a=1&b=1"; }; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "bench: the distribution was not ready in time; see $APPHOST_LOG" >&2; exit 1; }
    kill -0 "$APPHOST_PID" 2>/dev/null || { echo "bench: the AppHost exited; see $APPHOST_LOG" >&2; exit 1; }
    sleep 0.05
  done
}

# The first passing replica's address, straight from the registry: host:port.
replica_address() {
  curl -fsS -H "X-Consul-Token: $CONSUL_HTTP_TOKEN" "$REGISTRY/v1/health/service/operations?passing" \
    | python3 -c 'import json,sys; s=json.load(sys.stdin)[int(sys.argv[1])]["Service"]; print(s["Address"] + ":" + str(s["Port"]))' "${1:-0}"
}

# The process listening on a local TCP port.
pid_on_port() {
  ss -ltnpH "sport = :$1" | grep -oE 'pid=[0-9]+' | head -n 1 | cut -d= -f2
}

machine() {
  local cpu
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
  echo "$(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), .NET $(dotnet --version), $(haproxy -v 2>/dev/null | head -n1 | cut -d' ' -f1-3), $(wrk -v 2>&1 | head -n1 | cut -d' ' -f1-2)"
}
