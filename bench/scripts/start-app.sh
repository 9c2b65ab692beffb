#!/usr/bin/env bash
# Starts the application for the benchmark: the app jar with -Xmx1g and the parallel GC, profile postgres, against the
# PostgreSQL of start-postgres.sh and the Kafka broker of start-kafka.sh, on
# 127.0.0.1:$BENCH_APP_PORT (18080). Builds the jar when it is missing (or BENCH_REBUILD_APP=1).
# Writes the process id to data/bench/app.pid and the log to data/bench/app.log, with a GC log
# beside it. Extra JVM options: BENCH_APP_JAVA_OPTS; extra application arguments: BENCH_APP_ARGS;
# another application jar (e.g. a copy of an earlier build, to compare two versions): BENCH_APP_JAR.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

find_jar() { ls "$REPO_ROOT"/app/target/app-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true; }

JAR=${BENCH_APP_JAR:-$(find_jar)}
if [[ -n ${BENCH_APP_JAR:-} ]]; then
  [[ -f $JAR ]] || die "BENCH_APP_JAR=$JAR does not exist"
elif [[ -z $JAR || ${BENCH_REBUILD_APP:-0} == 1 ]]; then
  log "building the application jar"
  mvnw -q -B -pl app -am package -DskipTests
  JAR=$(find_jar)
  [[ -n $JAR ]] || die "no app/target/app-*.jar after the build"
fi

app_healthy() { curl -fsS --max-time 2 "http://127.0.0.1:$APP_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }

mkdir -p "$BENCH_DATA"
if pid_alive "$APP_PID"; then
  log "application already running (pid $(cat "$APP_PID"))"
else
  port_open "$APP_PORT" && die "port $APP_PORT is taken by another process"
  # The parallel collector (benchmark step 17: on these 2 cores it gave more sagas/s than G1, whose
  # concurrent threads and write barriers compete with the application), unless BENCH_APP_JAVA_OPTS
  # chooses a collector (-XX:+Use...GC, e.g. -XX:+UseG1GC for the earlier set-up): two collectors stop the JVM.
  gc=-XX:+UseParallelGC
  [[ ${BENCH_APP_JAVA_OPTS:-} =~ -XX:\+Use[A-Za-z0-9]+GC ]] && gc=
  log "starting $(basename "$JAR") on 127.0.0.1:$APP_PORT (heap -Xmx$APP_HEAP)"
  # shellcheck disable=SC2086 # the option variables are word lists on purpose
  SPRING_PROFILES_ACTIVE=postgres \
    DB_URL="$DB_URL" DB_USER="$PG_USER" DB_PASSWORD="$PG_PASSWORD" \
    KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP_SERVERS" \
    SERVER_ADDRESS=127.0.0.1 SERVER_PORT="$APP_PORT" \
    MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE="health,info,metrics,prometheus" \
    nohup java -Xmx"$APP_HEAP" $gc \
    -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath="$BENCH_DATA/app-oom.hprof" \
    -Xlog:gc*:file="$BENCH_DATA/app-gc.log":time,uptime,level,tags:filecount=3,filesize=20m \
    ${BENCH_APP_JAVA_OPTS:-} -jar "$JAR" ${BENCH_APP_ARGS:-} >"$APP_LOG" 2>&1 &
  echo $! >"$APP_PID"
fi

app_started() {
  if ! pid_alive "$APP_PID"; then
    tail -n 40 "$APP_LOG" >&2 || true
    die "the application exited; see $APP_LOG"
  fi
  app_healthy
}
wait_for "the application" "${BENCH_APP_START_TIMEOUT:-240}" app_started
log "application ready: http://127.0.0.1:$APP_PORT (pid $(cat "$APP_PID"))"
