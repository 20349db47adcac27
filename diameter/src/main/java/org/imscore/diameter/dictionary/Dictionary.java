package org.imscore.diameter.dictionary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AVP definitions, grouped AVP grammars, command formats and applications, read from a data file
 * (see {@code base.dict} for the syntax). An application dictionary inherits a parent: every lookup
 * that misses here asks the parent, so Cx sees the base AVPs and the base peer commands.
 * Immutable and safe to share.
 */
public final class Dictionary {

    private final String name;
    private final Dictionary parent;
    private final Map<AvpCode, AvpDefinition> avpsByCode;
    /** The same rows as {@link #avpsByCode}, for lookups by code and vendor on the receive path. */
    private final AvpCodeMap<AvpDefinition> avpTable;
    private final Map<String, AvpDefinition> avpsByName;
    private final AvpCodeMap<List<GrammarRule>> groupTable;
    private final Map<CommandKey, CommandDefinition> commands;
    private final Map<Long, ApplicationDefinition> applications;
    // The same commands and applications as arrays, for the lookups of every received request: a dictionary has a
    // few dozen commands and a few applications, so a scan beats a key object (and a boxed id) per lookup.
    private final CommandDefinition[] commandArray;
    private final ApplicationDefinition[] applicationArray;

    record CommandKey(int code, long applicationId, boolean request) {
    }

    Dictionary(String name, Dictionary parent, Map<AvpCode, AvpDefinition> avpsByCode,
               Map<String, AvpDefinition> avpsByName, Map<AvpCode, List<GrammarRule>> groups,
               Map<CommandKey, CommandDefinition> commands, Map<Long, ApplicationDefinition> applications) {
        this.name = name;
        this.parent = parent;
        Map<AvpCode, AvpDefinition> allAvps = new HashMap<>();
        if (parent != null) {
            allAvps.putAll(parent.avpsByCode);
        }
        allAvps.putAll(avpsByCode);
        this.avpsByCode = Map.copyOf(allAvps);
        this.avpTable = AvpCodeMap.of(allAvps);
        this.avpsByName = Map.copyOf(avpsByName);
        this.groupTable = AvpCodeMap.of(groups);
        this.commands = Map.copyOf(commands);
        this.applications = Map.copyOf(applications);
        this.commandArray = commands.values().toArray(CommandDefinition[]::new);
        this.applicationArray = applications.values().toArray(ApplicationDefinition[]::new);
    }

    /** Reads a dictionary from text; {@code parent} may be null for a root dictionary. */
    public static Dictionary parse(String name, String text, Dictionary parent) {
        return new DictionaryParser(name, parent).parse(text);
    }

    /** Reads a dictionary from a class-path resource next to this class (e.g. {@code "cx.dict"}). */
    public static Dictionary load(String resource, Dictionary parent) {
        try (InputStream in = Dictionary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no dictionary resource " + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), parent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public Optional<Dictionary> parent() {
        return Optional.ofNullable(parent);
    }

    /** The AVP of this code and vendor, here or in a parent (the parent's rows are merged in). */
    public Optional<AvpDefinition> avp(int code, int vendorId) {
        return Optional.ofNullable(avpTable.get(code, vendorId));
    }

    public Optional<AvpDefinition> avp(AvpKey key) {
        return avp(key.code(), key.vendorId());
    }

    public Optional<AvpDefinition> findAvp(String avpName) {
        AvpDefinition found = avpsByName.get(avpName);
        if (found == null && parent != null) {
            return parent.findAvp(avpName);
        }
        return Optional.ofNullable(found);
    }

    /** The AVP of this name; for names the code relies on, so a missing one is a programming error. */
    public AvpDefinition avp(String avpName) {
        return findAvp(avpName).orElseThrow(
                () -> new IllegalArgumentException("dictionary " + name + " has no AVP " + avpName));
    }

    /** The grammar of a grouped AVP, empty when the dictionary gives none. */
    public List<GrammarRule> groupRules(AvpKey key) {
        List<GrammarRule> rules = groupTable.get(key.code(), key.vendorId());
        if (rules == null && parent != null) {
            return parent.groupRules(key);
        }
        return rules == null ? List.of() : rules;
    }

    public Optional<CommandDefinition> command(int code, long applicationId, boolean request) {
        for (CommandDefinition command : commandArray) {
            if (command.code() == code && command.applicationId() == applicationId && command.request() == request) {
                return Optional.of(command);
            }
        }
        return parent == null ? Optional.empty() : parent.command(code, applicationId, request);
    }

    /** A command by its short name (e.g. {@code "MAR"}). */
    public Optional<CommandDefinition> command(String shortName) {
        for (CommandDefinition command : commands.values()) {
            if (command.name().equals(shortName)) {
                return Optional.of(command);
            }
        }
        return parent == null ? Optional.empty() : parent.command(shortName);
    }

    /** The application of this id, from here or a parent; empty when the node does not support it. */
    public Optional<ApplicationDefinition> application(long applicationId) {
        for (ApplicationDefinition application : applicationArray) {
            if (application.id() == applicationId) {
                return Optional.of(application);
            }
        }
        return parent == null ? Optional.empty() : parent.application(applicationId);
    }

    public List<ApplicationDefinition> applications() {
        List<ApplicationDefinition> all = new ArrayList<>(parent == null ? List.of() : parent.applications());
        all.addAll(applications.values());
        return List.copyOf(all);
    }

    /** Every AVP definition, the parent's included. */
    public Collection<AvpDefinition> avps() {
        return List.copyOf(avpsByCode.values());
    }

    /** Every command definition, the parent's first. */
    public Collection<CommandDefinition> commands() {
        List<CommandDefinition> all = new ArrayList<>(parent == null ? List.of() : parent.commands());
        all.addAll(commands.values());
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return "Dictionary[" + name + (parent == null ? "" : " < " + parent.name) + "]";
    }
}
