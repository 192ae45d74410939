#!/usr/bin/env bash
# The Firefox real-browser test drives Debian's Firefox ESR over WebDriver BiDi (never a
# downloaded browser build). Installs it when missing; needs root (as on CI and the dev machines) or sudo.
set -euo pipefail
if [ -x /usr/bin/firefox-esr ]; then exit 0; fi
echo "Installing Debian's firefox-esr for the real-browser tests..." >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends firefox-esr fonts-dejavu-core >/dev/null
/usr/bin/firefox-esr --version >&2
