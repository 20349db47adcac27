package org.imscore.server.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code bench/registration/run} working: a handful of registrations through {@link RegistrationLatency}, its
 * summary and files. No timing is asserted; the figures come from the full run.
 */
class RegistrationLatencySmokeTest {

    @Test
    void aShortRunReportsPercentilesAndWritesItsSamples(@TempDir Path results) throws Exception {
        String summary = RegistrationLatency.measure(3, 1, Optional.of(results));

        assertThat(summary).contains("registrations: 3 (after 1 warm-up)").containsPattern(
                "median [0-9.]+ ms  p90 [0-9.]+ ms  p99 [0-9.]+ ms").contains("load average");
        List<String> samples = Files.readAllLines(results.resolve("samples.csv"));
        assertThat(samples).hasSize(4).first().isEqualTo("registration_ms");
        assertThat(samples.subList(1, 4)).allSatisfy(l -> assertThat(Double.parseDouble(l)).isPositive());
        assertThat(Files.readString(results.resolve("summary.md"))).contains(summary);
    }

    @Test
    void aCountBelowOneIsRefusedWithTheReason() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> RegistrationLatency.measure(0, 0, Optional.empty()))
                .withMessageContaining("COUNT >= 1");
    }
}
