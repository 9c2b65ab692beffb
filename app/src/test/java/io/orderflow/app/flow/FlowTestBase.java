package io.orderflow.app.flow;

import io.orderflow.write.simulation.SimulatedCarrier;
import io.orderflow.write.simulation.SimulatedPaymentGateway;
import io.orderflow.write.simulation.SimulationControl;
import io.orderflow.write.simulation.SimulationSettings;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every flow test uses: a REST client for the running application, the checks on the write side
 * and the simulated payment provider, and fault-free adapters again after each test.
 */
abstract class FlowTestBase {

    @LocalServerPort
    int port;
    @Autowired
    SimulationControl simulation;
    @Autowired
    SimulatedPaymentGateway paymentGateway;
    @Autowired
    SimulatedCarrier carrier;
    @Autowired
    EventStore eventStore;

    OrderflowApi api;
    FulfilmentChecks checks;

    @BeforeEach
    void connect() {
        api = new OrderflowApi(port);
        checks = new FulfilmentChecks(api, eventStore, paymentGateway);
    }

    @AfterEach
    void resetSimulation() {
        simulation.update(SimulationSettings.reliable());
    }
}
