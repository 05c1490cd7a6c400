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
# The two qemu targets run side by side, their lines prefixed with the
# target; the total time is printed at the end.
#
# Environment:
#   GO                    go command (default go)
#   CROSS_QEMU            qemu targets to run (default "linux/arm64 linux/arm")
#   CROSS_BUILD           targets to compile and vet only
#                         (default "windows/amd64 windows/arm64 darwin/amd64 darwin/arm64 linux/386")
#   CROSS_PKGS            packages (default: every package of the module with tests)
#   CROSS_SERIAL          set: run the qemu targets one after the other
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

# The environment of the qemu runs: no real brokers (PUREKAFKA_FAST=1 also
# skips the tests that would start one).
unset_env=()
while IFS= read -r v; do
  unset_env+=(-u "$v")
done < <(env | sed -n 's/^\(\(KAFKA\|PUREKAFKA\|FAULTS\)_[A-Za-z0-9_]*\)=.*/\1/p')

# run_qemu TARGET: builds every package's test binary for TARGET in one go
# test -c (the go command compiles them in parallel) and runs each under
# qemu from its package directory (testdata). Prints "== TARGET PKG: ok|FAIL
# in Ns" per package and appends failures to $work/failed.
run_qemu() {
  local target=$1 goos goarch qemu pkg dir bin start status
  goos=${target%/*} goarch=${target#*/}
  qemu=$(qemu_for "$goarch")
  mkdir -p "$work/$goarch"
  # shellcheck disable=SC2086 # a list of packages
  if ! GOOS=$goos GOARCH=$goarch GOARM=7 $GO test -c -o "$work/$goarch/" $pkgs; then
    echo "$target (test build)" >> "$work/failed"
    return
  fi
  for pkg in $pkgs; do
    dir=$($GO list -f '{{.Dir}}' "$pkg")
    bin="$work/$goarch/$(basename "$pkg").test"
    [ -x "$bin" ] || { echo "== $target $pkg: no test binary"; continue; }
    start=$(date +%s)
    # shellcheck disable=SC2086 # TEST_FLAGS is a list of flags
    if (cd "$dir" && env "${unset_env[@]}" PUREKAFKA_FAST=1 "$qemu" "$bin" -test.count=1 $TEST_FLAGS); then
      status=ok
    else
      status=FAIL
      echo "$target $pkg" >> "$work/failed"
    fi
    echo "== $target $pkg: $status in $(( $(date +%s) - start ))s (under $qemu)"
  done
}

# build_vet TARGET: every package's tests compile for TARGET, and go vet is
# clean there.
build_vet() {
  local target=$1 goos goarch
  goos=${target%/*} goarch=${target#*/}
  echo "== $target: go test -c (every package) and go vet ./..."
  mkdir -p "$work/build-$goos-$goarch"
  # shellcheck disable=SC2086 # a list of packages
  GOOS=$goos GOARCH=$goarch $GO test -c -o "$work/build-$goos-$goarch/" $pkgs || echo "$target (test build)" >> "$work/failed"
  rm -rf "$work/build-$goos-$goarch"
  GOOS=$goos GOARCH=$goarch $GO vet ./... || echo "$target (vet)" >> "$work/failed"
}

for target in $QEMU_TARGETS; do
  command -v "$(qemu_for "${target#*/}")" >/dev/null || { echo "cross-test: $(qemu_for "${target#*/}") missing: run make deps" >&2; exit 1; }
done

# The qemu targets run side by side (much of a test's time under qemu is
# waiting, not computing), each line prefixed with its target; CROSS_SERIAL=1
# runs them one after the other.
pids=()
for target in $QEMU_TARGETS; do
  if [ -n "${CROSS_SERIAL:-}" ]; then
    run_qemu "$target"
  else
    run_qemu "$target" 2>&1 | sed -u "s|^|[$target] |" &
    pids+=($!)
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || true; done

for target in $BUILD_TARGETS; do
  build_vet "$target"
done

if [ -s "$work/failed" ]; then
  sed 's/^/cross-test: FAILED: /' "$work/failed" >&2
  exit 1
fi
echo "cross-test: ok in ${SECONDS}s (ran: ${QEMU_TARGETS:-none}; built and vetted: ${BUILD_TARGETS:-none})"
