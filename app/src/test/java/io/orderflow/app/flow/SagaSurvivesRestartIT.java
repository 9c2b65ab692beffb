package io.orderflow.app.flow;

import static io.orderflow.app.flow.OrderflowApi.adapter;
import static io.orderflow.app.flow.OrderflowApi.historyOf;
import static io.orderflow.app.flow.OrderflowApi.line;
import static io.orderflow.app.flow.OrderflowApi.order;
import static io.orderflow.app.flow.OrderflowApi.reasonOf;
import static io.orderflow.app.flow.OrderflowApi.reliable;
import static io.orderflow.app.flow.OrderflowApi.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.shipping.ShipmentId;
import io.orderflow.app.OrderflowApplication;
import io.orderflow.app.support.EmbeddedPostgresServer;
import io.orderflow.saga.OrderFulfilmentSaga;
import io.orderflow.saga.OrderFulfilmentSagaConfig;
import io.orderflow.write.simulation.SimulatedPaymentGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Sagas survive a restart of the application. The whole application (web server, PostgreSQL, its own
 * in-process Kafka broker) is stopped while two orders are in flight and started again on the same
 * database and Kafka log directory, with the same configuration:
 *
 * <ul>
 *   <li>order A waits for the carrier: its {@code ScheduleShipmentCommand} is running (the carrier
 *       takes a minute) and the saga has stored its state and its deadline, armed for the shipment
 *       step (the one armed when the order was placed fired after the stock timeout and was armed
 *       again for the shipment step's due time, an hour later). Stopping the
 *       application abandons the running command: the asynchronous command bus waits five seconds
 *       for it and then lets the context close under it, so the booking is never recorded. After the
 *       restart the persisted shipment deadline fires (it is made due while the application is down,
 *       as if the hour of {@code orderflow.saga.shipment-timeout} had passed) and the saga compensates:
 *       {@code SHIPMENT_TIMEOUT}, payment refunded, stock released.</li>
 *   <li>order B is placed while the saga's event processor is stopped, so its saga has not started
 *       when the application stops. After the restart the processor continues from its stored token,
 *       starts the saga and completes the order.</li>
 * </ul>
 */
class SagaSurvivesRestartIT {

    /**
     * The saga's deadline among the tasks of db-scheduler (the deadline manager), once armed for the
     * shipment step: due in about an hour ({@code orderflow.saga.shipment-timeout}).
     */
    private static final String IS_SHIPMENT_DEADLINE = "task_name = 'AxonDeadline'"
            + " and convert_from(task_data, 'UTF8') like '%" + OrderFulfilmentSaga.SAGA_DEADLINE + "%'"
            + " and execution_time > now() + interval '30 minutes'";

    private final EmbeddedPostgresServer.Database database = EmbeddedPostgresServer.createDatabase();
    private final String kafkaLogDir = "target/kafka-it/restart-" + UUID.randomUUID();
    private final JdbcTemplate jdbc = new JdbcTemplate(
            new DriverManagerDataSource(database.url(), database.username(), database.password()));

    @Test
    void finishesTheSagasThatWereInFlightWhenTheApplicationStopped() {
        String waitingSku;
        String waitingOrder;
        String resumedSku;
        String resumedOrder;
        try (ConfigurableApplicationContext beforeRestart = start()) {
            OrderflowApi api = apiOf(beforeRestart);
            waitingSku = api.registeredProduct("WAITING", 5);
            resumedSku = api.registeredProduct("RESUMED", 6);

            // order A: the carrier takes a minute, far longer than the command bus waits on shutdown
            api.simulate(reliable(), adapter(0, 0, 60_000, 90_000));
            waitingOrder = api.placedOrder(order(uniqueCustomer(), line(waitingSku, 2, "12.00")));
            awaitSagaWaitingForTheCarrier();
            assertThat(checksOf(beforeRestart, api).payloadTypesOf(shipmentOf(waitingOrder)))
                    .as("the booking is still running at the carrier").isEmpty();

            // order B: placed while the saga's event processor is stopped
            sagaProcessor(beforeRestart).shutDown();
            resumedOrder = api.placedOrder(order(uniqueCustomer(), line(resumedSku, 2, "8.00")));
            await().atMost(OrderflowApi.PATIENCE).untilAsserted(() -> assertThat(
                    historyOf(api.order(resumedOrder).json())).as("order B in the read model")
                    .containsExactly("OrderPlacedEvent"));
            assertThat(sagasAssociatedWith(resumedOrder)).as("order B has no saga yet").isZero();
        }

        // the hour of the shipment timeout passes while the application is down
        assertThat(jdbc.update("update scheduled_tasks set execution_time = now() - interval '1 second' where "
                + IS_SHIPMENT_DEADLINE))
                .as("order A's shipment deadline is persisted").isEqualTo(1);

        try (ConfigurableApplicationContext afterRestart = start()) {
            OrderflowApi api = apiOf(afterRestart);
            FulfilmentChecks checks = checksOf(afterRestart, api);

            JsonNode waiting = api.awaitEnd(waitingOrder);
            assertThat(waiting.path("status").asText()).as("order A %s", waiting).isEqualTo("CANCELLED");
            assertThat(reasonOf(waiting)).isEqualTo("SHIPMENT_TIMEOUT");
            assertThat(historyOf(waiting)).as("order A's history across the restart")
                    .startsWith("OrderPlacedEvent")
                    .contains("OrderPaymentAuthorizedEvent", "ShipmentCancelledEvent", "PaymentRefundedEvent",
                            "StockReleasedEvent")
                    .endsWith("OrderCancelledEvent");
            assertThat(checks.payloadTypesOf(shipmentOf(waitingOrder)))
                    .as("the booking running at shutdown was never recorded; the compensation cancelled it")
                    .containsExactly("ShipmentCancelledEvent");
            checks.assertRefunded(waitingOrder, "24.00");
            checks.assertStockBackAtStart(waitingSku, 5);

            JsonNode resumed = api.awaitEnd(resumedOrder);
            assertThat(resumed.path("status").asText()).as("order B %s", resumed).isEqualTo("COMPLETED");
            assertThat(historyOf(resumed)).as("order B's history across the restart")
                    .startsWith("OrderPlacedEvent", "StockReservedEvent")
                    .endsWith("OrderCompletedEvent");
            api.awaitStock(resumedSku, 4, 0);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(jdbc.queryForObject("select count(*) from saga_entry", Integer.class))
                        .as("sagas still running").isZero();
                assertThat(jdbc.queryForObject(
                        "select count(*) from scheduled_tasks where task_name = 'AxonDeadline'", Integer.class))
                        .as("deadlines still scheduled").isZero();
            });
        }
    }

    /** Order A's saga has committed its move to the shipment step, with the shipment deadline. */
    private void awaitSagaWaitingForTheCarrier() {
        await().atMost(OrderflowApi.PATIENCE).untilAsserted(() -> {
            assertThat(jdbc.queryForList("select convert_from(serialized_saga, 'UTF8') from saga_entry", String.class))
                    .as("stored sagas").singleElement().asString().contains("SCHEDULING_SHIPMENT");
            assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where " + IS_SHIPMENT_DEADLINE,
                    Integer.class))
                    .as("shipment deadlines").isEqualTo(1);
        });
    }

    private int sagasAssociatedWith(String orderId) {
        return jdbc.queryForObject("select count(*) from association_value_entry where association_value = ?",
                Integer.class, orderId);
    }

    private ConfigurableApplicationContext start() {
        List<String> arguments = new ArrayList<>();
        // as command-line arguments: they must win over application-postgres.yml
        Arrays.stream(database.asSpringProperties()).map(property -> "--" + property).forEach(arguments::add);
        arguments.add("--server.port=0");
        arguments.add("--orderflow.saga.shipment-timeout=1h");
        arguments.add("--orderflow.kafka.embedded.port=0");
        arguments.add("--orderflow.kafka.embedded.controller-port=0");
        arguments.add("--orderflow.kafka.embedded.log-dir=" + kafkaLogDir);
        return new SpringApplicationBuilder(OrderflowApplication.class)
                .profiles("postgres")
                .run(arguments.toArray(String[]::new));
    }

    private static OrderflowApi apiOf(ConfigurableApplicationContext context) {
        return new OrderflowApi(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static FulfilmentChecks checksOf(ConfigurableApplicationContext context, OrderflowApi api) {
        return new FulfilmentChecks(api, context.getBean(EventStore.class),
                context.getBean(SimulatedPaymentGateway.class));
    }

    private static EventProcessor sagaProcessor(ConfigurableApplicationContext context) {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(OrderFulfilmentSagaConfig.PROCESSING_GROUP)
                .orElseThrow(() -> new AssertionError("no processor " + OrderFulfilmentSagaConfig.PROCESSING_GROUP));
    }

    private static String shipmentOf(String orderId) {
        return ShipmentId.forOrder(OrderId.of(orderId)).toString();
    }
}
