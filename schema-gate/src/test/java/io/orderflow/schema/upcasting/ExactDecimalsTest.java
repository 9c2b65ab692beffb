package io.orderflow.schema.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Decimal amounts read into a JSON tree, as on every upcast. */
class ExactDecimalsTest {

    private static final String AMOUNTS = "{\"small\": 12.50, \"large\": 12345678901234567.89}";

    @Test
    void keepsTheScaleAndEveryDigitOfDecimalsInATree() throws Exception {
        JsonNode tree = ExactDecimals.enable(new ObjectMapper()).readTree(AMOUNTS);

        assertThat(tree.get("small").decimalValue()).isEqualTo(new BigDecimal("12.50"));
        assertThat(tree.get("large").decimalValue()).isEqualTo(new BigDecimal("12345678901234567.89"));
    }

    @Test
    void jacksonDefaultsLoseScaleAndDigits() throws Exception {
        JsonNode tree = new ObjectMapper().readTree(AMOUNTS);

        assertThat(tree.get("small").decimalValue()).isNotEqualTo(new BigDecimal("12.50"));
        assertThat(tree.get("large").decimalValue()).isNotEqualByComparingTo("12345678901234567.89");
    }

    @Test
    void tellsWhetherAMapperKeepsDecimalsExact() {
        assertThat(ExactDecimals.isEnabled(new ObjectMapper())).isFalse();
        assertThat(ExactDecimals.isEnabled(ExactDecimals.enable(new ObjectMapper()))).isTrue();
    }
}
