package io.orderflow.schema.upcasting;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * The two {@code ObjectMapper} settings that keep decimal amounts exact when an event passes through a JSON tree,
 * as it does on every upcast. Jackson's defaults read {@code 12.50} in a tree as the double {@code 12.5} (losing
 * the scale, and digits beyond a double's precision) and strip trailing zeros of tree decimals, so an upcast
 * {@code Money} would no longer equal the one that was stored.
 */
public final class ExactDecimals {

    private ExactDecimals() {
    }

    /**
     * Configures {@code mapper} (the event serializer's) to read JSON floating-point numbers in trees as
     * {@code BigDecimal} and keep their scale.
     *
     * @return {@code mapper}, for chaining
     */
    public static ObjectMapper enable(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        return mapper;
    }

    /** Whether {@code mapper} has the settings of {@link #enable}. */
    public static boolean isEnabled(ObjectMapper mapper) {
        return mapper.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                && !mapper.getDeserializationConfig().isEnabled(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }
}
