package io.orderflow.ui.api.admin;

import io.orderflow.ui.api.problem.ProblemResponse;
import io.orderflow.write.simulation.SimulationControl;
import io.orderflow.write.simulation.SimulationSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fault injection: reads and replaces the settings of the simulated payment provider and carrier
 * ({@link SimulationControl} of the write side). Changes apply to the next call of each adapter.
 */
@RestController
@RequestMapping(path = "/api/admin/simulation", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin", description = "Operations and fault injection")
public class SimulationController {

    private static final Logger log = LoggerFactory.getLogger(SimulationController.class);

    private final SimulationControl simulation;

    /**
     * Creates the controller.
     *
     * @param simulation the write side's switchboard of the simulated adapters
     */
    public SimulationController(SimulationControl simulation) {
        this.simulation = simulation;
    }

    /**
     * The settings in force.
     *
     * @return the settings
     */
    @GetMapping
    @Operation(summary = "Read the fault injection of the simulated adapters")
    @ApiResponse(responseCode = "200", description = "The settings in force")
    public SimulationSettings current() {
        return simulation.current();
    }

    /**
     * Replaces the settings.
     *
     * @param request the complete new settings
     * @return the settings now in force
     */
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace the fault injection of the simulated adapters",
            description = "Every field is required. The random sequences are re-seeded, so the same settings "
                    + "replay the same outcomes.")
    @ApiResponse(responseCode = "200", description = "The settings now in force")
    @ProblemResponse(status = 400, description = "A rate outside 0-1, a latency range or timeout out of bounds, a "
            + "missing field, or malformed JSON")
    public SimulationSettings update(@Valid @RequestBody SimulationSettingsRequest request) {
        SimulationSettings next = request.toSettings();
        log.info("Operator changes the simulation settings");
        return simulation.update(next);
    }
}
