package org.imscore.cscf.cx;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An RTR from the HSS (TS 29.228 §6.5.1.1): de-register these identities now. With no public identities, every
 * identity registered with the private identity (and the associated ones) goes.
 */
public record RegistrationTermination(String privateIdentity, List<String> associatedPrivateIdentities,
                                      List<String> publicIdentities, Reason reason, Optional<String> reasonInfo) {

    public RegistrationTermination {
        Objects.requireNonNull(privateIdentity, "privateIdentity");
        associatedPrivateIdentities = List.copyOf(associatedPrivateIdentities);
        publicIdentities = List.copyOf(publicIdentities);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(reasonInfo, "reasonInfo");
    }

    /** Reason-Code (TS 29.229 §6.3.17); the declaration order is the wire value. */
    public enum Reason {
        /** The subscription is gone: the UE must not re-register (reg-event "rejected"). */
        PERMANENT_TERMINATION,
        /** Another S-CSCF now serves the user: re-registering is fine (reg-event "deactivated"). */
        NEW_SERVER_ASSIGNED,
        SERVER_CHANGE,
        REMOVE_S_CSCF;

        /** Whether the UE may register again (TS 24.229 §5.4.1.5). */
        public boolean mayReregister() {
            return this != PERMANENT_TERMINATION;
        }
    }
}
