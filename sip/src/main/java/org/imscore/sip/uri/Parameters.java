package org.imscore.sip.uri;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An ordered, immutable list of parameters ({@code ;a=b;c}). Names are matched case-insensitively
 * (RFC 3261 §7.3.1, §19.1.4); order and spelling are kept so that text can be written back as received.
 */
public final class Parameters {

    public static final Parameters EMPTY = new Parameters(List.of());

    private final List<Parameter> list;

    private Parameters(List<Parameter> list) {
        this.list = list;
    }

    public static Parameters of(List<Parameter> list) {
        return list.isEmpty() ? EMPTY : new Parameters(List.copyOf(list));
    }

    /**
     * Wraps {@code list} without copying it: for parsers that build a list and never touch it again. Anyone
     * else should use {@link #of(List)}.
     */
    public static Parameters adopting(List<Parameter> list) {
        return adopt(list);
    }

    static Parameters adopt(List<Parameter> list) {
        return list == null || list.isEmpty() ? EMPTY : new Parameters(Collections.unmodifiableList(list));
    }

    public List<Parameter> asList() {
        return list;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public Optional<Parameter> find(String name) {
        for (Parameter p : list) {
            if (p.name().equalsIgnoreCase(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public boolean has(String name) {
        for (Parameter p : list) {
            if (p.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The value of the first parameter with this name; empty if absent or a flag. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(value(name));
    }

    /** The value of the first parameter with this name, or {@code null} if absent or a flag. */
    public String value(String name) {
        for (Parameter p : list) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    /** A copy with the parameter set: replaces the first of that name in place, or appends it. */
    public Parameters with(Parameter parameter) {
        List<Parameter> copy = new ArrayList<>(list.size() + 1);
        boolean replaced = false;
        for (Parameter p : list) {
            if (!replaced && p.name().equalsIgnoreCase(parameter.name())) {
                copy.add(parameter);
                replaced = true;
            } else {
                copy.add(p);
            }
        }
        if (!replaced) {
            copy.add(parameter);
        }
        return adopt(copy);
    }

    public Parameters with(String name, String value) {
        return with(Parameter.of(name, value));
    }

    /** A copy without any parameter of this name. */
    public Parameters without(String name) {
        if (!has(name)) {
            return this;
        }
        List<Parameter> copy = new ArrayList<>(list.size());
        for (Parameter p : list) {
            if (!p.name().equalsIgnoreCase(name)) {
                copy.add(p);
            }
        }
        return adopt(copy);
    }

    /** Appends each parameter preceded by {@code separator} (';' for parameters). */
    public void appendTo(StringBuilder out, char separator) {
        for (Parameter p : list) {
            out.append(separator);
            p.appendTo(out);
        }
    }

    /** Appends parameters separated by {@code separator} with no leading separator (URI headers, digest). */
    public void appendJoined(StringBuilder out, String separator) {
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            list.get(i).appendTo(out);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters other && list.equals(other.list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb, ';');
        return sb.toString();
    }
}
