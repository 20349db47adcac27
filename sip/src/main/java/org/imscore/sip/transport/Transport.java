package org.imscore.sip.transport;

import java.util.Locale;
import java.util.Optional;

/** The transports a SIP message can travel on (RFC 3261 §18; TLS and WS come later). */
public enum Transport {
    UDP(false),
    TCP(true);

    private final boolean reliable;

    Transport(boolean reliable) {
        this.reliable = reliable;
    }

    /** Reliable transports carry no retransmissions of requests (RFC 3261 §17.1.1.2: Timer A not started). */
    public boolean reliable() {
        return reliable;
    }

    /** The token used in Via and in the {@code transport} URI parameter ("UDP", "TCP"). */
    public String viaToken() {
        return name();
    }

    /** The transport named by a Via transport or a {@code transport=} URI parameter, case-insensitively. */
    public static Optional<Transport> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        return switch (token.toUpperCase(Locale.ROOT)) {
            case "UDP" -> Optional.of(UDP);
            case "TCP" -> Optional.of(TCP);
            default -> Optional.empty();
        };
    }
}
