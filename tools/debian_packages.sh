#!/bin/sh
# Installs the Debian packages a make target needs (given as arguments) before it starts: as root, or with a
# password-free sudo, through apt-get; otherwise stops at once with the one command to run. Never a download of a
# browser or binary from anywhere else.
set -eu
missing=""
for package in "$@"; do
  if command -v dpkg-query >/dev/null 2>&1; then
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] && continue
  elif [ "$package" = chromium ] && [ -x "${ITASITE_CHROMIUM:-/usr/bin/chromium}" ]; then
    continue
  fi
  missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "These Debian packages are needed:$missing. This machine has no apt-get: install their equivalents," >&2
  echo "and point ITASITE_CHROMIUM at a chromium binary if it is not /usr/bin/chromium." >&2
  exit 1
fi
if [ "$(id -u)" = 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "Debian packages that are needed are not installed:$missing" >&2
  echo "Run this once, then the same make command again:" >&2
  echo "    sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "Installing Debian packages:$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq$missing >/dev/null
