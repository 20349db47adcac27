package org.imscore.diameter.peer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Heap held by a full duplicate cache: 100,000 answered requests with 400-octet answers, measured as used heap after
 * a full collection, before and after filling. Run by hand ({@code java -cp ... DuplicateCacheFootprint [fresh]});
 * with {@code fresh} every request brings its own Origin-Host string, as one decoded from the wire does when the
 * node cannot substitute the peer's.
 */
final class DuplicateCacheFootprint {

    private static final int ENTRIES = 100_000;
    private static final int ANSWER_OCTETS = 400;

    private DuplicateCacheFootprint() {
    }

    public static void main(String[] args) {
        boolean freshHosts = args.length > 0 && args[0].equals("fresh");
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        String host = "scscf1.ims.mnc001.mcc001.3gppnetwork.org";
        long before = usedAfterGc();
        DuplicateCache cache = new DuplicateCache(clock, Duration.ofMinutes(4), ENTRIES);
        for (int i = 0; i < ENTRIES; i++) {
            String originHost = freshHosts ? String.valueOf(host.toCharArray()) : host;
            DuplicateCache.Key key = new DuplicateCache.Key(originHost, 0x1234_0000 + i);
            cache.register(key);
            byte[] answer = new byte[ANSWER_OCTETS];
            answer[0] = (byte) i;
            cache.answered(key, answer);
        }
        long after = usedAfterGc();
        System.out.printf("%d entries, %d-octet answers, %s hosts: %.1f MB, %d B per entry (%d B over the answer)%n",
                cache.size(), ANSWER_OCTETS, freshHosts ? "fresh" : "shared", (after - before) / 1e6,
                (after - before) / ENTRIES, (after - before) / ENTRIES - ANSWER_OCTETS);
        java.lang.ref.Reference.reachabilityFence(cache);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
