package org.imscore.cscf.cx;

import java.util.Objects;
import java.util.Optional;

/**
 * MAR parameters (TS 29.228 §6.3.1). {@code resynchronization} is RAND||AUTS (30 octets) after the UE reported a
 * synchronisation failure (TS 29.229 §6.3.11); the HSS then re-aligns SQN and answers with fresh vectors.
 *
 * @param scheme null-free; the scheme the S-CSCF wants (the UE's algorithm, or the configured default)
 */
public record MultimediaAuthRequest(String privateIdentity, String publicIdentity, AuthScheme scheme,
                                    String serverName, int numberOfVectors, Optional<byte[]> resynchronization) {

    public MultimediaAuthRequest {
        Objects.requireNonNull(privateIdentity, "privateIdentity");
        Objects.requireNonNull(publicIdentity, "publicIdentity");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(resynchronization, "resynchronization");
        if (numberOfVectors < 1) {
            throw new IllegalArgumentException("numberOfVectors must be at least 1");
        }
        if (resynchronization.isPresent() && resynchronization.get().length != 30) {
            throw new IllegalArgumentException("RAND||AUTS is 30 octets, got " + resynchronization.get().length);
        }
    }

    public static MultimediaAuthRequest fresh(String impi, String impu, AuthScheme scheme, String serverName) {
        return new MultimediaAuthRequest(impi, impu, scheme, serverName, 1, Optional.empty());
    }

    public static MultimediaAuthRequest resync(String impi, String impu, AuthScheme scheme, String serverName,
                                               byte[] randAndAuts) {
        return new MultimediaAuthRequest(impi, impu, scheme, serverName, 1, Optional.of(randAndAuts.clone()));
    }
}
