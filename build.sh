#!/usr/bin/env bash
# Builds the orchestrator image as moolai/orchestrator:latest and moolai/orchestrator:<package.json version>.
# Usage: ./build.sh [extra docker build arguments, e.g. --no-cache or --build-arg NODE_VERSION=22]
set -euo pipefail

cd "$(dirname "$0")"

IMAGE="${IMAGE:-moolai/orchestrator}"
# Read the version without needing Node on the build host.
VERSION="$(sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' package.json | head -n 1)"
if [[ -z "${VERSION}" ]]; then
  echo "build.sh: no version found in package.json" >&2
  exit 1
fi
if ! command -v docker >/dev/null 2>&1; then
  echo "build.sh: docker is not installed or not on PATH" >&2
  exit 1
fi

echo "Building ${IMAGE}:latest and ${IMAGE}:${VERSION}"
docker build \
  --label "org.opencontainers.image.title=moolai-orchestrator" \
  --label "org.opencontainers.image.version=${VERSION}" \
  --tag "${IMAGE}:latest" \
  --tag "${IMAGE}:${VERSION}" \
  "$@" \
  .
echo "Built ${IMAGE}:latest (${IMAGE}:${VERSION})"
