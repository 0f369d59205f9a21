#!/bin/sh
# Makes sure Debian's chromium and firefox-esr are installed (the browser tests drive them).
# Installs the missing ones with apt-get when running as root; otherwise only reports.
set -u
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/bin/firefox-esr ] || missing="$missing firefox-esr"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "ensure-browsers: missing$missing and not root; skipping install" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# The package lists may be absent on a fresh image: update once, then install.
apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 \
  || { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends $missing >/dev/null 2>&1; }
status=0
for browser in $missing; do
  [ -x "/usr/bin/$browser" ] || { echo "ensure-browsers: could not install $browser" >&2; status=1; }
done
exit $status
