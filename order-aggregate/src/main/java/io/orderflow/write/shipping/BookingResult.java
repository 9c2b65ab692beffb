package io.orderflow.write.shipping;

import java.util.Objects;

/** The carrier's answer to a booking: {@link Booked} or {@link Refused}. */
public sealed interface BookingResult {

    /**
     * @param carrierName    who ships
     * @param trackingNumber the carrier's tracking number
     * @return a booking
     */
    static BookingResult booked(String carrierName, String trackingNumber) {
        return new Booked(carrierName, trackingNumber);
    }

    /**
     * @param reason the carrier's reason, for example "address not served"
     * @return a refusal
     */
    static BookingResult refused(String reason) {
        return new Refused(reason);
    }

    /** The shipment is booked. */
    record Booked(String carrierName, String trackingNumber) implements BookingResult {

        public Booked {
            Objects.requireNonNull(carrierName, "carrierName");
            Objects.requireNonNull(trackingNumber, "trackingNumber");
        }
    }

    /** The carrier refused the booking: a business answer, not an error. */
    record Refused(String reason) implements BookingResult {

        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
