#!/usr/bin/env bash
# Installs a C compiler (Debian's gcc and libc6-dev, for `cc`) when none is present: the
# server comparison (bench/compare/) compiles its load generator with it. Non-interactive;
# needs root (or passwordless sudo) only when the compiler is missing; fails loudly otherwise.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive LC_ALL=C

if command -v cc >/dev/null 2>&1; then
  exit 0
fi

NEED_ROOT="install-cc: no C compiler and installing one needs root: run 'apt-get install -y --no-install-recommends gcc libc6-dev' as root"
# shellcheck source=as-root.sh
source "$(dirname "$0")/as-root.sh"

echo "install-cc: installing gcc" >&2
as_root apt-get update -qq >&2
as_root apt-get install -y -qq --no-install-recommends gcc libc6-dev >&2
command -v cc >/dev/null 2>&1
