#!/usr/bin/env bash
# Real-browser tests drive Debian's Chromium (never a downloaded browser build).
# Installs it when missing; needs root (as on CI and the dev machines) or sudo.
# The foreign-badge test also needs openssl (a throwaway certificate for its loopback HTTPS sites).
set -euo pipefail
if [ -x /usr/bin/chromium ] && command -v openssl >/dev/null; then exit 0; fi
echo "Installing Debian's chromium (and openssl) for the real-browser tests..." >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core openssl >/dev/null
/usr/bin/chromium --version >&2
