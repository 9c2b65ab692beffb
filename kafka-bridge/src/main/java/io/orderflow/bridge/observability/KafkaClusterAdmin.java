package io.orderflow.bridge.observability;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListConsumerGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.springframework.beans.factory.DisposableBean;

/**
 * The admin requests of the backbone's health check and lag metrics, on one Kafka admin client created
 * on first use (so an unreachable cluster at start-up never fails the application) and closed with the
 * context. Every request is bounded by the timeout it is given.
 */
public class KafkaClusterAdmin implements DisposableBean {

    private final Map<String, Object> configuration;
    private Admin admin;
    private boolean closed;

    /**
     * Creates the client; nothing connects until the first request.
     *
     * @param configuration the admin client configuration
     */
    public KafkaClusterAdmin(Map<String, Object> configuration) {
        this.configuration = Map.copyOf(configuration);
    }

    /**
     * Who the cluster is.
     *
     * @param clusterId  the cluster id
     * @param nodes      how many brokers answer
     * @param controller the id of the active controller, {@code -1} when unknown
     */
    public record ClusterInfo(String clusterId, int nodes, int controller) {
    }

    /**
     * Asks the cluster who it is.
     *
     * @param timeout how long to wait
     * @return the answer
     * @throws KafkaUnavailableException if the cluster does not answer in time
     */
    public ClusterInfo describeCluster(Duration timeout) {
        DescribeClusterResult result = admin().describeCluster(
                new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
        String clusterId = get(result.clusterId(), timeout, "describe the cluster");
        Collection<Node> nodes = get(result.nodes(), timeout, "describe the cluster");
        Node controller = get(result.controller(), timeout, "describe the cluster");
        return new ClusterInfo(clusterId, nodes.size(), controller == null ? -1 : controller.id());
    }

    /**
     * Reads the start and end offsets of a topic's partitions and the offsets every consumer group has
     * committed on it.
     *
     * @param topic   the topic
     * @param timeout how long each request may take
     * @return the offsets; groups without a commit on the topic are left out
     * @throws KafkaUnavailableException if the cluster does not answer in time
     */
    public TopicOffsets topicOffsets(String topic, Duration timeout) {
        int timeoutMs = (int) timeout.toMillis();
        TopicDescription description = get(admin().describeTopics(List.of(topic),
                new DescribeTopicsOptions().timeoutMs(timeoutMs)).allTopicNames(), timeout, "describe " + topic).get(topic);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartitionInfo partition : description.partitions()) {
            TopicPartition topicPartition = new TopicPartition(topic, partition.partition());
            earliest.put(topicPartition, OffsetSpec.earliest());
            latest.put(topicPartition, OffsetSpec.latest());
        }
        Map<Integer, Long> start = offsets(admin().listOffsets(earliest, new ListOffsetsOptions().timeoutMs(timeoutMs)),
                timeout, topic);
        Map<Integer, Long> end = offsets(admin().listOffsets(latest, new ListOffsetsOptions().timeoutMs(timeoutMs)),
                timeout, topic);

        Collection<ConsumerGroupListing> groups = get(admin().listConsumerGroups(
                new ListConsumerGroupsOptions().timeoutMs(timeoutMs)).all(), timeout, "list consumer groups");
        Map<String, Map<Integer, Long>> committed = new HashMap<>();
        if (!groups.isEmpty()) {
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            groups.forEach(group -> specs.put(group.groupId(), new ListConsumerGroupOffsetsSpec()));
            Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets = get(admin().listConsumerGroupOffsets(
                    specs, new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs)).all(), timeout,
                    "list consumer group offsets");
            offsets.forEach((group, byPartition) -> {
                Map<Integer, Long> onTopic = new HashMap<>();
                byPartition.forEach((partition, offset) -> {
                    if (offset != null && topic.equals(partition.topic())) {
                        onTopic.put(partition.partition(), offset.offset());
                    }
                });
                if (!onTopic.isEmpty()) {
                    committed.put(group, onTopic);
                }
            });
        }
        return new TopicOffsets(topic, start, end, committed);
    }

    /** Closes the admin client. */
    @Override
    public synchronized void destroy() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new KafkaUnavailableException("The Kafka admin client is closed", null);
        }
        if (admin == null) {
            try {
                admin = Admin.create(configuration);
            } catch (RuntimeException e) {
                throw new KafkaUnavailableException("Cannot create a Kafka admin client: " + e.getMessage(), e);
            }
        }
        return admin;
    }

    private static Map<Integer, Long> offsets(ListOffsetsResult result, Duration timeout, String topic) {
        Map<Integer, Long> offsets = new HashMap<>();
        get(result.all(), timeout, "list the offsets of " + topic)
                .forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
        return offsets;
    }

    private static <T> T get(KafkaFuture<T> future, Duration timeout, String what) {
        Objects.requireNonNull(future, "future");
        try {
            // A little longer than the request's own timeout, which normally ends the wait with its own error.
            return future.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("Interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("Kafka could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not " + what + " within " + timeout, e);
        }
    }
}
