package org.imscore.cscf.pcscf;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.Uri;

/** {@link PcscfBindingStore} in a list; lookups scan, which a lab-sized P-CSCF affords. */
public final class InMemoryPcscfBindingStore implements PcscfBindingStore {

    private final CopyOnWriteArrayList<PcscfBinding> bindings = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void put(PcscfBinding binding) {
        bindings.removeIf(b -> b.contact().equivalent(binding.contact()));
        bindings.add(binding);
    }

    @Override
    public void remove(Uri contact) {
        bindings.removeIf(b -> b.contact().equivalent(contact));
    }

    @Override
    public List<PcscfBinding> fromHost(String host) {
        return bindings.stream().filter(b -> b.source().address().getHostString().equalsIgnoreCase(host)).toList();
    }

    @Override
    public List<PcscfBinding> all() {
        return List.copyOf(bindings);
    }
}
