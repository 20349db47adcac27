package org.imscore.cscf.scscf;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ChallengeStore} in a map. A challenge lives until answered or replaced; stale ones are refused on use. */
public final class InMemoryChallengeStore implements ChallengeStore {

    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();

    private static String key(String impi, String nonce) {
        return impi.toLowerCase(Locale.ROOT) + "\n" + nonce;
    }

    @Override
    public void put(Challenge challenge) {
        challenges.put(key(challenge.privateIdentity(), challenge.nonce()), challenge);
    }

    @Override
    public Optional<Challenge> find(String privateIdentity, String nonce) {
        return Optional.ofNullable(challenges.get(key(privateIdentity, nonce)));
    }

    @Override
    public void remove(String privateIdentity, String nonce) {
        challenges.remove(key(privateIdentity, nonce));
    }

    @Override
    public int removeIssuedBefore(java.time.Instant cutoff) {
        int before = challenges.size();
        challenges.values().removeIf(c -> c.issuedAt().isBefore(cutoff));
        return before - challenges.size();
    }

    int size() {
        return challenges.size();
    }
}
