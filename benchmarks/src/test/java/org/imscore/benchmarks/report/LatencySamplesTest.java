package org.imscore.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void percentilesAreTheOnesTheRegistrationBenchmarkPrinted() throws Exception {
        LatencySamples samples = LatencySamples.read(SampleBench.resource("bench-sample/registration/results"));

        // summary.md of the same run: "median 17.11 ms  p90 37.34 ms  p99 79.53 ms  min 8.64 ms  max 89.81 ms"
        assertThat(samples.count()).isEqualTo(100);
        assertThat(Numbers.ms(samples.percentile(50))).isEqualTo("17.11");
        assertThat(Numbers.ms(samples.percentile(90))).isEqualTo("37.34");
        assertThat(Numbers.ms(samples.percentile(99))).isEqualTo("79.53");
        assertThat(Numbers.ms(samples.min())).isEqualTo("8.64");
        assertThat(Numbers.ms(samples.max())).isEqualTo("89.81");
        assertThat(samples.runNotes()).hasSize(3).first().asString().startsWith("registrations: 100 (after 20");
    }

    @Test
    void aWordAmongTheSamplesIsNamedWithItsLine() {
        assertThatThrownBy(() -> LatencySamples.read(SampleBench.resource("bad-results/samples-bad-line")))
                .isInstanceOf(ResultsException.class)
                .hasMessageEndingWith("samples.csv: line 4: \"fast\" is not a duration in ms");
    }

    @Test
    void aHeaderWithoutSamplesIsNamed() {
        assertThatThrownBy(() -> LatencySamples.read(SampleBench.resource("bad-results/samples-header-only")))
                .isInstanceOf(ResultsException.class)
                .hasMessageContaining("samples.csv: has no samples");
    }
}
