package org.imscore.diameter.peer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The encoded answers of a {@link DuplicateCache}, back to back in a ring of large byte arrays. Each answer is a
 * record: its length and its owner (the cache's slot) in an 8-octet header, then the octets, padded to 8 so that a
 * header never straddles two arrays; an answer may straddle any number of them.
 *
 * <p>Why a ring: the answers of the last minutes are most of what the cache holds. As one array per answer they are
 * hundreds of thousands of objects that live minutes, which the collector copies or marks again and again; here
 * they are a few arrays, reused, with no references inside to trace.
 *
 * <p>A record is addressed by its position, an offset that only grows (the array and index are the position modulo
 * the ring's size), so an owner can tell its own record from an older one at the same place. Records are written
 * at the head and leave at the tail, in the order they were written: the tail moves past records whose owners
 * have left (their entries expired), and when an answer needs more room than is left, past the oldest records
 * still held, whose owners are told to leave. The arrays hold only what lies between tail and head: an array the
 * tail has left is handed back (one is kept to be reused by the head) and allocated again when the head comes to
 * it, so a cache that holds few answers holds few arrays, whatever the ring's size.
 *
 * <p>Not thread-safe: the cache calls it under its lock.
 */
final class AnswerRing {

    /** The cache's side of the records. */
    interface Owners {
        /** Whether the answer of {@code owner} is still the record at {@code position}. */
        boolean holds(int owner, long position);

        /** The answer of {@code owner} is about to be overwritten: its entry leaves. */
        void evict(int owner);
    }

    /** Length and owner, two big-endian ints. */
    static final int HEADER_OCTETS = 8;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final int chunkOctets;
    private final int chunkCount;
    private final long ringOctets;
    /** Null where no record between tail and head lies. */
    private final byte[][] chunks;
    /** An array the tail has left, for the head to reuse. */
    private byte[] spare;
    /** Where the next record goes. */
    private long head;
    /** The oldest record not yet passed; from here to the head, records live and dead. */
    private long tail;

    /**
     * @param chunkOctets size of each array, a multiple of 8
     * @param chunkCount  arrays in the ring: the ring holds {@code chunkOctets * chunkCount} octets of records
     */
    AnswerRing(int chunkOctets, int chunkCount) {
        if (chunkOctets < HEADER_OCTETS || chunkOctets % 8 != 0 || chunkCount < 1) {
            throw new IllegalArgumentException("chunks of " + chunkOctets + " octets, " + chunkCount + " of them");
        }
        this.chunkOctets = chunkOctets;
        this.chunkCount = chunkCount;
        this.ringOctets = (long) chunkOctets * chunkCount;
        this.chunks = new byte[chunkCount][];
    }

    /** Octets a record of an answer of {@code length} octets takes, header and padding included. */
    static long recordOctets(int length) {
        return HEADER_OCTETS + ((length + 7L) & ~7L);
    }

    /** Whether an answer of {@code length} octets can be stored at all (once everything else is overwritten). */
    boolean fits(int length) {
        return recordOctets(length) <= ringOctets;
    }

    /**
     * Stores {@code answer} for {@code owner} and returns its position. Passes the records of owners that have
     * left, then, if the room is still short, evicts the owners of the oldest records. The answer must {@link #fits
     * fit}.
     */
    long append(byte[] answer, int owner, Owners owners) {
        long need = recordOctets(answer.length);
        if (need > ringOctets) {
            throw new IllegalArgumentException("an answer of " + answer.length + " octets in a ring of " + ringOctets);
        }
        trim(owners);
        while (head + need - tail > ringOctets) {
            int holder = readInt(tail + 4);
            if (owners.holds(holder, tail)) {
                owners.evict(holder);
            }
            passTail();
        }
        long position = head;
        writeInt(position, answer.length);
        writeInt(position + 4, owner);
        copy(answer, position + HEADER_OCTETS, true);
        head += need;
        return position;
    }

    /** A copy of the answer stored at {@code position}, which must not have been overwritten. */
    byte[] read(long position) {
        byte[] answer = new byte[readInt(position)];
        copy(answer, position + HEADER_OCTETS, false);
        return answer;
    }

    /** Moves the tail past the records whose owners have left, handing back the arrays it leaves. */
    void trim(Owners owners) {
        while (tail < head && !owners.holds(readInt(tail + 4), tail)) {
            passTail();
        }
    }

    /** Forgets every record and lets all the arrays go: for when no entry is left. */
    void release() {
        Arrays.fill(chunks, null);
        spare = null;
        tail = head;
    }

    /** Octets between the tail and the head, live or dead. */
    long usedOctets() {
        return head - tail;
    }

    /** Arrays held now, the spare included. */
    int allocatedChunks() {
        int n = spare == null ? 0 : 1;
        for (byte[] c : chunks) {
            if (c != null) {
                n++;
            }
        }
        return n;
    }

    private void passTail() {
        long from = tail;
        tail += recordOctets(readInt(tail));
        for (long s = from / chunkOctets; s < tail / chunkOctets; s++) {
            int index = (int) (s % chunkCount);
            if (chunks[index] != null && !holdsRecords(index)) {
                if (spare == null) {
                    spare = chunks[index];
                }
                chunks[index] = null;
            }
        }
    }

    /** Whether any octet from tail to head lies in the array at {@code index}. */
    private boolean holdsRecords(int index) {
        if (tail == head) {
            return false;
        }
        long first = tail / chunkOctets;
        long last = (head - 1) / chunkOctets;
        return Math.floorMod(index - first, (long) chunkCount) <= last - first;
    }

    private void copy(byte[] answer, long position, boolean in) {
        int done = 0;
        while (done < answer.length) {
            long at = (position + done) % ringOctets;
            byte[] chunk = chunk(at);
            int offset = (int) (at % chunkOctets);
            int n = Math.min(answer.length - done, chunkOctets - offset);
            if (in) {
                System.arraycopy(answer, done, chunk, offset, n);
            } else {
                System.arraycopy(chunk, offset, answer, done, n);
            }
            done += n;
        }
    }

    private int readInt(long position) {
        long at = position % ringOctets;
        return (int) INT.get(chunk(at), (int) (at % chunkOctets));
    }

    private void writeInt(long position, int value) {
        long at = position % ringOctets;
        INT.set(chunk(at), (int) (at % chunkOctets), value);
    }

    private byte[] chunk(long at) {
        int index = (int) (at / chunkOctets);
        byte[] chunk = chunks[index];
        if (chunk == null) {
            chunk = spare != null ? spare : new byte[chunkOctets];
            spare = null;
            chunks[index] = chunk;
        }
        return chunk;
    }
}
