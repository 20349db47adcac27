package org.imscore.cscf.pcscf;

import java.util.List;
import org.imscore.sip.uri.Uri;

/** The P-CSCF's registered UEs. */
public interface PcscfBindingStore {

    /** Adds or replaces the binding of this contact from this source. */
    void put(PcscfBinding binding);

    /** Removes the binding of this contact (any source). */
    void remove(Uri contact);

    /** Bindings whose REGISTER came from this host (any port: TCP connections change ports). */
    List<PcscfBinding> fromHost(String host);

    List<PcscfBinding> all();
}
