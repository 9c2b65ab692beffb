package io.orderflow.saga.parking;

import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/** The parked-event store on H2 in PostgreSQL mode, the application's default database. */
@ContextConfiguration(classes = ParkedSagaEventStoreContract.StoreConfiguration.class)
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:parked;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class ParkedSagaEventStoreH2IT extends ParkedSagaEventStoreContract {
}
