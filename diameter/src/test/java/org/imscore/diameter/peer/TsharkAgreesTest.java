package org.imscore.diameter.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxCommand;
import org.imscore.diameter.cx.CxRequestHeader;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.CxResultCode;
import org.imscore.diameter.cx.DeregistrationReason;
import org.imscore.diameter.cx.LocationInfoAnswer;
import org.imscore.diameter.cx.LocationInfoRequest;
import org.imscore.diameter.cx.MultimediaAuthRequest;
import org.imscore.diameter.cx.PushProfileAnswer;
import org.imscore.diameter.cx.PushProfileRequest;
import org.imscore.diameter.cx.ReasonCode;
import org.imscore.diameter.cx.RegistrationTerminationAnswer;
import org.imscore.diameter.cx.RegistrationTerminationRequest;
import org.imscore.diameter.cx.ServerAssignmentAnswer;
import org.imscore.diameter.cx.ServerAssignmentRequest;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.diameter.cx.ServerCapabilities;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.diameter.cx.SupportedFeatures;
import org.imscore.diameter.cx.UserAuthorizationAnswer;
import org.imscore.diameter.cx.UserAuthorizationRequest;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.testkit.capture.TsharkCapture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's dissector is an independent Diameter implementation: a Cx conversation between two of
 * our nodes, captured on loopback with tshark, must decode with every Cx command recognised, nothing
 * malformed and no AVP it does not know. Skipped only when tshark is missing or may not capture.
 */
class TsharkAgreesTest {

    private static final String HSS = "hss.ims.test";
    private static final String SCSCF = "scscf.ims.test";
    private static final String REALM = TestNodes.REALM;

    @TempDir
    Path dir;

    @Test
    void everyCxCommandDecodesCleanly() throws Exception {
        DiameterNode hss = new DiameterNode(TestNodes.config(HSS, TestNodes.fastTimers()), Dictionaries.cx(),
                TsharkAgreesTest::hssAnswers);
        DiameterNode scscf = new DiameterNode(TestNodes.config(SCSCF, TestNodes.fastTimers()), Dictionaries.cx(),
                TsharkAgreesTest::scscfAnswers);
        Path capture = dir.resolve("cx.pcapng");
        TsharkCapture tshark = null;
        int port;
        try {
            InetSocketAddress address = hss.listen(new InetSocketAddress("127.0.0.1", 0)).get(5, TimeUnit.SECONDS);
            port = address.getPort();
            tshark = TsharkCapture.start("tcp port " + port, capture).orElse(null);
            Assumptions.assumeTrue(tshark != null, TsharkCapture.unavailableReason());
            scscf.connect(new RemotePeer(HSS, REALM, address)).get(5, TimeUnit.SECONDS);
            TestNodes.await("R-Open", () -> hss.peer(SCSCF).isPresent());
            conversation(hss, scscf);
        } finally {
            scscf.close();
            hss.close();
            if (tshark != null) {
                tshark.close();
            }
        }
        String asDiameter = "tcp.port==" + port + ",diameter";
        String decoded = tshark.decodeVerbose("-d", asDiameter);
        List<String> commands = tshark.fields(List.of("-d", asDiameter, "-Y", "diameter", "-E", "occurrence=a",
                "-E", "aggregator=/s"), "diameter.cmd.code", "diameter.flags.request");

        // Every (command, request flag) pair seen, e.g. "300 R", "300 A"; a frame may carry several messages.
        List<String> seen = new ArrayList<>();
        for (String line : commands) {
            String[] fields = line.split("\t");
            // "-E aggregator=/s" joins the occurrences of a field in one frame with a space.
            String[] codes = fields[0].trim().split("[ /]+");
            String[] requestFlags = fields.length > 1 ? fields[1].trim().split("[ /]+") : new String[0];
            for (int i = 0; i < codes.length; i++) {
                boolean request = i < requestFlags.length
                        && (requestFlags[i].equals("1") || requestFlags[i].equalsIgnoreCase("True"));
                seen.add(codes[i] + (request ? " R" : " A"));
            }
        }
        for (int code : new int[] {257, 282, 300, 301, 302, 303, 304, 305}) {
            assertThat(seen).as("tshark's view of the conversation").contains(code + " R", code + " A");
        }
        for (String name : List.of("User-Authorization", "Server-Assignment", "Location-Info", "Multimedia-Auth",
                "Registration-Termination", "Push-Profile")) {
            assertThat(decoded).contains("Command Code: " + name + " (");
        }
        assertThat(TsharkCapture.problems(decoded)).as("malformed packets and expert errors").isEmpty();
        assertThat(TsharkCapture.unknownAvps(decoded)).as("AVPs tshark does not know").isEmpty();
    }

    private static void conversation(DiameterNode hss, DiameterNode scscf) throws Exception {
        CxRequestHeader fromScscf = CxRequestHeader.of("scscf;1", SCSCF, REALM, null, REALM);
        CxRequestHeader fromHss = CxRequestHeader.of("hss;1", HSS, REALM, SCSCF, REALM);
        List<CompletableFuture<DiameterMessage>> answers = new ArrayList<>();
        answers.add(scscf.send(new UserAuthorizationRequest(fromScscf, "alice@ims.test", "sip:alice@ims.test",
                REALM, 0, OptionalLong.empty(), List.of(new SupportedFeatures(Cx.VENDOR_ID, 1, 1))).toMessage()));
        answers.add(scscf.send(new MultimediaAuthRequest(fromScscf, "alice@ims.test", "sip:alice@ims.test",
                SipAuthDataItem.request(Cx.SCHEME_AKAV1_MD5), 1, "sip:scscf.ims.test:6060", List.of()).toMessage()));
        answers.add(scscf.send(new ServerAssignmentRequest(fromScscf, Optional.of("alice@ims.test"),
                List.of("sip:alice@ims.test"), Optional.empty(), "sip:scscf.ims.test:6060",
                ServerAssignmentType.REGISTRATION.value(), false, OptionalInt.empty(), OptionalLong.empty(),
                List.of()).toMessage()));
        answers.add(scscf.send(new LocationInfoRequest(fromScscf, "sip:bob@ims.test", true, OptionalInt.empty(),
                OptionalInt.empty()).toMessage()));
        answers.add(hss.send(new RegistrationTerminationRequest(fromHss, "alice@ims.test", List.of(),
                List.of("sip:alice@ims.test"), DeregistrationReason.of(ReasonCode.PERMANENT_TERMINATION, "test"),
                OptionalLong.empty()).toMessage()));
        answers.add(hss.send(new PushProfileRequest(fromHss, "alice@ims.test",
                Optional.of("<IMSSubscription/>"), Optional.empty(), Optional.empty()).toMessage()));
        for (CompletableFuture<DiameterMessage> answer : answers) {
            assertThat(CxResult.from(answer.get(5, TimeUnit.SECONDS))).isPresent();
        }
    }

    private static CompletableFuture<DiameterMessage> hssAnswers(DiameterMessage request, PeerInfo from) {
        DiameterMessage answer = switch (CxCommand.of(request).orElseThrow()) {
            case UAR -> new UserAuthorizationAnswer(CxResult.experimental(CxResultCode.FIRST_REGISTRATION),
                    Optional.empty(), Optional.of(new ServerCapabilities(List.of(), List.of(1L), List.of())),
                    List.of()).toMessage(request, HSS, REALM);
            case MAR -> TestNodes.hss(HSS).handle(request, from).toCompletableFuture().join();
            case SAR -> new ServerAssignmentAnswer(CxResult.SUCCESS, Optional.of("alice@ims.test"),
                    Optional.of("<IMSSubscription/>"), Optional.empty(), List.of(), OptionalInt.empty(),
                    Optional.empty()).toMessage(request, HSS, REALM);
            case LIR -> new LocationInfoAnswer(CxResult.SUCCESS, Optional.of("sip:scscf.ims.test:6060"),
                    Optional.empty(), Optional.empty()).toMessage(request, HSS, REALM);
            default -> throw new IllegalStateException("unexpected " + request);
        };
        return CompletableFuture.completedFuture(answer);
    }

    private static CompletableFuture<DiameterMessage> scscfAnswers(DiameterMessage request, PeerInfo from) {
        DiameterMessage answer = switch (CxCommand.of(request).orElseThrow()) {
            case RTR -> new RegistrationTerminationAnswer(CxResult.SUCCESS, List.of()).toMessage(request, SCSCF, REALM);
            case PPR -> new PushProfileAnswer(CxResult.SUCCESS).toMessage(request, SCSCF, REALM);
            default -> throw new IllegalStateException("unexpected " + request);
        };
        return CompletableFuture.completedFuture(answer);
    }
}
