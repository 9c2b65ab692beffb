package io.orderflow.projections.kafka;

import io.orderflow.projections.support.ConditionalOnReadModelFeed;
import io.orderflow.projections.support.ReadModelFeed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Repository;

/**
 * The {@code replayed_dead_letter} table: which dead-letter records were replayed. Callers run it in
 * their transaction. A {@code @Repository}, so a concurrent claim of the same record surfaces as
 * Spring's {@code DataIntegrityViolationException}.
 */
@Repository
@ConditionalOnReadModelFeed(ReadModelFeed.KAFKA)
class ReplayedDeadLetters {

    @PersistenceContext
    private EntityManager entityManager;

    /** The replay of one dead-letter record, if it was replayed. */
    Optional<ReplayedDeadLetterEntity> find(String deadLetterTopic, int partition, long offset) {
        return Optional.ofNullable(entityManager.find(ReplayedDeadLetterEntity.class,
                new ReplayedDeadLetterEntity.Key(deadLetterTopic, partition, offset)));
    }

    /**
     * Records a replay before the record is sent, so that a concurrent replay of the same record waits
     * for this transaction and then fails on the primary key.
     */
    void claim(ReplayedDeadLetterEntity replay) {
        entityManager.persist(replay);
        entityManager.flush();
    }

    /** The replayed offsets of one partition of a dead-letter topic between two offsets (inclusive). */
    Set<Long> replayedOffsets(String deadLetterTopic, int partition, long from, long to) {
        return new HashSet<>(entityManager.createQuery("""
                        select r.offset from ReplayedDeadLetterEntity r
                        where r.deadLetterTopic = :topic and r.partition = :partition and r.offset between :from and :to""",
                        Long.class)
                .setParameter("topic", deadLetterTopic)
                .setParameter("partition", partition)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList());
    }
}
