#!/usr/bin/env bash
# The one command that reproduces the benchmark from a clean clone:
#
#   bench/scripts/run-benchmark.sh [generator options]
#
# Builds the load generator (and the application, when its jar is missing), starts PostgreSQL,
# Kafka and the application (start-*.sh), waits until each is ready, runs the generator with its
# defaults (open loop, 100 orders/s, 15 s warm-up, 60 s window, payment decline rate 0.1) overridden
# by the given options, and stops everything again. Every option of the generator is listed by
#   bench/scripts/run-benchmark.sh --help
#
# Results: one summary line on standard output; the JSON of the run, its latency percentiles and a
# CSV row (appended) under data/bench/results/.
#
# Environment:
#   BENCH_FRESH=0         keep the data of earlier runs (default 1: start from empty PostgreSQL and Kafka)
#   BENCH_KEEP_RUNNING=1  leave PostgreSQL, Kafka and the application running afterwards
#   BENCH_LABEL=...       describe the set-up in the JSON and CSV (default: machine facts)
#   BENCH_GENERATOR_HEAP  heap of the generator's JVM (default 512m)
#   BENCH_GENERATOR_JAVA_OPTS  extra options of the generator's JVM (e.g. a JFR recording)
#   and the ports, heaps and paths of common.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BENCH_JAR="$REPO_ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar"

for arg in "$@"; do
  if [[ $arg == -h || $arg == --help || $arg == -V || $arg == --version ]]; then
    [[ -f $BENCH_JAR ]] || mvnw -q -B -Pbench -pl bench -am package -DskipTests
    exec java -jar "$BENCH_JAR" "$@"
  fi
done

if [[ ${BENCH_KEEP_RUNNING:-0} != 1 ]]; then
  trap '"$BENCH_SCRIPTS/stop-all.sh" || true' EXIT
fi
if [[ ${BENCH_FRESH:-1} == 1 ]]; then
  "$BENCH_SCRIPTS/stop-all.sh" --wipe
fi

if [[ ! -f $BENCH_JAR || ${BENCH_REBUILD:-0} == 1 ]]; then
  log "building the load generator"
  mvnw -q -B -Pbench -pl bench -am package -DskipTests
fi

"$BENCH_SCRIPTS/start-postgres.sh"
"$BENCH_SCRIPTS/start-kafka.sh"
"$BENCH_SCRIPTS/start-app.sh"

cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
memory=$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
java_version=$(java -version 2>&1 | head -1 | sed 's/"//g')
label="${BENCH_LABEL:-$(nproc) CPU $cpu_model, $memory; PostgreSQL fsync=on synchronous_commit=on; Kafka 3.9.1 KRaft 1 broker; app -Xmx$APP_HEAP; $java_version}"

# cpu_ticks PID [with-children]: user+system CPU ticks of a process (and of its reaped children).
cpu_ticks() {
  local fields
  fields=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  # after the command name: state=1 ... utime=12 stime=13 cutime=14 cstime=15
  awk -v children="${2:-}" '{ t = $12 + $13; if (children != "") t += $14 + $15; print t }' <<<"$fields"
}
# postgres_ticks: the postmaster with its reaped children plus every live backend.
postgres_ticks() {
  local postmaster total child
  postmaster=$(head -1 "$PG_DATA/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  total=$(cpu_ticks "$postmaster" children)
  for child in $(ps -o pid= --ppid "$postmaster"); do total=$((total + $(cpu_ticks "$child"))); done
  echo "$total"
}
# machine_ticks: busy and total CPU ticks of the whole machine (/proc/stat).
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat; }
cpu_snapshot() { echo "$(cpu_ticks "$(cat "$APP_PID")") $(postgres_ticks) $(cpu_ticks "$(cat "$KAFKA_PID")") $(machine_ticks)"; }

RESULTS="$BENCH_DATA/results"
mkdir -p "$RESULTS"
stamp=$(date +%Y%m%d-%H%M%S)
log "running the load generator: $*"
status=0
cpu_before=$(cpu_snapshot)
# shellcheck disable=SC2086 # BENCH_GENERATOR_JAVA_OPTS is a list of options
java -Xmx"${BENCH_GENERATOR_HEAP:-512m}" ${BENCH_GENERATOR_JAVA_OPTS:-} -jar "$BENCH_JAR" \
  --base-url "http://127.0.0.1:$APP_PORT" \
  --kafka-bootstrap "$BOOTSTRAP_SERVERS" \
  --db-url "$DB_URL" --db-user "$PG_USER" --db-password "$PG_PASSWORD" \
  --app-pid "$(cat "$APP_PID")" \
  --json "$RESULTS/run-$stamp.json" \
  --histogram "$RESULTS/run-$stamp.hgrm" \
  --csv "$RESULTS/results.csv" \
  --label "$label" \
  "$@" || status=$?

# Where the machine's CPU went from the generator's start to its end (warm-up and drain included):
# the application, PostgreSQL, Kafka, and the rest (the generator, the OS, anything else running).
read -r app0 pg0 kafka0 busy0 total0 <<<"$cpu_before"
read -r app1 pg1 kafka1 busy1 total1 <<<"$(cpu_snapshot)"
hz=$(getconf CLK_TCK)
awk -v a=$((app1 - app0)) -v p=$((pg1 - pg0)) -v k=$((kafka1 - kafka0)) -v b=$((busy1 - busy0)) \
    -v t=$((total1 - total0)) -v hz="$hz" -v cores="$(nproc)" 'BEGIN {
  printf "CPU during the run (s): application %.1f, PostgreSQL %.1f, Kafka %.1f, rest %.1f; machine busy %.0f%% of %d cores over %.0f s\n",
    a / hz, p / hz, k / hz, (b - a - p - k) / hz, (t > 0 ? 100 * b / t : 0), cores, t / hz / cores }' \
  | tee -a "$RESULTS/cpu-$stamp.txt" >&2

if grep -q 'OutOfMemoryError' "$APP_LOG" 2>/dev/null; then
  log "WARNING: the application logged an OutOfMemoryError (see $APP_LOG)"
  [[ $status != 0 ]] || status=3
fi
if ! pid_alive "$APP_PID"; then
  log "WARNING: the application is no longer running (see $APP_LOG)"
fi
if [[ $status == 0 ]]; then
  log "results: $RESULTS/run-$stamp.json, $RESULTS/run-$stamp.hgrm, $RESULTS/results.csv; application log $APP_LOG"
else
  log "the run failed (exit $status); application log $APP_LOG"
fi
exit "$status"
