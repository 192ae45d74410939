#!/usr/bin/env bash
# The API tests also run on PostgreSQL: Debian's postgresql package (never a downloaded build).
# Installs it when missing; needs root (as on CI and the dev machines) or sudo. The tests start their
# own throwaway cluster (scripts/postgresCluster.ts), so the package's own cluster is not needed.
set -euo pipefail
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then exit 0; fi
echo "Installing Debian's postgresql for the PostgreSQL run of the API tests..." >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
ls -d /usr/lib/postgresql/*/bin >&2
