#!/usr/bin/env bash
# Kafka's own console consumer (org.apache.kafka.tools.consumer.ConsoleConsumer, the class behind
# kafka-console-consumer.sh) against the application's Kafka, from a clean clone: no Kafka download.
#
# The first run resolves org.apache.kafka:kafka-tools through the Maven wrapper and keeps its class
# path in target/kafka-tools-<version>/classpath.txt; later runs start at once.
#
# Usage:
#   scripts/kafka-console-consumer.sh                      every record of orderflow.events, with keys and headers
#   scripts/kafka-console-consumer.sh --topic orderflow.order-changes --from-beginning --property print.key=true
#   scripts/kafka-console-consumer.sh | grep <order id>   one order's records
#
# Without arguments it reads orderflow.events from the beginning, printing partition, key and headers,
# and stops after 10 s without new records. With arguments, they are passed to the console consumer
# as they are (add --bootstrap-server yourself). The broker is $KAFKA_BOOTSTRAP_SERVERS, else the
# application's default, localhost:9092.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
WORK="$ROOT/target/kafka-tools-$KAFKA_VERSION"
CLASSPATH_FILE="$WORK/classpath.txt"

if [ ! -s "$CLASSPATH_FILE" ]; then
    mkdir -p "$WORK"
    cat > "$WORK/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
    <modelVersion>4.0.0</modelVersion>
    <groupId>io.orderflow.tools</groupId>
    <artifactId>kafka-console-consumer</artifactId>
    <version>1</version>
    <packaging>pom</packaging>
    <dependencies>
        <dependency>
            <groupId>org.apache.kafka</groupId>
            <artifactId>kafka-tools</artifactId>
            <version>$KAFKA_VERSION</version>
        </dependency>
    </dependencies>
</project>
POM
    echo "Resolving org.apache.kafka:kafka-tools:$KAFKA_VERSION (first run only)..." >&2
    (cd "$ROOT" && ./mvnw -q -B -f "$WORK/pom.xml" dependency:build-classpath \
        -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=runtime >&2)
fi

# Kafka's tools log through reload4j; as bin/kafka-console-consumer.sh does, warnings only, on stderr.
LOG4J_FILE="$WORK/tools-log4j.properties"
if [ ! -s "$LOG4J_FILE" ]; then
    cat > "$LOG4J_FILE" <<LOG4J
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.appender.stderr.Target=System.err
LOG4J
fi

if [ "$#" -eq 0 ]; then
    set -- --bootstrap-server "${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}" \
        --topic orderflow.events --from-beginning --timeout-ms 10000 \
        --property print.partition=true \
        --property print.key=true \
        --property print.headers=true
fi

exec java -Dlog4j.configuration="file:$LOG4J_FILE" \
    -cp "$(cat "$CLASSPATH_FILE")" org.apache.kafka.tools.consumer.ConsoleConsumer "$@"
