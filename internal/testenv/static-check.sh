#!/usr/bin/env bash
# static-check.sh: proves the cgo-free promise on the demo program. It builds
# ./internal/demo with CGO_ENABLED=0, checks that `file` calls the binary
# statically linked and that `ldd` finds it is not a dynamic executable, and
# runs it: the demo uses kafka.NewMockCluster, so no broker is needed.
set -euo pipefail

GO=${GO:-go}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

for tool in file ldd; do
  command -v "$tool" >/dev/null || { echo "static-check: $tool missing" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin="$work/demo"

CGO_ENABLED=0 $GO build -o "$bin" ./internal/demo

desc=$(file -b "$bin")
echo "file: $desc"
case $desc in
  *"statically linked"*) ;;
  *) echo "static-check: file does not say statically linked" >&2; exit 1 ;;
esac

# ldd exits non-zero for a static binary; what matters is what it says.
lddout=$(ldd "$bin" 2>&1 || true)
echo "ldd: $lddout"
case $lddout in
  *"not a dynamic executable"*) ;;
  *) echo "static-check: ldd does not say not a dynamic executable" >&2; exit 1 ;;
esac

if ! out=$("$bin" 2>&1); then
  printf '%s\n' "$out"
  echo "static-check: the static demo failed" >&2
  exit 1
fi
printf '%s\n' "$out" | tail -n 3
echo "static-check: ok: CGO_ENABLED=0 demo is static and runs on the embedded broker"
