package io.orderflow.write.simulation;

import java.util.Objects;

/**
 * The fault injection of both simulated adapters: an immutable snapshot, read and replaced through
 * {@link SimulationControl}.
 *
 * @param payment  the simulated payment provider
 * @param shipping the simulated carrier
 */
public record SimulationSettings(AdapterSettings payment, AdapterSettings shipping) {

    public SimulationSettings {
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(shipping, "shipping");
    }

    /** Both adapters {@linkplain AdapterSettings#reliable() reliable}. */
    public static SimulationSettings reliable() {
        return new SimulationSettings(AdapterSettings.reliable(), AdapterSettings.reliable());
    }

    /** A copy with other payment settings. */
    public SimulationSettings withPayment(AdapterSettings newPayment) {
        return new SimulationSettings(newPayment, shipping);
    }

    /** A copy with other shipping settings. */
    public SimulationSettings withShipping(AdapterSettings newShipping) {
        return new SimulationSettings(payment, newShipping);
    }
}
