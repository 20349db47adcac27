package org.imscore.benchmarks.cscf;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.imscore.cscf.regevent.RegEventConfig;
import org.imscore.cscf.regevent.RegEventNotifier;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.cscf.regevent.RegStateSource;
import org.imscore.cscf.state.Token;
import org.imscore.sip.codec.SipParser;
import org.imscore.sip.message.SipRequest;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The S-CSCF's reg-event work for one registration while {@code subscribers} users are registered and each is
 * watched by the P-CSCF (one subscription per user, as after a registration benchmark's first pass):
 * {@link RegEventNotifier#stateChanged} for one user's refreshed contact, which yields that user's partial NOTIFY.
 * Its cost must not grow with the number of subscriptions. Single-threaded: scores are per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RegEventNotifierBenchmark {

    private static final String DOMAIN = "ims.example.net";

    @Param({"100", "10000"})
    public int subscribers;

    private final Map<String, List<RegInfo.Registration>> registered = new HashMap<>();
    private RegEventNotifier notifier;
    private List<RegInfo.Registration> refreshed;
    private long cseq;

    @Setup
    public void setUp() {
        RegStateSource source = new RegStateSource() {
            @Override
            public List<RegInfo.Registration> registrations(String aorKey) {
                return registered.getOrDefault(aorKey, List.of());
            }

            @Override
            public boolean mayWatch(String aorKey, Uri watcher) {
                return true;
            }
        };
        AtomicLong tags = new AtomicLong();
        notifier = new RegEventNotifier(RegEventConfig.defaults(SipUri.parse("sip:scscf." + DOMAIN + ":6060")), source,
                Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC),
                () -> 0x5eed0000_0000L + tags.incrementAndGet());
        for (int i = 0; i < subscribers; i++) {
            String aor = impu(i);
            registered.put(aor, List.of(registration(aor, i, RegInfo.ContactEvent.REGISTERED, 1)));
            SipRequest subscribe = subscribe(aor, i);
            if (notifier.subscribe(subscribe).response().statusCode() != 200) {
                throw new IllegalStateException("SUBSCRIBE refused for " + aor);
            }
        }
        refreshed = List.of(registration(impu(subscribers / 2), subscribers / 2, RegInfo.ContactEvent.REFRESHED, 2));
    }

    /** One user re-registers: its watcher gets a partial NOTIFY (the contact's CSeq changed, so there is one). */
    @Benchmark
    public List<RegEventNotifier.Notify> stateChangedForOneUser() {
        RegInfo.Registration r = refreshed.get(0);
        RegInfo.Contact c = r.contacts().get(0);
        RegInfo.Contact next = new RegInfo.Contact(c.id(), c.state(), c.event(), c.uri(), c.displayName(),
                c.expires(), c.retryAfter(), c.durationRegistered(), c.q(), c.callId(), OptionalLong.of(++cseq),
                c.unknownParams());
        return notifier.stateChanged(List.of(new RegInfo.Registration(r.aor(), r.id(), r.state(), List.of(next))));
    }

    private static String impu(int i) {
        return String.format("sip:00101%010d@%s", i, DOMAIN);
    }

    private static RegInfo.Registration registration(String aor, int i, RegInfo.ContactEvent event, long cseq) {
        // Ids as the registrar makes them: tokens' text.
        RegInfo.Contact contact = new RegInfo.Contact(Token.text(0xc0000000L + i), RegInfo.ContactState.ACTIVE, event,
                "sip:ue" + i + "@127.0.0.1:5070", Optional.empty(), OptionalLong.of(3600), OptionalLong.empty(),
                OptionalLong.empty(), Optional.empty(), Optional.of("reg-" + i), OptionalLong.of(cseq), List.of());
        return new RegInfo.Registration(aor, Token.text(0x70000000L + i), RegInfo.RegistrationState.ACTIVE, List.of(contact));
    }

    /** The P-CSCF's SUBSCRIBE for one user's reg event (TS 24.229 §5.2.3). */
    private static SipRequest subscribe(String aor, int i) {
        String text = "SUBSCRIBE " + aor + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKsub" + i + "\r\n"
                + "From: <sip:pcscf." + DOMAIN + ">;tag=p" + i + "\r\n"
                + "To: <" + aor + ">\r\n"
                + "Call-ID: sub-" + i + "@pcscf\r\n"
                + "CSeq: 1 SUBSCRIBE\r\n"
                + "Max-Forwards: 70\r\n"
                + "Event: reg\r\n"
                + "Accept: application/reginfo+xml\r\n"
                + "Expires: 600000\r\n"
                + "Contact: <sip:127.0.0.1:5060>\r\n"
                + "P-Asserted-Identity: <sip:pcscf." + DOMAIN + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8)).message();
    }
}
