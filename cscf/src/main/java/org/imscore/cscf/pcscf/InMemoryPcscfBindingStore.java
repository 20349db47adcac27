package org.imscore.cscf.pcscf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;

/**
 * {@link PcscfBindingStore} in memory, indexed by contact, by flow and by host: the P-CSCF looks a binding up for
 * every initial request of a UE and every request towards one, so a lookup must not grow with the number of UEs
 * (a single SIPp playing hundreds of UEs puts them all on one flow). Writes are serialised; reads take no lock and
 * see immutable lists. Thread-safe.
 */
public final class InMemoryPcscfBindingStore implements PcscfBindingStore {

    /**
     * By {@link #contactKey}: equivalent contacts (RFC 3261 §19.1.4) share a key, so a bucket holds one or few. The
     * key is a 64-bit hash rather than the text it is made of: a boxed long costs a fifth of that text, held once per
     * registered UE, and the bindings of a bucket are compared in full anyway, so two texts with one hash only share
     * a bucket.
     */
    private final Map<Long, List<PcscfBinding>> byContact = new ConcurrentHashMap<>();
    private final Map<Endpoint, List<PcscfBinding>> bySource = new ConcurrentHashMap<>();
    /** By lower-case host of the source. */
    private final Map<String, List<PcscfBinding>> byHost = new ConcurrentHashMap<>();

    @Override
    public synchronized void put(PcscfBinding binding) {
        remove(binding.contact());
        append(byContact, contactKey(binding.contact()), binding);
        append(bySource, binding.source(), binding);
        append(byHost, hostKey(binding.source()), binding);
    }

    @Override
    public synchronized boolean remove(Uri contact) {
        List<PcscfBinding> gone = byContact.getOrDefault(contactKey(contact), List.of()).stream()
                .filter(b -> b.contact().equivalent(contact)).toList();
        for (PcscfBinding b : gone) {
            drop(byContact, contactKey(b.contact()), b);
            drop(bySource, b.source(), b);
            drop(byHost, hostKey(b.source()), b);
        }
        return !gone.isEmpty();
    }

    @Override
    public Optional<PcscfBinding> ofContact(Uri contact) {
        return byContact.getOrDefault(contactKey(contact), List.of()).stream()
                .filter(b -> b.contact().equivalent(contact)).findFirst();
    }

    @Override
    public List<PcscfBinding> fromSource(Endpoint source) {
        return bySource.getOrDefault(source, List.of());
    }

    @Override
    public List<PcscfBinding> fromHost(String host) {
        return byHost.getOrDefault(host.toLowerCase(Locale.ROOT), List.of());
    }

    @Override
    public List<PcscfBinding> all() {
        List<PcscfBinding> all = new ArrayList<>();
        bySource.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    private static <K> void append(Map<K, List<PcscfBinding>> index, K key, PcscfBinding binding) {
        index.merge(key, List.of(binding), (old, one) -> {
            List<PcscfBinding> more = new ArrayList<>(old.size() + 1);
            more.addAll(old);
            more.addAll(one);
            return List.copyOf(more);
        });
    }

    private static <K> void drop(Map<K, List<PcscfBinding>> index, K key, PcscfBinding binding) {
        index.computeIfPresent(key, (k, old) -> {
            List<PcscfBinding> rest = old.stream().filter(b -> b != binding).toList();
            return rest.isEmpty() ? null : rest;
        });
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
