package io.orderflow.write.payment;

import java.util.Objects;

/** The provider's answer to an authorisation: {@link Approved} or {@link Declined}. */
public sealed interface AuthorizationResult {

    /**
     * @param authorizationCode the provider's code for the authorisation
     * @return an approval
     */
    static AuthorizationResult approved(String authorizationCode) {
        return new Approved(authorizationCode);
    }

    /**
     * @param reason the provider's reason, for example "insufficient funds"
     * @return a decline
     */
    static AuthorizationResult declined(String reason) {
        return new Declined(reason);
    }

    /** The amount is held; {@code authorizationCode} identifies the hold for a later refund. */
    record Approved(String authorizationCode) implements AuthorizationResult {

        public Approved {
            Objects.requireNonNull(authorizationCode, "authorizationCode");
        }
    }

    /** The provider said no: a business answer, not an error. */
    record Declined(String reason) implements AuthorizationResult {

        public Declined {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
