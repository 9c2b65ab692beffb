package io.orderflow.ui.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the REST command API, bound from {@code orderflow.api.*}.
 *
 * @param commandTimeout how long a request waits for its command to be handled before it answers 503
 * @param queryTimeout   how long a request waits for a query answer before it answers 503
 * @param maxBodyBytes   the largest request body accepted; larger bodies are refused with 400
 */
@Validated
@ConfigurationProperties("orderflow.api")
public record ApiProperties(
        @NotNull @DefaultValue("10s") Duration commandTimeout,
        @NotNull @DefaultValue("5s") Duration queryTimeout,
        @Positive @DefaultValue("65536") long maxBodyBytes) {
}
