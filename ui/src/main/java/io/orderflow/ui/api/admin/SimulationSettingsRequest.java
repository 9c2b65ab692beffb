package io.orderflow.ui.api.admin;

import io.orderflow.ui.api.problem.InvalidRequestException;
import io.orderflow.write.simulation.AdapterSettings;
import io.orderflow.write.simulation.SimulationSettings;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code PUT /api/admin/simulation}: the complete {@link SimulationSettings}, every field
 * required, so that a forgotten field is refused rather than silently set to zero.
 *
 * @param payment  the simulated payment provider
 * @param shipping the simulated carrier
 */
@Schema(name = "SimulationSettingsRequest", description = "The fault injection of both simulated adapters")
public record SimulationSettingsRequest(@NotNull @Valid Adapter payment, @NotNull @Valid Adapter shipping) {

    /**
     * The fault injection of one simulated adapter; see {@link AdapterSettings}.
     *
     * @param rejectionRate        share of new requests refused (decline, carrier refusal), 0 to 1
     * @param technicalFailureRate share of calls failing technically, 0 to 1
     * @param latencyMinMillis     the shortest response time
     * @param latencyMaxMillis     the longest response time, at least the shortest
     * @param timeoutMillis        slower responses fail as timed out
     * @param seed                 the seed of the adapter's random sequence
     */
    @Schema(name = "AdapterSettingsRequest")
    public record Adapter(
            @Schema(example = "0.1") @NotNull @DecimalMin("0") @DecimalMax("1") Double rejectionRate,
            @Schema(example = "0.05") @NotNull @DecimalMin("0") @DecimalMax("1") Double technicalFailureRate,
            @Schema(example = "20") @NotNull @Min(0) @Max(AdapterSettings.MAX_MILLIS) Long latencyMinMillis,
            @Schema(example = "200") @NotNull @Min(0) @Max(AdapterSettings.MAX_MILLIS) Long latencyMaxMillis,
            @Schema(example = "2000") @NotNull @Min(1) @Max(AdapterSettings.MAX_MILLIS) Long timeoutMillis,
            @Schema(example = "42") @NotNull Long seed) {

        AdapterSettings toSettings(String field) {
            try {
                return new AdapterSettings(rejectionRate, technicalFailureRate, latencyMinMillis, latencyMaxMillis,
                        timeoutMillis, seed);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(field, e.getMessage());
            }
        }
    }

    /**
     * The settings this (bean-validated) request describes.
     *
     * @return the settings
     * @throws InvalidRequestException if the settings break a rule across fields (minimum above maximum)
     */
    SimulationSettings toSettings() {
        return new SimulationSettings(payment.toSettings("payment"), shipping.toSettings("shipping"));
    }
}
