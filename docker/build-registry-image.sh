#!/usr/bin/env bash
# Builds the image of the embedded registry, exam3/discovery:local by default, from this repository's own build and
# the Debian libraries it loads: no container registry is contacted (FROM scratch).
# Usage: docker/build-registry-image.sh [tag]        Then: --Consul:Mode=container --Consul:Image=<tag>
set -euo pipefail

DOCKER_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$DOCKER_DIR")
TAG=${1:-exam3/discovery:local}
ENGINE=${ASPIRE_CONTAINER_RUNTIME:-docker}

command -v "$ENGINE" >/dev/null || { echo "build-registry-image: '$ENGINE' is not installed (apt-get install docker.io)" >&2; exit 2; }
"$ENGINE" info >/dev/null 2>&1 || { echo "build-registry-image: the $ENGINE engine does not answer (start dockerd)" >&2; exit 2; }

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
rootfs=$context/rootfs
mkdir -p "$rootfs/app" "$rootfs/tmp"
chmod 1777 "$rootfs/tmp"

# Self-contained and single-file, so no .NET is needed in the image; compressed (about half the size, decompressed in
# memory at start). Not trimmed: the registry's JSON and minimal APIs use reflection, which trimming would break.
dotnet publish "$REPO_DIR/Services/Discovery" --nologo -v quiet -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:DebugType=none -p:GenerateDocumentationFile=false \
  -o "$context/publish"
cp "$context/publish/Exam3.Discovery" "$context/publish/appsettings.json" "$rootfs/app/"

# The libraries the executable links (glibc, libstdc++, libgcc), and OpenSSL, which .NET loads only for an HTTPS check.
libraries() {
  ldd "$rootfs/app/Exam3.Discovery" | grep -oE '/[^ ]+'
  ldconfig -p | grep -oE '/[^ ]*/lib(ssl|crypto)\.so\.3$' | head -n 2
}
for library in $(libraries | sort -u); do
  mkdir -p "$rootfs$(dirname "$library")"
  cp -L "$library" "$rootfs$library"
done

cp "$DOCKER_DIR/Dockerfile" "$context/"
# The legacy builder: Debian's docker.io has no buildx, and a FROM scratch build needs nothing more.
DOCKER_BUILDKIT=0 "$ENGINE" build --quiet --tag "$TAG" "$context" >"$context/build.log" 2>&1 \
  || { cat "$context/build.log" >&2; exit 1; }
size=$("$ENGINE" image inspect --format '{{.Size}}' "$TAG")
echo "build-registry-image: $TAG, $((size / 1024 / 1024)) MiB"
