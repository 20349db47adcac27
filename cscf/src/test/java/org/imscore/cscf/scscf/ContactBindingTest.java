package org.imscore.cscf.scscf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.imscore.cscf.regevent.RegInfo;
import org.imscore.sip.message.NameAddress;
import org.junit.jupiter.api.Test;

class ContactBindingTest {

    private static final Instant GRANTED = Instant.parse("2026-11-21T08:00:00.900Z");
    private static final ContactBinding BINDING = new ContactBinding(0xc1,
            NameAddress.parse("<sip:alice@127.0.0.1:5070>"), GRANTED.plusSeconds(600), GRANTED, "call-1", 1,
            List.of(), RegInfo.ContactEvent.REGISTERED);

    @Test
    void aSecondBoundaryBetweenGrantAndAnswerDoesNotShortenTheExpiry() {
        // Granted at .900, answered at .200 of the next second: 599.7 s are left, shown as 600.
        assertThat(BINDING.secondsLeft(GRANTED.plus(Duration.ofMillis(300)))).isEqualTo(600);
        assertThat(BINDING.secondsLeft(GRANTED)).isEqualTo(600);
    }

    @Test
    void secondsLeftCountDownAndStopAtZero() {
        assertThat(BINDING.secondsLeft(GRANTED.plusSeconds(100))).isEqualTo(500);
        assertThat(BINDING.secondsLeft(GRANTED.plusSeconds(599).plusMillis(999))).isEqualTo(1);
        assertThat(BINDING.secondsLeft(GRANTED.plusSeconds(600))).isZero();
        assertThat(BINDING.secondsLeft(GRANTED.plusSeconds(700))).isZero();
    }
}
