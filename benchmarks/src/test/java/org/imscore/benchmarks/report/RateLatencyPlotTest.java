package org.imscore.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.imscore.benchmarks.report.SampleBench.run;
import static org.imscore.benchmarks.report.SampleBench.step;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLatencyPlotTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path folder;

    @Test
    void writesAPngOfTheExpectedSize() throws Exception {
        BenchmarkRun proxy = ResultsJson.read(
                SampleBench.resource("bench-sample/proxy-vs-kamailio/results/results.json"));
        Path png = folder.resolve("plots").resolve("proxy.png");

        RateLatencyPlot.of(proxy).write(png);

        assertThat(Files.readAllBytes(png)).startsWith(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(RateLatencyPlot.WIDTH).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(RateLatencyPlot.HEIGHT).isEqualTo(600);
    }

    @Test
    void scalesAreLinearFromZeroAndCoverEveryAchievedRate() throws Exception {
        BenchmarkRun proxy = ResultsJson.read(
                SampleBench.resource("bench-sample/proxy-vs-kamailio/results/results.json"));
        RateLatencyPlot plot = RateLatencyPlot.of(proxy);

        // The fastest step achieved 2,486.9 calls/s; the slowest p99, 600 ms, is beyond four times the 50 ms limit.
        assertThat(plot.rateAxis()).isEqualTo(new Axis(3000, 500));
        assertThat(plot.latencyAxis()).isEqualTo(new Axis(200, 50));
        assertThat(plot.x(0)).isEqualTo(RateLatencyPlot.LEFT);
        assertThat(plot.x(3000)).isEqualTo(RateLatencyPlot.RIGHT);
        assertThat(plot.x(1500)).isEqualTo((RateLatencyPlot.LEFT + RateLatencyPlot.RIGHT) / 2);
        assertThat(plot.y(0)).isEqualTo(RateLatencyPlot.BOTTOM);
        assertThat(plot.y(100)).isCloseTo((RateLatencyPlot.TOP + RateLatencyPlot.BOTTOM) / 2, within(1));
        assertThat(plot.y(600)).as("above the scale: on the top edge").isEqualTo(RateLatencyPlot.TOP);
    }

    @Test
    void aLowLatencyRunStillShowsTheLimitWithRoomAboveIt() {
        BenchmarkRun fast = run("calls", false, Map.of("imscore", 1000.0), List.of(
                step("imscore", 500, 499, 0, 1, 3, "ok"), step("imscore", 1000, 998, 0, 1, 4, "ok")));

        assertThat(RateLatencyPlot.of(fast).latencyAxis()).isEqualTo(new Axis(70, 10));
    }

    @Test
    void drawsTheP99LimitAcrossAndEachStepInItsSeriesColour() {
        Map<String, Double> sustained = new LinkedHashMap<>();
        sustained.put("imscore", 1000.0);
        sustained.put("kamailio", 0.0);
        BenchmarkRun run = run("proxy-vs-kamailio", false, sustained, List.of(
                step("imscore", 1000, 1000, 0, 5, 20, "ok"),
                step("kamailio", 2000, 2000, 30, 10, 75, "failed calls")));
        RateLatencyPlot plot = RateLatencyPlot.of(run);

        BufferedImage image = plot.render();

        // Between the two steps nothing but the grid and the limit crosses the 50 ms line.
        assertThat(redness(image, plot.x(1500), plot.y(50))).as("the limit line").isGreaterThan(100);
        assertThat(redness(image, plot.x(1500), plot.y(40))).as("no line 10 ms under it").isLessThan(10);
        // A passed step: a filled dot in the series' colour, its corner outside it left white.
        Color imscore = plot.colorOf("imscore");
        int x = plot.x(1000);
        int y = plot.y(20);
        assertThat(new Color(image.getRGB(x, y))).isEqualTo(imscore);
        assertThat(new Color(image.getRGB(x + 3, y))).isEqualTo(imscore);
        assertThat(new Color(image.getRGB(x + 5, y + 5))).isEqualTo(Color.WHITE);
        // A failed step: a cross, whose arms reach the corner and leave the sides white.
        Color kamailio = plot.colorOf("kamailio");
        x = plot.x(2000);
        y = plot.y(75);
        assertThat(new Color(image.getRGB(x, y))).isEqualTo(kamailio);
        assertThat(distance(new Color(image.getRGB(x + 4, y + 4)), kamailio)).isLessThan(60);
        assertThat(new Color(image.getRGB(x + 5, y))).isEqualTo(Color.WHITE);
        assertThat(imscore).isNotEqualTo(kamailio).isNotEqualTo(RateLatencyPlot.LIMIT);
    }

    @Test
    void aLimitLiftedOutOfTheWayIsNotWhatTheAxisStretchesTo() {
        BenchmarkRun smoke = new BenchmarkRun("calls", "2026-11-21T08:00:00Z", true, new Machine(2, "", "", ""),
                "bench/calls/run --smoke", "calls/s", "INVITE to 200", Map.of("imscore", 5.0),
                List.of(step("imscore", 5, 5, 0, 12, 30, "ok")), 100_000, OptionalDouble.empty());
        RateLatencyPlot plot = RateLatencyPlot.of(smoke);

        assertThat(plot.latencyAxis()).isEqualTo(new Axis(30, 5));
        BufferedImage image = plot.render();
        for (int y = RateLatencyPlot.TOP; y <= RateLatencyPlot.BOTTOM; y++) {
            assertThat(redness(image, plot.x(2), y)).as("no limit line at y " + y).isLessThan(50);
        }
    }

    @Test
    void aRunWithoutStepsOrTimesStillDrawsItsAxesAndLimit() {
        BenchmarkRun nothing = run("calls", false, Map.of("imscore", 0.0), List.of());
        BenchmarkRun untimed = run("calls", false, Map.of("imscore", 0.0),
                List.of(step("imscore", 100, 0, 1000, Double.NaN, Double.NaN, "failed calls")));

        for (BenchmarkRun run : List.of(nothing, untimed)) {
            RateLatencyPlot plot = RateLatencyPlot.of(run);
            BufferedImage image = plot.render();
            assertThat(image.getWidth()).isEqualTo(RateLatencyPlot.WIDTH);
            assertThat(plot.latencyAxis().max()).isGreaterThanOrEqualTo(run.p99LimitMs());
            assertThat(redness(image, (RateLatencyPlot.LEFT + RateLatencyPlot.RIGHT) / 3, plot.y(50)))
                    .isGreaterThan(100);
        }
    }

    @Test
    void everySeriesHasItsOwnColour() {
        BenchmarkRun many = run("calls", false, Map.of(), List.of(
                step("imscore", 100, 100, 0, 1, 2, "ok"), step("kamailio", 100, 100, 0, 1, 2, "ok"),
                step("direct", 100, 100, 0, 1, 2, "ok"), step("opensips", 100, 100, 0, 1, 2, "ok"),
                step("freeswitch", 100, 100, 0, 1, 2, "ok")));
        RateLatencyPlot plot = RateLatencyPlot.of(many);

        assertThat(many.series().stream().map(plot::colorOf).distinct()).hasSize(5);
    }

    /** How much redder than green a pixel is, or its neighbour below (a 1.6 px line may straddle two rows). */
    private static int redness(BufferedImage image, int x, int y) {
        int most = 0;
        for (int row = y - 1; row <= y + 1; row++) {
            Color pixel = new Color(image.getRGB(x, row));
            most = Math.max(most, pixel.getRed() - pixel.getGreen());
        }
        return most;
    }

    private static int distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue());
    }
}
