package org.imscore.hss.store;

/** The database failed (unreachable, broken SQL, constraint violated other than a duplicate). */
public class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
