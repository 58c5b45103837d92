#!/usr/bin/env bash
# Browser tests drive Debian's chromium through Playwright. Install it when it is missing and we
# may (root, or passwordless sudo); otherwise say exactly what to run. Never skip silently.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "chromium is missing at $CHROMIUM: run 'sudo apt-get install chromium' (browser tests need it)." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
test -x "$CHROMIUM"
