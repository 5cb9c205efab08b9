# Sourced by the install scripts: as_root runs a command as root — directly when we are root,
# else through passwordless sudo — and otherwise prints $NEED_ROOT (what to run by hand) on
# stderr and exits 1.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else
    echo "${NEED_ROOT:-need root to run: $*}" >&2
    exit 1
  fi
}
