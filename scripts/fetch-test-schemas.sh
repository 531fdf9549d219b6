#!/usr/bin/env bash
# Fetches, from the npm registry and only when missing, the schemas the tests validate outputs against:
# the OASIS SARIF 2.1.0 JSON schema (final, "rtm.5"), as Microsoft's @microsoft/jest-sarif ships it.
# Pinned by version and sha256; kept outside the repository (never committed).
set -euo pipefail

dir="${HAGUARD_SCHEMAS:-$HOME/.cache/haguard/schemas}"
sarif="$dir/sarif-schema-2.1.0.json"
sarif_sha256=2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8

if [ -f "$sarif" ] && echo "$sarif_sha256  $sarif" | sha256sum -c --quiet - 2>/dev/null; then
  exit 0
fi
mkdir -p "$dir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null)
tar -xzf "$work"/microsoft-jest-sarif-1.0.0-beta.0.tgz -C "$work" package/lib/schemas/sarif-2.1.0-rtm.5.json
echo "$sarif_sha256  $work/package/lib/schemas/sarif-2.1.0-rtm.5.json" | sha256sum -c --quiet -
mv "$work/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$sarif"
echo "fetch-test-schemas: $sarif" >&2
