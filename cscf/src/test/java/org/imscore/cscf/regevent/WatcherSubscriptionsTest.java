package org.imscore.cscf.regevent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The P-CSCF's own reg-event subscriptions, looked up by Call-ID (a NOTIFY) and by identity (a REGISTER 200). */
class WatcherSubscriptionsTest {

    final WatcherSubscriptions subscriptions = new WatcherSubscriptions();

    @Test
    void aSubscriptionIsFoundByItsCallIdAndItsIdentity() {
        subscriptions.add("c1@pcscf", "sip:alice@ims.example.net");

        assertThat(subscriptions.contains("c1@pcscf")).isTrue();
        assertThat(subscriptions.watches("sip:alice@ims.example.net")).isTrue();
        assertThat(subscriptions.contains("c2@pcscf")).isFalse();
        assertThat(subscriptions.watches("sip:bob@ims.example.net")).isFalse();
        // Identities are compared as written, as the P-CSCF writes them (the To URI of the REGISTER).
        assertThat(subscriptions.watches("sip:ALICE@ims.example.net")).isFalse();
    }

    @Test
    void anIdentityStaysWatchedUntilItsLastSubscriptionEnds() {
        subscriptions.add("c1@pcscf", "sip:alice@ims.example.net");
        subscriptions.add("c2@pcscf", "sip:alice@ims.example.net");

        assertThat(subscriptions.remove("c1@pcscf")).isTrue();
        assertThat(subscriptions.watches("sip:alice@ims.example.net")).isTrue();
        assertThat(subscriptions.remove("c2@pcscf")).isTrue();
        assertThat(subscriptions.watches("sip:alice@ims.example.net")).isFalse();
        assertThat(subscriptions.size()).isZero();
    }

    @Test
    void removingAnUnknownOrEndedSubscriptionChangesNothing() {
        subscriptions.add("c1@pcscf", "sip:alice@ims.example.net");

        assertThat(subscriptions.remove("c9@pcscf")).isFalse();
        assertThat(subscriptions.remove("c1@pcscf")).isTrue();
        assertThat(subscriptions.remove("c1@pcscf")).isFalse();
        assertThat(subscriptions.contains("c1@pcscf")).isFalse();
    }

    @Test
    void aCallIdAddedAgainMovesToTheNewIdentity() {
        subscriptions.add("c1@pcscf", "sip:alice@ims.example.net");
        subscriptions.add("c1@pcscf", "sip:bob@ims.example.net");

        assertThat(subscriptions.watches("sip:alice@ims.example.net")).isFalse();
        assertThat(subscriptions.watches("sip:bob@ims.example.net")).isTrue();
        assertThat(subscriptions.size()).isEqualTo(1);
    }
}
