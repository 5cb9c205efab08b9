#!/usr/bin/env bash
# Installs Debian's diod package (diodls, diodcat: the 9P2000.L client tools test/diod.test.ts
# runs against `segfs serve`; the diod server bench/compare/ measures) when it is missing.
# Non-interactive; needs root (or passwordless sudo) only when the package is missing; fails
# loudly otherwise, never skips.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive LC_ALL=C

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }

if have diodls && have diodcat && have diod; then
  exit 0
fi

NEED_ROOT="install-diod: diod's tools are missing and installing them needs root: run 'apt-get install -y --no-install-recommends diod' as root"
# shellcheck source=as-root.sh
source "$(dirname "$0")/as-root.sh"

echo "install-diod: installing diod" >&2
as_root apt-get update -qq >&2
as_root apt-get install -y -qq --no-install-recommends diod >&2
have diodls && have diodcat && have diod
