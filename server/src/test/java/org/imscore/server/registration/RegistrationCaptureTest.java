package org.imscore.server.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.imscore.testkit.capture.TsharkCapture;
import org.imscore.testkit.ue.Exchange;
import org.imscore.testkit.ue.RegisterResult;
import org.imscore.testkit.ue.TestUe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One AKA registration through all four functions, captured on loopback and read back by tshark: an independent
 * decoder sees the REGISTER reach the P-, I- and S-CSCF, the 401 and the 200, and the Cx pairs UAR/UAA, MAR/MAA and
 * SAR/SAA (TS 29.228 §6.1), with no malformed packet, no expert error and no AVP it cannot name.
 */
class RegistrationCaptureTest {

    /** Cx command codes (TS 29.229 §6.1). */
    private static final String UAR = "300";
    private static final String SAR = "301";
    private static final String MAR = "303";

    @Test
    void oneRegistrationDecodesCleanlyAtEveryHop(@TempDir Path dir) throws Exception {
        try (Core core = Core.start(CoreConfig.ephemeral())) {
            AkaSubscriber alice = new AkaSubscriber("capture", core.domain());
            core.provisioning().create(alice.spec());
            int p = core.pcscfAddress().getPort();
            int i = core.icscfAddress().getPort();
            int s = core.scscfAddress().getPort();
            int hss = core.hssDiameterAddress().getPort();
            String filter = String.format("port %d or port %d or port %d or tcp port %d", p, i, s, hss);

            Optional<TsharkCapture> started = TsharkCapture.start(filter, dir.resolve("registration.pcapng"));
            assumeTrue(started.isPresent(), TsharkCapture.unavailableReason());
            RegisterResult result;
            try (TsharkCapture capture = started.get(); TestUe ue = alice.ue(core.pcscfAddress())) {
                result = ue.register();
            }
            assertThat(result.exchanges()).extracting(Exchange::status).containsExactly(401, 200);

            TsharkCapture capture = started.get();
            List<String> decodeAs = new ArrayList<>();
            for (int port : List.of(p, i, s)) {
                decodeAs.addAll(List.of("-d", "udp.port==" + port + ",sip", "-d", "tcp.port==" + port + ",sip"));
            }
            decodeAs.addAll(List.of("-d", "tcp.port==" + hss + ",diameter"));

            List<Packet> packets = capture.fields(decodeAs, "udp.dstport", "tcp.dstport", "sip.Method",
                    "sip.Status-Code", "sip.CSeq.method", "diameter.cmd.code", "diameter.flags.request")
                    .stream().map(Packet::parse).toList();

            assertThat(packets).as("REGISTER at the P-CSCF").anyMatch(x -> x.isRequest("REGISTER", p));
            assertThat(packets).as("REGISTER at the I-CSCF").anyMatch(x -> x.isRequest("REGISTER", i));
            assertThat(packets).as("REGISTER at the S-CSCF").anyMatch(x -> x.isRequest("REGISTER", s));
            assertThat(packets).as("401 to the UE").anyMatch(x -> x.isResponse("401", "REGISTER"));
            assertThat(packets).as("200 to the UE").anyMatch(x -> x.isResponse("200", "REGISTER"));
            for (String command : List.of(UAR, MAR, SAR)) {
                assertThat(packets).as("Cx request %s", command).anyMatch(x -> x.isDiameter(command, true));
                assertThat(packets).as("Cx answer %s", command).anyMatch(x -> x.isDiameter(command, false));
            }

            String verbose = capture.decodeVerbose(decodeAs.toArray(String[]::new));
            assertThat(TsharkCapture.problems(verbose)).as("malformed packets and expert errors").isEmpty();
            assertThat(TsharkCapture.unknownAvps(verbose)).as("AVPs tshark cannot name").isEmpty();
            assertThat(verbose).contains("Session Initiation Protocol (REGISTER)", "Diameter Protocol");
        }
    }

    /**
     * One captured frame as tshark's fields show it; a TCP segment that carries several Diameter messages lists
     * their values comma-separated.
     */
    private record Packet(String udpPort, String tcpPort, String method, String status, String cseqMethod,
                          List<String> commands, List<String> requestFlags) {

        static Packet parse(String line) {
            String[] f = (line + "\t\t\t\t\t\t\t").split("\t", -1);
            return new Packet(f[0], f[1], f[2], f[3], f[4], List.of(f[5].split(",")), List.of(f[6].split(",")));
        }

        boolean isRequest(String m, int port) {
            String p = Integer.toString(port);
            return m.equals(method) && (p.equals(udpPort) || p.equals(tcpPort));
        }

        boolean isResponse(String code, String m) {
            return code.equals(status) && m.equals(cseqMethod);
        }

        boolean isDiameter(String command, boolean request) {
            for (int k = 0; k < commands.size() && k < requestFlags.size(); k++) {
                boolean flag = requestFlags.get(k).equals("1") || requestFlags.get(k).equalsIgnoreCase("true");
                if (commands.get(k).equals(command) && flag == request) {
                    return true;
                }
            }
            return false;
        }
    }
}
