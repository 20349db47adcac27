package org.imscore.cscf.cx;

import java.util.List;
import java.util.Objects;

/** A successful MAA (TS 29.228 §6.3.2): the identities it is for and at least one vector. */
public record MultimediaAuthAnswer(String privateIdentity, String publicIdentity, List<AuthVector> vectors) {

    public MultimediaAuthAnswer {
        Objects.requireNonNull(privateIdentity, "privateIdentity");
        Objects.requireNonNull(publicIdentity, "publicIdentity");
        vectors = List.copyOf(vectors);
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("a successful MAA carries at least one vector");
        }
    }
}
