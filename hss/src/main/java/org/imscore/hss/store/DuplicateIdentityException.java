package org.imscore.hss.store;

/** An IMPI or IMPU to be written is already held by a subscriber. */
public final class DuplicateIdentityException extends RuntimeException {

  private final String identity;

  public DuplicateIdentityException(String identity) {
    super(identity + " is already provisioned");
    this.identity = identity;
  }

  public String identity() {
    return identity;
  }
}
