#!/usr/bin/env bash
# Settings and helpers shared by the benchmark scripts. Sourced, not run.
#
# Everything lives under data/bench of the repository (ignored by git); each setting can be
# overridden from the environment.

BENCH_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_SCRIPTS/../.." && pwd)"
BENCH_DATA="${BENCH_DATA:-$REPO_ROOT/data/bench}"

PG_PORT="${BENCH_PG_PORT:-15432}"
PG_DB="${BENCH_PG_DB:-orderflow}"
PG_USER="${BENCH_PG_USER:-orderflow}"
PG_PASSWORD="${BENCH_PG_PASSWORD:-orderflow}"
PG_DATA="$BENCH_DATA/pg"
PG_LOG="$BENCH_DATA/postgres.log"
PG_SOCKET_DIR="${BENCH_PG_SOCKET_DIR:-/tmp}"
# Fallback when Debian's package is not installed and cannot be: zonky's PostgreSQL binaries from Maven Central.
ZONKY_PG_VERSION="${BENCH_ZONKY_PG_VERSION:-14.22.0}"

KAFKA_PORT="${BENCH_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-19093}"
KAFKA_HOME="$BENCH_DATA/kafka-dist"
KAFKA_DATA="$BENCH_DATA/kafka"
KAFKA_PID="$BENCH_DATA/kafka.pid"
KAFKA_HEAP="${BENCH_KAFKA_HEAP:-1g}"

APP_PORT="${BENCH_APP_PORT:-18080}"
APP_PID="$BENCH_DATA/app.pid"
APP_LOG="$BENCH_DATA/app.log"
APP_HEAP="${BENCH_APP_HEAP:-1g}"

BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"
DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# pid_alive FILE: whether the process whose id FILE holds is running.
pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# port_open PORT: whether something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for DESCRIPTION TIMEOUT_SECONDS COMMAND...: retries COMMAND once a second until it succeeds.
wait_for() {
  local what=$1 timeout=$2
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    ((SECONDS < deadline)) || die "$what not ready after ${timeout}s"
    sleep 1
  done
}

# stop_pid NAME FILE [TIMEOUT]: TERM the process in FILE, KILL it after TIMEOUT seconds, remove FILE.
stop_pid() {
  local name=$1 file=$2 timeout=${3:-30}
  if ! pid_alive "$file"; then
    rm -f "$file"
    return 0
  fi
  local pid
  pid=$(cat "$file")
  log "stopping $name (pid $pid)"
  kill "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      log "$name did not stop within ${timeout}s: killing it"
      kill -9 "$pid" 2>/dev/null || true
      break
    fi
    sleep 1
  done
  rm -f "$file"
}

# mvnw ARGS...: the repository's Maven wrapper, run from the repository root.
mvnw() { (cd "$REPO_ROOT" && ./mvnw "$@"); }
