package io.orderflow.projections.kafka;

import io.orderflow.api.operations.DeadLetterReplayOutcome;
import io.orderflow.api.operations.DeadLetters;
import io.orderflow.api.operations.FindDeadLettersQuery;
import io.orderflow.api.operations.ReplayDeadLetterCommand;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Answers the operators' dead-letter messages of core-api with {@link DeadLetterReplay}, so the web
 * tier can list and replay dead letters without knowing this module. When the read models are fed
 * from the event store instead of Kafka there are no dead-letter topics: the list is empty and a
 * replay finds nothing.
 */
@Component
class DeadLetterOperations {

    private final ObjectProvider<DeadLetterReplay> replay;

    DeadLetterOperations(ObjectProvider<DeadLetterReplay> replay) {
        this.replay = replay;
    }

    @QueryHandler
    DeadLetters handle(FindDeadLettersQuery query) {
        DeadLetterReplay service = replay.getIfAvailable();
        if (service == null) {
            return new DeadLetters(query.group(), List.of(), List.of());
        }
        List<String> groups = service.groupIds();
        if (!groups.contains(query.group())) {
            return new DeadLetters(query.group(), groups, List.of());
        }
        List<DeadLetters.Entry> entries = service.list(query.group(), query.limit()).stream()
                .map(letter -> new DeadLetters.Entry(letter.topic(), letter.partition(), letter.offset(), letter.key(),
                        letter.eventId(), letter.eventType(), letter.occurredAt(), letter.deadLetteredAt(),
                        letter.exceptionClass(), letter.exceptionMessage(), letter.replayed()))
                .toList();
        return new DeadLetters(query.group(), groups, entries);
    }

    @CommandHandler
    DeadLetterReplayOutcome handle(ReplayDeadLetterCommand command) {
        DeadLetterReplay service = replay.getIfAvailable();
        if (service == null || !service.groupIds().contains(command.group())) {
            return new DeadLetterReplayOutcome(command.group(), command.partition(), command.offset(),
                    ReplayResult.Outcome.NOT_FOUND.name(), null);
        }
        ReplayResult result = service.replay(command.group(), command.partition(), command.offset());
        return new DeadLetterReplayOutcome(command.group(), command.partition(), command.offset(),
                result.outcome().name(), result.eventId());
    }
}
