package org.imscore.cscf.regevent;

import java.util.List;
import org.imscore.sip.uri.Uri;

/** What the notifier asks the registrar when a SUBSCRIBE arrives. */
public interface RegStateSource {

    /**
     * The current registrations to report to a watcher of {@code aorKey}: every non-barred identity of its implicit
     * registration set (TS 24.229 §5.4.2.1.2), or an empty list when the identity is not known here.
     */
    List<RegInfo.Registration> registrations(String aorKey);

    /**
     * Whether {@code watcher} (the subscriber's asserted identity) may watch {@code aorKey}: an identity of the same
     * implicit set (the UE), or the P-CSCF that registered it, i.e. an entry of its Path (TS 24.229 §5.4.2.1.1).
     */
    boolean mayWatch(String aorKey, Uri watcher);

    /**
     * The instance of {@code aorKey} this source already holds (a registered identity's own text), else
     * {@code aorKey}: a subscription keeps that one rather than a copy of its own for as long as it lasts.
     */
    default String heldKey(String aorKey) {
        return aorKey;
    }
}
