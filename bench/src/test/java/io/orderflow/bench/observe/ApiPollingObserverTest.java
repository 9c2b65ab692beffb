package io.orderflow.bench.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ApiPollingObserverTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsATerminalStatusAndItsReasonFromTheOrderView() throws Exception {
        assertThat(ApiPollingObserver.outcomeOf(json.readTree(
                "{\"status\":\"CANCELLED\",\"reason\":{\"code\":\"PAYMENT_DECLINED\",\"detail\":\"card\"}}")))
                .hasValueSatisfying(outcome -> assertThat(outcome.label()).isEqualTo("CANCELLED:PAYMENT_DECLINED"));
        assertThat(ApiPollingObserver.outcomeOf(json.readTree("{\"status\":\"REJECTED\",\"reason\":\"OUT_OF_STOCK\"}")))
                .hasValueSatisfying(outcome -> assertThat(outcome.label()).isEqualTo("REJECTED:OUT_OF_STOCK"));
        assertThat(ApiPollingObserver.outcomeOf(json.readTree("{\"status\":\"COMPLETED\",\"reason\":null}")))
                .contains(Outcome.completed());
    }

    @Test
    void keepsPollingWhileTheOrderIsInFlight() throws Exception {
        assertThat(ApiPollingObserver.outcomeOf(json.readTree("{\"status\":\"PAYMENT_AUTHORIZED\"}"))).isEmpty();
        assertThat(ApiPollingObserver.outcomeOf(json.readTree("{\"status\":\"CANCELLATION_REQUESTED\"}"))).isEmpty();
        assertThat(ApiPollingObserver.outcomeOf(json.readTree("{\"status\":\"SOMETHING_NEW\"}"))).isEmpty();
    }
}
