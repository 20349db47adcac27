package org.imscore.cscf.pcscf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.imscore.sip.transport.Endpoint;
import org.imscore.sip.uri.SipUri;
import org.imscore.sip.uri.Uri;

/**
 * {@link PcscfBindingStore} in memory, indexed by contact, by flow and by host: the P-CSCF looks a binding up for
 * every initial request of a UE and every request towards one, so a lookup must not grow with the number of UEs. Nor
 * may a registration: a single flow may carry thousands of UEs (UEs behind an SBC or a NAT, a test tool playing
 * them), so the bindings of a flow, and of a host, are a doubly linked list threaded through the store's own entry of
 * each binding, which adds and drops one binding without copying or scanning the others. That entry is the only
 * object the store holds per binding (the contact index chains through it too, with a table slot per binding): a
 * set per flow and per host would hold one more per binding in each (and a whole set per UE when each UE has a flow
 * of its own, the usual case). Every
 * operation holds the store's lock, held for one hash lookup or the scan to a first match. Thread-safe.
 */
public final class InMemoryPcscfBindingStore implements PcscfBindingStore {

    /** One binding held, linked into the list of its flow and the list of its host. Guarded by the store's lock. */
    private static final class Entry {
        final PcscfBinding binding;
        final long contactKey;
        /** The next entry in the same slot of {@link ContactTable} (any key that lands there). */
        Entry nextInSlot;
        Entry previousOfFlow;
        Entry nextOfFlow;
        Entry previousOfHost;
        Entry nextOfHost;

        Entry(PcscfBinding binding, long contactKey) {
            this.binding = binding;
            this.contactKey = contactKey;
        }
    }

    /**
     * The entries of one flow or of one host, oldest first, linked through the entries' links of that kind.
     * Guarded by the store's lock.
     */
    private static final class Chain {
        private final boolean ofFlow;
        private Entry first;
        private Entry last;
        private int size;

        Chain(boolean ofFlow) {
            this.ofFlow = ofFlow;
        }

        void append(Entry e) {
            setPrevious(e, last);
            setNext(e, null);
            if (last == null) {
                first = e;
            } else {
                setNext(last, e);
            }
            last = e;
            size++;
        }

        void unlink(Entry e) {
            Entry previous = previous(e);
            Entry next = next(e);
            if (previous == null) {
                first = next;
            } else {
                setNext(previous, next);
            }
            if (next == null) {
                last = previous;
            } else {
                setPrevious(next, previous);
            }
            setPrevious(e, null);
            setNext(e, null);
            size--;
        }

        Optional<PcscfBinding> first(Predicate<PcscfBinding> test) {
            for (Entry e = first; e != null; e = next(e)) {
                if (test.test(e.binding)) {
                    return Optional.of(e.binding);
                }
            }
            return Optional.empty();
        }

        void addTo(List<PcscfBinding> out) {
            for (Entry e = first; e != null; e = next(e)) {
                out.add(e.binding);
            }
        }

        Entry next(Entry e) {
            return ofFlow ? e.nextOfFlow : e.nextOfHost;
        }

        private Entry previous(Entry e) {
            return ofFlow ? e.previousOfFlow : e.previousOfHost;
        }

        private void setNext(Entry e, Entry next) {
            if (ofFlow) {
                e.nextOfFlow = next;
            } else {
                e.nextOfHost = next;
            }
        }

        private void setPrevious(Entry e, Entry previous) {
            if (ofFlow) {
                e.previousOfFlow = previous;
            } else {
                e.previousOfHost = previous;
            }
        }
    }

    /**
     * The entries by {@link InMemoryPcscfBindingStore#contactKey}: a hash table whose chains are linked through the entries themselves
     * ({@link Entry#nextInSlot}), newest first. A {@code HashMap<Long, Entry>} would hold a boxed key and a node per
     * registered UE (about 50 bytes) besides the entry, which already holds its key. Equivalent contacts (RFC 3261
     * §19.1.4) share a key; the key is a 64-bit hash rather than the text it is made of, and the bindings of a key
     * are compared in full anyway, so two texts with one hash only share a chain. Guarded by the store's lock.
     */
    private static final class ContactTable {
        private static final int INITIAL_SLOTS = 64;
        private Entry[] slots = new Entry[INITIAL_SLOTS];
        private int size;

        /** The newest entry of {@code key}'s slot; callers skip the entries of other keys ({@link #next}). */
        Entry first(long key) {
            return skipOthers(slots[slot(key, slots.length)], key);
        }

        /** The entry after {@code e} with the same key. */
        static Entry next(Entry e) {
            return skipOthers(e.nextInSlot, e.contactKey);
        }

        void add(Entry e) {
            if (size >= slots.length - (slots.length >>> 2)) {
                grow();
            }
            int i = slot(e.contactKey, slots.length);
            e.nextInSlot = slots[i];
            slots[i] = e;
            size++;
        }

        /** Unlinks {@code e}, which must be in the table. */
        void remove(Entry e) {
            int i = slot(e.contactKey, slots.length);
            if (slots[i] == e) {
                slots[i] = e.nextInSlot;
            } else {
                Entry before = slots[i];
                while (before.nextInSlot != e) {
                    before = before.nextInSlot;
                }
                before.nextInSlot = e.nextInSlot;
            }
            e.nextInSlot = null;
            size--;
        }

        /** Twice the slots, each chain keeping its order (newest first), which {@code ofContact} relies on. */
        private void grow() {
            Entry[] bigger = new Entry[slots.length * 2];
            Entry[] lasts = new Entry[bigger.length];
            for (Entry head : slots) {
                Entry next;
                for (Entry e = head; e != null; e = next) {
                    next = e.nextInSlot;
                    e.nextInSlot = null;
                    int i = slot(e.contactKey, bigger.length);
                    if (lasts[i] == null) {
                        bigger[i] = e;
                    } else {
                        lasts[i].nextInSlot = e;
                    }
                    lasts[i] = e;
                }
            }
            slots = bigger;
        }

        private static Entry skipOthers(Entry e, long key) {
            while (e != null && e.contactKey != key) {
                e = e.nextInSlot;
            }
            return e;
        }

        /** The key's high and low bits both count: the key is a hash already, but only its low bits pick a slot. */
        private static int slot(long key, int slots) {
            long mixed = key ^ (key >>> 32);
            return ((int) mixed ^ ((int) mixed >>> 16)) & (slots - 1);
        }
    }

    private final ContactTable byContact = new ContactTable();
    private final Map<Endpoint, Chain> bySource = new HashMap<>();
    /** By lower-case host of the source. */
    private final Map<String, Chain> byHost = new HashMap<>();

    @Override
    public synchronized void put(PcscfBinding binding) {
        Uri contact = binding.contact();
        remove(contact);
        Entry e = new Entry(binding, contactKey(contact));
        byContact.add(e);
        bySource.computeIfAbsent(binding.source(), k -> new Chain(true)).append(e);
        byHost.computeIfAbsent(hostKey(binding.source()), k -> new Chain(false)).append(e);
    }

    @Override
    public synchronized boolean remove(Uri contact) {
        String text = contact.toString();
        boolean removed = false;
        Entry next;
        for (Entry e = byContact.first(contactKey(contact)); e != null; e = next) {
            next = ContactTable.next(e);
            if (sameContact(e.binding, text, contact)) {
                byContact.remove(e);
                unlink(bySource, e.binding.source(), e);
                unlink(byHost, hostKey(e.binding.source()), e);
                removed = true;
            }
        }
        return removed;
    }

    @Override
    public synchronized Optional<PcscfBinding> ofContact(Uri contact) {
        Entry first = byContact.first(contactKey(contact));
        if (first == null) {
            return Optional.empty();
        }
        // The chain is newest first; the oldest equivalent binding is the one a lookup has always found (put keeps
        // one binding per equivalence class, so there is at most one anyway).
        String text = contact.toString();
        PcscfBinding found = null;
        for (Entry e = first; e != null; e = ContactTable.next(e)) {
            if (sameContact(e.binding, text, contact)) {
                found = e.binding;
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public synchronized List<PcscfBinding> fromSource(Endpoint source) {
        return copy(bySource.get(source));
    }

    @Override
    public synchronized List<PcscfBinding> fromHost(String host) {
        return copy(byHost.get(host.toLowerCase(Locale.ROOT)));
    }

    @Override
    public synchronized boolean hasSource(Endpoint source) {
        return bySource.containsKey(source);
    }

    @Override
    public synchronized Optional<PcscfBinding> firstFromSource(Endpoint source, Predicate<PcscfBinding> test) {
        Chain chain = bySource.get(source);
        return chain == null ? Optional.empty() : chain.first(test);
    }

    @Override
    public synchronized Optional<PcscfBinding> firstFromHost(String host, Predicate<PcscfBinding> test) {
        Chain chain = byHost.get(host.toLowerCase(Locale.ROOT));
        return chain == null ? Optional.empty() : chain.first(test);
    }

    @Override
    public synchronized int countFromHost(String host) {
        Chain chain = byHost.get(host.toLowerCase(Locale.ROOT));
        return chain == null ? 0 : chain.size;
    }

    @Override
    public synchronized List<PcscfBinding> all() {
        List<PcscfBinding> all = new ArrayList<>();
        bySource.values().forEach(c -> c.addTo(all));
        return List.copyOf(all);
    }

    /**
     * Whether {@code binding} is of a contact equivalent to {@code contact}: the same text (the usual case: a UE
     * writes its contact as it registered it) needs no parsing.
     */
    private static boolean sameContact(PcscfBinding binding, String contactText, Uri contact) {
        return binding.contactText().equals(contactText) || binding.contact().equivalent(contact);
    }

    private static List<PcscfBinding> copy(Chain chain) {
        if (chain == null) {
            return List.of();
        }
        List<PcscfBinding> out = new ArrayList<>(chain.size);
        chain.addTo(out);
        return List.copyOf(out);
    }

    private static <K> void unlink(Map<K, Chain> index, K key, Entry e) {
        Chain chain = index.get(key);
        chain.unlink(e);
        if (chain.size == 0) {
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
