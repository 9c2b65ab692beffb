package io.orderflow.projections.support;

import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The processed-event ledger and its clean-up on H2 (PostgreSQL mode) with the real migrations. */
@DataJpaTest(showSql = false, properties = {
        ProcessedEventsContract.PROPERTIES_NO_SCHEDULE, ProcessedEventsContract.PROPERTIES_CHUNK_OF_TWO})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ProcessedEvents.class, ProcessedEventsConfiguration.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ProcessedEventsTest extends ProcessedEventsContract {
}
