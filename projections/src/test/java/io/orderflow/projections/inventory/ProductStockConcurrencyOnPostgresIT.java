package io.orderflow.projections.inventory;

import io.orderflow.projections.support.EmbeddedPostgresDataSource;
import io.orderflow.projections.support.ProcessedEvents;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Concurrent writers of one product's stock on a real PostgreSQL, where row locks and read committed decide. */
@DataJpaTest(showSql = false)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({EmbeddedPostgresDataSource.class, ProductStockUpdater.class, ProductQueryHandler.class, ProcessedEvents.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ProductStockConcurrencyOnPostgresIT extends ProductStockConcurrencyContract {

    @Override
    protected int sessionsWaitingForALock() {
        return jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and datname = current_database()", Integer.class);
    }
}
