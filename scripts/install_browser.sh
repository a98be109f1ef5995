#!/usr/bin/env bash
# Install Debian's chromium for the browser tests when it is missing (idempotent, quick if present).
# Playwright drives this system browser; `playwright install` (a download) is never used.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
  echo "install_browser.sh: /usr/bin/chromium is missing and we are not root; browser tests will be skipped" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
