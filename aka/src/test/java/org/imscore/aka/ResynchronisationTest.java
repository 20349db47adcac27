package org.imscore.aka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The AuC and the USIM of this module talking to each other: vectors accepted, loss of synchronisation, AUTS,
 * resynchronisation at the HSS, and the failures on either side (TS 33.102 §6.3.3, §6.3.5).
 */
class ResynchronisationTest {

    private static final Octets K = Octets.fromHex("000102030405060708090a0b0c0d0e0f");
    private static final Octets OPC = Octets.fromHex("0f0e0d0c0b0a09080706050403020100");
    private static final SubscriberKeys KEYS = new SubscriberKeys(K, OPC, Octets.fromHex("8000"));
    private static final int IMS_IND = 24;

    private final AuthenticationCenter auc = new AuthenticationCenter();

    @Test
    void usimAcceptsSuccessiveVectorsAndRejectsAReplay() {
        Usim usim = new Usim(K, OPC, SqnScheme.DEFAULT);
        AuthenticationVector first = auc.next(KEYS, Sqn.ZERO, IMS_IND);
        AuthenticationVector second = auc.next(KEYS, first.sqn(), IMS_IND);

        assertAuthenticated(usim.authenticate(first.rand(), first.autn()), first);
        assertAuthenticated(usim.authenticate(second.rand(), second.autn()), second);
        assertThat(usim.state().highestAccepted()).isEqualTo(second.sqn());

        UsimResult replay = usim.authenticate(first.rand(), first.autn());
        assertThat(replay).isInstanceOfSatisfying(UsimResult.SyncFailure.class, sync -> {
            assertThat(sync.reason()).isEqualTo(Freshness.NOT_NEWER_THAN_SLOT);
            assertThat(sync.sqnMs()).isEqualTo(second.sqn());
        });
        assertThat(usim.state().highestAccepted()).as("a rejected challenge leaves the state alone")
                .isEqualTo(second.sqn());
    }

    @Test
    void hssBehindTheUsimResynchronisesFromAuts() {
        // The USIM has seen SEQ 1000 in the IMS slot (e.g. the HSS database was restored from an old backup).
        SqnScheme scheme = SqnScheme.DEFAULT;
        Usim usim = new Usim(K, OPC, UsimSqnState.initial(scheme).accept(scheme.compose(1000, IMS_IND)));
        Sqn hssLastIssued = scheme.compose(41, IMS_IND);

        AuthenticationVector stale = auc.next(KEYS, hssLastIssued, IMS_IND);
        UsimResult.SyncFailure sync = (UsimResult.SyncFailure) usim.authenticate(stale.rand(), stale.autn());
        assertThat(sync.sqnMs()).isEqualTo(scheme.compose(1000, IMS_IND));

        // The MAR carries RAND || AUTS in SIP-Authorization.
        ResyncResult result = auc.resynchronise(KEYS, stale.rand().concat(sync.auts().octets()), stale.sqn());
        assertThat(result).isEqualTo(
                new ResyncResult.Resynchronised(scheme.compose(1000, IMS_IND), scheme.compose(1000, IMS_IND)));

        AuthenticationVector fresh = auc.next(KEYS, ((ResyncResult.Resynchronised) result).continueFrom(), IMS_IND);
        assertThat(scheme.seq(fresh.sqn())).isEqualTo(1001);
        assertAuthenticated(usim.authenticate(fresh.rand(), fresh.autn()), fresh);
    }

    @Test
    void olderSeqInAnotherIndSlotIsStillAccepted() {
        // Annex C.2.1: the array lets vectors issued for another domain (another IND) be used out of order.
        SqnScheme scheme = SqnScheme.DEFAULT;
        Usim usim = new Usim(K, OPC, UsimSqnState.initial(scheme).accept(scheme.compose(1000, 3)));
        AuthenticationVector vector = auc.next(KEYS, scheme.compose(41, IMS_IND), IMS_IND);
        assertAuthenticated(usim.authenticate(vector.rand(), vector.autn()), vector);
        assertThat(usim.state().highestAccepted()).isEqualTo(scheme.compose(1000, 3));
    }

    @Test
    void hssStillAheadKeepsItsSqn() {
        // The UE replays an old challenge; the HSS has issued newer vectors that the USIM will accept.
        SqnScheme scheme = SqnScheme.DEFAULT;
        Usim usim = new Usim(K, OPC, SqnScheme.DEFAULT);
        AuthenticationVector old = auc.next(KEYS, scheme.compose(5, IMS_IND), IMS_IND);
        assertAuthenticated(usim.authenticate(old.rand(), old.autn()), old);
        UsimResult.SyncFailure sync = (UsimResult.SyncFailure) usim.authenticate(old.rand(), old.autn());

        Sqn hssLastIssued = scheme.compose(9, IMS_IND);
        ResyncResult result = auc.resynchronise(KEYS, old.rand(), sync.auts(), hssLastIssued);
        assertThat(result).isEqualTo(new ResyncResult.Resynchronised(old.sqn(), hssLastIssued));
    }

    @Test
    void hssTooFarAheadForTheUsimsDeltaContinuesFromSqnMs() {
        SqnScheme scheme = new SqnScheme(5, 1000, SqnScheme.NO_LIMIT);
        AuthenticationCenter limitedAuc = new AuthenticationCenter(scheme, RandSource.secure());
        Usim usim = new Usim(K, OPC, UsimSqnState.initial(scheme).accept(scheme.compose(10, 0)));

        AuthenticationVector jump = limitedAuc.next(KEYS, scheme.compose(5000, IMS_IND), IMS_IND);
        UsimResult.SyncFailure sync = (UsimResult.SyncFailure) usim.authenticate(jump.rand(), jump.autn());
        assertThat(sync.reason()).isEqualTo(Freshness.JUMP_TOO_LARGE);

        ResyncResult result = limitedAuc.resynchronise(KEYS, jump.rand(), sync.auts(), jump.sqn());
        assertThat(result).isEqualTo(new ResyncResult.Resynchronised(scheme.compose(10, 0), scheme.compose(10, 0)));
        AuthenticationVector fresh = limitedAuc.next(KEYS, scheme.compose(10, 0), IMS_IND);
        assertAuthenticated(usim.authenticate(fresh.rand(), fresh.autn()), fresh);
    }

    @Test
    void tamperedAutsIsAMacMismatchNotAnException() {
        Usim usim = new Usim(K, OPC, UsimSqnState.initial(SqnScheme.DEFAULT)
                .accept(SqnScheme.DEFAULT.compose(77, IMS_IND)));
        AuthenticationVector vector = auc.generate(KEYS, SqnScheme.DEFAULT.compose(3, IMS_IND));
        Auts auts = ((UsimResult.SyncFailure) usim.authenticate(vector.rand(), vector.autn())).auts();

        byte[] tampered = auts.octets().toByteArray();
        tampered[13] ^= 0x01;
        assertThat(auc.resynchronise(KEYS, vector.rand(), new Auts(Octets.of(tampered)), vector.sqn()))
                .isInstanceOf(ResyncResult.MacMismatch.class);

        // Right AUTS, wrong subscriber keys.
        SubscriberKeys otherKeys = new SubscriberKeys(OPC, K, Octets.fromHex("8000"));
        assertThat(auc.resynchronise(otherKeys, vector.rand(), auts, vector.sqn()))
                .isInstanceOf(ResyncResult.MacMismatch.class);

        // Right AUTS, but answered to another RAND.
        Octets otherRand = Octets.fromHex("00000000000000000000000000000001");
        assertThat(auc.resynchronise(KEYS, otherRand, auts, vector.sqn()))
                .isInstanceOf(ResyncResult.MacMismatch.class);
    }

    @Test
    void usimReportsMacFailureForAVectorOfOtherKeys() {
        Usim usim = new Usim(K, OPC, SqnScheme.DEFAULT);
        SubscriberKeys otherKeys = new SubscriberKeys(K, Octets.fromHex("ffffffffffffffffffffffffffffffff"),
                Octets.fromHex("8000"));
        AuthenticationVector foreign = auc.next(otherKeys, Sqn.ZERO, IMS_IND);

        assertThat(usim.authenticate(foreign.rand(), foreign.autn())).isInstanceOf(UsimResult.MacFailure.class);

        // A flipped AMF bit breaks MAC-A too.
        AuthenticationVector own = auc.next(KEYS, Sqn.ZERO, IMS_IND);
        byte[] autn = own.autn().toByteArray();
        autn[6] ^= 0x01;
        assertThat(usim.authenticate(own.rand(), Octets.of(autn))).isInstanceOf(UsimResult.MacFailure.class);
        assertThat(usim.state()).isEqualTo(UsimSqnState.initial(SqnScheme.DEFAULT));
    }

    @Test
    void deterministicRandSourceGivesReproducibleVectors() {
        Octets rand = Octets.fromHex("23553cbe9637a89d218ae64dae47bf35");
        AuthenticationCenter fixed = new AuthenticationCenter(SqnScheme.DEFAULT, TestData.fixedRand(rand));
        AuthenticationVector a = fixed.next(KEYS, Sqn.ZERO, IMS_IND);
        AuthenticationVector b = fixed.next(KEYS, Sqn.ZERO, IMS_IND);
        assertThat(a).isEqualTo(b);
        assertThat(a.rand()).isEqualTo(rand);

        // The default source does not repeat.
        assertThat(auc.next(KEYS, Sqn.ZERO, IMS_IND).rand()).isNotEqualTo(auc.next(KEYS, Sqn.ZERO, IMS_IND).rand());
    }

    private static void assertAuthenticated(UsimResult result, AuthenticationVector vector) {
        assertThat(result).isInstanceOfSatisfying(UsimResult.Authenticated.class, ok -> {
            assertThat(ok.res()).isEqualTo(vector.xres());
            assertThat(ok.ck()).isEqualTo(vector.ck());
            assertThat(ok.ik()).isEqualTo(vector.ik());
            assertThat(ok.sqn()).isEqualTo(vector.sqn());
        });
    }
}
