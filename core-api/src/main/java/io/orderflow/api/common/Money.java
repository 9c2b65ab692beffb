package io.orderflow.api.common;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount in one ISO 4217 currency.
 *
 * @param amount   the amount, never negative
 * @param currency the ISO 4217 code, for example {@code EUR}
 */
public record Money(BigDecimal amount, String currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
