#!/usr/bin/env bash
# cross-test.sh: the main module's unit tests on the platforms users
# cross-compile for, all with CGO_ENABLED=0.
#
#   linux/arm64, linux/arm (GOARM=7)   every package's test binary is built
#                                      (go test -c) and RUN under
#                                      qemu-aarch64-static / qemu-arm-static,
#                                      against the embedded kfake broker
#   windows/amd64 windows/arm64        every package's tests are compiled
#   darwin/amd64 darwin/arm64          (go test -c) and the module is vetted
#   linux/386                          (go vet with GOOS/GOARCH set)
#
# Windows and darwin cannot run here (Debian's wine 8.0 cannot start Go 1.26
# binaries: no bcryptprimitives.dll), and linux/386 cannot execute on these
# machines, so those are build-and-vet only.
#
# The qemu runs unset KAFKA_*, PUREKAFKA_* and FAULTS_* so that every
# real-broker subtest skips and only the embedded broker is used. Each
# package runs from its own directory (testdata), and its time is printed.
#
# Environment:
#   GO                    go command (default go)
#   CROSS_QEMU            qemu targets to run (default "linux/arm64 linux/arm")
#   CROSS_BUILD           targets to compile and vet only
#                         (default "windows/amd64 windows/arm64 darwin/amd64 darwin/arm64 linux/386")
#   CROSS_PKGS            packages (default: every package of the module with tests)
#   CROSS_TEST_FLAGS      extra flags for the qemu test binaries (default: -test.timeout=20m;
#                         add -test.short to skip the long tests)
set -euo pipefail

GO=${GO:-go}
QEMU_TARGETS=${CROSS_QEMU-linux/arm64 linux/arm}
BUILD_TARGETS=${CROSS_BUILD-windows/amd64 windows/arm64 darwin/amd64 darwin/arm64 linux/386}
TEST_FLAGS=${CROSS_TEST_FLAGS:--test.timeout=20m}

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export CGO_ENABLED=0

if [ -n "${CROSS_PKGS:-}" ]; then
  # shellcheck disable=SC2086 # a list of package patterns
  pkgs=$($GO list $CROSS_PKGS)
else
  pkgs=$($GO list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./...)
fi
[ -n "$pkgs" ] || { echo "cross-test: no packages with tests" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# qemu-user binary for a GOARCH.
qemu_for() {
  case $1 in
    arm64) echo qemu-aarch64-static ;;
    arm) echo qemu-arm-static ;;
    *) echo "cross-test: no qemu mapping for $1" >&2; return 1 ;;
  esac
}

# The environment of the qemu runs: no real brokers.
unset_env=()
while IFS= read -r v; do
  unset_env+=(-u "$v")
done < <(env | sed -n 's/^\(\(KAFKA\|PUREKAFKA\|FAULTS\)_[A-Za-z0-9_]*\)=.*/\1/p')

failed=()
for target in $QEMU_TARGETS; do
  goos=${target%/*} goarch=${target#*/}
  qemu=$(qemu_for "$goarch")
  command -v "$qemu" >/dev/null || { echo "cross-test: $qemu missing: run make deps" >&2; exit 1; }
  for pkg in $pkgs; do
    dir=$($GO list -f '{{.Dir}}' "$pkg")
    bin="$work/$(basename "$pkg").$goarch.test"
    GOOS=$goos GOARCH=$goarch GOARM=7 $GO test -c -o "$bin" "$pkg"
    [ -x "$bin" ] || { echo "== $target $pkg: no test binary"; continue; }
    start=$(date +%s)
    # shellcheck disable=SC2086 # TEST_FLAGS is a list of flags
    if (cd "$dir" && env "${unset_env[@]}" "$qemu" "$bin" -test.count=1 $TEST_FLAGS); then
      status=ok
    else
      status=FAIL
      failed+=("$target $pkg")
    fi
    echo "== $target $pkg: $status in $(( $(date +%s) - start ))s (under $qemu)"
  done
done

for target in $BUILD_TARGETS; do
  goos=${target%/*} goarch=${target#*/}
  echo "== $target: go test -c (every package) and go vet ./..."
  for pkg in $pkgs; do
    GOOS=$goos GOARCH=$goarch $GO test -c -o "$work/build.test" "$pkg" || failed+=("$target $pkg (test build)")
    rm -f "$work/build.test"
  done
  GOOS=$goos GOARCH=$goarch $GO vet ./... || failed+=("$target (vet)")
done

if [ ${#failed[@]} -gt 0 ]; then
  printf 'cross-test: FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "cross-test: ok (ran: ${QEMU_TARGETS:-none}; built and vetted: ${BUILD_TARGETS:-none})"
