package org.imscore.hss.provisioning;

/**
 * A provisioning request that cannot be carried out; the message says what to fix. Nothing was
 * written when this is thrown.
 */
public final class ProvisioningException extends RuntimeException {

  /** Why: each maps to one HTTP status in the REST API (400, 404, 409). */
  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT
  }

  private final Kind kind;

  public ProvisioningException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static ProvisioningException invalid(String message) {
    return new ProvisioningException(Kind.INVALID, message);
  }

  static ProvisioningException notFound(String impi) {
    return new ProvisioningException(Kind.NOT_FOUND, "no subscriber with IMPI " + impi);
  }

  static ProvisioningException conflict(String identity) {
    return new ProvisioningException(
        Kind.CONFLICT, identity + " is already provisioned; delete it or choose another identity");
  }
}
