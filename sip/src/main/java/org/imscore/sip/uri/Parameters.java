package org.imscore.sip.uri;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An ordered, immutable list of parameters ({@code ;a=b;c}). Names are matched case-insensitively
 * (RFC 3261 §7.3.1, §19.1.4); order and spelling are kept so that text can be written back as received.
 *
 * <p>Lookups ({@code branch}, {@code tag}, {@code lr}, ...) run on every message a proxy handles, so they loop
 * by index over the (random-access, usually one to four long) list: an iterator per lookup was a measurable share
 * of the allocation per message. Immutable, so safe to share between threads.
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

    /** The list is kept as given (no read-only wrapper): nothing here changes it, and {@link #asList} wraps it. */
    static Parameters adopt(List<Parameter> list) {
        return list == null || list.isEmpty() ? EMPTY : new Parameters(list);
    }

    /** The parameters in order (read-only). */
    public List<Parameter> asList() {
        return Collections.unmodifiableList(list);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    public Optional<Parameter> find(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(list.get(i));
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    private int indexOf(String name) {
        for (int i = 0, n = list.size(); i < n; i++) {
            if (list.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of the first parameter with this name; empty if absent or a flag. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(value(name));
    }

    /** The value of the first parameter with this name, or {@code null} if absent or a flag. */
    public String value(String name) {
        int i = indexOf(name);
        return i < 0 ? null : list.get(i).value();
    }

    /** A copy with the parameter set: replaces the first of that name in place, or appends it. */
    public Parameters with(Parameter parameter) {
        List<Parameter> copy = new ArrayList<>(list.size() + 1);
        boolean replaced = false;
        for (int i = 0, n = list.size(); i < n; i++) {
            Parameter p = list.get(i);
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
        for (int i = 0, n = list.size(); i < n; i++) {
            Parameter p = list.get(i);
            if (!p.name().equalsIgnoreCase(name)) {
                copy.add(p);
            }
        }
        return adopt(copy);
    }

    /** Appends each parameter preceded by {@code separator} (';' for parameters). */
    public void appendTo(StringBuilder out, char separator) {
        for (int i = 0, n = list.size(); i < n; i++) {
            out.append(separator);
            list.get(i).appendTo(out);
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
