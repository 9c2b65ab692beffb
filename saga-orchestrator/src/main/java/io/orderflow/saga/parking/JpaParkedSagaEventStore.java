package io.orderflow.saga.parking;

import io.orderflow.api.operations.ParkedSagaEvents;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores parked saga events in {@code parked_saga_event} with JPA. Each event is written in a
 * transaction of its own ({@code REQUIRES_NEW}), so it is kept when the event processor's
 * transaction rolls back.
 */
public class JpaParkedSagaEventStore implements ParkedSagaEventStore {

    private final EntityManager entityManager;
    private final TransactionTemplate newTransaction;
    private final TransactionTemplate readTransaction;

    /** Uses the application's entity manager factory and transaction manager. */
    public JpaParkedSagaEventStore(EntityManagerFactory entityManagerFactory,
                                   PlatformTransactionManager transactionManager) {
        this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readTransaction = new TransactionTemplate(transactionManager);
        this.readTransaction.setReadOnly(true);
    }

    @Override
    public void park(FailedSagaEvent event) {
        newTransaction.executeWithoutResult(status -> entityManager.persist(new ParkedSagaEvent(event)));
    }

    @Override
    public List<ParkedSagaEvents.Entry> findNewest(int limit) {
        return readTransaction.execute(status -> entityManager
                .createQuery("select p from ParkedSagaEvent p order by p.parkedAt desc, p.id desc",
                        ParkedSagaEvent.class)
                .setMaxResults(limit)
                .getResultStream()
                .map(ParkedSagaEvent::toEntry)
                .toList());
    }
}
