package org.imscore.diameter.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The ring of answers on its own, with owners kept in a map: record layout, the tail, arrays handed back. */
class AnswerRingTest {

    /** Owner to the position of its answer; evicted owners in the order they were told. */
    private final Map<Integer, Long> held = new HashMap<>();
    private final List<Integer> evicted = new ArrayList<>();
    private final AnswerRing.Owners owners = new AnswerRing.Owners() {
        @Override
        public boolean holds(int owner, long position) {
            Long at = held.get(owner);
            return at != null && at == position;
        }

        @Override
        public void evict(int owner) {
            evicted.add(owner);
            held.remove(owner);
        }
    };

    private long store(AnswerRing ring, int owner, int length) {
        long position = ring.append(answer(owner, length), owner, owners);
        held.put(owner, position);
        return position;
    }

    private static byte[] answer(int owner, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (owner * 17 + i);
        }
        return bytes;
    }

    @Test
    void aRecordIsAnEightOctetHeaderAndTheAnswerPaddedToEight() {
        assertThat(AnswerRing.recordOctets(0)).isEqualTo(8);
        assertThat(AnswerRing.recordOctets(1)).isEqualTo(16);
        assertThat(AnswerRing.recordOctets(8)).isEqualTo(16);
        assertThat(AnswerRing.recordOctets(9)).isEqualTo(24);
        AnswerRing ring = new AnswerRing(64, 2);
        assertThat(ring.fits(120)).isTrue();
        assertThat(ring.fits(121)).isFalse();
        assertThatThrownBy(() -> ring.append(new byte[121], 1, owners)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anArrayTheTailLeavesIsKeptWhileTheHeadHasComeRoundIntoIt() {
        AnswerRing ring = new AnswerRing(64, 2);
        store(ring, 1, 16); // 0..24
        store(ring, 2, 40); // 24..72
        store(ring, 3, 48); // 72..128: full
        long fourth = store(ring, 4, 8); // room from the first: 128..144, the start of the first array again
        assertThat(evicted).containsExactly(1);

        held.remove(2); // its entry left
        store(ring, 5, 0); // the tail passes the second record, out of the first array, which the fourth is in

        assertThat(evicted).containsExactly(1);
        assertThat(ring.read(fourth)).isEqualTo(answer(4, 8));
        assertThat(ring.read(held.get(3))).isEqualTo(answer(3, 48));
        assertThat(ring.usedOctets()).isEqualTo(152 - 72);

        held.remove(3);
        ring.trim(owners); // out of the second array: no record left there, so it is the spare

        assertThat(ring.usedOctets()).isEqualTo(152 - 128);
        assertThat(ring.allocatedChunks()).isEqualTo(2);
        assertThat(ring.read(fourth)).isEqualTo(answer(4, 8));
        long sixth = store(ring, 6, 100); // 152..264, over the fourth's, through the second array from the spare
        assertThat(evicted).containsExactly(1, 4);
        assertThat(ring.read(sixth)).isEqualTo(answer(6, 100));
        assertThat(ring.read(held.get(5))).isEmpty();
    }

    @Test
    void theTailPassesOnlyTheRecordsOfOwnersThatLeft() {
        AnswerRing ring = new AnswerRing(64, 4);
        for (int owner = 1; owner <= 6; owner++) {
            store(ring, owner, 24); // 32 octets each
        }
        held.remove(1);
        held.remove(2);
        held.remove(4); // behind a live one: stays until the tail gets there

        ring.trim(owners);

        assertThat(ring.usedOctets()).isEqualTo(4 * 32);
        assertThat(ring.allocatedChunks()).as("the first array, now the spare, and the two in use").isEqualTo(3);
        held.remove(3);
        ring.trim(owners);
        assertThat(ring.usedOctets()).isEqualTo(2 * 32);
        assertThat(evicted).isEmpty();
    }
}
