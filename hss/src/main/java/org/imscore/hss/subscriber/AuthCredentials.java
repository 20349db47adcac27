package org.imscore.hss.subscriber;

import java.util.Objects;

/**
 * What the HSS needs to authenticate one private identity: the Milenage subscriber key K, one of
 * OPc or OP (TS 35.206 §2), the authentication management field AMF, and an optional password for
 * SIP Digest (MD5) users whose phones cannot do AKA. Hex values are kept lower case.
 *
 * @param k 32 hex digits
 * @param opc 32 hex digits, or null when {@code op} is given
 * @param op 32 hex digits, or null when {@code opc} is given
 * @param amf 4 hex digits
 * @param password SIP Digest password, or null
 */
public record AuthCredentials(String k, String opc, String op, String amf, String password) {

  public AuthCredentials {
    Objects.requireNonNull(k, "k");
    Objects.requireNonNull(amf, "amf");
    if ((opc == null) == (op == null)) {
      throw new IllegalArgumentException("exactly one of OPc and OP is required");
    }
  }

  public boolean hasPassword() {
    return password != null;
  }
}
