#!/usr/bin/env bash
# Installs the Debian packages that the tests and the browser mode need:
# Chromium for the end-to-end tests and a Secret Service for the keychain tests.
set -euo pipefail

packages=(chromium gnome-keyring dbus dbus-daemon)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "System packages already installed: ${packages[*]}"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  sudo=sudo
else
  sudo=
fi
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
