package org.imscore.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The CLI's view of the REST API: one method per call, errors turned into plain messages. */
final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiClient(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** A failed call, with the message to show the user and the API's error answer when it gave one. */
  static final class ApiException extends Exception {
    private final transient JsonNode answer;

    ApiException(String message) {
      this(message, null);
    }

    ApiException(String message, JsonNode answer) {
      super(message);
      this.answer = answer;
    }

    /** The JSON error body, e.g. with the {@code problems} of a refused batch; null when none. */
    JsonNode answer() {
      return answer;
    }
  }

  JsonNode send(String method, String path, Object body) throws ApiException {
    try {
      return sendJson(method, path, body == null ? null : JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Sends a body that is JSON text already (null for none). */
  JsonNode sendJson(String method, String path, String json) throws ApiException {
    URI uri;
    try {
      uri = URI.create(base + path);
    } catch (IllegalArgumentException e) {
      throw new ApiException("--api " + base + " is not a URL, e.g. http://127.0.0.1:8080");
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw unreachable();
    } catch (IOException e) {
      if (e.getCause() instanceof ConnectException) {
        throw unreachable();
      }
      throw new ApiException("the imscore API at " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException("interrupted");
    } catch (IllegalArgumentException e) {
      throw new ApiException("--api " + base + " is not an http:// URL, e.g. http://127.0.0.1:8080");
    }
    JsonNode answer = parse(response.body());
    if (response.statusCode() >= 400) {
      String error =
          answer != null && answer.hasNonNull("error")
              ? answer.get("error").asText()
              : "HTTP " + response.statusCode();
      throw new ApiException(error, answer);
    }
    return answer;
  }

  static String path(String impi) {
    return "/api/v1/subscribers/" + URLEncoder.encode(impi, StandardCharsets.UTF_8);
  }

  private ApiException unreachable() {
    return new ApiException(
        "cannot reach the imscore API at " + base + ": is `imscore run` (or `imscore hss`) running?");
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
