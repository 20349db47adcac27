package org.imscore.cscf.icscf;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.imscore.cscf.cx.ScscfCapabilities;

/**
 * S-CSCF selection from Server-Capabilities (TS 29.228 §6.1.1, Annex A; TS 23.228 §5.3.1): only S-CSCFs with every
 * mandatory capability qualify; among them the operator's preferred names (Server-Name inside the capabilities)
 * come first, then the one with most optional capabilities, then configuration order.
 */
public final class ScscfSelector {

    private final List<ScscfEntry> scscfs;

    public ScscfSelector(List<ScscfEntry> scscfs) {
        this.scscfs = List.copyOf(scscfs);
    }

    public Optional<String> select(ScscfCapabilities wanted) {
        List<ScscfEntry> qualified = scscfs.stream()
                .filter(s -> s.capabilities().containsAll(wanted.mandatory())).toList();
        if (qualified.isEmpty()) {
            // The HSS may name S-CSCFs we have no entry for; they are still routable by name.
            return wanted.serverNames().stream().findFirst();
        }
        Comparator<ScscfEntry> byPreference = Comparator
                .comparing((ScscfEntry s) -> !wanted.serverNames().contains(s.serverName()))
                .thenComparing(s -> -s.capabilities().stream().filter(wanted.optional()::contains).count())
                .thenComparing(qualified::indexOf);
        return qualified.stream().min(byPreference).map(ScscfEntry::serverName);
    }
}
