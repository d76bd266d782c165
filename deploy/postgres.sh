#!/usr/bin/env bash
# PostgreSQL for ActivityTracker, without needing Docker.
#   Sourced by deploy/run.sh and deploy/test.sh for its functions:
#     pg_app_start / pg_app_stop    the app cluster: durable, data kept in $REPO/.data/postgres
#                                   (ACTIVITYTRACKER_PGDATA), 127.0.0.1:55432 (ACTIVITYTRACKER_PGPORT);
#                                   exports ConnectionStrings__Postgres
#     pg_test_start / pg_test_stop  a throwaway, non-durable cluster in a temp dir on a free port;
#                                   sets PG_TEST_PORT
#     pg_docker_available           true when a Docker engine answers
#   Run directly: deploy/postgres.sh start|stop|status   (the app cluster)
set -euo pipefail

_pg_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
_pg_app_started=0
_pg_test_dir=

_pg_say() { echo "postgres.sh: $*" >&2; }
_pg_die() { _pg_say "$*"; exit 1; }

pg_docker_available() {
  command -v docker >/dev/null 2>&1 && timeout 20 docker info >/dev/null 2>&1
}
# The app cluster comes from docker-compose.yml when an engine and the compose plugin answer.
_pg_compose_available() { pg_docker_available && docker compose version >/dev/null 2>&1; }

# Sets PG_BIN to the server's bin dir (initdb, pg_ctl, ...), installing PostgreSQL when absent.
pg_find_bin() {
  [[ -n ${PG_BIN:-} ]] && return 0
  local d
  d=$(pg_config --bindir 2>/dev/null || true)
  # pg_config may come from libpq-dev alone: only trust it if the server tools are there.
  [[ -x $d/initdb ]] || d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  if [[ ! -x $d/initdb ]]; then
    _pg_install
    d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    [[ -x $d/initdb ]] || _pg_die "PostgreSQL was installed but initdb is still not found"
  fi
  PG_BIN=$d
}

_pg_install() {
  local sudo=()
  command -v apt-get >/dev/null || _pg_die "PostgreSQL server binaries not found and no apt-get: install PostgreSQL (initdb, pg_ctl) and retry"
  if ((EUID != 0)); then
    command -v sudo >/dev/null || _pg_die "PostgreSQL server binaries not found; run as root or install the 'postgresql' package"
    sudo=(sudo)
  fi
  _pg_say "PostgreSQL server binaries not found; installing the Debian package 'postgresql'"
  "${sudo[@]}" apt-get update -qq >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

# PostgreSQL refuses to run as root: as root, the server runs as the 'postgres' system user.
_pg_ensure_user() {
  ((EUID == 0)) || return 0
  id postgres >/dev/null 2>&1 ||
    useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
}

# Runs a command as the server user, from / (the caller's cwd, e.g. /root, may be closed to it).
_pg_as_server() {
  if ((EUID == 0)); then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# As root, grants o+x to the ancestors of $1 that the postgres user cannot traverse
# (e.g. a repo under /root or under a mode-700 `mktemp -d` dir).
_pg_ensure_traverse() {
  ((EUID == 0)) || return 0
  runuser -u postgres -- test -x "$1" && return 0
  local d=$1 dirs=() fixed=()
  while [[ $d != / ]]; do dirs=("$d" "${dirs[@]}"); d=$(dirname "$d"); done
  for d in / "${dirs[@]}"; do # top-down, so each test sees its parents already fixed
    if ! runuser -u postgres -- test -x "$d"; then chmod o+x "$d" && fixed+=("$d"); fi
  done
  if ((${#fixed[@]})); then
    _pg_say "granted traverse-only permission (chmod o+x) on ${fixed[*]} so the postgres user can reach $1"
  fi
}

_pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$1" -U postgres -t 3; }

_pg_wait_ready() { # port, seconds
  local i
  for ((i = 0; i < $2 * 5; i++)); do
    _pg_ready "$1" && return 0
    sleep 0.2
  done
  return 1
}

# True when something accepts TCP connections on 127.0.0.1:$1.
_pg_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts the cluster in $1 on port $2, logging to $3; the rest are extra server options.
# On failure, _pg_start_error holds pg_ctl's output and the log's tail.
_pg_start() {
  local dir=$1 port=$2 log=$3 sock=$1 out
  shift 3
  # A unix socket path is limited to 107 bytes; past that, TCP only (all we use anyway).
  ((${#sock} + 14 <= 107)) || sock=
  # pg_ctl -o goes through sh -c, hence the %q quoting of the path.
  if out=$(_pg_as_server "$PG_BIN/pg_ctl" -D "$dir" -l "$log" -w -t 60 -s \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $(printf %q "$sock") $*" start 2>&1) &&
    _pg_wait_ready "$port" 30; then
    return 0
  fi
  _pg_start_error="PostgreSQL did not start on port $port: $out
--- last lines of $log:
$(tail -n 15 "$log" 2>&1)"
  return 1
}

# Creates database $2 on 127.0.0.1:$1 if it does not exist.
_pg_ensure_db() {
  local exists
  exists=$("$PG_BIN/psql" -X -Atq -h 127.0.0.1 -p "$1" -U postgres -d postgres \
    -c "SELECT 1 FROM pg_database WHERE datname = '$2'") ||
    _pg_die "cannot connect as user postgres to 127.0.0.1:$1"
  if [[ $exists != 1 ]]; then
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$1" -U postgres "$2" || _pg_die "cannot create database $2"
    _pg_say "created database $2"
  fi
}

# True when the server in $1 (a data dir) is running.
_pg_running() { [[ -f $1/postmaster.pid ]] && _pg_as_server "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

_pg_app_settings() {
  _pg_app_port=${ACTIVITYTRACKER_PGPORT:-55432}
  _pg_app_data=$(realpath -m "${ACTIVITYTRACKER_PGDATA:-$_pg_repo/.data/postgres}")
}

# Provisions the app database and exports ConnectionStrings__Postgres.
pg_app_start() {
  _pg_app_settings
  local port=$_pg_app_port data=$_pg_app_data rc=0
  if _pg_compose_available; then
    _pg_say "Docker engine found: starting the compose service 'postgres' (left running on exit)"
    # A development database: its password is the development one unless given (the app refuses it outside
    # Development); compose checks every variable the file names, the admin's too, though only postgres starts.
    export POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-postgres}
    ACTIVITYTRACKER_ADMIN_PASSWORD=${ACTIVITYTRACKER_ADMIN_PASSWORD:-unused} \
      docker compose -f "$_pg_repo/docker-compose.yml" up -d --wait postgres >&2
    export ConnectionStrings__Postgres="Host=127.0.0.1;Port=55432;Database=activitytracker;Username=postgres;Password=$POSTGRES_PASSWORD"
    return 0
  fi
  pg_find_bin
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$port;Database=activitytracker;Username=postgres"
  _pg_ready "$port" || rc=$?
  if ((rc <= 1)); then # 0: accepting, 1: starting up: a PostgreSQL server is there, reuse it
    if _pg_running "$data"; then
      _pg_say "reusing the app cluster already running on 127.0.0.1:$port (it stays running)"
    else
      _pg_say "reusing the PostgreSQL server already answering on 127.0.0.1:$port, not started from $data (it stays running)"
    fi
    _pg_wait_ready "$port" 30 || _pg_die "the server on 127.0.0.1:$port does not accept connections"
    _pg_ensure_db "$port" activitytracker
    return 0
  fi
  _pg_port_busy "$port" &&
    _pg_die "127.0.0.1:$port is taken by a program that is not PostgreSQL; stop it or set ACTIVITYTRACKER_PGPORT"

  _pg_ensure_user
  mkdir -p "$data"
  if [[ ! -f $data/PG_VERSION ]]; then
    ((EUID == 0)) && chown postgres: "$data"
    chmod 700 "$data"
  fi
  _pg_ensure_traverse "$data"
  if [[ ! -f $data/PG_VERSION ]]; then
    local out
    # trust auth: a developer cluster reachable only from 127.0.0.1
    out=$(_pg_as_server "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 2>&1) ||
      _pg_die "initdb failed in $data: $out"
    _pg_say "initialised a new app cluster in $data"
  fi
  local major
  major=$("$PG_BIN/postgres" --version | sed -E 's/.* ([0-9]+).*/\1/')
  [[ $(<"$data/PG_VERSION") == "$major" ]] ||
    _pg_die "$data holds PostgreSQL $(<"$data/PG_VERSION") data but the server is $major; move it away or set ACTIVITYTRACKER_PGDATA"
  _pg_start "$data" "$port" "$data/server.log" || _pg_die "$_pg_start_error"
  _pg_app_started=1
  _pg_say "started PostgreSQL on 127.0.0.1:$port (data: $data, log: $data/server.log)"
  _pg_ensure_db "$port" activitytracker
}

# Stops the app cluster, but only if pg_app_start started it in this shell; data stays.
pg_app_stop() {
  ((_pg_app_started)) || return 0
  _pg_app_started=0
  if _pg_as_server "$PG_BIN/pg_ctl" -D "$_pg_app_data" -m fast -w -s stop; then
    _pg_say "stopped PostgreSQL (data kept in $_pg_app_data)"
  else
    _pg_say "could not stop PostgreSQL in $_pg_app_data"
    return 1
  fi
}

# Starts a throwaway cluster (no fsync: fast, data lost on crash) on a free port from 55500;
# sets PG_TEST_PORT. pg_test_stop stops it and deletes it. `pg_test_start durable` keeps
# PostgreSQL's durable defaults (fsync, synchronous commit), for measuring (deploy/bench.sh).
pg_test_start() {
  local -a fast=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off) initdb_extra=(--no-sync)
  if [[ ${1:-} == durable ]]; then fast=() initdb_extra=(); fi
  pg_find_bin
  _pg_ensure_user
  _pg_test_dir=$(mktemp -d "${TMPDIR:-/tmp}/activitytracker-pg.XXXXXX")
  if ((EUID == 0)); then chown postgres: "$_pg_test_dir"; fi
  _pg_ensure_traverse "$_pg_test_dir"
  local out port
  out=$(_pg_as_server "$PG_BIN/initdb" -D "$_pg_test_dir" -U postgres --auth=trust -E UTF8 \
    --locale=C.UTF-8 "${initdb_extra[@]}" 2>&1) || _pg_die "initdb failed: $out"
  for ((port = 55500; port < 55600; port++)); do
    _pg_port_busy "$port" && continue
    if _pg_start "$_pg_test_dir" "$port" "$_pg_test_dir/server.log" \
      "${fast[@]}" -c max_connections=200; then
      # shellcheck disable=SC2034 # read by the sourcing script
      PG_TEST_PORT=$port
      _pg_say "started a throwaway PostgreSQL on 127.0.0.1:$port in $_pg_test_dir"
      return 0
    fi
    # Another run may have taken the port between the check and the start: try the next one.
    _pg_port_busy "$port" || break
  done
  _pg_die "could not start a throwaway PostgreSQL. ${_pg_start_error:-}"
}

pg_test_stop() {
  [[ -n $_pg_test_dir ]] || return 0
  local dir=$_pg_test_dir
  _pg_test_dir=
  # immediate: its data is about to be deleted anyway
  _pg_as_server "$PG_BIN/pg_ctl" -D "$dir" -m immediate -w -s stop >/dev/null 2>&1 || true
  rm -rf -- "$dir"
  _pg_say "stopped and removed the throwaway PostgreSQL"
}

_pg_main() {
  case ${1:-} in
    start)
      pg_app_start
      echo "ConnectionStrings__Postgres=$ConnectionStrings__Postgres"
      ;;
    stop)
      _pg_app_settings
      if _pg_compose_available; then
        POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-postgres} ACTIVITYTRACKER_ADMIN_PASSWORD=${ACTIVITYTRACKER_ADMIN_PASSWORD:-unused} \
          docker compose -f "$_pg_repo/docker-compose.yml" stop postgres
        return
      fi
      pg_find_bin
      if _pg_running "$_pg_app_data"; then
        _pg_app_started=1
        pg_app_stop
      else
        _pg_say "the app cluster in $_pg_app_data is not running"
      fi
      ;;
    status)
      _pg_app_settings
      pg_find_bin
      if _pg_running "$_pg_app_data"; then
        _pg_say "the app cluster is running from $_pg_app_data; 127.0.0.1:$_pg_app_port $(_pg_ready "$_pg_app_port" && echo accepts || echo does not accept) connections"
      elif _pg_ready "$_pg_app_port"; then
        _pg_say "the app cluster in $_pg_app_data is not running, but another PostgreSQL server answers on 127.0.0.1:$_pg_app_port"
      else
        _pg_say "not running (data dir $_pg_app_data, port $_pg_app_port)"
        return 3
      fi
      ;;
    *)
      echo "usage: deploy/postgres.sh start|stop|status" >&2
      return 2
      ;;
  esac
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then _pg_main "$@"; fi
