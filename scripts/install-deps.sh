#!/usr/bin/env bash
# Installs, from Debian's packages and only when missing, every real program the tests start.
# The list is scripts/real-components.txt (command, package); the tests read the same list.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
not_packaged=()
while read -r command package; do
  [[ -z "$command" || "$command" == \#* ]] && continue
  command -v "$command" >/dev/null 2>&1 && continue
  if [[ "$package" == "-" ]]; then
    not_packaged+=("$command")
  else
    missing+=("$package")
  fi
done < real-components.txt

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ((${#not_packaged[@]})); then
  # Not fatal here: the tests that need it fail and say which program is missing.
  echo "install-deps: ${not_packaged[*]} not found and not installed from Debian; install it by hand" >&2
fi
# The published schemas the tests validate outputs against (SARIF 2.1.0), from npm.
./fetch-test-schemas.sh
