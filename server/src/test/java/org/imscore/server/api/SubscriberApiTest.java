package org.imscore.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The REST API over a real loopback socket. */
class SubscriberApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REALM = "ims.mnc001.mcc001.3gppnetwork.org";
  private static final String ALICE = "001010000000001@" + REALM;
  private static final String ALICE_JSON =
      """
      {"impi": "001010000000001@ims.mnc001.mcc001.3gppnetwork.org",
       "k": "8BAF473F2F8FD09487CCCBD7097C6862", "opc": "8e27b6af0e692e750f32667a3b14605d",
       "sqn": 64, "password": "secret",
       "publicIdentities": [
         {"identity": "sip:alice@ims.mnc001.mcc001.3gppnetwork.org"},
         {"identity": "tel:+15550001"},
         {"identity": "sip:alice.office@ims.mnc001.mcc001.3gppnetwork.org", "implicitSet": 2, "serviceProfile": "office", "barred": true}],
       "serviceProfiles": [
         {"name": "office", "initialFilterCriteria": [
           {"priority": 1,
            "triggerPoint": {"conditionTypeCnf": false, "spt": [
              {"group": 0, "method": "INVITE"},
              {"group": 0, "sessionCase": "ORIGINATING_REGISTERED"},
              {"group": 1, "negated": true, "sipHeader": {"header": "Event", "content": "reg"}},
              {"group": 1, "method": "REGISTER", "registrationTypes": ["INITIAL_REGISTRATION"]}]},
            "applicationServer": {"serverName": "sip:as.example.org", "defaultHandling": "SESSION_TERMINATED", "serviceInfo": "x"},
            "profilePartIndicator": "REGISTERED"}]}]}
      """;

  private static ApiFixture api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    api = new ApiFixture();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void empty() {
    api.clear();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url() + path));
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static String alicePath() {
    return "/api/v1/subscribers/" + ALICE.replace("@", "%40");
  }

  @Test
  void createReadListUpdateAndDelete() throws Exception {
    HttpResponse<String> created = send("POST", "/api/v1/subscribers", ALICE_JSON);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).contains("/api/v1/subscribers/" + ALICE.replace("@", "%40"));
    assertThat(created.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode body = json(created);
    assertThat(body.get("k").asText()).isEqualTo("8baf473f2f8fd09487cccbd7097c6862");
    assertThat(body.get("amf").asText()).isEqualTo("8000");
    assertThat(body.get("sqn").asLong()).isEqualTo(64);
    assertThat(body.has("scscfName")).isFalse();
    assertThat(body.at("/publicIdentities/0/state").asText()).isEqualTo("NOT_REGISTERED");
    assertThat(body.at("/publicIdentities/0/serviceProfile").asText()).isEqualTo("default");
    assertThat(body.at("/publicIdentities/2/barred").asBoolean()).isTrue();
    assertThat(body.at("/serviceProfiles/0/initialFilterCriteria/0/triggerPoint/spt/2/sipHeader/content").asText()).isEqualTo("reg");
    assertThat(body.at("/serviceProfiles/0/initialFilterCriteria/0/triggerPoint/spt/3/registrationTypes/0").asText())
        .isEqualTo("INITIAL_REGISTRATION");

    HttpResponse<String> read = send("GET", alicePath(), null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(json(read)).isEqualTo(body);

    HttpResponse<String> list = send("GET", "/api/v1/subscribers?offset=0&limit=10", null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(json(list).get("total").asLong()).isEqualTo(1);
    assertThat(json(list).at("/items/0/impi").asText()).isEqualTo(ALICE);

    HttpResponse<String> patched = send("PATCH", alicePath(), "{\"amf\": \"0000\", \"password\": \"\"}");
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(json(patched).get("amf").asText()).isEqualTo("0000");
    assertThat(json(patched).has("password")).isFalse();
    assertThat(json(patched).get("publicIdentities").size()).isEqualTo(3);

    String replacement =
        "{\"impi\": \"" + ALICE + "\", \"k\": \"00000000000000000000000000000001\", \"op\": \"00000000000000000000000000000002\","
            + " \"publicIdentities\": [{\"identity\": \"sip:alice2@" + REALM + "\"}]}";
    HttpResponse<String> replaced = send("PUT", alicePath(), replacement);
    assertThat(replaced.statusCode()).isEqualTo(200);
    assertThat(json(replaced).get("op").asText()).isEqualTo("00000000000000000000000000000002");
    assertThat(json(replaced).has("opc")).isFalse();
    assertThat(json(replaced).get("sqn").asLong()).as("SQN kept when the body has none").isEqualTo(64);
    assertThat(json(replaced).get("publicIdentities").size()).isEqualTo(1);

    HttpResponse<String> rewound = send("PUT", alicePath(), replacement.replace("\"op\"", "\"sqn\": 0, \"op\""));
    assertThat(json(rewound).get("sqn").asLong()).as("an explicit SQN is taken").isZero();
    HttpResponse<String> renamed = send("PUT", alicePath(), replacement.replace(ALICE, "other@" + REALM));
    assertThat(renamed.statusCode()).isEqualTo(400);
    assertThat(json(renamed).get("error").asText()).contains("cannot be renamed");

    HttpResponse<String> deleted = send("DELETE", alicePath(), null);
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(send("GET", alicePath(), null).statusCode()).isEqualTo(404);
  }

  @Test
  void listingPages() throws Exception {
    for (int i = 0; i < 5; i++) {
      String body =
          "{\"impi\": \"u" + i + "@" + REALM + "\", \"k\": \"" + "0".repeat(32) + "\", \"opc\": \"" + "1".repeat(32)
              + "\", \"publicIdentities\": [{\"identity\": \"sip:u" + i + "@" + REALM + "\"}]}";
      assertThat(send("POST", "/api/v1/subscribers", body).statusCode()).isEqualTo(201);
    }

    JsonNode page = json(send("GET", "/api/v1/subscribers?offset=3&limit=10", null));

    assertThat(page.get("total").asLong()).isEqualTo(5);
    assertThat(page.get("offset").asInt()).isEqualTo(3);
    assertThat(page.get("items").size()).isEqualTo(2);
    assertThat(page.at("/items/0/impi").asText()).isEqualTo("u3@" + REALM);
    assertThat(json(send("GET", "/api/v1/subscribers", null)).get("limit").asInt()).isEqualTo(100);
  }

  static Stream<Arguments> badRequests() {
    String k = "\"k\": \"" + "0".repeat(32) + "\"";
    String opc = "\"opc\": \"" + "1".repeat(32) + "\"";
    String impu = "\"publicIdentities\": [{\"identity\": \"sip:bob@" + REALM + "\"}]";
    String impi = "\"impi\": \"bob@" + REALM + "\"";
    return Stream.of(
        Arguments.of("POST", "/api/v1/subscribers", "{" + impi + ", \"k\": \"12\", " + opc + ", " + impu + "}", 400, "k must be exactly 32 hex digits"),
        Arguments.of("POST", "/api/v1/subscribers", "{" + impi + ", " + k + ", " + opc + ", \"amf\": \"80\", " + impu + "}", 400, "amf must be exactly 4 hex digits"),
        Arguments.of("POST", "/api/v1/subscribers", "{" + impi + ", " + k + ", " + impu + "}", 400, "give exactly one of opc and op"),
        Arguments.of("POST", "/api/v1/subscribers", "{" + impi + ", " + k + ", " + opc + ", \"publicIdentities\": [{\"identity\": \"mailto:bob@example.org\"}]}", 400, "is not a valid sip:, sips: or tel: URI"),
        Arguments.of("POST", "/api/v1/subscribers", "{" + impi + ", " + k + ", " + opc + "}", 400, "publicIdentities is required"),
        Arguments.of("POST", "/api/v1/subscribers", "{" + impi + ", " + k + ", " + opc + ", " + impu + ", \"kk\": 1}", 400, "unknown field \"kk\""),
        Arguments.of("POST", "/api/v1/subscribers", "{" + impi + ", " + k + ", " + opc + ", " + impu + ", \"sqn\": \"many\"}", 400, "wrong type at sqn"),
        Arguments.of("POST", "/api/v1/subscribers", "{\"impi\": ", 400, "the body is not valid JSON"),
        Arguments.of("POST", "/api/v1/subscribers", "", 400, "needs a JSON body"),
        Arguments.of("POST", "/api/v1/subscribers", "[1, 2]", 400, "wrong type"),
        Arguments.of("POST", "/api/v1/subscribers",
            "{" + impi + ", " + k + ", " + opc + ", " + impu + ", \"serviceProfiles\": [{\"name\": \"default\", \"initialFilterCriteria\": [{\"priority\": 0, \"applicationServer\": {\"serverName\": \"sip:as.example.org\"}, \"triggerPoint\": {\"spt\": [{\"method\": \"INVITE\", \"sessionCase\": \"ORIGINATING_REGISTERED\"}]}}]}]}",
            400, "each spt needs exactly one of"),
        Arguments.of("POST", "/api/v1/subscribers",
            "{" + impi + ", " + k + ", " + opc + ", " + impu + ", \"serviceProfiles\": [{\"name\": \"default\", \"initialFilterCriteria\": [{\"priority\": 0, \"applicationServer\": {\"serverName\": \"sip:as.example.org\"}, \"triggerPoint\": {\"spt\": [{\"sessionCase\": \"SIDEWAYS\"}]}}]}]}",
            400, "sessionCase \"SIDEWAYS\" is not one of ORIGINATING_REGISTERED"),
        Arguments.of("GET", "/api/v1/subscribers?limit=0", null, 400, "limit must be 1 to 1000"),
        Arguments.of("GET", "/api/v1/subscribers?offset=x", null, 400, "offset must be a whole number"),
        Arguments.of("GET", "/api/v1/subscribers/nobody@" + REALM, null, 404, "no subscriber with IMPI nobody@"),
        Arguments.of("DELETE", "/api/v1/subscribers/nobody@" + REALM, null, 404, "no subscriber with IMPI"),
        Arguments.of("PATCH", "/api/v1/subscribers/nobody@" + REALM, "{\"amf\": \"0000\"}", 404, "no subscriber with IMPI"),
        Arguments.of("POST", "/api/v1/subscribers/nobody@" + REALM + "/deregister", null, 404, "no subscriber with IMPI"),
        Arguments.of("GET", "/api/v2/things", null, 404, "the API lives under /api/v1/subscribers"),
        Arguments.of("DELETE", "/api/v1/subscribers", null, 405, "use GET or POST"));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @MethodSource("badRequests")
  void badRequestsGetAJsonErrorThatSaysWhatToFix(String method, String path, String body, int status, String message)
      throws Exception {
    HttpResponse<String> response = send(method, path, body);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode error = json(response);
    assertThat(error.fieldNames()).toIterable().containsExactly("error");
    assertThat(error.get("error").asText()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(api.store.count()).isZero();
  }

  @Test
  void duplicatesConflict() throws Exception {
    assertThat(send("POST", "/api/v1/subscribers", ALICE_JSON).statusCode()).isEqualTo(201);

    HttpResponse<String> again = send("POST", "/api/v1/subscribers", ALICE_JSON);
    String other = ALICE_JSON.replace("001010000000001@", "001010000000002@");
    HttpResponse<String> sharedImpu = send("POST", "/api/v1/subscribers", other);

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("error").asText()).contains(ALICE + " is already provisioned");
    assertThat(sharedImpu.statusCode()).isEqualTo(409);
    assertThat(json(sharedImpu).get("error").asText()).contains("sip:alice@" + REALM + " is already provisioned");
    assertThat(api.store.count()).isEqualTo(1);
  }

  private static String batchItem(String user, String k) {
    return "{\"impi\": \"" + user + "@" + REALM + "\", \"k\": \"" + k + "\", \"op\": \"" + "2".repeat(32)
        + "\", \"publicIdentities\": [{\"identity\": \"sip:" + user + "@" + REALM + "\"}]}";
  }

  @Test
  void aBatchIsCheckedWithoutWritingThenCreatedInOneGo() throws Exception {
    String batch = "[" + batchItem("b1", "1".repeat(32)) + ", " + batchItem("b2", "3".repeat(32)) + "]";

    HttpResponse<String> checked = send("POST", "/api/v1/subscribers?dryRun=true", batch);
    assertThat(checked.statusCode()).isEqualTo(200);
    assertThat(json(checked).get("checked").asInt()).isEqualTo(2);
    assertThat(api.store.count()).isZero();

    HttpResponse<String> created = send("POST", "/api/v1/subscribers", batch);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).get("created").asInt()).isEqualTo(2);
    assertThat(api.store.find("b2@" + REALM).orElseThrow().auth().k()).isEqualTo("3".repeat(32));

    HttpResponse<String> again = send("POST", "/api/v1/subscribers?dryRun=true", batch);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("problems")).hasSize(2);
  }

  @Test
  void aBatchWithBadItemsIsRefusedWholeNamingEachOne() throws Exception {
    String batch = "[" + batchItem("good", "1".repeat(32)) + ", " + batchItem("badk", "12") + ", null, "
        + "{\"impi\": \"nokeys@" + REALM + "\"}]";

    HttpResponse<String> refused = send("POST", "/api/v1/subscribers", batch);

    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode error = json(refused);
    assertThat(error.get("error").asText()).startsWith("3 of 4 subscribers cannot be created, so none was: first, item 1");
    assertThat(error.get("problems")).hasSize(3);
    assertThat(error.at("/problems/0/index").asInt()).isEqualTo(1);
    assertThat(error.at("/problems/0/impi").asText()).isEqualTo("badk@" + REALM);
    assertThat(error.at("/problems/0/error").asText()).startsWith("k must be exactly 32 hex digits");
    assertThat(error.at("/problems/1/error").asText()).contains("item is null");
    assertThat(error.at("/problems/2/error").asText()).isEqualTo("k is required");
    assertThat(api.store.count()).isZero();

    String tooMany = "[" + String.join(",", Collections.nCopies(1001, batchItem("x", "1".repeat(32)))) + "]";
    HttpResponse<String> large = send("POST", "/api/v1/subscribers", tooMany);
    assertThat(large.statusCode()).isEqualTo(400);
    assertThat(json(large).get("error").asText()).isEqualTo("a batch holds at most 1000 subscribers, got 1001: split it");
    assertThat(send("POST", "/api/v1/subscribers?dryRun=maybe", "[" + batchItem("y", "1".repeat(32)) + "]").body())
        .contains("dryRun must be true or false");
  }

  @Test
  void aMalformedHttpRequestGetsA400AndTheServerKeepsServing() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", api.server.address().getPort()));
      OutputStream out = socket.getOutputStream();
      out.write("GET /api/v1/subscribers HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 400");
    }
    assertThat(send("GET", "/api/v1/subscribers", null).statusCode()).isEqualTo(200);
  }
}
