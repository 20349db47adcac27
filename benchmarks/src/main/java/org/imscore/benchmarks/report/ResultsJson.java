package org.imscore.benchmarks.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads a stepped-rate benchmark's {@code results.json}: the keys bench/ agrees on (see {@code bench/report.md}),
 * checked one by one so that a file that misses one is named with the key to add, never half-read.
 */
public final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHARED_KEYS = " (bench/report.md lists the keys every results.json carries)";

    private ResultsJson() {
    }

    /** The run a results file records; the exception names the file and the first key that is missing or wrong. */
    public static BenchmarkRun read(Path file) throws ResultsException {
        Fields top = new Fields(file, readTree(file), "", SHARED_KEYS);
        // In the order bench/ lists the keys, so that the first one missing is the one named.
        String benchmark = top.text("benchmark");
        String date = top.text("date");
        boolean smoke = top.bool("smoke");
        Fields machine = top.object("machine");
        Machine where = new Machine((int) machine.number("cpus"), machine.optionalText("cpu_model"),
                machine.optionalText("load_average_at_start"),
                machine.optionalText("load_average_at_end"));
        String command = top.text("command");
        String unit = top.text("unit");
        String latency = top.text("latency");
        Fields sustainedFields = top.object("sustained");
        Map<String, Double> sustained = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : sustainedFields.node.properties()) {
            sustained.put(entry.getKey(), sustainedFields.number(entry.getKey()));
        }
        JsonNode stepArray = top.require("steps");
        if (!stepArray.isArray()) {
            throw new ResultsException(file, "\"steps\" must be an array of steps, not " + kind(stepArray));
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < stepArray.size(); i++) {
            steps.add(step(new Fields(file, stepArray.get(i), "step " + (i + 1) + " of " + stepArray.size(),
                    SHARED_KEYS)));
        }
        return new BenchmarkRun(benchmark, date, smoke, where, command, unit, latency, sustained, steps,
                top.optionalNumber("p99_limit_ms").orElse(BenchmarkRun.DEFAULT_P99_LIMIT_MS),
                memoryPerContact(top));
    }

    /** {@code memory.live_heap_bytes_per_contact}, as bench/register measures it; null when not measured. */
    private static OptionalDouble memoryPerContact(Fields top) throws ResultsException {
        JsonNode memory = top.node.get("memory");
        if (memory == null || !memory.isObject()) {
            return OptionalDouble.empty();
        }
        return top.object("memory").optionalNumber("live_heap_bytes_per_contact");
    }

    private static Step step(Fields step) throws ResultsException {
        return new Step(step.text("series"), step.number("rate_per_s"), step.number("achieved_per_s"),
                (long) step.number("attempted"), (long) step.number("failed"),
                step.nullableNumber("p50_ms"), step.nullableNumber("p99_ms"), step.optionalNumber("cpu_pct"),
                step.text("verdict"));
    }

    /** The file as a JSON object, or what keeps it from being one. */
    static JsonNode readTree(Path file) throws ResultsException {
        JsonNode root = readAny(file);
        if (!root.isObject()) {
            throw new ResultsException(file, "holds " + kind(root) + ", not a JSON object");
        }
        return root;
    }

    /** The file as JSON, or what keeps it from being JSON. */
    static JsonNode readAny(Path file) throws ResultsException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ResultsException(file, "no such file");
        } catch (IOException e) {
            throw new ResultsException(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (text.isBlank()) {
            throw new ResultsException(file, "is empty (did the run stop before writing it?)");
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ResultsException(file, "is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage().lines().findFirst()
                    .orElse(""));
        }
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The keys of one JSON object, read with a message that says where a bad one is. */
    static final class Fields {

        private final Path file;
        final JsonNode node;
        private final String where;
        private final String hint;

        /**
         * @param where where the object is in the file, for messages ("" for the top level)
         * @param hint  added to the message for a missing key: where the reader finds the keys expected
         */
        Fields(Path file, JsonNode node, String where, String hint) throws ResultsException {
            this.file = file;
            this.node = node;
            this.where = where;
            this.hint = hint;
            if (!node.isObject()) {
                throw new ResultsException(file, (where.isEmpty() ? "the top level" : where)
                        + " must be an object, not " + kind(node));
            }
        }

        JsonNode require(String key) throws ResultsException {
            JsonNode value = node.get(key);
            if (value == null) {
                throw new ResultsException(file, (where.isEmpty() ? "" : where + ": ") + "no \"" + key + "\"" + hint);
            }
            return value;
        }

        String text(String key) throws ResultsException {
            JsonNode value = require(key);
            if (!value.isTextual()) {
                throw wrong(key, "a string", value);
            }
            return value.asText();
        }

        String optionalText(String key) throws ResultsException {
            JsonNode value = node.get(key);
            return value == null || value.isNull() ? "" : text(key);
        }

        boolean bool(String key) throws ResultsException {
            JsonNode value = require(key);
            if (!value.isBoolean()) {
                throw wrong(key, "true or false", value);
            }
            return value.asBoolean();
        }

        double number(String key) throws ResultsException {
            JsonNode value = require(key);
            if (!value.isNumber()) {
                throw wrong(key, "a number", value);
            }
            return value.asDouble();
        }

        /** A number that may be null (nothing measured): NaN then. */
        double nullableNumber(String key) throws ResultsException {
            return require(key).isNull() ? Double.NaN : number(key);
        }

        OptionalDouble optionalNumber(String key) throws ResultsException {
            JsonNode value = node.get(key);
            return value == null || value.isNull() ? OptionalDouble.empty() : OptionalDouble.of(number(key));
        }

        Fields object(String key) throws ResultsException {
            JsonNode value = require(key);
            if (!value.isObject()) {
                throw wrong(key, "an object", value);
            }
            return new Fields(file, value, where.isEmpty() ? "\"" + key + "\"" : where + ", \"" + key + "\"", hint);
        }

        private ResultsException wrong(String key, String expected, JsonNode value) {
            return new ResultsException(file, (where.isEmpty() ? "" : where + ": ") + "\"" + key + "\" must be "
                    + expected + ", not " + kind(value) + " (" + value + ")");
        }
    }
}
