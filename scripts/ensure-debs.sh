#!/bin/sh
# Install the Debian packages named as arguments when any is missing.
# As root this runs apt-get; otherwise it prints the exact command and fails.
missing=""
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "Installing Debian packages:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
  echo "Missing Debian packages:$missing" >&2
  echo "Run:  sudo apt-get update && sudo apt-get install -y$missing" >&2
  exit 1
fi
