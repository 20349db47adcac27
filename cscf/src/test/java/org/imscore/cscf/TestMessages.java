package org.imscore.cscf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.imscore.sip.codec.SipParseResult;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.message.SipResponse;

/** Loads the captured messages under {@code src/test/resources/capture} and parses hand-written ones. */
public final class TestMessages {

    private TestMessages() {
    }

    public static byte[] bytes(String resource) {
        try (InputStream in = TestMessages.class.getResourceAsStream("/capture/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SipRequest request(String resource) {
        return (SipRequest) parse(bytes(resource));
    }

    public static SipResponse response(String resource) {
        return (SipResponse) parse(bytes(resource));
    }

    /** A message written with '\n' line ends in a test; converted to CRLF. */
    public static SipMessage text(String text) {
        return parse(text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public static SipMessage parse(byte[] bytes) {
        SipParseResult r = SipParser.parse(bytes);
        if (!r.isSuccess()) {
            throw new IllegalArgumentException("test message does not parse: " + r.error());
        }
        return r.message();
    }
}
