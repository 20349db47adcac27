package org.imscore.aka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of the reference note on IMS-AKA (its §6 real-traffic derivation and §7 further numbers),
 * recomputed with this module. The SIP Digest arithmetic on top (MD5, HMAC-MD5) is done here with the JDK only to
 * show that our RES/CK/IK are the bytes the phone used; the Digest code itself lives in the SIP layer.
 */
class AkaDigestExamplesTest {

    private static final Octets CAPTURE_K = Octets.fromHex("8baf473f2f8fd09487cccbd7097c6862");
    private static final Octets CAPTURE_OPC = Octets.fromHex("8e27b6af0e692e750f32667a3b14605d");
    private static final Octets CAPTURE_RAND = Octets.fromHex("a0944c75ff3c4f0853a2f910aa1f104f");
    private static final Octets CAPTURE_AUTN = Octets.fromHex("c6e2f46c8f4280007f3bb9b84b7c3ff6");

    private static final Octets SET1_K = Octets.fromHex("465b5ce8b199b49faa5f0a2ee238a6bc");
    private static final Octets SET1_OPC = Octets.fromHex("cd63cb71954a9f4e48a5994e37a02baf");
    private static final Octets SET1_RAND = Octets.fromHex("23553cbe9637a89d218ae64dae47bf35");

    @Test
    void section6RealRegistrationDigestResponseUsesRawRes() throws Exception {
        Usim usim = new Usim(CAPTURE_K, CAPTURE_OPC, SqnScheme.DEFAULT);
        UsimResult.Authenticated ok = (UsimResult.Authenticated) usim.authenticate(CAPTURE_RAND, CAPTURE_AUTN);
        assertThat(ok.res()).isEqualTo(Octets.fromHex("17447172f62cf13e"));

        String impi = "001011234567893@ims.mnc001.mcc001.3gppnetwork.org";
        String realm = "ims.mnc001.mcc001.3gppnetwork.org";
        String nonce = Base64.getEncoder().encodeToString(CAPTURE_RAND.concat(CAPTURE_AUTN).toByteArray());
        assertThat(nonce).isEqualTo("oJRMdf88TwhTovkQqh8QT8bi9GyPQoAAfzu5uEt8P/Y=");

        String ha1 = md5Hex(concat((impi + ":" + realm + ":").getBytes(StandardCharsets.US_ASCII),
                ok.res().toByteArray()));
        assertThat(ha1).isEqualTo("5d70b20a7133bf4b64f5dc37310154fb");
        String ha2 = md5Hex(("REGISTER:sip:" + realm + ":d41d8cd98f00b204e9800998ecf8427e")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(ha2).isEqualTo("050bbbfef45dc8fabb4f60f5fcb4de79");
        String response = md5Hex((ha1 + ":" + nonce + ":00000001:a61fbe8516b77984b522256da5f7c32f:auth-int:" + ha2)
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(response).isEqualTo("63175c06a7a88bd479f5c9f714487476");
    }

    @Test
    void section6UsimTakesTheBase64NonceWithServerDataAppended() {
        Usim usim = new Usim(CAPTURE_K, CAPTURE_OPC, SqnScheme.DEFAULT);
        Octets nonce = Octets.of(Base64.getDecoder().decode("oJRMdf88TwhTovkQqh8QT8bi9GyPQoAAfzu5uEt8P/Y="))
                .concat(Octets.fromHex("0102"));
        assertThat(usim.authenticate(nonce)).isInstanceOfSatisfying(UsimResult.Authenticated.class,
                ok -> assertThat(ok.res()).isEqualTo(Octets.fromHex("17447172f62cf13e")));
    }

    @Test
    void section3AkaV2PasswordFromTheCapturedVector() throws Exception {
        Usim usim = new Usim(CAPTURE_K, CAPTURE_OPC, SqnScheme.DEFAULT);
        UsimResult.Authenticated ok = (UsimResult.Authenticated) usim.authenticate(CAPTURE_RAND, CAPTURE_AUTN);
        // RFC 4169: password = base64(HMAC-MD5(key = RES || IK || CK, "http-digest-akav2-password"))
        Mac hmac = Mac.getInstance("HmacMD5");
        hmac.init(new SecretKeySpec(ok.res().concat(ok.ik()).concat(ok.ck()).toByteArray(), "HmacMD5"));
        byte[] password = hmac.doFinal("http-digest-akav2-password".getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64.getEncoder().encodeToString(password)).isEqualTo("63SDwpL17Ens4gph4I1RLw==");
    }

    @Test
    void section6NonIpsecCaptureXres() {
        Usim usim = new Usim(CAPTURE_K, CAPTURE_OPC, SqnScheme.DEFAULT);
        UsimResult result = usim.authenticate(Octets.fromHex("f12034a7faa5b4832506ac8033fbea00"),
                Octets.fromHex("5af6463d521f800031a7688ef7e6d6c5"));
        assertThat(result).isInstanceOfSatisfying(UsimResult.Authenticated.class,
                ok -> assertThat(ok.res()).isEqualTo(Octets.fromHex("e5fef11f2119e32d")));
    }

    @Test
    void section71TestSet1VectorAndNonce() {
        SubscriberKeys keys = new SubscriberKeys(SET1_K, SET1_OPC, Octets.fromHex("b9b9"));
        AuthenticationVector vector = new AuthenticationCenter(SqnScheme.DEFAULT, TestData.fixedRand(SET1_RAND))
                .generate(keys, Sqn.fromHex("ff9bb4d0b607"));

        assertThat(Octets.of(keys.milenage().f5(SET1_RAND.toByteArray()))).isEqualTo(Octets.fromHex("aa689c648370"));
        assertThat(vector.autn()).isEqualTo(Octets.fromHex("55f328b43577b9b94a9ffac354dfafb3"));
        assertThat(vector.xres()).isEqualTo(Octets.fromHex("a54211d5e3ba50bf"));
        assertThat(Base64.getEncoder().encodeToString(vector.sipAuthenticate().toByteArray()))
                .isEqualTo("I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M=");
    }

    @Test
    void section71ResyncWithChosenSqnMs() {
        Milenage milenage = Milenage.withOpc(SET1_K.toByteArray(), SET1_OPC.toByteArray());
        Sqn sqnMs = Sqn.fromHex("00000000001f");

        assertThat(Octets.of(milenage.f5Star(SET1_RAND.toByteArray()))).isEqualTo(Octets.fromHex("451e8beca43b"));
        assertThat(Octets.of(milenage.f1Star(SET1_RAND.toByteArray(), sqnMs.toOctets().toByteArray(), new byte[2])))
                .as("MAC-S with AMF* = 0000").isEqualTo(Octets.fromHex("88a6464fad3ec18d"));
        Auts auts = Auts.compute(milenage, SET1_RAND, sqnMs);
        assertThat(auts).isEqualTo(Auts.fromHex("451e8beca42488a6464fad3ec18d"));
        assertThat(Base64.getEncoder().encodeToString(auts.octets().toByteArray())).isEqualTo("RR6L7KQkiKZGT60+wY0=");

        Octets sipAuthorization = SET1_RAND.concat(auts.octets());
        assertThat(sipAuthorization)
                .isEqualTo(Octets.fromHex("23553cbe9637a89d218ae64dae47bf35451e8beca42488a6464fad3ec18d"));

        // The HSS side of the same example, starting from the 30 octets of the MAR.
        SubscriberKeys keys = new SubscriberKeys(SET1_K, SET1_OPC, Octets.fromHex("8000"));
        // With a 5-bit IND, SQN_MS 0x1f is SEQ 0 || IND 31: the HE's next SEQ (1) is already fresh, keep it.
        assertThat(new AuthenticationCenter().resynchronise(keys, sipAuthorization, Sqn.ZERO))
                .isEqualTo(new ResyncResult.Resynchronised(sqnMs, Sqn.ZERO));
        // Without IND, SQN_MS 0x1f is SEQ 31: the HE at SEQ 0 is behind and continues from SQN_MS.
        AuthenticationCenter noInd = new AuthenticationCenter(SqnScheme.withIndBits(0), RandSource.secure());
        assertThat(noInd.resynchronise(keys, sipAuthorization, Sqn.ZERO))
                .isEqualTo(new ResyncResult.Resynchronised(sqnMs, sqnMs));
    }

    @Test
    void section72PublishedHostapdAuts() {
        SubscriberKeys keys = new SubscriberKeys(Octets.fromHex("90dca4eda45b53cf0f12d7c9c3bc6a89"),
                Octets.fromHex("cb9cccc4b9258e6dca4760379fb82581"), Octets.fromHex("8000"));
        Octets rand = Octets.fromHex("9fddc72092c6ad036b6e464789315b78");
        Auts auts = Auts.fromHex("4f2039392ddd4bb4316ed4a14688");

        assertThat(Octets.of(keys.milenage().f5Star(rand.toByteArray()))).isEqualTo(Octets.fromHex("4f2039392ddc"));
        Sqn lastIssued = Sqn.fromHex("000000000000");
        ResyncResult result = new AuthenticationCenter().resynchronise(keys, rand, auts, lastIssued);
        assertThat(result).isEqualTo(new ResyncResult.Resynchronised(Sqn.fromHex("000000000001"), lastIssued));
    }

    private static String md5Hex(byte[] input) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(input));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
