package io.orderflow.saga.parking;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.operations.ParkedSagaEvents;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What {@link JpaParkedSagaEventStore} promises on a real database, run against each supported one
 * by a subclass: the Flyway migration {@code V200__parked_saga_event.sql} creates a table Hibernate
 * validates against {@link ParkedSagaEvent}, a parked event survives the rollback of the caller's
 * transaction, and operators read the newest first.
 */
@DataJpaTest(showSql = false, properties = {
        "spring.jpa.hibernate.ddl-auto=validate",
        "spring.flyway.locations=classpath:db/migration/common"
})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class ParkedSagaEventStoreContract {

    private static final Instant PARKED_AT = Instant.parse("2025-04-01T08:15:30.123456Z");

    @Autowired
    private ParkedSagaEventStore store;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @BeforeEach
    void startWithAnEmptyTable() {
        new JdbcTemplate(dataSource).update("DELETE FROM parked_saga_event");
    }

    @Test
    void readsBackEveryColumnOfAParkedEvent() {
        store.park(failed("event-1", PARKED_AT));

        List<ParkedSagaEvents.Entry> entries = store.findNewest(10);

        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isPositive();
            assertThat(entry).usingRecursiveComparison().ignoringFields("id").isEqualTo(new ParkedSagaEvents.Entry(
                    0, "io.orderflow.saga.OrderFulfilmentSaga", "b9c2d7a4-58a3-4d0c-9a8e-6f0f4f1f2a11", "event-1",
                    "io.orderflow.api.inventory.StockReservedEvent", "{\"sku\":{\"value\":\"APPLE\"}}",
                    "java.lang.IllegalStateException: boom", 5, PARKED_AT));
        });
    }

    @Test
    void keepsAParkedEventWhenTheCallersTransactionRollsBack() {
        new TransactionTemplate(transactionManager).executeWithoutResult(processorTransaction -> {
            store.park(failed("event-1", PARKED_AT));
            processorTransaction.setRollbackOnly();
        });

        assertThat(store.findNewest(10)).extracting(ParkedSagaEvents.Entry::eventId).containsExactly("event-1");
    }

    @Test
    void returnsTheNewestFirstAndNoMoreThanTheLimit() {
        store.park(failed("oldest", PARKED_AT));
        store.park(failed("newest", PARKED_AT.plus(2, ChronoUnit.MINUTES)));
        store.park(failed("middle", PARKED_AT.plus(1, ChronoUnit.MINUTES)));

        assertThat(store.findNewest(2)).extracting(ParkedSagaEvents.Entry::eventId)
                .containsExactly("newest", "middle");
    }

    @Test
    void storesPayloadsAndErrorsLongerThanAnyVarcharDefault() {
        String longText = "x".repeat(100_000);
        store.park(new FailedSagaEvent("Saga", null, "event-1", "SomeEvent", longText, longText, 5, PARKED_AT));

        assertThat(store.findNewest(1)).singleElement().satisfies(entry -> {
            assertThat(entry.payload()).hasSize(100_000);
            assertThat(entry.error()).hasSize(100_000);
            assertThat(entry.associationValue()).isNull();
        });
    }

    private static FailedSagaEvent failed(String eventId, Instant parkedAt) {
        return new FailedSagaEvent("io.orderflow.saga.OrderFulfilmentSaga", "b9c2d7a4-58a3-4d0c-9a8e-6f0f4f1f2a11",
                eventId, "io.orderflow.api.inventory.StockReservedEvent", "{\"sku\":{\"value\":\"APPLE\"}}",
                "java.lang.IllegalStateException: boom", 5, parkedAt);
    }

    /** The store under test, with the parked-event entity as the only one. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = ParkedSagaEvent.class)
    static class StoreConfiguration {

        @Bean
        ParkedSagaEventStore parkedSagaEventStore(EntityManagerFactory entityManagerFactory,
                                                  PlatformTransactionManager transactionManager) {
            return new JpaParkedSagaEventStore(entityManagerFactory, transactionManager);
        }
    }
}
