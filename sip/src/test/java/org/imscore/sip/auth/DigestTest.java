package org.imscore.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.message.DigestChallenge;
import org.imscore.sip.message.DigestCredentials;
import org.imscore.sip.message.HeaderType;
import org.imscore.sip.message.SipMessage;
import org.imscore.sip.message.SipRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Digest (RFC 2617) and AKA (RFC 3310, RFC 4169) against every worked example of aka-digest.md. */
class DigestTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc2617WorkedExample() {
        // RFC 2617 §3.5: Mufasa / "Circle Of Life", qop=auth, GET /dir/index.html.
        String ha1 = Digest.ha1("Mufasa", "testrealm@host.com", "Circle Of Life");
        String ha2 = Digest.ha2("GET", "/dir/index.html", "auth", null);
        String response = Digest.response(ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth", ha2);
        assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
    }

    @Test
    void withoutQopUsesRfc2069Form() {
        String ha1 = Digest.ha1("bob", "biloxi.com", "zanzibar");
        String ha2 = Digest.ha2("REGISTER", "sip:biloxi.com", null, null);
        String expected = Digest.md5Hex(ha1 + ":" + "nonce1" + ":" + ha2);
        assertThat(Digest.response(ha1, "nonce1", null, null, null, ha2)).isEqualTo(expected);
    }

    @Test
    void md5SessFoldsNonceAndCnonceIntoHa1() {
        String ha1 = Digest.ha1("bob", "biloxi.com", "zanzibar");
        DigestCredentials c = DigestCredentials.digest().with("username", "bob").with("realm", "biloxi.com")
                .with("nonce", "n").with("uri", "sip:biloxi.com").with("algorithm", "MD5-sess")
                .with("qop", "auth").with("nc", "00000001").with("cnonce", "c");
        String sessHa1 = Digest.md5Hex(ha1 + ":n:c");
        String want = Digest.response(sessHa1, "n", "00000001", "c", "auth", Digest.ha2("REGISTER", "sip:biloxi.com", "auth", null));
        assertThat(Digest.expectedResponse(c, "REGISTER", ha1, null)).isEqualTo(want);
    }

    /** aka-digest.md §6: the phone's second REGISTER (ipsec_reg frame 485), password = XRES raw octets. */
    @Test
    void phoneResponseFromCapturedRegisterIsReproduced() {
        SipRequest register = (SipRequest) parse("captures/open5gs_ipsec_reg/485.sip");
        DigestCredentials auth = register.header(HeaderType.AUTHORIZATION).orElseThrow();
        assertThat(auth.algorithm()).isEqualTo("AKAv1-MD5");
        assertThat(auth.qop()).contains("auth-int");
        assertThat(auth.nc()).contains("00000001");
        assertThat(auth.cnonce()).contains("a61fbe8516b77984b522256da5f7c32f");

        byte[] xres = HEX.parseHex("17447172f62cf13e");
        String ha1 = Aka.ha1(auth.username(), auth.realm(), auth.algorithm(), xres, null, null);
        assertThat(ha1).isEqualTo("5d70b20a7133bf4b64f5dc37310154fb");
        assertThat(Digest.ha2("REGISTER", auth.uri(), "auth-int", register.body()))
                .isEqualTo("050bbbfef45dc8fabb4f60f5fcb4de79");
        assertThat(Digest.expectedResponse(auth, register.method(), ha1, register.body()))
                .isEqualTo("63175c06a7a88bd479f5c9f714487476")
                .isEqualTo(auth.response());
        assertThat(Digest.verify(auth, register.method(), ha1, register.body())).isTrue();

        // The hex text of XRES is not the password (§6 shows the wrong answer it gives).
        String wrongHa1 = Digest.ha1(auth.username(), auth.realm(), "17447172f62cf13e");
        assertThat(Digest.expectedResponse(auth, register.method(), wrongHa1, register.body()))
                .isEqualTo("ad234b4bff83a0b354fddba11a9a23e8");
        assertThat(Digest.verify(auth, register.method(), wrongHa1, register.body())).isFalse();
    }

    /** aka-digest.md §6: the 401 nonce is base64(RAND || AUTN) of the MAA vector; ck/ik as sent to the P-CSCF. */
    @Test
    void capturedChallengeNonceCarriesRandAndAutn() {
        SipMessage challenge = parse("captures/open5gs_ipsec_reg/404.sip");
        DigestChallenge c = challenge.header(HeaderType.WWW_AUTHENTICATE).orElseThrow();
        Aka.Nonce nonce = Aka.Nonce.decode(c.nonce());
        assertThat(HEX.formatHex(nonce.rand())).isEqualTo("a0944c75ff3c4f0853a2f910aa1f104f");
        assertThat(HEX.formatHex(nonce.autn())).isEqualTo("c6e2f46c8f4280007f3bb9b84b7c3ff6");
        assertThat(nonce.serverData()).isEmpty();
        assertThat(Aka.nonce(nonce.rand(), nonce.autn())).isEqualTo("oJRMdf88TwhTovkQqh8QT8bi9GyPQoAAfzu5uEt8P/Y=");
        assertThat(c.ck()).contains("d53c02758b376066fad0af7daa6df765");
        assertThat(c.ik()).contains("e1763cf28cc2e584588800193137ec92");
        assertThat(c.qopOptions()).containsExactly("auth", "auth-int");
        // The P-CSCF strips ck/ik before forwarding (TS 33.203 §7).
        assertThat(c.without("ck").without("ik").toString())
                .isEqualTo("Digest realm=\"ims.mnc001.mcc001.3gppnetwork.org\", "
                        + "nonce=\"oJRMdf88TwhTovkQqh8QT8bi9GyPQoAAfzu5uEt8P/Y=\", algorithm=AKAv1-MD5, qop=\"auth,auth-int\"");
    }

    /** aka-digest.md §3: AKAv2 password for the §6 vector. */
    @Test
    void akav2PasswordForCapturedVector() {
        byte[] password = Aka.akav2Password(HEX.parseHex("17447172f62cf13e"),
                HEX.parseHex("e1763cf28cc2e584588800193137ec92"), HEX.parseHex("d53c02758b376066fad0af7daa6df765"));
        assertThat(new String(password, StandardCharsets.US_ASCII)).isEqualTo("63SDwpL17Ens4gph4I1RLw==");
        assertThat(Aka.password("AKAv2-MD5", HEX.parseHex("17447172f62cf13e"),
                HEX.parseHex("e1763cf28cc2e584588800193137ec92"), HEX.parseHex("d53c02758b376066fad0af7daa6df765")))
                .isEqualTo(password);
    }

    /** aka-digest.md §7.1: nonce from TS 35.208 set 1 and the resync auts. */
    @Test
    void testSet1NonceAndAuts() {
        byte[] rand = HEX.parseHex("23553cbe9637a89d218ae64dae47bf35");
        byte[] autn = HEX.parseHex("55f328b43577b9b94a9ffac354dfafb3");
        assertThat(Aka.nonce(rand, autn)).isEqualTo("I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M=");
        byte[] auts = HEX.parseHex("451e8beca42488a6464fad3ec18d");
        assertThat(Aka.encodeAuts(auts)).isEqualTo("RR6L7KQkiKZGT60+wY0=");
        assertThat(Aka.decodeAuts("RR6L7KQkiKZGT60+wY0=")).isEqualTo(auts);
        assertThat(HEX.formatHex(Aka.resynchronisationInfo(rand, auts)))
                .isEqualTo("23553cbe9637a89d218ae64dae47bf35451e8beca42488a6464fad3ec18d");
        assertThatThrownBy(() -> Aka.decodeAuts("AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Aka.Nonce.decode("AAAA")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * aka-digest.md §7.3: AKAv1-MD5 with the 3GPP test algorithm (RES = K xor RAND, 16 octets), REGISTER,
     * qop=auth, nc=00000001.
     */
    @ParameterizedTest(name = "vector {0}")
    @CsvSource({
        "1, 00000000000000000000000000000000, 466058041131504@ims.mnc005.mcc466.3gppnetwork.org, "
                + "ims.mnc005.mcc466.3gppnetwork.org, YD05duxy, AAAAAAAAAAAAAAAAAAAAAAMEBQYHCAAAAAECAwQFBgc=, "
                + "c76c2c281a21c0d6131e667d61a6bdf5",
        "2, 000102030405060708090a0b0c0d0e0f, 450050020150513@ims.mnc005.mcc450.3gppnetwork.org, "
                + "ims.mnc005.mcc450.3gppnetwork.org, v0KBLdbU, AAECAwQFBgcICQoLDA0ODwAAAAAAAAAAAAAAAAAAAAA=, "
                + "c0c4c5a9cfc885bb697aa61a2a2c5466",
    })
    void testAlgorithmVectors(int vector, String randHex, String user, String realm, String cnonce, String nonce,
                              String expected) {
        byte[] k = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] rand = HEX.parseHex(randHex);
        assertThat(HEX.formatHex(Aka.Nonce.decode(nonce).rand())).isEqualTo(randHex);
        byte[] res = new byte[16];
        for (int i = 0; i < 16; i++) {
            res[i] = (byte) (k[i] ^ rand[i]);
        }
        String ha1 = Digest.ha1(user, realm, Aka.akav1Password(res));
        String ha2 = Digest.ha2("REGISTER", "sip:" + realm, "auth", null);
        assertThat(Digest.response(ha1, nonce, "00000001", cnonce, "auth", ha2)).as("vector " + vector)
                .isEqualTo(expected);
    }

    /** aka-digest.md §7.2: the published AUTS (hostapd, TS 35.208 set 20 RAND) through auts and Cx. */
    @Test
    void publishedResyncVector() {
        byte[] rand = HEX.parseHex("9fddc72092c6ad036b6e464789315b78");
        byte[] auts = HEX.parseHex("4f2039392ddd4bb4316ed4a14688");
        String param = Aka.encodeAuts(auts);
        assertThat(param).hasSize(20).endsWith("=");
        assertThat(Aka.decodeAuts(param)).isEqualTo(auts);
        assertThat(HEX.formatHex(Aka.resynchronisationInfo(rand, Aka.decodeAuts(param))))
                .isEqualTo("9fddc72092c6ad036b6e464789315b784f2039392ddd4bb4316ed4a14688");
    }

    /** aka-digest.md §5: ESP keys for the §6 vector. */
    @Test
    void espKeysFromCapturedCkIk() {
        byte[] ck = HEX.parseHex("d53c02758b376066fad0af7daa6df765");
        byte[] ik = HEX.parseHex("e1763cf28cc2e584588800193137ec92");
        assertThat(HEX.formatHex(EspKeys.integrityKey("hmac-sha-1-96", ik)))
                .isEqualTo("e1763cf28cc2e584588800193137ec9200000000");
        assertThat(EspKeys.integrityKey("hmac-md5-96", ik)).isEqualTo(ik);
        assertThat(HEX.formatHex(EspKeys.encryptionKey("des-ede3-cbc", ck)))
                .isEqualTo("d53c02758b376066fad0af7daa6df765d53c02758b376066");
        assertThat(EspKeys.encryptionKey("aes-cbc", ck)).isEqualTo(ck);
        assertThat(EspKeys.encryptionKey("null", ck)).isEmpty();
        assertThatThrownBy(() -> EspKeys.encryptionKey("rot13", ck)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void syncFailureUsesEmptyPassword() {
        // RFC 3310 §3.4: with auts the response is computed over an empty password.
        DigestCredentials c = DigestCredentials.parse("Digest username=\"u@r\", realm=\"r\", nonce=\"n\", "
                + "uri=\"sip:r\", response=\"x\", algorithm=AKAv1-MD5, auts=\"RR6L7KQkiKZGT60+wY0=\"");
        assertThat(c.auts()).contains("RR6L7KQkiKZGT60+wY0=");
        String ha1 = Digest.ha1("u@r", "r", new byte[0]);
        assertThat(ha1).isEqualTo(Digest.md5Hex("u@r:r:"));
    }

    private static SipMessage parse(String resource) {
        try (InputStream in = DigestTest.class.getResourceAsStream("/" + resource)) {
            return SipParser.parse(in.readAllBytes()).message();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
