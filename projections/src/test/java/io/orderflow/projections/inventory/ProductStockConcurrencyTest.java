package io.orderflow.projections.inventory;

import io.orderflow.projections.support.ProcessedEvents;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Concurrent writers of one product's stock on H2 (PostgreSQL mode). */
@DataJpaTest(showSql = false)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ProductStockUpdater.class, ProductQueryHandler.class, ProcessedEvents.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ProductStockConcurrencyTest extends ProductStockConcurrencyContract {

    @Override
    protected int sessionsWaitingForALock() {
        return jdbc.queryForObject("select count(*) from information_schema.sessions where blocker_id is not null",
                Integer.class);
    }
}
