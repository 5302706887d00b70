#!/usr/bin/env bash
# Runs a command with a Secret Service on a private D-Bus session, so that
# keychain code talks to a real gnome-keyring. Use: with-secret-service.sh CMD...
set -euo pipefail

if [[ -z "${CART_CUTOVER_IN_DBUS_SESSION:-}" ]]; then
  export CART_CUTOVER_IN_DBUS_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

# A throwaway keyring in a temporary home, unlocked with a throwaway password.
keyring_home=$(mktemp -d)
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'cart-cutover-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

status=0
"$@" || status=$?
rm -rf "$keyring_home"
exit "$status"
