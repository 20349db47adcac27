package org.imscore.diameter.codec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import io.netty.buffer.ByteBuf;
import org.imscore.diameter.dictionary.AvpCode;
import org.imscore.diameter.dictionary.AvpDefinition;
import org.imscore.diameter.dictionary.AvpKey;
import org.imscore.diameter.dictionary.AvpType;
import org.imscore.diameter.dictionary.Dictionary;

/**
 * One AVP (RFC 6733 section 4.1): code, flag octet, vendor id (present on the wire when the V bit is
 * set) and the payload octets without padding. Immutable; the payload is kept as received, so an AVP
 * re-encodes to the same bytes whatever its type and whether or not any dictionary knows it.
 * Typed readers ({@link #utf8()}, {@link #unsigned32()}, ...) answer empty when the payload does not have
 * that format. A grouped AVP is an {@link AvpContainer} of its members.
 *
 * <p>Thread-safe. The UTF-8 text and the members of a grouped payload are decoded on first read and
 * kept: a Cx handler reads Origin-Host, Session-Id or a group's members several times per message, and
 * each decoding costs a new String or list. The caches are volatile so they are published safely; two
 * threads racing on the first read decode the same value twice and keep either.
 */
public final class Avp implements AvpContainer {

    public static final int FLAG_VENDOR = 0x80;
    public static final int FLAG_MANDATORY = 0x40;
    public static final int FLAG_PROTECTED = 0x20;

    /** Seconds from the NTP epoch (1900-01-01) to the Unix epoch, for the Time format (RFC 6733 4.3.1). */
    private static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;

    private final int code;
    private final int flags;
    private final int vendorId;
    private final byte[] buffer;
    private final int offset;
    private final int length;
    /** Non-zero padding octets as received (RFC 6733 says zero; kept so re-encoding is exact), else null. */
    private final byte[] padding;
    /** The payload as text once {@link #utf8()} found it valid, else null (not read yet, or not UTF-8). */
    private volatile String text;
    /** The members once {@link #avps()} or the validator decoded a well-formed group, else null. */
    private volatile List<Avp> members;

    /** An AVP from its raw parts; the V bit in {@code flags} decides whether {@code vendorId} is encoded. */
    public Avp(int code, int flags, int vendorId, byte[] data) {
        this(code, flags & 0xFF, vendorId, data.clone(), 0, data.length);
    }

    /** Shares {@code buffer} without copying: only the decoder, which never hands the array out, uses it. */
    Avp(int code, int flags, int vendorId, byte[] buffer, int offset, int length) {
        this(code, flags, vendorId, buffer, offset, length, null);
    }

    Avp(int code, int flags, int vendorId, byte[] buffer, int offset, int length, byte[] padding) {
        this.code = code;
        this.flags = flags;
        this.vendorId = vendorId;
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.padding = padding;
    }

    // ---- factories from a dictionary definition: flags follow the definition -----------------------

    public static Avp octets(AvpDefinition def, byte[] value) {
        return new Avp(def.code(), def.defaultFlags(), def.vendorId(), value);
    }

    /** UTF8String, DiameterIdentity and DiameterURI values. */
    public static Avp utf8(AvpDefinition def, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return new Avp(def.code(), def.defaultFlags(), def.vendorId(), bytes, 0, bytes.length);
    }

    public static Avp unsigned32(AvpDefinition def, long value) {
        return ofInt(def, (int) value);
    }

    public static Avp integer32(AvpDefinition def, int value) {
        return ofInt(def, value);
    }

    public static Avp enumerated(AvpDefinition def, int value) {
        return ofInt(def, value);
    }

    /** Integer64 and Unsigned64 (the 64 bits as given). */
    public static Avp integer64(AvpDefinition def, long value) {
        byte[] b = ByteBuffer.allocate(8).putLong(value).array();
        return new Avp(def.code(), def.defaultFlags(), def.vendorId(), b, 0, 8);
    }

    /** Unsigned64: the 64 bits of {@code value} (read back with {@link #integer64()}). */
    public static Avp unsigned64(AvpDefinition def, long value) {
        return integer64(def, value);
    }

    public static Avp float32(AvpDefinition def, float value) {
        return ofInt(def, Float.floatToRawIntBits(value));
    }

    public static Avp float64(AvpDefinition def, double value) {
        return integer64(def, Double.doubleToRawLongBits(value));
    }

    /** Address format: 2-octet IANA family (1 IPv4, 2 IPv6) then the address (RFC 6733 4.3.1). */
    public static Avp address(AvpDefinition def, InetAddress value) {
        byte[] addr = value.getAddress();
        byte[] b = new byte[2 + addr.length];
        b[1] = (byte) (addr.length == 4 ? 1 : 2);
        System.arraycopy(addr, 0, b, 2, addr.length);
        return new Avp(def.code(), def.defaultFlags(), def.vendorId(), b, 0, b.length);
    }

    /** Time format: seconds since 1900-01-01 UTC in 32 bits (RFC 6733 4.3.1). */
    public static Avp time(AvpDefinition def, Instant value) {
        return ofInt(def, (int) (value.getEpochSecond() + NTP_TO_UNIX_SECONDS));
    }

    public static Avp grouped(AvpDefinition def, List<Avp> members) {
        int size = 0;
        for (Avp m : members) {
            size += m.encodedLength();
        }
        byte[] b = new byte[size];
        int pos = 0;
        for (Avp m : members) {
            pos = m.writeTo(b, pos);
        }
        return new Avp(def.code(), def.defaultFlags(), def.vendorId(), b, 0, b.length);
    }

    public static Avp grouped(AvpDefinition def, Avp... members) {
        return grouped(def, List.of(members));
    }

    /** An example of a missing AVP for Failed-AVP: minimum length, all zeroes (RFC 6733 7.5). */
    public static Avp zeroFilled(AvpDefinition def) {
        return new Avp(def.code(), def.defaultFlags(), def.vendorId(), new byte[def.type().minimumLength()]);
    }

    private static Avp ofInt(AvpDefinition def, int value) {
        byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return new Avp(def.code(), def.defaultFlags(), def.vendorId(), b, 0, 4);
    }

    // ---- header -------------------------------------------------------------------------------------

    public int code() {
        return code;
    }

    /** The whole flag octet as received, reserved bits included. */
    public int flags() {
        return flags;
    }

    /** The Vendor-ID field; meaningful (and encoded) only when the V bit is set. */
    public int vendorId() {
        return isVendorSpecific() ? vendorId : 0;
    }

    public boolean isVendorSpecific() {
        return (flags & FLAG_VENDOR) != 0;
    }

    public boolean isMandatory() {
        return (flags & FLAG_MANDATORY) != 0;
    }

    public boolean isProtected() {
        return (flags & FLAG_PROTECTED) != 0;
    }

    public AvpCode key() {
        return new AvpCode(code, vendorId());
    }

    public boolean is(AvpKey key) {
        return key.code() == code && key.vendorId() == vendorId();
    }

    /** Whether this AVP has this code and vendor (0 for an IETF AVP), without making a key. */
    public boolean is(int code, int vendorId) {
        return this.code == code && vendorId() == vendorId;
    }

    /** A copy of this AVP with another flag octet (e.g. to clear M when relaying). */
    public Avp withFlags(int newFlags) {
        return new Avp(code, newFlags & 0xFF, vendorId, buffer, offset, length, padding);
    }

    // ---- payload ------------------------------------------------------------------------------------

    /** A copy of the payload octets (no padding). */
    public byte[] data() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    public int dataLength() {
        return length;
    }

    public int headerLength() {
        return isVendorSpecific() ? 12 : 8;
    }

    /** The AVP Length field: header plus payload, without padding. */
    public int avpLength() {
        return headerLength() + length;
    }

    /** Octets on the wire including the padding to a 4-octet boundary. */
    public int encodedLength() {
        return (avpLength() + 3) & ~3;
    }

    /** The payload as UTF-8 text, empty when it is not valid UTF-8. */
    public Optional<String> utf8() {
        String value = utf8OrNull();
        return value == null ? Optional.empty() : Optional.of(value);
    }

    /**
     * The payload as text, null when it is not valid UTF-8. Validated in place and decoded by the String
     * constructor: a CharsetDecoder with its byte and char buffers cost three times the String itself.
     */
    String utf8OrNull() {
        String value = text;
        if (value == null && isValidUtf8()) {
            value = new String(buffer, offset, length, StandardCharsets.UTF_8);
            text = value;
        }
        return value;
    }

    public OptionalLong unsigned32() {
        return length == 4 ? OptionalLong.of(readInt() & 0xFFFF_FFFFL) : OptionalLong.empty();
    }

    /** Integer32 and Enumerated. */
    public OptionalInt integer32() {
        return length == 4 ? OptionalInt.of(readInt()) : OptionalInt.empty();
    }

    /** Integer64 and Unsigned64: the 64 bits. */
    public OptionalLong integer64() {
        return length == 8 ? OptionalLong.of(ByteBuffer.wrap(buffer, offset, 8).getLong()) : OptionalLong.empty();
    }

    public OptionalDouble float32() {
        return length == 4 ? OptionalDouble.of(Float.intBitsToFloat(readInt())) : OptionalDouble.empty();
    }

    public OptionalDouble float64() {
        OptionalLong bits = integer64();
        return bits.isPresent() ? OptionalDouble.of(Double.longBitsToDouble(bits.getAsLong())) : OptionalDouble.empty();
    }

    /** IPv4 (family 1) and IPv6 (family 2) addresses; empty for other families or wrong lengths. */
    public Optional<InetAddress> address() {
        if (length < 2) {
            return Optional.empty();
        }
        int family = ((buffer[offset] & 0xFF) << 8) | (buffer[offset + 1] & 0xFF);
        int expected = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (expected < 0 || length - 2 != expected) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(buffer, offset + 2, offset + length)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public Optional<Instant> time() {
        OptionalLong seconds = unsigned32();
        return seconds.isPresent()
                ? Optional.of(Instant.ofEpochSecond(seconds.getAsLong() - NTP_TO_UNIX_SECONDS))
                : Optional.empty();
    }

    /**
     * The members when the payload is a well-formed AVP sequence, else an empty list
     * ({@link AvpDecoder} reports why when validating).
     */
    @Override
    public List<Avp> avps() {
        List<Avp> decoded = members;
        if (decoded == null) {
            AvpDecoder.Result result = decodeMembers();
            decoded = result.failure() == null ? result.avps() : List.of();
        }
        return decoded;
    }

    /** Members of a grouped payload, with the failure when it does not parse; kept when they parse. */
    AvpDecoder.Result decodeMembers() {
        List<Avp> decoded = members;
        if (decoded != null) {
            return new AvpDecoder.Result(decoded, null);
        }
        AvpDecoder.Result result = AvpDecoder.decode(buffer, offset, offset + length);
        if (result.failure() == null) {
            members = result.avps();
        }
        return result;
    }

    /** Whether the payload is well-formed UTF-8 (RFC 3629), checked in place. */
    boolean isValidUtf8() {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = buffer[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int extra;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                extra = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + extra >= end) {
                return false;
            }
            int cp = b & (0x3F >> extra);
            for (int k = 1; k <= extra; k++) {
                int c = buffer[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }

    /** Whether the payload parses as a sequence of AVPs, i.e. this can be a grouped AVP. */
    public boolean isWellFormedGroup() {
        return decodeMembers().failure() == null;
    }

    private int readInt() {
        return ((buffer[offset] & 0xFF) << 24) | ((buffer[offset + 1] & 0xFF) << 16)
                | ((buffer[offset + 2] & 0xFF) << 8) | (buffer[offset + 3] & 0xFF);
    }

    // ---- encoding -----------------------------------------------------------------------------------

    /** Writes this AVP with zero padding at {@code pos}; returns the position after it. */
    int writeTo(byte[] out, int pos) {
        int avpLength = avpLength();
        putInt(out, pos, code);
        out[pos + 4] = (byte) flags;
        out[pos + 5] = (byte) (avpLength >>> 16);
        out[pos + 6] = (byte) (avpLength >>> 8);
        out[pos + 7] = (byte) avpLength;
        int p = pos + 8;
        if (isVendorSpecific()) {
            putInt(out, p, vendorId);
            p += 4;
        }
        System.arraycopy(buffer, offset, out, p, length);
        p += length;
        int end = pos + encodedLength();
        if (padding != null) {
            System.arraycopy(padding, 0, out, p, end - p);
        } else {
            Arrays.fill(out, p, end, (byte) 0);
        }
        return end;
    }

    /** Writes this AVP as {@link #writeTo(byte[], int)} does, at the writer index of {@code out}. */
    void writeTo(ByteBuf out) {
        int avpLength = avpLength();
        out.writeInt(code);
        out.writeByte(flags);
        out.writeMedium(avpLength);
        if (isVendorSpecific()) {
            out.writeInt(vendorId);
        }
        out.writeBytes(buffer, offset, length);
        int paddingLength = encodedLength() - avpLength;
        if (padding != null) {
            out.writeBytes(padding, 0, paddingLength);
        } else {
            out.writeZero(paddingLength);
        }
    }

    static void putInt(byte[] out, int pos, int value) {
        out[pos] = (byte) (value >>> 24);
        out[pos + 1] = (byte) (value >>> 16);
        out[pos + 2] = (byte) (value >>> 8);
        out[pos + 3] = (byte) value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Avp other && code == other.code && flags == other.flags
                && vendorId() == other.vendorId()
                && Arrays.equals(buffer, offset, offset + length, other.buffer, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = 31 * code + flags;
        h = 31 * h + vendorId();
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + buffer[i];
        }
        return h;
    }

    @Override
    public String toString() {
        String value = length <= 64 ? HexFormat.of().formatHex(buffer, offset, offset + length)
                : HexFormat.of().formatHex(buffer, offset, offset + 64) + "...";
        return "AVP " + key() + " f=0x" + Integer.toHexString(flags) + " l=" + avpLength() + " " + value;
    }

    /** A readable form using the dictionary's names and types, for logs. */
    public String describe(Dictionary dictionary) {
        return dictionary.avp(code, vendorId())
                .map(def -> def.name() + "=" + formatValue(def, dictionary))
                .orElse(toString());
    }

    private String formatValue(AvpDefinition def, Dictionary dictionary) {
        AvpType type = def.type();
        return switch (type) {
            case UTF8_STRING, DIAMETER_IDENTITY, DIAMETER_URI -> utf8().map(s -> '"' + s + '"').orElse("<invalid>");
            case UNSIGNED32 -> unsigned32().isPresent() ? Long.toString(unsigned32().getAsLong()) : "<invalid>";
            case INTEGER32 -> integer32().isPresent() ? Integer.toString(integer32().getAsInt()) : "<invalid>";
            case ENUMERATED -> integer32().isPresent()
                    ? def.enumName(integer32().getAsInt()).orElse("") + "(" + integer32().getAsInt() + ")" : "<invalid>";
            case GROUPED -> avps().stream().map(a -> a.describe(dictionary)).toList().toString();
            default -> HexFormat.of().formatHex(buffer, offset, offset + Math.min(length, 64));
        };
    }
}
