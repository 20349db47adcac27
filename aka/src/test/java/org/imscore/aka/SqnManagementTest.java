package org.imscore.aka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SQN = SEQ || IND and the USIM's array of SEQ_MS (TS 33.102 Annex C). */
class SqnManagementTest {

    private final SqnScheme scheme = SqnScheme.DEFAULT;

    @Test
    void splitsAndComposesSeqAndInd() {
        Sqn sqn = scheme.compose(12132676L, 24);
        assertThat(sqn).isEqualTo(Sqn.fromHex("000017242898"));
        assertThat(scheme.seq(sqn)).isEqualTo(12132676L);
        assertThat(scheme.ind(sqn)).isEqualTo(24);
        assertThat(scheme.slots()).isEqualTo(32);
        assertThat(scheme.maxSeq()).isEqualTo((1L << 43) - 1);
    }

    @Test
    void nextIncrementsSeqAndTakesTheRequestedInd() {
        Sqn last = scheme.compose(7, 3);
        assertThat(scheme.next(last, 3)).isEqualTo(scheme.compose(8, 3));
        assertThat(scheme.next(last, 30)).isEqualTo(scheme.compose(8, 30));
        // open5gs steps by 32: with 5 IND bits that is SEQ + 1 at a constant IND.
        assertThat(scheme.next(Sqn.fromHex("000017242898"), 24).value())
                .isEqualTo(Sqn.fromHex("000017242898").value() + 32);
    }

    @Test
    void indLengthIsConfigurable() {
        SqnScheme wide = SqnScheme.withIndBits(8);
        Sqn sqn = wide.compose(5, 200);
        assertThat(sqn.value()).isEqualTo(5L * 256 + 200);
        assertThat(wide.ind(sqn)).isEqualTo(200);
        assertThat(SqnScheme.withIndBits(0).next(Sqn.fromHex("00000000001f"), 0)).isEqualTo(new Sqn(32));
    }

    @Test
    void exhaustedSeqIsReportedNotWrapped() {
        Sqn last = scheme.compose(scheme.maxSeq(), 0);
        assertThatThrownBy(() -> scheme.next(last, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SEQ exhausted");
    }

    @Test
    void usimAcceptsOnlyNewerSeqPerSlotAndOutOfOrderAcrossSlots() {
        UsimSqnState state = UsimSqnState.initial(scheme);
        assertThat(state.highestAccepted()).isEqualTo(Sqn.ZERO);

        state = state.accept(scheme.compose(10, 1));
        // A vector with a lower SEQ in another slot (issued earlier, used later) is still fresh (Annex C.2.1).
        assertThat(state.check(scheme.compose(9, 2))).isEqualTo(Freshness.FRESH);
        state = state.accept(scheme.compose(9, 2));
        // The same slot with a not-higher SEQ is not.
        assertThat(state.check(scheme.compose(10, 1))).isEqualTo(Freshness.NOT_NEWER_THAN_SLOT);
        assertThat(state.check(scheme.compose(8, 2))).isEqualTo(Freshness.NOT_NEWER_THAN_SLOT);
        assertThat(state.check(scheme.compose(11, 1))).isEqualTo(Freshness.FRESH);

        assertThat(state.seqMs(1)).isEqualTo(10);
        assertThat(state.seqMs(2)).isEqualTo(9);
        assertThat(state.highestAccepted()).isEqualTo(scheme.compose(10, 1));
    }

    @Test
    void acceptingIsImmutableAndRefusesStaleNumbers() {
        UsimSqnState initial = UsimSqnState.initial(scheme);
        UsimSqnState after = initial.accept(scheme.compose(1, 0));
        assertThat(initial.seqMs(0)).isZero();
        assertThat(after.seqMs(0)).isEqualTo(1);
        assertThat(after).isEqualTo(UsimSqnState.initial(scheme).accept(scheme.compose(1, 0)));
        assertThatThrownBy(() -> after.accept(scheme.compose(1, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SQN 000000000020 is not fresh (NOT_NEWER_THAN_SLOT)");
        // SEQ 0 is never fresh: every slot starts at 0.
        assertThat(initial.check(scheme.compose(0, 5))).isEqualTo(Freshness.NOT_NEWER_THAN_SLOT);
    }

    @Test
    void optionalJumpLimitDelta() {
        SqnScheme limited = new SqnScheme(5, 100, SqnScheme.NO_LIMIT);
        UsimSqnState state = UsimSqnState.initial(limited).accept(limited.compose(50, 0));
        assertThat(state.check(limited.compose(150, 1))).isEqualTo(Freshness.FRESH);
        assertThat(state.check(limited.compose(151, 1))).isEqualTo(Freshness.JUMP_TOO_LARGE);
    }

    @Test
    void optionalAgeLimitL() {
        SqnScheme limited = new SqnScheme(5, SqnScheme.NO_LIMIT, 10);
        UsimSqnState state = UsimSqnState.initial(limited).accept(limited.compose(50, 0));
        assertThat(state.check(limited.compose(41, 1))).isEqualTo(Freshness.FRESH);
        assertThat(state.check(limited.compose(40, 1))).isEqualTo(Freshness.TOO_OLD);
    }
}
