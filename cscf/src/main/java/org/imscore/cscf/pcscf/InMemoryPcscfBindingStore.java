package org.imscore.cscf.pcscf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;

/**
 * {@link PcscfBindingStore} in memory, indexed by contact, by flow and by host: the P-CSCF looks a binding up for
 * every initial request of a UE and every request towards one, so a lookup must not grow with the number of UEs. Nor
 * may a registration: a single flow may carry thousands of UEs (UEs behind an SBC or a NAT, a test tool playing
 * them), so the flow and host indexes are insertion-ordered sets, which add and drop one binding without copying the
 * others. Every operation holds the store's lock, held for one hash lookup or the scan to a first match.
 * Thread-safe.
 */
public final class InMemoryPcscfBindingStore implements PcscfBindingStore {

    /**
     * By {@link #contactKey}: equivalent contacts (RFC 3261 §19.1.4) share a key, so a bucket holds one or few. The
     * key is a 64-bit hash rather than the text it is made of: a boxed long costs a fifth of that text, held once per
     * registered UE, and the bindings of a bucket are compared in full anyway, so two texts with one hash only share
     * a bucket.
     */
    private final Map<Long, List<PcscfBinding>> byContact = new HashMap<>();
    private final Map<Endpoint, Set<PcscfBinding>> bySource = new HashMap<>();
    /** By lower-case host of the source. */
    private final Map<String, Set<PcscfBinding>> byHost = new HashMap<>();

    @Override
    public synchronized void put(PcscfBinding binding) {
        remove(binding.contact());
        byContact.merge(contactKey(binding.contact()), List.of(binding), InMemoryPcscfBindingStore::joined);
        bySource.computeIfAbsent(binding.source(), k -> new LinkedHashSet<>()).add(binding);
        byHost.computeIfAbsent(hostKey(binding.source()), k -> new LinkedHashSet<>()).add(binding);
    }

    @Override
    public synchronized boolean remove(Uri contact) {
        long key = contactKey(contact);
        List<PcscfBinding> bucket = byContact.getOrDefault(key, List.of());
        List<PcscfBinding> gone = bucket.stream().filter(b -> b.contact().equivalent(contact)).toList();
        if (gone.isEmpty()) {
            return false;
        }
        List<PcscfBinding> rest = bucket.stream().filter(b -> !gone.contains(b)).toList();
        if (rest.isEmpty()) {
            byContact.remove(key);
        } else {
            byContact.put(key, rest);
        }
        for (PcscfBinding b : gone) {
            drop(bySource, b.source(), b);
            drop(byHost, hostKey(b.source()), b);
        }
        return true;
    }

    @Override
    public synchronized Optional<PcscfBinding> ofContact(Uri contact) {
        for (PcscfBinding b : byContact.getOrDefault(contactKey(contact), List.of())) {
            if (b.contact().equivalent(contact)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<PcscfBinding> fromSource(Endpoint source) {
        return List.copyOf(bySource.getOrDefault(source, Set.of()));
    }

    @Override
    public synchronized List<PcscfBinding> fromHost(String host) {
        return List.copyOf(byHost.getOrDefault(host.toLowerCase(Locale.ROOT), Set.of()));
    }

    @Override
    public synchronized boolean hasSource(Endpoint source) {
        return bySource.containsKey(source);
    }

    @Override
    public synchronized Optional<PcscfBinding> firstFromSource(Endpoint source, Predicate<PcscfBinding> test) {
        return first(bySource.get(source), test);
    }

    @Override
    public synchronized Optional<PcscfBinding> firstFromHost(String host, Predicate<PcscfBinding> test) {
        return first(byHost.get(host.toLowerCase(Locale.ROOT)), test);
    }

    @Override
    public synchronized int countFromHost(String host) {
        return byHost.getOrDefault(host.toLowerCase(Locale.ROOT), Set.of()).size();
    }

    @Override
    public synchronized List<PcscfBinding> all() {
        List<PcscfBinding> all = new ArrayList<>();
        bySource.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    private static Optional<PcscfBinding> first(Set<PcscfBinding> bindings, Predicate<PcscfBinding> test) {
        if (bindings != null) {
            for (PcscfBinding b : bindings) {
                if (test.test(b)) {
                    return Optional.of(b);
                }
            }
        }
        return Optional.empty();
    }

    private static List<PcscfBinding> joined(List<PcscfBinding> old, List<PcscfBinding> one) {
        List<PcscfBinding> more = new ArrayList<>(old.size() + one.size());
        more.addAll(old);
        more.addAll(one);
        return List.copyOf(more);
    }

    private static <K> void drop(Map<K, Set<PcscfBinding>> index, K key, PcscfBinding binding) {
        Set<PcscfBinding> bindings = index.get(key);
        if (bindings != null && bindings.remove(binding) && bindings.isEmpty()) {
            index.remove(key);
        }
    }

    private static String hostKey(Endpoint source) {
        return source.address().getHostString().toLowerCase(Locale.ROOT);
    }

    /**
     * What equivalent contacts have in common: scheme, user (compared after unescaping), host (case-insensitive) and
     * port must all match for SIP URIs (RFC 3261 §19.1.4); parameters are left to {@link Uri#equivalent}. Other
     * schemes share one bucket.
     */
    static long contactKey(Uri contact) {
        if (contact instanceof SipUri sip) {
            return hash((sip.secure() ? "sips:" : "sip:") + (sip.user() == null ? "" : unescape(sip.user()) + "@")
                    + sip.host().toLowerCase(Locale.ROOT) + ":" + sip.port());
        }
        return hash("other");
    }

    /** 64-bit FNV-1a over the UTF-16 units of {@code text}. */
    private static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Resolves %HH escapes (UTF-8); text without '%', or with a broken escape, is kept as it is. */
    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    return s;
                }
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
