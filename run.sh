#!/usr/bin/env bash
# Runs the contact center: PostgreSQL (project-local under .data/pg unless
# ConnectionStrings__ContactCenter is set), migrations, silo and API in one process.
set -euo pipefail
cd "$(dirname "$0")"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -z "${ConnectionStrings__ContactCenter:-}" ]; then
  echo "PostgreSQL binaries missing: installing Debian's postgresql package"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; fi
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project src/Api -c Release -- "$@"
