package org.imscore.benchmarks.diameter;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.imscore.diameter.codec.DecodeResult;
import org.imscore.diameter.codec.DiameterCodec;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.cx.Cx;
import org.imscore.diameter.cx.CxRequestHeader;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.cx.MultimediaAuthAnswer;
import org.imscore.diameter.cx.MultimediaAuthRequest;
import org.imscore.diameter.cx.ServerAssignmentAnswer;
import org.imscore.diameter.cx.ServerAssignmentRequest;
import org.imscore.diameter.cx.ServerAssignmentType;
import org.imscore.diameter.cx.SipAuthDataItem;
import org.imscore.diameter.dictionary.Dictionaries;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encode and decode of the Cx messages a registration costs the HSS: MAR/MAA (AKA vector) and
 * SAR/SAA (with a 2 KiB user profile, the size of the SAA in the reference capture). Decoding a
 * request includes the grammar validation the peer layer runs on every request. The {@code receive*}
 * benchmarks decode and then read what the receiving side reads: the peer layer's Origin-Host and
 * Result-Code, and the typed command ({@code MultimediaAuthRequest.from}, ...) a Cx handler or client makes.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar CxCodecBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CxCodecBenchmark {

    private final DiameterCodec codec = new DiameterCodec(Dictionaries.cx());
    private DiameterMessage mar;
    private DiameterMessage maa;
    private DiameterMessage sar;
    private DiameterMessage saa;
    private byte[] marBytes;
    private byte[] maaBytes;
    private byte[] sarBytes;
    private byte[] saaBytes;

    @Setup
    public void setUp() {
        CxRequestHeader header = CxRequestHeader.of("scscf.ims.mnc001.mcc001.3gppnetwork.org;2403456052;1",
                "scscf.ims.mnc001.mcc001.3gppnetwork.org", "ims.mnc001.mcc001.3gppnetwork.org", null,
                "ims.mnc001.mcc001.3gppnetwork.org");
        String impi = "001011234567895@ims.mnc001.mcc001.3gppnetwork.org";
        String impu = "sip:" + impi;
        String server = "sip:scscf.ims.mnc001.mcc001.3gppnetwork.org:6060";
        HexFormat hex = HexFormat.of();
        mar = new MultimediaAuthRequest(header, impi, impu, SipAuthDataItem.request(Cx.SCHEME_AKAV1_MD5), 1, server,
                List.of()).toMessage().toBuilder().hopByHopId(1).endToEndId(2).build();
        maa = new MultimediaAuthAnswer(CxResult.SUCCESS, Optional.of(impi), Optional.of(impu), OptionalLong.of(1),
                List.of(SipAuthDataItem.akaVector(1, Cx.SCHEME_AKAV1_MD5,
                        hex.parseHex("a0944c75ff3c4f0853a2f910aa1f104fc6e2f46c8f4280007f3bb9b84b7c3ff6"),
                        hex.parseHex("17447172f62cf13e"), hex.parseHex("d53c02758b376066fad0af7daa6df765"),
                        hex.parseHex("e1763cf28cc2e584588800193137ec92"))))
                .toMessage(mar, "hss.ims.mnc001.mcc001.3gppnetwork.org", "ims.mnc001.mcc001.3gppnetwork.org");
        sar = new ServerAssignmentRequest(header, Optional.of(impi), List.of(impu), Optional.empty(), server,
                ServerAssignmentType.REGISTRATION.value(), false, OptionalInt.empty(), OptionalLong.empty(), List.of())
                .toMessage().toBuilder().hopByHopId(3).endToEndId(4).build();
        saa = new ServerAssignmentAnswer(CxResult.SUCCESS, Optional.of(impi), Optional.of(profile(impu)),
                Optional.empty(), List.of(), OptionalInt.empty(), Optional.empty())
                .toMessage(sar, "hss.ims.mnc001.mcc001.3gppnetwork.org", "ims.mnc001.mcc001.3gppnetwork.org");
        marBytes = codec.encode(mar);
        maaBytes = codec.encode(maa);
        sarBytes = codec.encode(sar);
        saaBytes = codec.encode(saa);
        for (byte[] b : List.of(marBytes, maaBytes, sarBytes, saaBytes)) {
            if (!codec.decode(b).isSuccess()) {
                throw new IllegalStateException("benchmark input does not decode cleanly");
            }
        }
    }

    private static String profile(String impu) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><IMSSubscription>"
                + "<PrivateID>alice</PrivateID><ServiceProfile><PublicIdentity><Identity>" + impu
                + "</Identity></PublicIdentity>");
        while (xml.length() < 2000) {
            xml.append("<InitialFilterCriteria><Priority>0</Priority><TriggerPoint><ConditionTypeCNF>0"
                    + "</ConditionTypeCNF><SPT><Method>INVITE</Method></SPT></TriggerPoint><ApplicationServer>"
                    + "<ServerName>sip:as.ims.test</ServerName></ApplicationServer></InitialFilterCriteria>");
        }
        return xml.append("</ServiceProfile></IMSSubscription>").toString();
    }

    @Benchmark
    public byte[] encodeMar() {
        return codec.encode(mar);
    }

    @Benchmark
    public DecodeResult decodeMar() {
        return codec.decode(marBytes);
    }

    @Benchmark
    public byte[] encodeMaa() {
        return codec.encode(maa);
    }

    @Benchmark
    public DecodeResult decodeMaa() {
        return codec.decode(maaBytes);
    }

    @Benchmark
    public byte[] encodeSar() {
        return codec.encode(sar);
    }

    @Benchmark
    public DecodeResult decodeSar() {
        return codec.decode(sarBytes);
    }

    @Benchmark
    public byte[] encodeSaa() {
        return codec.encode(saa);
    }

    @Benchmark
    public DecodeResult decodeSaa() {
        return codec.decode(saaBytes);
    }

    @Benchmark
    public void receiveMar(Blackhole bh) {
        DiameterMessage m = received(codec.decode(marBytes), bh);
        bh.consume(MultimediaAuthRequest.from(m).orElseThrow());
    }

    @Benchmark
    public void receiveMaa(Blackhole bh) {
        DiameterMessage m = received(codec.decode(maaBytes), bh);
        bh.consume(MultimediaAuthAnswer.from(m).orElseThrow());
    }

    @Benchmark
    public void receiveSar(Blackhole bh) {
        DiameterMessage m = received(codec.decode(sarBytes), bh);
        bh.consume(ServerAssignmentRequest.from(m).orElseThrow());
    }

    @Benchmark
    public void receiveSaa(Blackhole bh) {
        DiameterMessage m = received(codec.decode(saaBytes), bh);
        bh.consume(ServerAssignmentAnswer.from(m).orElseThrow());
    }

    /** What the peer layer reads of every message before a handler sees it: routing and the result. */
    private static DiameterMessage received(DecodeResult result, Blackhole bh) {
        DiameterMessage m = result.message().orElseThrow();
        bh.consume(result.failures().isEmpty());
        bh.consume(m.originHost().orElseThrow());
        bh.consume(m.isRequest() ? m.destinationRealm() : m.resultCode());
        return m;
    }
}
