package org.imscore.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import javax.imageio.ImageIO;

/**
 * Latency against achieved rate, one line per series, so that a reader sees where each server's curve bends: p99
 * as a solid line, p50 dashed in the same colour, every step marked (a cross where the step failed), and the p99
 * limit of a step as a horizontal line. Both scales are linear from 0. A latency far above the limit (over four
 * times it) would flatten everything under it, so the latency axis stops there and such a point is drawn on the
 * top edge as a triangle labelled with its value; a limit far above every latency (a smoke run's) is only named.
 */
public final class RateLatencyPlot {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;

    /** The drawing area of the axes. */
    static final int LEFT = 90;
    static final int RIGHT = WIDTH - 230;
    static final int TOP = 70;
    static final int BOTTOM = HEIGHT - 75;

    /** The colour of the p99 limit; no series takes it. */
    static final Color LIMIT = new Color(192, 57, 43);
    private static final Color GRID = new Color(230, 230, 230);
    private static final Map<String, Color> NAMED = Map.of(
            "imscore", new Color(31, 119, 180),
            "kamailio", new Color(255, 127, 14),
            "direct", new Color(110, 110, 110));
    private static final List<Color> OTHERS = List.of(new Color(44, 160, 44), new Color(148, 103, 189),
            new Color(140, 86, 75), new Color(227, 119, 194), new Color(188, 189, 34), new Color(23, 190, 207));
    private static final Stroke SOLID = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
            new float[] {7, 5}, 0);
    private static final double CLIP_AT_LIMITS = 4;

    private final BenchmarkRun run;
    private final List<String> series;
    private final Axis rateAxis;
    private final Axis latencyAxis;
    private final boolean limitDrawn;

    private RateLatencyPlot(BenchmarkRun run) {
        this.run = run;
        this.series = run.series();
        double fastest = run.steps().stream().mapToDouble(Step::achievedPerS).filter(Double::isFinite).max().orElse(1);
        double slowest = run.steps().stream()
                .flatMapToDouble(step -> DoubleStream.of(step.p50Ms(), step.p99Ms()))
                .filter(Double::isFinite).max().orElse(0);
        double limit = run.p99LimitMs();
        double drawn = Math.min(slowest, CLIP_AT_LIMITS * limit);
        // A smoke run lifts its limit out of the way (e.g. 100 s): stretching the axis up to it would flatten the
        // steps, so such a limit is named in the legend instead of drawn.
        this.limitDrawn = limit <= CLIP_AT_LIMITS * Math.max(drawn, BenchmarkRun.DEFAULT_P99_LIMIT_MS);
        this.rateAxis = Axis.covering(fastest * 1.05, 8);
        this.latencyAxis = Axis.covering(limitDrawn ? Math.max(drawn, limit * 1.25) : drawn, 8);
    }

    /** The plot of a run's steps. */
    public static RateLatencyPlot of(BenchmarkRun run) {
        return new RateLatencyPlot(run);
    }

    /** Draws the plot into a PNG file of {@link #WIDTH} x {@link #HEIGHT} pixels, making its folder if needed. */
    public void write(Path png) throws IOException {
        BufferedImage image = render();
        Path folder = png.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("this Java runtime has no PNG writer");
        }
    }

    /** Draws the plot. */
    public BufferedImage render() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            drawTitle(g);
            drawAxes(g);
            drawLimit(g);
            for (String name : series) {
                drawSeries(g, name, colorOf(name));
            }
            drawLegend(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The horizontal pixel of an achieved rate. */
    int x(double rate) {
        return (int) Math.round(LEFT + rate / rateAxis.max() * (RIGHT - LEFT));
    }

    /** The vertical pixel of a latency; a latency above the axis sits on its top edge. */
    int y(double ms) {
        return (int) Math.round(BOTTOM - Math.min(ms, latencyAxis.max()) / latencyAxis.max() * (BOTTOM - TOP));
    }

    Axis rateAxis() {
        return rateAxis;
    }

    Axis latencyAxis() {
        return latencyAxis;
    }

    /** The colour of a series: the usual ones by name, any other by its place among the run's series. */
    Color colorOf(String name) {
        Color named = NAMED.get(name);
        if (named != null) {
            return named;
        }
        List<String> unnamed = series.stream().filter(s -> !NAMED.containsKey(s)).toList();
        return OTHERS.get(Math.max(0, unnamed.indexOf(name)) % OTHERS.size());
    }

    private void drawTitle(Graphics2D g) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        centered(g, run.benchmark() + ": latency against achieved rate", (LEFT + RIGHT) / 2, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.DARK_GRAY);
        String subtitle = run.date() + ", " + run.machine().describe()
                + (run.smoke() ? ", SMOKE RUN (not a measurement)" : "");
        centered(g, subtitle, (LEFT + RIGHT) / 2, 48);
    }

    private void drawAxes(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        for (int i = 0; i <= rateAxis.tickCount(); i++) {
            int x = x(rateAxis.tick(i));
            g.setColor(GRID);
            g.drawLine(x, TOP, x, BOTTOM);
            g.setColor(Color.BLACK);
            g.drawLine(x, BOTTOM, x, BOTTOM + 5);
            centered(g, rateAxis.label(i), x, BOTTOM + 8 + metrics.getAscent());
        }
        for (int i = 0; i <= latencyAxis.tickCount(); i++) {
            int y = y(latencyAxis.tick(i));
            g.setColor(GRID);
            g.drawLine(LEFT, y, RIGHT, y);
            g.setColor(Color.BLACK);
            g.drawLine(LEFT - 5, y, LEFT, y);
            String label = latencyAxis.label(i);
            g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + metrics.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.2f));
        g.drawLine(LEFT, BOTTOM, RIGHT, BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, BOTTOM);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        centered(g, "achieved rate (" + run.unit() + ")", (LEFT + RIGHT) / 2, BOTTOM + 50);
        AffineTransform straight = g.getTransform();
        g.rotate(-Math.PI / 2);
        centered(g, "latency (ms): p99 solid, p50 dashed", -(TOP + BOTTOM) / 2, LEFT - 52);
        g.setTransform(straight);
    }

    private void drawLimit(Graphics2D g) {
        if (!limitDrawn) {
            return;
        }
        int y = y(run.p99LimitMs());
        g.setColor(LIMIT);
        g.setStroke(new BasicStroke(1.6f));
        g.drawLine(LEFT, y, RIGHT, y);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        String label = "p99 limit " + Numbers.ms(run.p99LimitMs()) + " ms";
        g.drawString(label, RIGHT - 6 - g.getFontMetrics().stringWidth(label), y - 5);
    }

    private void drawSeries(Graphics2D g, String name, Color color) {
        List<Step> steps = run.stepsOf(name).stream().filter(step -> Double.isFinite(step.achievedPerS())).toList();
        drawLine(g, steps, true, color);
        drawLine(g, steps, false, color);
    }

    private void drawLine(Graphics2D g, List<Step> steps, boolean p99, Color color) {
        Path2D.Double line = new Path2D.Double();
        boolean started = false;
        for (Step step : steps) {
            double ms = p99 ? step.p99Ms() : step.p50Ms();
            if (!Double.isFinite(ms)) {
                continue;
            }
            if (started) {
                line.lineTo(x(step.achievedPerS()), y(ms));
            } else {
                line.moveTo(x(step.achievedPerS()), y(ms));
                started = true;
            }
        }
        g.setColor(color);
        g.setStroke(p99 ? SOLID : DASHED);
        g.draw(line);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (Step step : steps) {
            double ms = p99 ? step.p99Ms() : step.p50Ms();
            if (!Double.isFinite(ms)) {
                continue;
            }
            int x = x(step.achievedPerS());
            int y = y(ms);
            g.setColor(color);
            if (ms > latencyAxis.max()) {
                triangle(g, x, y);
                g.drawString(Numbers.ms(ms) + " ms", x + 8, y + 14 + (p99 ? 0 : 13));
            } else if (!step.passed()) {
                cross(g, x, y, p99 ? 5 : 4);
            } else {
                dot(g, x, y, p99);
            }
        }
    }

    private void drawLegend(Graphics2D g) {
        int x = RIGHT + 24;
        int y = TOP + 10;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (String name : series) {
            Color color = colorOf(name);
            int below = legendLine(g, x, y, color, SOLID, name + " p99");
            dot(g, x + 15, y, true);
            y += 22 + below;
            below = legendLine(g, x, y, color, DASHED, name + " p50");
            dot(g, x + 15, y, false);
            y += 30 + below;
        }
        y += legendLine(g, x, y, LIMIT, new BasicStroke(1.6f), "p99 limit (" + Numbers.grouped(run.p99LimitMs())
                + " ms" + (limitDrawn ? ")" : ", off the scale)"));
        g.setColor(Color.BLACK);
        if (run.steps().stream().anyMatch(step -> !step.passed())) {
            y += 26;
            cross(g, x + 15, y, 5);
            g.drawString("step failed", x + 40, y + 5);
        }
        if (run.steps().stream().anyMatch(step -> step.p99Ms() > latencyAxis.max())) {
            y += 24;
            triangle(g, x + 15, y);
            g.drawString("above the scale", x + 40, y + 5);
        }
    }

    /** A line sample and its text, wrapped at spaces to fit the image; returns the height the extra lines took. */
    private static int legendLine(Graphics2D g, int x, int y, Color color, Stroke stroke, String text) {
        g.setColor(color);
        g.setStroke(stroke);
        g.drawLine(x, y, x + 30, y);
        g.setColor(Color.BLACK);
        FontMetrics metrics = g.getFontMetrics();
        int room = WIDTH - (x + 40) - 6;
        int extra = 0;
        String rest = text;
        while (metrics.stringWidth(rest) > room && rest.indexOf(' ') > 0) {
            int cut = rest.lastIndexOf(' ');
            while (cut > 0 && metrics.stringWidth(rest.substring(0, cut)) > room) {
                cut = rest.lastIndexOf(' ', cut - 1);
            }
            if (cut <= 0) {
                break;
            }
            g.drawString(rest.substring(0, cut), x + 40, y + 5 + extra);
            rest = rest.substring(cut + 1);
            extra += metrics.getHeight();
        }
        g.drawString(rest, x + 40, y + 5 + extra);
        g.setColor(color);
        return extra;
    }

    private static void dot(Graphics2D g, int x, int y, boolean filled) {
        Ellipse2D.Double circle = new Ellipse2D.Double(x - 4.5, y - 4.5, 9, 9);
        Color color = g.getColor();
        g.setStroke(new BasicStroke(1.6f));
        if (filled) {
            g.fill(circle);
        } else {
            g.setColor(Color.WHITE);
            g.fill(circle);
            g.setColor(color);
            g.draw(circle);
        }
    }

    private static void cross(Graphics2D g, int x, int y, int half) {
        g.setStroke(new BasicStroke(2.4f));
        g.drawLine(x - half, y - half, x + half, y + half);
        g.drawLine(x - half, y + half, x + half, y - half);
    }

    private static void triangle(Graphics2D g, int x, int y) {
        Path2D.Double up = new Path2D.Double();
        up.moveTo(x, y - 1);
        up.lineTo(x - 6, y + 10);
        up.lineTo(x + 6, y + 10);
        up.closePath();
        g.fill(up);
    }

    private static void centered(Graphics2D g, String text, int x, int baseline) {
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }
}
