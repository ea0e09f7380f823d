#!/usr/bin/env bash
# The contact center as a cluster on one machine: N silo processes and the API as an Orleans client,
# all on one PostgreSQL (the project-local one of run.sh unless ConnectionStrings__ContactCenter is
# set). Pids and logs go to .data/cluster/.
#
#   scripts/cluster.sh start [N] [ARGS...]  build once, start PostgreSQL if local, N silos (default 3) and
#                                           the API; ARGS (e.g. --ContactCenter:Dashboard=true) go to every process
#   scripts/cluster.sh stop                 TERM every process, KILL what is left after CLUSTER_STOP_TIMEOUT s,
#                                           then stop PostgreSQL if this script started it
#   scripts/cluster.sh kill-silo I          kill -9 silo I (1-based), to watch the cluster recover
#   scripts/cluster.sh start-silo I         start silo I (again, or a new one) on its own ports
#   scripts/cluster.sh status               processes, ports and the Orleans membership table
#
# Silo I listens on 11111+I (silo-to-silo), 30000+I (gateway) and serves metrics on 9400+I; the API on
# CLUSTER_URL (http://127.0.0.1:5080). Environment: CLUSTER_URL, CLUSTER_SILO_PORT_BASE,
# CLUSTER_GATEWAY_PORT_BASE, CLUSTER_METRICS_PORT_BASE, CLUSTER_STOP_TIMEOUT (30), CLUSTER_NO_BUILD=1,
# ContactCenter__ClusterId / ServiceId (contact-center) and ConnectionStrings__ContactCenter.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
cluster_dir="$repo/.data/cluster"
url=${CLUSTER_URL:-http://127.0.0.1:5080}
silo_base=${CLUSTER_SILO_PORT_BASE:-11111}
gateway_base=${CLUSTER_GATEWAY_PORT_BASE:-30000}
metrics_base=${CLUSTER_METRICS_PORT_BASE:-9400}
stop_timeout=${CLUSTER_STOP_TIMEOUT:-30}
cluster_id=${ContactCenter__ClusterId:-contact-center}
silo_dll="$repo/src/Silo/bin/Release/net10.0/ContactCenter.Silo.dll"
api_dll="$repo/src/Api/bin/Release/net10.0/ContactCenter.Api.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

die() { echo "cluster.sh: $*" >&2; exit 1; }

# --- the project-local PostgreSQL, laid out as src/Silo/Database/LocalPostgresServer.cs does ---------

# The same folder as run.sh, so that both see the same data.
pg_root() {
  local dir="${ContactCenter__DataDirectory:-$repo/.data/pg}"
  if [ -z "${ContactCenter__DataDirectory:-}" ] && [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1 \
     && ! runuser -u postgres -- test -x "$repo"; then
    dir="/var/lib/contact-center/$(printf '%s' "$repo" | md5sum | cut -c1-12)/pg"
  fi
  mkdir -p "$dir"
  (cd "$dir" && pwd)
}

pg_bin() {
  if [ -x /usr/lib/postgresql/15/bin/pg_ctl ]; then echo /usr/lib/postgresql/15/bin; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$newest" ] || die "PostgreSQL server binaries not found; install them (apt-get install -y postgresql) or set ConnectionStrings__ContactCenter"
  echo "$newest"
}

# PostgreSQL refuses to run as root: the tools then run as the postgres user, who owns the folders.
pg_tool() {
  local tool="$(pg_bin)/$1"; shift
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$tool" "$@"; else "$tool" "$@"; fi
}

give_to_postgres() { if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$@"; fi; }

# The port of the server running on the folder, or nothing (postmaster.pid line 4 is the port).
pg_running_port() {
  local root=$1
  pg_tool pg_ctl status -D "$root/pgdata" >/dev/null 2>&1 || return 0
  sed -n 4p "$root/pgdata/postmaster.pid" | tr -d '[:space:]'
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The superuser's generated password, as LocalPostgresSecrets keeps it: letters and digits, mode 0600,
# owned by the server's user.
ensure_superuser_password() {
  local file="$1/superuser.password" password
  [ -f "$file" ] && return 0
  password=$(head -c 48 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')
  (umask 077 && printf '%s' "${password:0:32}" >"$file.tmp")
  give_to_postgres "$file.tmp"
  mv "$file.tmp" "$file"
}

# Starts (or reuses) the server and prints its port. Takes the folder's start.lock like
# LocalPostgresServer, so run.sh starting at the same moment waits for us. Initialised as
# LocalPostgresServer does (passwords required); the processes, started with this data folder, then
# create the product's role and database (and secure a folder made by an earlier version).
ensure_local_postgres() {
  local root=$1 processes=$2 port
  give_to_postgres "$root"
  exec 8>>"$root/start.lock"
  flock -w 90 8 || die "another process holds $root/start.lock"
  if [ ! -f "$root/pgdata/PG_VERSION" ]; then
    echo "initialising PostgreSQL in $root/pgdata" >&2
    ensure_superuser_password "$root"
    pg_tool initdb -D "$root/pgdata" -U cc --auth=scram-sha-256 --pwfile="$root/superuser.password" --no-locale --encoding=UTF8 \
      >"$root/initdb.log" 2>&1 || die "initdb failed: $(tail -5 "$root/initdb.log")"
  fi
  port=$(pg_running_port "$root")
  if [ -n "$port" ]; then
    echo "reusing PostgreSQL on port $port ($root)" >&2
  else
    port=$(cat "$root/port" 2>/dev/null || true)
    if ! [[ "$port" =~ ^[0-9]+$ ]]; then
      port=55432
      while port_in_use "$port"; do port=$((port + 1)); done
      echo "$port" >"$root/port"
    fi
    mkdir -p "$root/run"
    give_to_postgres "$root/run"
    # Every process holds up to 60 connections (ConnectionPools.cs); PostgreSQL's default of 100 would
    # refuse some once two silos are busy.
    local connections=$(( processes * 60 + 40 )) sockets="\"$root/run\""
    [ ${#root} -lt 80 ] || sockets='""'
    pg_tool pg_ctl start -D "$root/pgdata" -l "$root/postgres.log" -w -t 60 \
      -o "-p $port -k $sockets -c listen_addresses=127.0.0.1 -c max_connections=$connections" >/dev/null \
      || die "PostgreSQL did not start on port $port; last lines of $root/postgres.log:
$(tail -20 "$root/postgres.log")"
    echo "$root" >"$cluster_dir/pg-started"
    echo "started PostgreSQL on port $port ($root, max_connections=$connections)" >&2
  fi
  flock -u 8
  echo "$port"
}

# psql settings for the cluster's database, from the Npgsql connection string (Host, Port, Database,
# Username, Password), so that status can read the membership table.
psql_env() {
  local cs=$1 pair key value
  IFS=';' read -ra pairs <<<"$cs"
  for pair in "${pairs[@]}"; do
    key=$(echo "${pair%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]'); value=${pair#*=}
    case $key in
      host|server) export PGHOST=$value ;;
      port) export PGPORT=$value ;;
      database) export PGDATABASE=$value ;;
      username|userid|user) export PGUSER=$value ;;
      password) export PGPASSWORD=$value ;;
    esac
  done
}

# Where the processes find the database: the configured connection string, or the data folder of the
# local server (they reuse the running server; none of them stops it).
database_args() {
  if [ -n "${ConnectionStrings__ContactCenter:-}" ]; then return 0; fi
  [ -f "$cluster_dir/pg-root" ] || die "no database: start the cluster first"
  echo "--ContactCenter:DataDirectory=$(cat "$cluster_dir/pg-root")"
}

# psql settings for the local server's database, as the product's role.
local_psql_env() {
  local root=$1
  PGHOST=127.0.0.1
  PGPORT=$(cat "$root/port")
  PGDATABASE=contactcenter
  PGUSER=contactcenter
  PGPASSWORD=$(cat "$root/contactcenter.password")
  export PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD
}

# --- processes ---------------------------------------------------------------------------------------

# A pid file names a live process only while that pid still runs our dll (pids are reused).
live_pid() {
  local file=$1 pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'ContactCenter\.\(Silo\|Api\)\.dll' && echo "$pid"
}

start_process() {
  local name=$1 dll=$2; shift 2
  local log="$cluster_dir/$name.log"
  [ -f "$log" ] && mv -f "$log" "$log.1"
  # The working directory is the dll's folder: a host watches its content root for appsettings
  # changes, and the checkout's .data folder (PostgreSQL, these logs) changes all the time.
  (cd "$(dirname "$dll")" && exec setsid dotnet "$dll" "$@" </dev/null >"$log" 2>&1) &
  echo $! >"$cluster_dir/$name.pid"
}

wait_until() {
  local what=$1 name=$2 deadline=$((SECONDS + 120)); shift 2
  until "$@"; do
    if ! live_pid "$cluster_dir/$name.pid" >/dev/null; then
      echo "$name exited while starting; last lines of $cluster_dir/$name.log:" >&2
      tail -30 "$cluster_dir/$name.log" >&2
      exit 1
    fi
    [ $SECONDS -lt $deadline ] || die "$name: $what not reached in 120 s (see $cluster_dir/$name.log)"
    sleep 0.5
  done
}

silo_ports() { echo "$((silo_base + $1)) $((gateway_base + $1)) $((metrics_base + $1))"; }

start_silo() {
  local i=$1; shift
  local silo gateway metrics db
  read -r silo gateway metrics <<<"$(silo_ports "$i")"
  db=$(database_args)
  live_pid "$cluster_dir/silo-$i.pid" >/dev/null && die "silo $i is already running (pid $(cat "$cluster_dir/silo-$i.pid"))"
  for p in "$silo" "$gateway" "$metrics"; do port_in_use "$p" && die "port $p (silo $i) is in use"; done
  start_process "silo-$i" "$silo_dll" ${db:+"$db"} --ContactCenter:SiloPort="$silo" --ContactCenter:GatewayPort="$gateway" \
    --ContactCenter:SiloMetricsPort="$metrics" "$@"
  echo "silo $i: pid $(cat "$cluster_dir/silo-$i.pid"), silo port $silo, gateway $gateway, metrics http://127.0.0.1:$metrics/metrics"
}

wait_silo() {
  local gateway
  gateway=$(silo_ports "$1" | cut -d' ' -f2)
  wait_until "gateway port $gateway" "silo-$1" port_in_use "$gateway"
}

api_ready() { curl -sf -o /dev/null --max-time 5 "$url/health/ready"; }

cmd_start() {
  local n=${1:-3}
  [ $# -gt 0 ] && shift
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "usage: scripts/cluster.sh start [N] [ARGS...]"
  mkdir -p "$cluster_dir"
  for f in "$cluster_dir"/*.pid; do
    [ -e "$f" ] || continue
    live_pid "$f" >/dev/null && die "the cluster is running ($(basename "$f" .pid) is up); scripts/cluster.sh stop first"
    rm -f "$f"
  done
  port_in_use "${url##*:}" && die "the API port of $url is in use"

  rm -f "$cluster_dir/pg-root" "$cluster_dir/connection-string"
  if [ -z "${ConnectionStrings__ContactCenter:-}" ]; then
    local root
    root=$(pg_root)
    ensure_local_postgres "$root" $((n + 1)) >/dev/null
    echo "$root" >"$cluster_dir/pg-root"
  fi

  if [ "${CLUSTER_NO_BUILD:-}" != 1 ]; then
    echo "building (Release)"
    dotnet build "$repo/src/Api/Api.csproj" -c Release -nologo -v q >"$cluster_dir/build.log" 2>&1 \
      || { tail -30 "$cluster_dir/build.log" >&2; die "build failed (see $cluster_dir/build.log)"; }
  fi
  [ -f "$silo_dll" ] && [ -f "$api_dll" ] || die "the Release build is missing ($silo_dll, $api_dll)"
  printf '%s\n' "$@" >"$cluster_dir/args"

  # The first silo applies the migrations and opens the membership table; the others then join together.
  start_silo 1 "$@"
  wait_silo 1
  for ((i = 2; i <= n; i++)); do start_silo "$i" "$@"; done
  for ((i = 2; i <= n; i++)); do wait_silo "$i"; done
  local db
  db=$(database_args)
  start_process api "$api_dll" ${db:+"$db"} --ContactCenter:Mode=Client --urls="$url" "$@"
  echo "api: pid $(cat "$cluster_dir/api.pid"), Orleans client of $n silo(s)"
  wait_until "$url/health/ready" api api_ready
  echo "cluster $cluster_id is up: $url (API reference $url/scalar); logs and pids in $cluster_dir"
}

# TERM, then KILL after the timeout; only processes whose pid file still names our dll.
stop_pids() {
  local pids=("$@") deadline=$((SECONDS + stop_timeout)) alive
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  while :; do
    alive=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    [ ${#alive[@]} -gt 0 ] || return 0
    if [ $SECONDS -ge $deadline ]; then
      echo "still running after ${stop_timeout} s, killing: ${alive[*]}"
      kill -KILL "${alive[@]}" 2>/dev/null || true
      return 0
    fi
    sleep 0.5
  done
}

cmd_stop() {
  [ -d "$cluster_dir" ] || { echo "nothing to stop"; return 0; }
  local pid silos=()
  # The API first, so that no request meets a cluster going away; then the silos together.
  if pid=$(live_pid "$cluster_dir/api.pid"); then echo "stopping api (pid $pid)"; stop_pids "$pid"; fi
  for f in "$cluster_dir"/silo-*.pid; do
    [ -e "$f" ] || continue
    if pid=$(live_pid "$f"); then echo "stopping $(basename "$f" .pid) (pid $pid)"; silos+=("$pid"); fi
  done
  stop_pids "${silos[@]}"
  rm -f "$cluster_dir"/*.pid
  if [ -f "$cluster_dir/pg-started" ]; then
    local root
    root=$(cat "$cluster_dir/pg-started")
    echo "stopping PostgreSQL ($root)"
    pg_tool pg_ctl stop -D "$root/pgdata" -m fast -w -t 60 >/dev/null || echo "pg_ctl stop failed; see $root/postgres.log"
    rm -f "$cluster_dir/pg-started"
  fi
  echo "stopped"
}

cmd_kill_silo() {
  local i=${1:-} pid
  [[ "$i" =~ ^[1-9][0-9]*$ ]] || die "usage: scripts/cluster.sh kill-silo I"
  pid=$(live_pid "$cluster_dir/silo-$i.pid") || die "silo $i is not running"
  kill -KILL "$pid"
  echo "killed silo $i (pid $pid) with SIGKILL at $(date -u +%H:%M:%S.%N | cut -c1-12) UTC"
}

cmd_start_silo() {
  local i=${1:-} args=()
  [[ "$i" =~ ^[1-9][0-9]*$ ]] || die "usage: scripts/cluster.sh start-silo I"
  database_args >/dev/null
  [ -f "$cluster_dir/args" ] && mapfile -t args <"$cluster_dir/args"
  [ ${#args[@]} -eq 1 ] && [ -z "${args[0]}" ] && args=()
  start_silo "$i" "${args[@]}"
  wait_silo "$i"
}

cmd_status() {
  local pid name silo gateway metrics
  if [ -f "$cluster_dir/api.pid" ]; then
    if pid=$(live_pid "$cluster_dir/api.pid"); then
      if api_ready; then echo "api      pid $pid  $url  ready"; else echo "api      pid $pid  $url  NOT READY"; fi
    else
      echo "api      not running"
    fi
  fi
  for f in "$cluster_dir"/silo-*.pid; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .pid)
    read -r silo gateway metrics <<<"$(silo_ports "${name#silo-}")"
    if pid=$(live_pid "$f"); then state="pid $pid"; else state="not running"; fi
    echo "$name   $state  silo port $silo  gateway $gateway  metrics $metrics"
  done
  if [ -n "${ConnectionStrings__ContactCenter:-}" ]; then psql_env "$ConnectionStrings__ContactCenter"
  elif [ -f "$cluster_dir/pg-root" ]; then local_psql_env "$(cat "$cluster_dir/pg-root")"
  else echo "no cluster started here"; return 0; fi
  echo "membership of cluster $cluster_id (orleansmembershiptable):"
  psql -X -P pager=off -c "SELECT address, port, CASE status WHEN 1 THEN 'Created' WHEN 2 THEN 'Joining' WHEN 3 THEN 'Active'
      WHEN 4 THEN 'ShuttingDown' WHEN 5 THEN 'Stopping' WHEN 6 THEN 'Dead' ELSE status::text END AS status,
      starttime, iamalivetime FROM orleansmembershiptable WHERE deploymentid = '$cluster_id' ORDER BY starttime" \
    || echo "(the database does not answer)"
}

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
  start) cmd_start "$@" ;;
  stop) cmd_stop ;;
  kill-silo) cmd_kill_silo "$@" ;;
  start-silo) cmd_start_silo "$@" ;;
  status) cmd_status ;;
  *) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
