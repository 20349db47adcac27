package org.imscore.diameter.dictionary;

import java.util.List;

/**
 * A command code format (RFC 6733 section 3.2): the request or the answer of one command, with the
 * application id it belongs to, whether it is proxiable, and its grammar in order.
 */
public record CommandDefinition(String name, int code, long applicationId, boolean request, boolean proxiable,
                                List<GrammarRule> rules) {
    public CommandDefinition {
        rules = List.copyOf(rules);
    }

    /** True when the grammar ends in {@code *[AVP]}: AVPs it does not name are allowed. */
    public boolean allowsAnyAvp() {
        return rules.stream().anyMatch(GrammarRule::isWildcard);
    }
}
