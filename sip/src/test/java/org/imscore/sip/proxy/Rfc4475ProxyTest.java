package org.imscore.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.codec.SipSerializer;
import org.imscore.sip.message.HeaderField;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;
import org.imscore.sip.message.Via;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RFC 4475 message of sections 3.2 to 3.4 (the transaction- and application-layer ones) sent to the proxy,
 * with what a proxy does with it. Where {@code expected-handling.csv} names the answer of a UAS or registrar
 * (415, 401, 406, the 416 for a REGISTER's To) a proxy forwards the request and lets that element answer, since
 * §16.3 has it check only the Request-URI scheme, Max-Forwards, loops and Proxy-Require. The 13 well-formed
 * messages of §3.1.1 go through with nothing changed but what §16.6 changes.
 */
class Rfc4475ProxyTest {

    /** The proxy's handling: a status it answers with, "forward", or "drop". */
    private static final Map<String, String> PROXY = Map.ofEntries(
            Map.entry("badbranch", "forward"),  // a bare magic cookie is still a branch
            Map.entry("insuf", "400"),          // no From, To, Call-ID: the parser answers
            Map.entry("unkscm", "416"),         // §16.3 step 2
            Map.entry("novelsc", "416"),        // §16.3 step 2
            Map.entry("unksm2", "forward"),     // Request-URI is sip:; the To scheme is the registrar's business
            Map.entry("bext01", "420"),         // §16.3 step 5, Unsupported lists the Proxy-Require tags
            Map.entry("invut", "forward"),      // the body is the UAS's business (415 there)
            Map.entry("regaut01", "forward"),   // the Authorization scheme is the registrar's business (401 there)
            Map.entry("multi01", "400"),        // several From/To/Call-ID/CSeq: the parser answers
            Map.entry("mcl01", "400"),          // several Content-Length: the parser answers
            Map.entry("bcast", "drop"),         // a response whose next Via is the broadcast address
            Map.entry("zeromf", "483"),         // §16.3 step 3
            Map.entry("cparam01", "forward"),   // REGISTER Contact parameters: the registrar's business
            Map.entry("cparam02", "forward"),
            Map.entry("regescrt", "forward"),
            Map.entry("sdp01", "forward"),      // Accept: the UAS's business (406 there)
            Map.entry("inv2543", "forward"));   // RFC 2543 request: no branch, no Max-Forwards (70 added)

    private static final Endpoint NEXT_HOP = Endpoint.udp("192.0.2.20", 5060);
    private final ProxyCore core = new ProxyCore(Wire.LOCAL,
            StaticRoutes.none().with("example.com", NEXT_HOP).with("company.com", NEXT_HOP),
            new NumericNextHops(Wire.LOCAL), true, Set.of());

    static Stream<String> messages() {
        return PROXY.keySet().stream().sorted();
    }

    @Test
    void theTableCoversEveryTransactionAndApplicationLayerMessageOfTheCorpus() {
        List<String> rows = csvRows().stream()
                .filter(r -> r[1].startsWith("3.2") || r[1].startsWith("3.3") || r[1].startsWith("3.4"))
                .map(r -> r[0]).toList();

        assertThat(PROXY.keySet()).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void whereTheCsvNamesAProxysAnswerTheProxyGivesIt() {
        Set<String> proxyCodes = Set.of("400", "416", "420", "482", "483");
        for (String[] row : csvRows()) {
            String ours = PROXY.get(row[0]);
            if (ours != null && proxyCodes.contains(row[2]) && !row[0].equals("unksm2")) {
                assertThat(ours).as(row[0] + " (" + row[3] + ")").isEqualTo(row[2]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void proxyHandling(String name) throws Exception {
        String expected = PROXY.get(name);
        byte[] bytes = read("/rfc4475/invalid/" + name + ".dat");
        SipParseResult parsed = SipParser.parse(bytes);

        String actual;
        SipResponse answer = null;
        if (!parsed.isSuccess()) {
            answer = parsed.errorResponse().orElse(null);
            actual = answer == null ? "drop" : Integer.toString(answer.statusCode());
        } else if (parsed.message() instanceof SipResponse response) {
            actual = relay(response);
        } else {
            SipRequest request = (SipRequest) parsed.message();
            RequestDecision d = core.decide(request, Wire.UDP);
            actual = switch (d) {
                case RequestDecision.Respond r -> {
                    answer = r.response();
                    yield Integer.toString(r.response().statusCode());
                }
                case RequestDecision.Local l -> "local";
                case RequestDecision.Pending p -> "pending";
                case RequestDecision.Forward f -> {
                    checkForwardedCopy(request, f);
                    yield "forward";
                }
            };
        }

        assertThat(actual).as(name).isEqualTo(expected);
        if (name.equals("bext01")) {
            assertThat(answer.headerValue("Unsupported"))
                    .contains("noProxiesSupportThis, norDoAnyProxiesSupportThis");
        }
    }

    /** The response as received by the element of its top Via, which is us here: forward or drop. */
    private String relay(SipResponse response) {
        SipResponse withOurs = response.toBuilder().removeFirstValue("Via")
                .prepend("Via", Via.of("UDP", "192.0.2.10", 5060, "z9hG4bKours").toString()).build();
        return core.withoutOurVia(withOurs).isPresent() ? "forward" : "drop";
    }

    private void checkForwardedCopy(SipRequest request, RequestDecision.Forward f) throws Exception {
        ForwardedRequest out = core.forward(request, f.request(), f.targets().get(0), Wire.UDP);
        SipMessage onWire = Wire.overTheWire(out.request());
        assertThat(onWire.vias()).hasSize(request.vias().size() + 1);
        assertThat(onWire.maxForwards()).contains(request.maxForwards().map(mf -> mf - 1).orElse(70));
        assertThat(out.destination()).isEqualTo(NEXT_HOP);
        assertThat(onWire.body()).isEqualTo(request.body());
    }

    private static List<String[]> csvRows() {
        String csv = new String(read("/rfc4475/expected-handling.csv"), StandardCharsets.UTF_8);
        return csv.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split(",", 4)).collect(Collectors.toList());
    }

    private static byte[] read(String resource) {
        try (InputStream in = Rfc4475ProxyTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> validMessages() {
        return Stream.of("dblreq", "esc01", "esc02", "escnull", "intmeth", "longreq", "lwsdisp", "mpart01",
                "noreason", "semiuri", "transports", "unreason", "wsinv");
    }

    /**
     * §3.1.1: the well-formed messages, however odd, pass through the proxy untouched except for what §16.6 says
     * a proxy changes (Via, Max-Forwards, Record-Route); responses are relayed with our Via removed.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("validMessages")
    void validMessagesAreForwardedIntact(String name) throws Exception {
        SipMessage message = SipParser.parse(read("/rfc4475/valid/" + name + ".dat")).message();
        if (message instanceof SipResponse response) {
            // As it arrives at us from the next hop: our Via on top of the ones in the file.
            SipResponse arriving = response.toBuilder()
                    .prepend("Via", Via.of("UDP", "192.0.2.10", 5060, "z9hG4bKours").toString()).build();
            assertThat(core.withoutOurVia(arriving).map(SipResponse::vias)).contains(response.vias());
            return;
        }
        SipRequest request = (SipRequest) message;
        // A target with a fixed next hop, so that no DNS is needed for the torture domains.
        ForwardedRequest out = core.forward(request, request, Target.via(request.requestUri(), NEXT_HOP), Wire.UDP);
        String wire = new String(SipSerializer.serialize(out.request()), StandardCharsets.UTF_8);

        assertThat(core.decide(request, Wire.UDP)).isNotInstanceOf(RequestDecision.Respond.class);
        boolean strictNextHop = !request.routes().isEmpty() && !((SipUri) request.routes().get(0).uri()).lr();
        if (strictNextHop) {
            // mpart01 carries Route: <sip:127.0.0.1:5080> without lr: a strict router gets its URI as
            // Request-URI and the real target goes last in Route (§16.6 step 6).
            assertThat(out.request().requestUri().toString()).isEqualTo(request.routes().get(0).uri().toString());
            assertThat(out.request().routes()).last().extracting(r -> r.uri().toString())
                    .isEqualTo(request.requestUri().toString());
        } else {
            assertThat(out.request().startLine()).isEqualTo(request.startLine());
        }
        for (HeaderField f : request.headerFields()) {
            if (!f.name().equals("Max-Forwards") && !(strictNextHop && f.name().equals("Route"))) {
                assertThat(wire).as(name + ": " + f.name()).contains(f.rawText());
            }
        }
        assertThat(out.request().body()).isEqualTo(request.body());
        assertThat(Wire.overTheWire(out.request()).vias()).hasSize(request.vias().size() + 1);
    }
}
