#!/usr/bin/env bash
# Installs, from Debian's packages and only when missing, the real components the tests start:
# etcd (real multi-member clusters), Docker Distribution (a real OCI registry), promtool (alert
# rule tests) and htpasswd (registry Basic auth). kubectl comes with the machine image.
set -euo pipefail

declare -A package_of=(
  [etcd]=etcd-server
  [docker-registry]=docker-registry
  [promtool]=prometheus
  [htpasswd]=apache2-utils
  [openssl]=openssl
)
missing=()
for cmd in "${!package_of[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${package_of[$cmd]}")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
"$(dirname "$0")/fetch-test-schemas.sh"
command -v kubectl >/dev/null 2>&1 || echo "install-deps: kubectl not found; the kustomize test needs it" >&2
exit 0
