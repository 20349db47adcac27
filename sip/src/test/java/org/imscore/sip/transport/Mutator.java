package org.imscore.sip.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Makes broken input from valid messages, reproducibly (a fixed seed): cuts, flipped and inserted octets,
 * dropped and doubled lines, wrong numbers, and now and then pure garbage.
 */
final class Mutator {

    private static final byte[] INTERESTING = ":;,<>\"\\\r\n\t =@[]%/0123456789-".getBytes(StandardCharsets.US_ASCII);

    private static final String[] NUMBERS = {"-1", "99999999999", "4294967296", "0", "70000", "9000", "", "1e3",
        "00000000000000000001"};
    private static final String[] NUMBER_PREFIXES = {"Content-Length: ", "CSeq: ", "Max-Forwards: "};
    private static final Pattern[] NUMBER_FIELDS = {Pattern.compile("Content-Length: \\d+"),
        Pattern.compile("CSeq: \\d+"), Pattern.compile("Max-Forwards: \\d+"), Pattern.compile(":\\d{4,5};")};

    private final Random random;
    private final List<byte[]> seeds;

    Mutator(long seed, List<String> messages) {
        this.random = new Random(seed);
        this.seeds = messages.stream().map(m -> m.getBytes(StandardCharsets.UTF_8)).toList();
    }

    byte[] seed() {
        return seeds.get(random.nextInt(seeds.size()));
    }

    /** One broken (or, rarely, still valid) message. */
    byte[] next() {
        byte[] b = seed();
        int ops = 1 + random.nextInt(3);
        for (int i = 0; i < ops; i++) {
            b = mutate(b);
        }
        return b;
    }

    private byte[] mutate(byte[] b) {
        return switch (random.nextInt(10)) {
            case 0, 1 -> truncate(b);
            case 2 -> flip(b);
            case 3 -> insert(b);
            case 4 -> delete(b);
            case 5 -> dropLine(b);
            case 6 -> doubleLine(b);
            case 7 -> wrongNumber(b);
            case 8 -> splice(b, seed());
            default -> random.nextInt(4) == 0 ? garbage() : flip(b);
        };
    }

    private byte[] truncate(byte[] b) {
        return slice(b, 0, random.nextInt(b.length + 1));
    }

    private byte[] flip(byte[] b) {
        byte[] c = b.clone();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n && c.length > 0; i++) {
            int at = random.nextInt(c.length);
            c[at] = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
        }
        return c;
    }

    private byte[] insert(byte[] b) {
        int at = random.nextInt(b.length + 1);
        byte[] ins = new byte[1 + random.nextInt(8)];
        for (int i = 0; i < ins.length; i++) {
            ins[i] = INTERESTING[random.nextInt(INTERESTING.length)];
        }
        return concat(slice(b, 0, at), ins, slice(b, at, b.length));
    }

    private byte[] delete(byte[] b) {
        if (b.length == 0) {
            return b;
        }
        int from = random.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + random.nextInt(20));
        return concat(slice(b, 0, from), slice(b, to, b.length));
    }

    private byte[] dropLine(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String[] lines = s.split("\r\n", -1);
        if (lines.length < 2) {
            return b;
        }
        int drop = random.nextInt(lines.length);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i != drop) {
                out.append(lines[i]).append(i < lines.length - 1 ? "\r\n" : "");
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] doubleLine(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String[] lines = s.split("\r\n", -1);
        int dup = random.nextInt(lines.length);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(lines[i]).append(i < lines.length - 1 ? "\r\n" : "");
            if (i == dup && i < lines.length - 1) {
                out.append(lines[i]).append("\r\n");
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] wrongNumber(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String replacement = NUMBERS[random.nextInt(NUMBERS.length)];
        int t = random.nextInt(NUMBER_FIELDS.length);
        String prefix = t < NUMBER_PREFIXES.length ? NUMBER_PREFIXES[t] : ":";
        String suffix = t < NUMBER_PREFIXES.length ? "" : ";";
        return NUMBER_FIELDS[t].matcher(s).replaceFirst(prefix + replacement + suffix).getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] splice(byte[] a, byte[] b) {
        return concat(slice(a, 0, random.nextInt(a.length + 1)), slice(b, random.nextInt(b.length + 1), b.length));
    }

    private byte[] garbage() {
        byte[] g = new byte[random.nextInt(600)];
        random.nextBytes(g);
        return g;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private static byte[] slice(byte[] b, int from, int to) {
        byte[] c = new byte[to - from];
        System.arraycopy(b, from, c, 0, c.length);
        return c;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
