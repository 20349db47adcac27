package org.imscore.server.api;

/**
 * An answer of the REST API before it is put on the wire.
 *
 * @param body JSON text, or null for no body
 * @param location value of the Location header, or null
 */
public record ApiResponse(int status, String body, String location) {

  static ApiResponse json(int status, String body) {
    return new ApiResponse(status, body, null);
  }
}
