package org.imscore.testkit.ue;

import java.util.Objects;
import org.imscore.aka.Octets;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.SubscriberKeys;
import org.imscore.aka.Usim;
import org.imscore.aka.UsimSqnState;

/** What the UE authenticates with: an ISIM running Milenage (IMS AKA) or a password (SIP Digest MD5). */
public sealed interface UeCredentials {

    /**
     * IMS AKA with a USIM. {@code keys} are the subscriber's K, OPc and AMF as the HSS must hold them (a test
     * provisions the network from them); {@code usim} answers the challenges and keeps its SQN memory across them.
     */
    record Aka(SubscriberKeys keys, Usim usim) implements UeCredentials {
        public Aka {
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(usim, "usim");
        }

        @Override
        public String toString() {
            return "Aka[" + keys + ", " + usim + "]";
        }
    }

    /** SIP Digest with a shared password (RFC 2617, RFC 3261 §22.4). */
    record Password(String password) implements UeCredentials {
        public Password {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[hidden]";
        }
    }

    /** AKA for K and OPc (hex), the USIM starting with no SQN accepted. */
    static Aka aka(String kHex, String opcHex, String amfHex) {
        return aka(new SubscriberKeys(Octets.fromHex(kHex), Octets.fromHex(opcHex), Octets.fromHex(amfHex)),
                UsimSqnState.initial(SqnScheme.DEFAULT));
    }

    /** AKA for K and OP (hex): OPc is derived as the HSS would (TS 35.206 §4.1). */
    static Aka akaWithOp(String kHex, String opHex, String amfHex) {
        return aka(SubscriberKeys.fromOp(Octets.fromHex(kHex), Octets.fromHex(opHex), Octets.fromHex(amfHex)),
                UsimSqnState.initial(SqnScheme.DEFAULT));
    }

    /** AKA with a USIM whose SQN memory is {@code state} (e.g. ahead of the network, to force a resync). */
    static Aka aka(SubscriberKeys keys, UsimSqnState state) {
        return new Aka(keys, new Usim(keys.k(), keys.opc(), state));
    }

    static Password password(String password) {
        return new Password(password);
    }
}
