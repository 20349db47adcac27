package org.imscore.cscf.scscf;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imscore.sip.uri.InvalidUriException;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.TelUri;
import org.imscore.sip.uri.Uri;

/**
 * The S-CSCF's local number translation, in the role ENUM plays in TS 24.229 §5.4.3.2 (RFC 6116): a global number
 * the caller dialled ({@code tel:+...} or {@code sip:+...;user=phone}) is looked up here before routing, and a match
 * replaces the Request-URI. Numbers that are nobody's here are left alone: they go on to the HSS (LIR), where the
 * implicit registration sets hold the home users' numbers, and an unknown one is answered 404.
 *
 * <p>An entry maps either one number ({@code +15550100}) or, with a trailing {@code *}, every number with that prefix
 * ({@code +4930*}); the longest match wins. The target is a SIP or tel URI in which {@code {number}} stands for the
 * dialled number, digits only with its {@code +}, so a prefix can point at a gateway:
 * {@code sip:{number}@gw.example.net;user=phone}.
 */
public final class NumberTable {

    private static final String NUMBER = "{number}";

    /** One row: a number or a prefix (without the {@code *}), and its target with {@code {number}} unfilled. */
    record Entry(String digits, boolean prefix, String target) {
    }

    private final List<Entry> entries;

    private NumberTable(List<Entry> entries) {
        this.entries = entries.stream().sorted(Comparator.comparingInt((Entry e) -> e.digits().length()).reversed()
                .thenComparing(e -> e.prefix() ? 1 : 0)).toList();
    }

    public static NumberTable empty() {
        return new NumberTable(List.of());
    }

    /**
     * The table of {@code number -> target} rows as a configuration gives them.
     *
     * @throws IllegalArgumentException naming the row when a number is not a global number (a '+' and digits, with an
     *                                  optional trailing '*') or a target is not a SIP or tel URI
     */
    public static NumberTable of(Map<String, String> rows) {
        return new NumberTable(rows.entrySet().stream().map(row -> entry(row.getKey(), row.getValue())).toList());
    }

    private static Entry entry(String number, String target) {
        Objects.requireNonNull(target, () -> "number " + number + ": no target");
        String n = number.strip();
        boolean prefix = n.endsWith("*");
        String digits = prefix ? n.substring(0, n.length() - 1) : n;
        if (!digits.matches("\\+[0-9]{1,15}")) {
            throw new IllegalArgumentException("number '" + number + "': write a global number, '+' and up to 15"
                    + " digits, with a trailing '*' for a prefix (e.g. +15550100 or +4930*)");
        }
        try {
            Uri uri = Uri.parse(target.replace(NUMBER, digits));
            if (!(uri instanceof SipUri) && !(uri instanceof TelUri)) {
                throw new IllegalArgumentException("number '" + number + "': target '" + target
                        + "' is not a sip: or tel: URI");
            }
        } catch (InvalidUriException e) {
            throw new IllegalArgumentException("number '" + number + "': target '" + target + "' is not a URI: "
                    + e.getMessage());
        }
        return new Entry(digits, prefix, target);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The URI a Request-URI translates to, when it is a global number this table maps; empty for anything else
     * (a SIP URI of a user, a local number, a number nobody here maps).
     */
    public Optional<Uri> translate(Uri requestUri) {
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return dialledNumber(requestUri).flatMap(number -> entries.stream()
                .filter(e -> e.prefix() ? number.startsWith(e.digits()) : number.equals(e.digits()))
                .findFirst()
                .map(e -> Uri.parse(e.target().replace(NUMBER, number))));
    }

    /** {@code +4930123} from {@code tel:+49-30-123} or {@code sip:+4930123@host;user=phone}. */
    static Optional<String> dialledNumber(Uri uri) {
        if (uri instanceof TelUri tel && tel.isGlobal()) {
            return Optional.of(tel.digits());
        }
        if (uri instanceof SipUri sip && sip.user() != null && sip.user().startsWith("+")
                && sip.userParameter().filter("phone"::equalsIgnoreCase).isPresent()) {
            try {
                return Optional.of(TelUri.parse("tel:" + sip.user()).digits());
            } catch (InvalidUriException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
