package org.imscore.testkit.ue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.imscore.aka.SqnScheme;
import org.imscore.aka.UsimSqnState;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.transport.Transport;
import org.imscore.testkit.capture.TsharkCapture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tshark, an independent SIP decoder, reads what the UE put on the wire: a resync registration and reg event. */
class TestUeOnTheWireTest {

    @TempDir
    Path dir;

    @Test
    void tsharkDecodesTheRegistrationAndSubscriptionCleanly() throws Exception {
        Path file = dir.resolve("ue.pcapng");
        RegisterResult result;
        int port;
        TsharkCapture tshark = null;
        UsimSqnState ahead = UsimSqnState.initial(SqnScheme.DEFAULT).accept(SqnScheme.DEFAULT.compose(50, 0));
        try (ScriptedRegistrar registrar = ScriptedRegistrar.aka(TestUeRegistrationTest.KEYS,
                SqnScheme.DEFAULT.compose(1, 0))) {
            port = registrar.endpoint(Transport.UDP).address().getPort();
            tshark = TsharkCapture.start("udp port " + port, file).orElse(null);
            Assumptions.assumeTrue(tshark != null, TsharkCapture.unavailableReason());
            try (TestUe ue = TestUe.start(TestUeRegistrationTest.config(registrar.endpoint(Transport.UDP),
                    UeCredentials.aka(TestUeRegistrationTest.KEYS, ahead)))) {
                result = ue.register();
                ue.subscribeRegEvent();
                registrar.notify("active;expires=600000", "application/reginfo+xml", TestUeRegEventTest.ACTIVE);
            }
        } finally {
            if (tshark != null) {
                tshark.close();
            }
        }
        String asSip = "udp.port==" + port + ",sip";
        String decoded = tshark.decodeVerbose("-d", asSip);
        List<String> registers = tshark.fields(List.of("-d", asSip, "-Y", "sip.Method == \"REGISTER\""),
                "sip.auth.username", "sip.auth.algorithm", "sip.auth.nonce", "sip.auth.auts", "sip.auth.nc")
                .stream()
                .filter(line -> line.contains("\t")) // tshark's own notices (e.g. running as root) are not packets
                .map(line -> line.replace("\"", "")) // tshark shows quoted values with their quotes
                .distinct() // a UDP retransmission (Timer E, on a slow machine) is the same request again
                .toList();

        assertThat(TsharkCapture.problems(decoded)).as("malformed packets and expert errors").isEmpty();
        assertThat(result.exchanges()).extracting(Exchange::status).containsExactly(401, 401, 200);
        assertThat(registers).hasSize(3);
        assertThat(registers).allSatisfy(line -> assertThat(line).startsWith(TestUeRegistrationTest.IMPI + "\tAKAv1-MD5"));
        String auts = result.exchanges().get(1).request().header(HeaderType.AUTHORIZATION).orElseThrow().auts()
                .orElseThrow();
        assertThat(registers.get(1)).contains("\t" + auts + "\t");
        assertThat(registers.get(2)).endsWith("00000001");
        assertThat(decoded).contains("Event: reg").contains("Accept: application/reginfo+xml")
                .contains("Subscription-State: active;expires=600000")
                .contains("+sip.instance=\"<urn:gsma:imei:86728703-952237-0>\"");
    }
}
