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
# The data folder is .data/pg of this checkout. PostgreSQL refuses to run as root, so as root the
# server runs as the 'postgres' user, who must be able to reach the folder; when the checkout sits
# somewhere private (e.g. under /root), the data goes to /var/lib/contact-center/<checkout>/ instead.
data_dir="$PWD/.data/pg"
if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$PWD"; then
  data_dir="/var/lib/contact-center/$(printf '%s' "$PWD" | md5sum | cut -c1-12)/pg"
  mkdir -p "$(dirname "$data_dir")"
  echo "note: $PWD is not reachable by the postgres user; PostgreSQL data goes to $data_dir"
fi
exec dotnet run --project src/Api -c Release -- --ContactCenter:DataDirectory="$data_dir" "$@"
