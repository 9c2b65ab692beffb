#!/usr/bin/env bash
# Starts the benchmark's Kafka broker: Apache Kafka 3.9.1 as a separate JVM process, single-node
# KRaft (broker and controller), listening on 127.0.0.1:$BENCH_KAFKA_PORT (19092), data under
# data/bench/kafka. The broker's jars come from Maven Central through the Maven wrapper
# (bench/scripts/kafka-broker/pom.xml); nothing else is downloaded. Idempotent: copies the jars
# once, formats the storage once, starts only when not running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

LIBS="$KAFKA_HOME/libs"
CONFIG="$KAFKA_DATA/server.properties"

if ! compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null; then
  log "copying Kafka's jars into $LIBS"
  rm -rf "$LIBS"
  mkdir -p "$LIBS"
  mvnw -q -B -f "$BENCH_SCRIPTS/kafka-broker/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$LIBS"
fi

mkdir -p "$KAFKA_DATA/logs"
cat >"$CONFIG" <<CONF
# Benchmark broker (bench/scripts/start-kafka.sh): single-node KRaft, everything on loopback.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA/logs
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=24
CONF

kafka_java() {
  java -cp "$LIBS/*" -Dlog4j.configuration="file:$BENCH_SCRIPTS/kafka-log4j.properties" \
    -Dkafka.logs.dir="$KAFKA_DATA" "$@"
}

if [[ ! -f $KAFKA_DATA/logs/meta.properties ]]; then
  if [[ ! -s $KAFKA_DATA/cluster-id ]]; then
    kafka_java kafka.tools.StorageTool random-uuid | tail -1 >"$KAFKA_DATA/cluster-id"
  fi
  log "formatting $KAFKA_DATA/logs (cluster $(cat "$KAFKA_DATA/cluster-id"))"
  kafka_java kafka.tools.StorageTool format -t "$(cat "$KAFKA_DATA/cluster-id")" -c "$CONFIG" --ignore-formatted >/dev/null
fi

if pid_alive "$KAFKA_PID"; then
  log "Kafka already running (pid $(cat "$KAFKA_PID"))"
else
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is taken by another process"
  log "starting Kafka on 127.0.0.1:$KAFKA_PORT (heap $KAFKA_HEAP)"
  : >"$KAFKA_DATA/server.log"
  nohup java -Xms"$KAFKA_HEAP" -Xmx"$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true -cp "$LIBS/*" \
    -Dlog4j.configuration="file:$BENCH_SCRIPTS/kafka-log4j.properties" -Dkafka.logs.dir="$KAFKA_DATA" \
    kafka.Kafka "$CONFIG" >"$KAFKA_DATA/kafka.out" 2>&1 &
  echo $! >"$KAFKA_PID"
fi

kafka_started() {
  pid_alive "$KAFKA_PID" || die "Kafka exited; see $KAFKA_DATA/kafka.out and $KAFKA_DATA/server.log"
  port_open "$KAFKA_PORT" && grep -q "Kafka Server started" "$KAFKA_DATA/server.log" 2>/dev/null
}
wait_for "Kafka" 90 kafka_started
log "Kafka ready: $BOOTSTRAP_SERVERS (pid $(cat "$KAFKA_PID"))"
