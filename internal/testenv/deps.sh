#!/usr/bin/env bash
# deps.sh - installs what the tests need and a fresh machine lacks. Idempotent:
# every step checks first, so a second run does nothing and needs no network.
#
#   apt packages:  qemu-user-static (runs arm/arm64 test binaries), kcat, file (make static-check)
#   Go modules:    of the main, compat and bench modules (go mod download)
#   Kafka jars:    from Maven Central into .kafka/ (internal/testenv/kafka.sh fetch)
set -euo pipefail
cd "$(dirname "$0")/../.."

die() { echo "deps.sh: $*" >&2; exit 1; }

command -v go >/dev/null || die "go not found: install Go 1.26+"
command -v java >/dev/null || die "java not found: install a JDK 17+ (apt-get install -y openjdk-17-jre-headless)"
command -v mvn >/dev/null || die "mvn not found: install Maven (apt-get install -y maven)"

missing=()
command -v qemu-arm-static >/dev/null || missing+=(qemu-user-static)
command -v kcat >/dev/null || missing+=(kcat)
command -v file >/dev/null || missing+=(file)
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps.sh: installing ${missing[*]} with apt" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
fi

for m in . compat bench; do
  (cd "$m" && go mod download) || die "go mod download failed in $m"
done

bash internal/testenv/kafka.sh fetch
