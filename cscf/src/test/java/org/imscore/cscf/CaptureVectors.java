package org.imscore.cscf;

import java.util.HexFormat;
import org.imscore.cscf.cx.AuthScheme;
import org.imscore.cscf.cx.AuthVector;
import org.imscore.cscf.cx.UserProfile;
import org.imscore.cscf.cx.UserProfileXml;
import org.imscore.diameter.codec.DiameterCodec;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.dictionary.Dictionaries;

/** The numbers of the captured registrations (capture/ORIGIN.md), read from the captured Diameter messages. */
public final class CaptureVectors {

    private static final HexFormat HEX = HexFormat.of();

    public static final String REALM = "ims.mnc001.mcc001.3gppnetwork.org";
    public static final String IMPI = "001011234567895@" + REALM;
    public static final String IMPU = "sip:001011234567895@" + REALM;
    public static final String SERVER_NAME = "sip:scscf." + REALM + ":6060";

    /** nonipsec_reg MAA (frame 424). */
    public static final AuthVector.Aka NONIPSEC = new AuthVector.Aka(AuthScheme.AKAV1_MD5,
            HEX.parseHex("f12034a7faa5b4832506ac8033fbea00"), HEX.parseHex("5af6463d521f800031a7688ef7e6d6c5"),
            HEX.parseHex("e5fef11f2119e32d"), HEX.parseHex("b12bd6d3bf809a6cf001a58187353060"),
            HEX.parseHex("66cb51e13b70780e328e43ea52951d3f"));

    /** ipsec_reg MAA (frame 402; aka-digest.md §6). */
    public static final AuthVector.Aka IPSEC = new AuthVector.Aka(AuthScheme.AKAV1_MD5,
            HEX.parseHex("a0944c75ff3c4f0853a2f910aa1f104f"), HEX.parseHex("c6e2f46c8f4280007f3bb9b84b7c3ff6"),
            HEX.parseHex("17447172f62cf13e"), HEX.parseHex("d53c02758b376066fad0af7daa6df765"),
            HEX.parseHex("e1763cf28cc2e584588800193137ec92"));

    private CaptureVectors() {
    }

    public static DiameterMessage diameter(String resource) {
        return new DiameterCodec(Dictionaries.cx()).decode(TestMessages.bytes(resource)).message().orElseThrow();
    }

    /** The user profile of the captured SAA (frame 700): one barred IMSI identity, tel and sip MSISDN identities. */
    public static UserProfile profile() {
        byte[] xml = diameter("nonipsec/700-saa.bin").octets(CxAvps.USER_DATA).orElseThrow();
        return UserProfileXml.parse(new String(xml, java.nio.charset.StandardCharsets.UTF_8));
    }
}
