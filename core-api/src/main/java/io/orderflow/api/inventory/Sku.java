package io.orderflow.api.inventory;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stock keeping unit: identifies a product and its inventory aggregate. Upper-case letters,
 * digits and dashes, 1 to 64 characters. {@link #toString()} is the bare code.
 */
public record Sku(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9][A-Z0-9-]{0,63}");

    public Sku {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("SKU must be 1-64 upper-case letters, digits or dashes: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
