package io.orderflow.api.schema;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Builds a sample instance of any message record with every component filled in (strings, numbers, enums, nested
 * records, one-element lists), with values that pass the records' own validation. Used to serialize an event the
 * way the application would and hold the result against its schema.
 */
public final class SampleEvents {

    /** Upper-case letters and digits: valid as SKU, customer id, currency and free text alike. */
    static final String SAMPLE_TEXT = "SAMPLE1";
    static final UUID SAMPLE_UUID = UUID.fromString("7d1b5a2e-3c4f-4a6b-9c8d-0e1f2a3b4c5d");
    static final Instant SAMPLE_INSTANT = Instant.parse("2025-01-02T03:04:05.678Z");
    static final BigDecimal SAMPLE_DECIMAL = new BigDecimal("12.50");

    private SampleEvents() {
    }

    /**
     * A sample of {@code type}.
     *
     * @throws IllegalArgumentException if a component has a type without a sample value; add one here
     */
    public static <T> T of(Class<T> type) {
        return type.cast(sample(type, type));
    }

    private static Object sample(Class<?> raw, Type generic) {
        if (raw == String.class) {
            return SAMPLE_TEXT;
        }
        if (raw == int.class || raw == Integer.class) {
            return 1;
        }
        if (raw == long.class || raw == Long.class) {
            return 1L;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Boolean.TRUE;
        }
        if (raw == BigDecimal.class) {
            return SAMPLE_DECIMAL;
        }
        if (raw == UUID.class) {
            return SAMPLE_UUID;
        }
        if (raw == Instant.class) {
            return SAMPLE_INSTANT;
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        if ((raw == List.class || raw == Set.class) && generic instanceof ParameterizedType) {
            Type elementType = ((ParameterizedType) generic).getActualTypeArguments()[0];
            if (elementType instanceof Class<?>) {
                Object element = sample((Class<?>) elementType, elementType);
                return raw == List.class ? List.of(element) : Set.of(element);
            }
        }
        if (raw.isRecord()) {
            return record(raw);
        }
        throw new IllegalArgumentException("no sample value for " + generic.getTypeName()
                + "; teach " + SampleEvents.class.getSimpleName() + " one");
    }

    private static Object record(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = sample(components[i].getType(), components[i].getGenericType());
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("the sample of " + type.getSimpleName() + " is refused by its constructor: "
                    + e.getCause().getMessage() + "; teach " + SampleEvents.class.getSimpleName() + " a valid value", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }
}
