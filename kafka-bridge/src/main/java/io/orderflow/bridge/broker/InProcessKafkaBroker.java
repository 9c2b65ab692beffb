package io.orderflow.bridge.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) running inside this
 * JVM, built from Kafka's own server jars: the zero-setup default of the application and the broker
 * of this module's integration tests.
 *
 * <p>The log directory is formatted once ({@code kafka-storage format}) with a fresh cluster id and
 * never again: a later start on the same directory, in this or a later process, keeps the cluster
 * id, the topics and their records. Ports chosen as {@code 0} are resolved to free ports when the
 * broker is created and kept across {@link #stop()} and {@link #start()}, so clients reconnect to the
 * same address after a restart.
 *
 * <p>The log directory is locked for as long as the broker runs: a second broker on the same
 * directory, in this process or another, refuses to start before it touches any file there.
 *
 * <p>The broker listens on the loopback interface only. It does not create topics on demand
 * ({@code auto.create.topics.enable=false}): every topic is declared by the application.
 *
 * <p>Thread-safe: {@link #start()} and {@link #stop()} are serialised.
 */
public final class InProcessKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessKafkaBroker.class);

    private static final String HOST = "localhost";
    private static final int NODE_ID = 1;
    private static final String META_PROPERTIES = "meta.properties";
    private static final String LOCK_FILE = "in-process-broker.lock";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;

    private KafkaRaftServer server;
    private FileLock directoryLock;
    private String clusterId;

    /**
     * Creates a broker; nothing runs until {@link #start()}.
     *
     * @param logDir         the broker's data directory, created if missing
     * @param port           the client port, {@code 0} for a free one
     * @param controllerPort the KRaft controller port, {@code 0} for a free one
     * @param overrides      broker settings that replace or extend the defaults
     */
    public InProcessKafkaBroker(Path logDir, int port, int controllerPort, Map<String, String> overrides) {
        this.logDir = Objects.requireNonNull(logDir, "logDir").toAbsolutePath().normalize();
        this.port = port == 0 ? freePort() : port;
        int resolvedControllerPort = controllerPort == 0 ? freePort() : controllerPort;
        while (resolvedControllerPort == this.port) {
            resolvedControllerPort = freePort();
        }
        this.controllerPort = resolvedControllerPort;
        this.overrides = Map.copyOf(Objects.requireNonNull(overrides, "overrides"));
    }

    /**
     * Formats the log directory if it was never formatted, starts the broker and waits until it
     * serves clients. Does nothing if the broker is running.
     *
     * @throws IllegalStateException if the broker cannot be started (port in use, log directory
     *                               locked by another broker, …)
     */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        long started = System.nanoTime();
        Properties properties = brokerProperties();
        try {
            Files.createDirectories(logDir);
            directoryLock = lockDirectory();
            clusterId = formatIfNeeded(properties);
        } catch (IOException e) {
            releaseDirectory();
            throw new UncheckedIOException("Cannot prepare the Kafka log directory " + logDir, e);
        }
        KafkaRaftServer candidate = null;
        try {
            candidate = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            candidate.startup();
            awaitClusterReady();
        } catch (RuntimeException e) {
            if (candidate != null) {
                shutDown(candidate);
            }
            releaseDirectory();
            throw new IllegalStateException("Cannot start the in-process Kafka broker on "
                    + bootstrapServers() + " with log directory " + logDir + ": " + e.getMessage(), e);
        }
        server = candidate;
        log.info("In-process Kafka broker (cluster {}) is up on {} with log directory {} after {} ms",
                clusterId, bootstrapServers(), logDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Stops the broker and waits until it is down; its data stays. Does nothing if it is not running. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        log.info("Stopping the in-process Kafka broker on {}", bootstrapServers());
        KafkaRaftServer running = server;
        server = null;
        try {
            shutDown(running);
        } finally {
            releaseDirectory();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether the broker is running. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The address clients connect to, {@code localhost:port}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** The KRaft controller port. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The broker's data directory (absolute). */
    public Path logDir() {
        return logDir;
    }

    /**
     * The cluster id stored in the log directory, or {@code null} before the first {@link #start()}.
     */
    public synchronized String clusterId() {
        return clusterId;
    }

    private Properties brokerProperties() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", Integer.toString(NODE_ID));
        settings.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        settings.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("log.dirs", logDir.toString());
        settings.put("auto.create.topics.enable", "false");
        settings.put("num.partitions", "1");
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "10");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "10");
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.put("num.network.threads", "2");
        settings.put("num.io.threads", "4");
        // The cleaner's de-duplication buffer is allocated on the heap this broker shares with the application.
        settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        settings.putAll(overrides);
        Properties properties = new Properties();
        properties.putAll(settings);
        return properties;
    }

    private String formatIfNeeded(Properties properties) throws IOException {
        Path metaProperties = logDir.resolve(META_PROPERTIES);
        if (Files.exists(metaProperties)) {
            Properties meta = new Properties();
            try (InputStream in = Files.newInputStream(metaProperties)) {
                meta.load(in);
            }
            String existing = meta.getProperty("cluster.id");
            log.debug("Kafka log directory {} is formatted (cluster {}): not formatting again", logDir, existing);
            return existing;
        }
        String newClusterId = Uuid.randomUuid().toString();
        Path config = Files.createTempFile("orderflow-kafka-", ".properties");
        try {
            try (OutputStream out = Files.newOutputStream(config)) {
                properties.store(out, "in-process Kafka broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exitCode;
            try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exitCode = StorageTool.execute(new String[] {
                    "format", "--cluster-id", newClusterId, "--config", config.toString(), "--ignore-formatted"
                }, printStream);
            }
            String report = output.toString(StandardCharsets.UTF_8).trim();
            if (exitCode != 0) {
                throw new IllegalStateException("kafka-storage format failed (" + exitCode + "): " + report);
            }
            log.info("Formatted Kafka log directory {} for new cluster {}: {}", logDir, newClusterId, report);
            return newClusterId;
        } finally {
            Files.deleteIfExists(config);
        }
    }

    private void awaitClusterReady() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The Kafka broker did not answer within " + READY_TIMEOUT, e);
        }
    }

    /**
     * Shuts a broker down, waiting at most {@link #SHUTDOWN_TIMEOUT}: a broker that does not stop
     * must not keep the application from stopping.
     */
    private void shutDown(KafkaRaftServer running) {
        Thread shutdown = new Thread(() -> {
            running.shutdown();
            running.awaitShutdown();
        }, "in-process-kafka-shutdown");
        shutdown.setDaemon(true);
        shutdown.setUncaughtExceptionHandler((thread, error) ->
                log.warn("The in-process Kafka broker on {} failed while shutting down", bootstrapServers(), error));
        shutdown.start();
        try {
            shutdown.join(SHUTDOWN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (shutdown.isAlive()) {
            log.error("The in-process Kafka broker on {} did not stop within {}; leaving it behind",
                    bootstrapServers(), SHUTDOWN_TIMEOUT);
        }
    }

    private FileLock lockDirectory() throws IOException {
        FileChannel channel = FileChannel.open(logDir.resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("The Kafka log directory " + logDir
                    + " is in use by another broker (set orderflow.kafka.embedded.log-dir to another directory)");
        }
        return lock;
    }

    private void releaseDirectory() {
        FileLock lock = directoryLock;
        directoryLock = null;
        if (lock == null) {
            return;
        }
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            log.warn("Could not release the lock on {}", logDir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the in-process Kafka broker", e);
        }
    }
}
