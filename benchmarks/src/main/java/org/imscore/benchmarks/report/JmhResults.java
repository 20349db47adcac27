package org.imscore.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The results of {@code bench/jmh/run}: JMH's own JSON result ({@code -rf json}, {@value #RESULT_FILE}) and what
 * JMH does not record, when and where it ran and with what command ({@value #RUN_FILE}).
 *
 * @param scores every benchmark's score, in JMH's order
 * @param jvm    the JVM the benchmarks forked, e.g. "OpenJDK 64-Bit Server VM 25.0.3+9-LTS"
 * @param run    when, where and how it ran, if {@value #RUN_FILE} is there
 */
public record JmhResults(List<JmhScore> scores, String jvm, Optional<RunInfo> run) {

    public static final String RESULT_FILE = "jmh.json";
    public static final String RUN_FILE = "run.json";
    public static final String SUMMARY_FILE = "summary.md";

    /** JMH's GC profiler: heap allocated per operation. Older JMH versions prefix secondary metrics with "·". */
    private static final String ALLOCATION_PER_OP = "gc.alloc.rate.norm";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JMH_KEYS = " (JMH 1.37 writes it with -rf json)";

    public JmhResults {
        scores = List.copyOf(scores);
    }

    /**
     * When, where and how the benchmarks ran.
     *
     * @param smoke tiny iterations, to show the benchmarks work; not a measurement
     */
    public record RunInfo(String date, boolean smoke, Machine machine, String command) {
    }

    /** Reads the results folder of {@code bench/jmh/run}. */
    public static JmhResults read(Path folder) throws ResultsException {
        Path resultFile = folder.resolve(RESULT_FILE);
        JsonNode root = ResultsJson.readAny(resultFile);
        if (!root.isArray()) {
            throw new ResultsException(resultFile, "holds " + ResultsJson.kind(root)
                    + ", not JMH's array of results (-rf json)");
        }
        if (root.isEmpty()) {
            throw new ResultsException(resultFile, "has no results (JMH ran no benchmark)");
        }
        List<JmhScore> scores = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            scores.add(score(new ResultsJson.Fields(resultFile, root.get(i), "result " + (i + 1), JMH_KEYS)));
        }
        JsonNode first = root.get(0);
        String jvm = (first.path("vmName").asText("") + " " + first.path("vmVersion").asText("")).strip();
        Path runFile = folder.resolve(RUN_FILE);
        Optional<RunInfo> run = Optional.empty();
        if (Files.exists(runFile)) {
            ResultsJson.Fields fields = new ResultsJson.Fields(runFile, ResultsJson.readTree(runFile), "",
                    " (bench/jmh/run writes it)");
            ResultsJson.Fields machine = fields.object("machine");
            run = Optional.of(new RunInfo(fields.text("date"), fields.bool("smoke"),
                    new Machine((int) machine.number("cpus"), machine.optionalText("cpu_model"),
                machine.optionalText("load_average_at_start"),
                            machine.optionalText("load_average_at_end")),
                    fields.text("command")));
        }
        return new JmhResults(scores, jvm, run);
    }

    /** Writes {@value #RUN_FILE}: what JMH's own result does not say. */
    public static void writeRunInfo(Path folder, RunInfo run) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("date", run.date());
        root.put("smoke", run.smoke());
        ObjectNode machine = root.putObject("machine");
        machine.put("cpus", run.machine().cpus());
        machine.put("cpu_model", run.machine().cpuModel());
        machine.put("load_average_at_start", run.machine().loadAverageAtStart());
        machine.put("load_average_at_end", run.machine().loadAverageAtEnd());
        root.put("command", run.command());
        Files.writeString(folder.resolve(RUN_FILE),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    private static JmhScore score(ResultsJson.Fields result) throws ResultsException {
        ResultsJson.Fields primary = result.object("primaryMetric");
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode paramNode = result.node.get("params");
        if (paramNode != null && paramNode.isObject()) {
            paramNode.properties().forEach(entry -> params.put(entry.getKey(), entry.getValue().asText()));
        }
        OptionalDouble bytesPerOp = OptionalDouble.empty();
        JsonNode secondary = result.node.path("secondaryMetrics");
        for (Map.Entry<String, JsonNode> metric : secondary.properties()) {
            if (metric.getKey().replace("\u00b7", "").equals(ALLOCATION_PER_OP)
                    && metric.getValue().path("score").isNumber()) {
                bytesPerOp = OptionalDouble.of(metric.getValue().get("score").asDouble());
            }
        }
        return new JmhScore(result.text("benchmark"), params, result.text("mode"), primary.number("score"),
                errorOf(primary.node.path("scoreError")), primary.text("scoreUnit"), bytesPerOp);
    }

    /** JMH writes the error as a number, or as the string "NaN" when there were too few iterations. */
    private static double errorOf(JsonNode error) {
        return error.isNumber() ? error.asDouble() : Double.NaN;
    }
}
