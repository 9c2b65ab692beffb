package io.orderflow.projections.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.operations.DeadLetterReplayOutcome;
import io.orderflow.api.operations.DeadLetters;
import io.orderflow.api.operations.FindDeadLettersQuery;
import io.orderflow.api.operations.ReplayDeadLetterCommand;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class DeadLetterOperationsTest {

    private final DeadLetterOperations operations =
            new DeadLetterOperations(new StaticListableBeanFactory().getBeanProvider(DeadLetterReplay.class));

    @Test
    void listsNoDeadLettersWhenTheReadModelsAreFedFromTheEventStore() {
        assertThat(operations.handle(new FindDeadLettersQuery("orderflow.projections.order-view", 10)))
                .isEqualTo(new DeadLetters("orderflow.projections.order-view", List.of(), List.of()));
    }

    @Test
    void findsNothingToReplayWhenTheReadModelsAreFedFromTheEventStore() {
        assertThat(operations.handle(new ReplayDeadLetterCommand("orderflow.projections.order-view", 0, 3)))
                .isEqualTo(new DeadLetterReplayOutcome("orderflow.projections.order-view", 0, 3, "NOT_FOUND", null));
    }
}
