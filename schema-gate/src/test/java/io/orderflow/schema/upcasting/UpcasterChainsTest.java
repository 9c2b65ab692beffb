package io.orderflow.schema.upcasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.schema.upcasting.example.CarrierBookedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What makes a list of upcasters a chain Axon can run, shown on the test-only {@link CarrierBookedEvent} (revision 3). */
class UpcasterChainsTest {

    private static final String TYPE = CarrierBookedEvent.class.getName();
    private static final String OLD_NAME = "io.orderflow.shipping.CarrierReservedEvent";

    @Test
    void theRegisteredUpcastersFormAValidChain() {
        assertThat(UpcasterChains.problems(OrderflowUpcasters.all())).isEmpty();
        assertThatNoException().isThrownBy(OrderflowUpcasters::chain);
    }

    @Test
    void acceptsStepsInOrderThatEndAtTheCurrentRevision() {
        assertThat(UpcasterChains.problems(List.of(step(TYPE, 1, 2), step(TYPE, 2, 3)))).isEmpty();
    }

    @Test
    void reportsAStepListedBeforeTheStepThatFeedsIt() {
        assertThat(UpcasterChains.problems(List.of(step(TYPE, 2, 3), step(TYPE, 1, 2)))).singleElement().asString()
                .isEqualTo("Step[" + TYPE + " revision 2 -> " + TYPE + " revision 3] must come after Step[" + TYPE
                        + " revision 1 -> " + TYPE + " revision 2], which produces its input");
    }

    @Test
    void reportsTwoUpcastersReadingTheSameRevision() {
        assertThat(UpcasterChains.problems(List.of(step(TYPE, 1, 2), step(TYPE, 1, 3), step(TYPE, 2, 3))))
                .anySatisfy(problem -> assertThat(problem).endsWith("both read " + TYPE + " revision 1"));
    }

    @Test
    void reportsAChainThatStopsShortOfTheCurrentRevision() {
        assertThat(UpcasterChains.problems(List.of(step(TYPE, 1, 2)))).singleElement().asString()
                .endsWith("ends at revision 2 but CarrierBookedEvent is at @Revision(\"3\"): add the missing upcasters");
    }

    @Test
    void reportsAChainEndingAtATypeThatIsNoClass() {
        assertThat(UpcasterChains.problems(List.of(step(OLD_NAME, 1, 2)))).singleElement().asString()
                .endsWith("ends at " + OLD_NAME + ", which is no class: stored events would never deserialize; add the next upcaster");
    }

    @Test
    void acceptsAChainThatCarriesARenamedTypeToItsNewName() {
        JsonNodeUpcaster rename = new Step(OLD_NAME, 2, TYPE, 3);

        assertThat(UpcasterChains.problems(List.of(step(OLD_NAME, 1, 2), rename))).isEmpty();
    }

    @Test
    void refusesToBuildAnInvalidChainAndNamesEveryProblem() {
        assertThatThrownBy(() -> UpcasterChains.checked(List.of(step(TYPE, 2, 3), step(TYPE, 1, 2), step(OLD_NAME, 1, 2))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("invalid event upcaster chain:")
                .hasMessageContaining("must come after")
                .hasMessageContaining("which is no class");
    }

    private static JsonNodeUpcaster step(String type, int from, int to) {
        return new Step(type, from, type, to);
    }

    /** An upcaster that changes nothing but the revision. */
    private static final class Step extends JsonNodeUpcaster {

        Step(String type, int from, String targetType, int to) {
            super(type, from, targetType, to);
        }

        @Override
        protected ObjectNode upcast(ObjectNode payload) {
            return payload;
        }
    }
}
