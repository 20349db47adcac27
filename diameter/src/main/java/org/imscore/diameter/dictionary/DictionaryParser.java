package org.imscore.diameter.dictionary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the dictionary text format documented in {@code base.dict}. */
final class DictionaryParser {

    private static final Pattern COMMAND_HEADER = Pattern.compile(
            "<\\s*([A-Za-z0-9-]+)\\s*>\\s*::=\\s*<\\s*Diameter Header:\\s*([^>]+)>(.*)", Pattern.DOTALL);
    private static final Pattern GROUP_HEADER = Pattern.compile(
            "<\\s*([A-Za-z0-9-]+)\\s*>\\s*::=\\s*<\\s*AVP Header:\\s*([^>]+)>(.*)", Pattern.DOTALL);
    private static final Pattern ELEMENT = Pattern.compile(
            "(\\d*)\\s*(\\*?)\\s*(\\d*)\\s*([<{\\[])\\s*([A-Za-z0-9-]+)\\s*([>}\\]])");

    private final String name;
    private final Dictionary parent;
    private final Map<AvpCode, AvpDefinition> avpsByCode = new LinkedHashMap<>();
    private final Map<String, AvpDefinition> avpsByName = new HashMap<>();
    private final Map<String, Map<Long, String>> enums = new HashMap<>();
    private final Map<AvpCode, List<GrammarRule>> groups = new HashMap<>();
    private final Map<Dictionary.CommandKey, CommandDefinition> commands = new LinkedHashMap<>();
    private final Map<Long, ApplicationDefinition> applications = new LinkedHashMap<>();
    private final List<String> grammars = new ArrayList<>();

    DictionaryParser(String name, Dictionary parent) {
        this.name = name;
        this.parent = parent;
    }

    Dictionary parse(String text) {
        StringBuilder grammar = null;
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = stripComment(raw);
            if (line.isBlank()) {
                continue;
            }
            boolean continuation = Character.isWhitespace(line.charAt(0));
            if (continuation && grammar != null) {
                grammar.append(' ').append(line.trim());
                continue;
            }
            if (grammar != null) {
                grammars.add(grammar.toString());
                grammar = null;
            }
            String trimmed = line.trim();
            try {
                if (trimmed.startsWith("<")) {
                    grammar = new StringBuilder(trimmed);
                } else {
                    row(trimmed.split("\\s+"));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        if (grammar != null) {
            grammars.add(grammar.toString());
        }
        applyEnums();
        for (String g : grammars) {
            grammar(g);
        }
        return new Dictionary(name, parent, avpsByCode, avpsByName, groups, commands, applications);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private void row(String[] t) {
        switch (t[0]) {
            case "application" -> {
                expect(t, 4);
                long id = Long.parseLong(t[1]);
                applications.put(id, new ApplicationDefinition(id, Integer.parseInt(t[2]), t[3]));
            }
            case "avp" -> {
                expect(t, 6);
                AvpDefinition def = new AvpDefinition(t[1], Integer.parseInt(t[2]), Integer.parseUnsignedInt(t[3]),
                        AvpType.fromRfcName(t[4]), FlagRule.parse(t[5]), Map.of());
                if (avpsByCode.put(def.avpCode(), def) != null || avpsByName.put(def.name(), def) != null) {
                    throw new IllegalArgumentException("AVP defined twice: " + def.name());
                }
            }
            case "enum" -> {
                expect(t, 4);
                enums.computeIfAbsent(t[1], k -> new LinkedHashMap<>()).put(Long.parseLong(t[3]), t[2]);
            }
            default -> throw new IllegalArgumentException("unknown row kind " + t[0]);
        }
    }

    private static void expect(String[] tokens, int count) {
        if (tokens.length != count) {
            throw new IllegalArgumentException(tokens[0] + " row needs " + count + " fields, has " + tokens.length);
        }
    }

    private void applyEnums() {
        enums.forEach((avpName, values) -> {
            AvpDefinition def = avpsByName.get(avpName);
            if (def == null) {
                throw new IllegalArgumentException("enum for unknown AVP " + avpName);
            }
            AvpDefinition withEnums = new AvpDefinition(def.name(), def.code(), def.vendorId(), def.type(),
                    def.mandatory(), values);
            avpsByName.put(avpName, withEnums);
            avpsByCode.put(def.avpCode(), withEnums);
        });
    }

    private void grammar(String text) {
        Matcher command = COMMAND_HEADER.matcher(text);
        if (command.matches()) {
            command(command.group(1), command.group(2), command.group(3));
            return;
        }
        Matcher group = GROUP_HEADER.matcher(text);
        if (group.matches()) {
            String[] header = group.group(2).trim().split("\\s+");
            AvpCode code = new AvpCode(Integer.parseInt(header[0]), header.length > 1 ? Integer.parseInt(header[1]) : 0);
            AvpDefinition def = lookup(group.group(1));
            if (!def.avpCode().equals(code) || def.type() != AvpType.GROUPED) {
                throw new IllegalArgumentException("grouped AVP header does not match its definition: " + text);
            }
            groups.put(code, rules(group.group(3)));
            return;
        }
        throw new IllegalArgumentException("cannot read grammar: " + text);
    }

    private void command(String shortName, String header, String body) {
        String[] parts = header.split(",");
        int code = Integer.parseInt(parts[0].trim());
        boolean request = false;
        boolean proxiable = false;
        long applicationId = 0;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            switch (p) {
                case "REQ" -> request = true;
                case "ANS" -> request = false;
                case "PXY" -> proxiable = true;
                default -> applicationId = Long.parseLong(p);
            }
        }
        CommandDefinition def = new CommandDefinition(shortName, code, applicationId, request, proxiable, rules(body));
        commands.put(new Dictionary.CommandKey(code, applicationId, request), def);
    }

    private List<GrammarRule> rules(String body) {
        List<GrammarRule> rules = new ArrayList<>();
        Matcher m = ELEMENT.matcher(body);
        int end = 0;
        while (m.find()) {
            if (!body.substring(end, m.start()).isBlank()) {
                throw new IllegalArgumentException("unexpected text in grammar: " + body.substring(end, m.start()));
            }
            end = m.end();
            GrammarRule.Kind kind = switch (m.group(4)) {
                case "<" -> GrammarRule.Kind.FIXED;
                case "{" -> GrammarRule.Kind.REQUIRED;
                default -> GrammarRule.Kind.OPTIONAL;
            };
            boolean star = !m.group(2).isEmpty();
            int min = kind == GrammarRule.Kind.OPTIONAL ? 0 : 1;
            int max = 1;
            if (star) {
                min = m.group(1).isEmpty() ? min : Integer.parseInt(m.group(1));
                max = m.group(3).isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(m.group(3));
            }
            String avpName = m.group(5);
            AvpDefinition def = avpName.equals("AVP") ? null : lookup(avpName);
            rules.add(new GrammarRule(kind, avpName, def, min, max));
        }
        if (!body.substring(end).isBlank()) {
            throw new IllegalArgumentException("unexpected text in grammar: " + body.substring(end));
        }
        return rules;
    }

    private AvpDefinition lookup(String avpName) {
        AvpDefinition def = avpsByName.get(avpName);
        if (def == null && parent != null) {
            def = parent.findAvp(avpName).orElse(null);
        }
        if (def == null) {
            throw new IllegalArgumentException("grammar names unknown AVP " + avpName);
        }
        return def;
    }
}
