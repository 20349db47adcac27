package org.imscore.diameter.codec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.imscore.diameter.dictionary.AvpKey;
import org.imscore.diameter.dictionary.Dictionary;

/**
 * A Diameter message (RFC 6733 section 3): the 20-octet header and the AVPs in wire order. Immutable;
 * make one with {@link #request}, {@link #answerTo} or {@link #toBuilder}. Fields hold exactly what was
 * received (reserved flag bits too), so {@link DiameterCodec#encode} reproduces the received octets.
 */
public final class DiameterMessage implements AvpContainer {

    public static final int FLAG_REQUEST = 0x80;
    public static final int FLAG_PROXIABLE = 0x40;
    public static final int FLAG_ERROR = 0x20;
    public static final int FLAG_RETRANSMITTED = 0x10;

    private final int version;
    private final int flags;
    private final int commandCode;
    private final long applicationId;
    private final int hopByHopId;
    private final int endToEndId;
    private final List<Avp> avps;

    private DiameterMessage(Builder b) {
        this.version = b.version;
        this.flags = b.flags;
        this.commandCode = b.commandCode;
        this.applicationId = b.applicationId;
        this.hopByHopId = b.hopByHopId;
        this.endToEndId = b.endToEndId;
        this.avps = List.copyOf(b.avps);
    }

    /** A received message: {@code avps} is the decoder's unmodifiable list, kept without a copy. */
    private DiameterMessage(int version, int flags, int commandCode, long applicationId, int hopByHopId,
                            int endToEndId, List<Avp> avps) {
        this.version = version;
        this.flags = flags;
        this.commandCode = commandCode;
        this.applicationId = applicationId;
        this.hopByHopId = hopByHopId;
        this.endToEndId = endToEndId;
        this.avps = avps;
    }

    /** The message as {@link DiameterCodec} read it; the header fields are taken as they are on the wire. */
    static DiameterMessage decoded(int version, int flags, int commandCode, long applicationId, int hopByHopId,
                                   int endToEndId, List<Avp> unmodifiableAvps) {
        return new DiameterMessage(version & 0xFF, flags & 0xFF, commandCode & 0xFF_FFFF,
                applicationId & 0xFFFF_FFFFL, hopByHopId, endToEndId, unmodifiableAvps);
    }

    /** A request (R bit set) of this command and application; add P with {@link Builder#proxiable}. */
    public static Builder request(int commandCode, long applicationId) {
        return new Builder().commandCode(commandCode).applicationId(applicationId).request(true);
    }

    /**
     * The answer to {@code request}: same command code, application id, hop-by-hop and end-to-end
     * identifiers, P bit copied, R cleared (RFC 6733 section 6.2). The caller adds Session-Id first and,
     * last, the request's Proxy-Info AVPs in order (section 6.2): {@code addAll(request.findAll(PROXY_INFO))}.
     */
    public static Builder answerTo(DiameterMessage request) {
        Builder b = new Builder()
                .commandCode(request.commandCode)
                .applicationId(request.applicationId)
                .hopByHopId(request.hopByHopId)
                .endToEndId(request.endToEndId)
                .proxiable(request.isProxiable());
        return b;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.version = version;
        b.flags = flags;
        b.commandCode = commandCode;
        b.applicationId = applicationId;
        b.hopByHopId = hopByHopId;
        b.endToEndId = endToEndId;
        b.avps.addAll(avps);
        return b;
    }

    public int version() {
        return version;
    }

    /** The command flag octet as received, reserved bits included. */
    public int flags() {
        return flags;
    }

    public boolean isRequest() {
        return (flags & FLAG_REQUEST) != 0;
    }

    public boolean isProxiable() {
        return (flags & FLAG_PROXIABLE) != 0;
    }

    public boolean isError() {
        return (flags & FLAG_ERROR) != 0;
    }

    public boolean isRetransmitted() {
        return (flags & FLAG_RETRANSMITTED) != 0;
    }

    public int commandCode() {
        return commandCode;
    }

    /** The Application-ID, an unsigned 32-bit value. */
    public long applicationId() {
        return applicationId;
    }

    /** The Hop-by-Hop Identifier (32 raw bits). */
    public int hopByHopId() {
        return hopByHopId;
    }

    /** The End-to-End Identifier (32 raw bits). */
    public int endToEndId() {
        return endToEndId;
    }

    @Override
    public List<Avp> avps() {
        return avps;
    }

    /** Octets on the wire: the Message Length field. */
    public int encodedLength() {
        int length = 20;
        for (Avp avp : avps) {
            length += avp.encodedLength();
        }
        return length;
    }

    // ---- accessors of the base AVPs most code needs ---------------------------------------------------

    public Optional<String> sessionId() {
        return utf8(BaseAvps.SESSION_ID);
    }

    public Optional<String> originHost() {
        return utf8(BaseAvps.ORIGIN_HOST);
    }

    public Optional<String> originRealm() {
        return utf8(BaseAvps.ORIGIN_REALM);
    }

    public Optional<String> destinationHost() {
        return utf8(BaseAvps.DESTINATION_HOST);
    }

    public Optional<String> destinationRealm() {
        return utf8(BaseAvps.DESTINATION_REALM);
    }

    public OptionalLong resultCode() {
        return unsigned32(BaseAvps.RESULT_CODE);
    }

    /** Experimental-Result-Code inside the first Experimental-Result, whatever its Vendor-Id. */
    public OptionalLong experimentalResultCode() {
        Avp group = firstOrNull(BaseAvps.EXPERIMENTAL_RESULT);
        return group != null ? group.unsigned32(BaseAvps.EXPERIMENTAL_RESULT_CODE) : OptionalLong.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiameterMessage m && version == m.version && flags == m.flags
                && commandCode == m.commandCode && applicationId == m.applicationId
                && hopByHopId == m.hopByHopId && endToEndId == m.endToEndId && avps.equals(m.avps);
    }

    @Override
    public int hashCode() {
        return ((commandCode * 31 + hopByHopId) * 31 + endToEndId) * 31 + avps.hashCode();
    }

    /** One line for logs: command, flags, ids, Session-Id. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Diameter ");
        s.append(commandCode).append(isRequest() ? " REQ" : " ANS");
        if (isProxiable()) {
            s.append(" PXY");
        }
        if (isError()) {
            s.append(" ERR");
        }
        if (isRetransmitted()) {
            s.append(" RTX");
        }
        s.append(" app=").append(applicationId)
                .append(" hbh=0x").append(Integer.toHexString(hopByHopId))
                .append(" e2e=0x").append(Integer.toHexString(endToEndId));
        sessionId().ifPresent(id -> s.append(" session=").append(id));
        resultCode().ifPresent(rc -> s.append(" result=").append(rc));
        return s.append(" avps=").append(avps.size()).toString();
    }

    /** The summary line and every AVP by its dictionary name and value, for DEBUG logs. */
    public String describe(Dictionary dictionary) {
        StringBuilder s = new StringBuilder(toString());
        for (Avp avp : avps) {
            s.append("\n  ").append(avp.describe(dictionary));
        }
        return s.toString();
    }

    /** Assembles a message; every setter returns the builder. */
    public static final class Builder {
        private int version = 1;
        private int flags;
        private int commandCode;
        private long applicationId;
        private int hopByHopId;
        private int endToEndId;
        private final List<Avp> avps = new ArrayList<>();

        private Builder() {
        }

        public Builder version(int value) {
            this.version = value & 0xFF;
            return this;
        }

        /** The whole flag octet. */
        public Builder flags(int value) {
            this.flags = value & 0xFF;
            return this;
        }

        public Builder request(boolean on) {
            return flag(FLAG_REQUEST, on);
        }

        public Builder proxiable(boolean on) {
            return flag(FLAG_PROXIABLE, on);
        }

        public Builder error(boolean on) {
            return flag(FLAG_ERROR, on);
        }

        public Builder retransmitted(boolean on) {
            return flag(FLAG_RETRANSMITTED, on);
        }

        private Builder flag(int bit, boolean on) {
            flags = on ? flags | bit : flags & ~bit;
            return this;
        }

        public Builder commandCode(int value) {
            this.commandCode = value & 0xFF_FFFF;
            return this;
        }

        public Builder applicationId(long value) {
            this.applicationId = value & 0xFFFF_FFFFL;
            return this;
        }

        public Builder hopByHopId(int value) {
            this.hopByHopId = value;
            return this;
        }

        public Builder endToEndId(int value) {
            this.endToEndId = value;
            return this;
        }

        public Builder add(Avp avp) {
            avps.add(avp);
            return this;
        }

        public Builder addAll(Collection<Avp> more) {
            avps.addAll(more);
            return this;
        }

        /** Adds {@code avp} when present. */
        public Builder add(Optional<Avp> avp) {
            avp.ifPresent(avps::add);
            return this;
        }

        /** Replaces the first AVP with the same code and vendor, or appends. */
        public Builder set(Avp avp) {
            for (int i = 0; i < avps.size(); i++) {
                if (avps.get(i).is(avp.code(), avp.vendorId())) {
                    avps.set(i, avp);
                    return this;
                }
            }
            avps.add(avp);
            return this;
        }

        /** Removes every AVP of this key. */
        public Builder remove(AvpKey key) {
            avps.removeIf(a -> a.is(key));
            return this;
        }

        /** The AVPs added so far (read-only view). */
        public List<Avp> avps() {
            return Collections.unmodifiableList(avps);
        }

        public DiameterMessage build() {
            return new DiameterMessage(this);
        }
    }
}
