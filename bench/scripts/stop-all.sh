#!/usr/bin/env bash
# Stops what the benchmark scripts started: the application, the Kafka broker and PostgreSQL, by
# the process ids and data directories they recorded (nothing else is touched).
# With --wipe, also deletes their data (PostgreSQL cluster, Kafka logs, application logs), keeping
# the downloaded binaries and the results.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

stop_pid "application" "$APP_PID" 60
stop_pid "Kafka" "$KAFKA_PID" 60

if [[ -f $BENCH_DATA/pg.datadir ]]; then
  PG_DATA=$(cat "$BENCH_DATA/pg.datadir")
fi
if [[ -f $PG_DATA/postmaster.pid ]]; then
  log "stopping PostgreSQL ($PG_DATA)"
  pg_owner=$(stat -c %U "$PG_DATA")
  pg_bin=$(dirname "$(readlink -f "/proc/$(head -1 "$PG_DATA/postmaster.pid")/exe" 2>/dev/null || echo /nonexistent/postgres)")
  if [[ ! -x $pg_bin/pg_ctl ]]; then
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin "$BENCH_DATA/pg-dist/bin" 2>/dev/null | sort -V | tail -1)
  fi
  if [[ $(id -un) == "$pg_owner" ]]; then
    "$pg_bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true
  else
    runuser -u "$pg_owner" -- "$pg_bin/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true
  fi
fi

if [[ ${1:-} == --wipe ]]; then
  log "wiping the benchmark data (PostgreSQL, Kafka, application logs)"
  rm -rf "$PG_DATA" "$KAFKA_DATA" "$APP_LOG" "$BENCH_DATA"/app-gc.log* "$BENCH_DATA/app-oom.hprof" \
    "$BENCH_DATA/pg.datadir" "$BENCH_DATA/postgres-init.log"
fi
log "stopped"
