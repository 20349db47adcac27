package org.imscore.diameter.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Splits octets into AVPs (RFC 6733 section 4.1) without a dictionary. Never throws: the first AVP
 * whose length field is impossible ends the walk and becomes a 5014 DIAMETER_INVALID_AVP_LENGTH
 * failure carrying that AVP as far as it could be read.
 */
final class AvpDecoder {

    record Result(List<Avp> avps, DecodeFailure failure) {
    }

    private AvpDecoder() {
    }

    /** The AVPs (an unmodifiable list) and, when the walk ended early, why. */
    static Result decode(byte[] buf, int from, int to) {
        List<Avp> avps = new ArrayList<>(countWellFormed(buf, from, to));
        DecodeFailure failure = walk(buf, from, to, avps);
        return new Result(Collections.unmodifiableList(avps), failure);
    }

    /**
     * How many AVPs the walk will take before it ends or fails: a header-only pass so the list is made at
     * its final size (a Cx request has 10 to 20 AVPs: a default-sized list grows and copies twice).
     */
    private static int countWellFormed(byte[] buf, int from, int to) {
        int count = 0;
        int pos = from;
        while (to - pos >= 8) {
            int avpLength = ((buf[pos + 5] & 0xFF) << 16) | ((buf[pos + 6] & 0xFF) << 8) | (buf[pos + 7] & 0xFF);
            int headerLength = (buf[pos + 4] & Avp.FLAG_VENDOR) != 0 ? 12 : 8;
            if (avpLength < headerLength || avpLength > to - pos) {
                break;
            }
            count++;
            pos += (avpLength + 3) & ~3;
        }
        return count;
    }

    /** Adds the AVPs of {@code buf[from, to)} to {@code avps}; the failure that ended the walk, else null. */
    private static DecodeFailure walk(byte[] buf, int from, int to, List<Avp> avps) {
        int pos = from;
        while (pos < to) {
            int remaining = to - pos;
            if (remaining < 8) {
                // A stub of an AVP: its code when readable, no payload (RFC 6733 7.5 asks for the offending AVP).
                Avp stub = new Avp(remaining >= 4 ? readInt(buf, pos) : 0, 0, 0, new byte[0]);
                return new DecodeFailure(ResultCode.INVALID_AVP_LENGTH,
                        remaining + " octets left after the last AVP, too few for an AVP header", List.of(stub));
            }
            int code = readInt(buf, pos);
            int flags = buf[pos + 4] & 0xFF;
            int avpLength = ((buf[pos + 5] & 0xFF) << 16) | ((buf[pos + 6] & 0xFF) << 8) | (buf[pos + 7] & 0xFF);
            boolean vendor = (flags & Avp.FLAG_VENDOR) != 0;
            int headerLength = vendor ? 12 : 8;
            int vendorId = vendor && remaining >= 12 ? readInt(buf, pos + 8) : 0;
            if (avpLength < headerLength || avpLength > remaining) {
                // RFC 6733 7.5: Failed-AVP carries the offending AVP; we give what the buffer holds.
                int available = Math.max(0, Math.min(remaining, Math.max(avpLength, headerLength)) - headerLength);
                int dataStart = Math.min(pos + headerLength, to);
                Avp offending = new Avp(code, flags, vendorId,
                        Arrays.copyOfRange(buf, dataStart, Math.min(dataStart + available, to)));
                return new DecodeFailure(ResultCode.INVALID_AVP_LENGTH,
                        "AVP " + offending.key() + " has length " + avpLength + " but "
                                + (avpLength < headerLength ? "its header alone takes " + headerLength
                                : "only " + remaining + " octets remain"), List.of(offending));
            }
            int padded = (avpLength + 3) & ~3;
            avps.add(new Avp(code, flags, vendorId, buf, pos + headerLength, avpLength - headerLength,
                    padding(buf, pos + avpLength, Math.min(pos + padded, to), padded - avpLength)));
            // The last AVP of a message may legally be unpadded only if the message is; the header check
            // already demands a multiple of 4, so a short tail is simply the end.
            pos += Math.min(padded, remaining);
        }
        return null;
    }

    /** The padding octets when one is not zero (kept for exact re-encoding), else null. */
    private static byte[] padding(byte[] buf, int from, int to, int fullLength) {
        for (int i = from; i < to; i++) {
            if (buf[i] != 0) {
                byte[] padding = new byte[fullLength];
                System.arraycopy(buf, from, padding, 0, to - from);
                return padding;
            }
        }
        return null;
    }

    static int readInt(byte[] buf, int pos) {
        return ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16)
                | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
    }
}
