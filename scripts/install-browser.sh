#!/usr/bin/env bash
# Installs Debian's chromium (the headless browser test/web/ drives through puppeteer-core)
# when it is missing, and prints its path on the last line of stdout as `chromium=PATH`.
# Non-interactive and idempotent; needs root (or passwordless sudo) only when the package is
# missing; fails loudly otherwise, never skips. No browser is ever downloaded by npm.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive LC_ALL=C

log() { echo "install-browser: $*" >&2; }

find_chromium() {
  for c in chromium chromium-browser; do
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
  done
  return 1
}

NEED_ROOT="install-browser: chromium is missing and installing it needs root: run 'apt-get install -y --no-install-recommends chromium' as root"
# shellcheck source=as-root.sh
source "$(dirname "$0")/as-root.sh"

if ! path="$(find_chromium)"; then
  log "apt-get update"
  as_root apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
  log "apt-get install chromium"
  # fonts-dejavu-core: the page's text needs a font; chromium's recommends are not installed.
  as_root apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
  path="$(find_chromium)"
fi
echo "chromium=$path"
