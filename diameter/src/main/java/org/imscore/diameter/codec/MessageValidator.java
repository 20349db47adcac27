package org.imscore.diameter.codec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imscore.diameter.dictionary.AvpCode;
import org.imscore.diameter.dictionary.AvpCodeMap;
import org.imscore.diameter.dictionary.AvpDefinition;
import org.imscore.diameter.dictionary.AvpType;
import org.imscore.diameter.dictionary.CommandDefinition;
import org.imscore.diameter.dictionary.Dictionary;
import org.imscore.diameter.dictionary.GrammarRule;

/**
 * Checks a received request against the dictionary, yielding the RFC 6733 section 7.1 errors:
 * 3007 unknown application, 3001 unknown command, 3008 P bit against the command's definition,
 * 3009 V bit without a vendor, 5001 unknown AVP with the M bit, 5014 a fixed-size value of the wrong
 * length or a grouped AVP whose members do not parse, 5004 a value that is not of its type, 5005 a
 * required AVP missing (Failed-AVP holds zero-filled examples), 5009 too many occurrences, 5008 an AVP
 * the grammar does not allow.
 *
 * <p>Leniency, on purpose: the order of non-fixed AVPs is not checked (real peers do not keep the CCF
 * order), and an M bit on an AVP whose definition says MUST NOT is accepted (3GPP's own tables disagree
 * on several Cx AVPs, see TS 29.229 table 6.3.1 against Wireshark's dictionary).
 */
public final class MessageValidator {

    private final Dictionary dictionary;
    private final Map<List<GrammarRule>, GrammarIndex> indexes;

    public MessageValidator(Dictionary dictionary) {
        this.dictionary = dictionary;
        this.indexes = index(dictionary);
    }

    /** The failures of {@code request}, most important first; empty when it is acceptable. */
    public List<DecodeFailure> validate(DiameterMessage request) {
        List<DecodeFailure> failures = new ArrayList<>();
        if (dictionary.application(request.applicationId()).isEmpty()) {
            failures.add(DecodeFailure.of(ResultCode.APPLICATION_UNSUPPORTED,
                    "application " + request.applicationId() + " is not supported"));
            return failures;
        }
        Optional<CommandDefinition> command = dictionary.command(request.commandCode(), request.applicationId(), true);
        if (command.isEmpty()) {
            failures.add(DecodeFailure.of(ResultCode.COMMAND_UNSUPPORTED, "command " + request.commandCode()
                    + " of application " + request.applicationId() + " is not supported"));
            return failures;
        }
        CommandDefinition def = command.get();
        if (def.proxiable() != request.isProxiable()) {
            failures.add(DecodeFailure.of(ResultCode.INVALID_HDR_BITS, def.name() + " must "
                    + (def.proxiable() ? "" : "not ") + "have the P bit set"));
        }
        List<DecodeFailure> avpFailures = new ArrayList<>();
        for (Avp avp : request.avps()) {
            checkAvp(avp, avpFailures, 0);
        }
        failures.addAll(avpFailures);
        checkGrammar(def.name(), def.rules(), request.avps(), failures);
        return failures;
    }

    private void checkAvp(Avp avp, List<DecodeFailure> failures, int depth) {
        if (avp.isVendorSpecific() && avp.vendorId() == 0) {
            failures.add(new DecodeFailure(ResultCode.INVALID_AVP_BITS,
                    "AVP " + avp.code() + " has the V bit set with Vendor-Id 0", List.of(avp)));
            return;
        }
        Optional<AvpDefinition> found = dictionary.avp(avp.code(), avp.vendorId());
        if (found.isEmpty()) {
            if (avp.isMandatory()) {
                failures.add(new DecodeFailure(ResultCode.AVP_UNSUPPORTED,
                        "AVP " + avp.key() + " is not supported but has the M bit set", List.of(avp)));
            }
            return;
        }
        AvpDefinition def = found.get();
        AvpType type = def.type();
        if (type.fixedLength() >= 0 && avp.dataLength() != type.fixedLength()) {
            failures.add(new DecodeFailure(ResultCode.INVALID_AVP_LENGTH, def.name() + " must carry "
                    + type.fixedLength() + " octets, has " + avp.dataLength(), List.of(avp)));
            return;
        }
        switch (type) {
            case ADDRESS -> {
                if (avp.address().isEmpty() && !isOtherFamily(avp)) {
                    failures.add(new DecodeFailure(ResultCode.INVALID_AVP_VALUE,
                            def.name() + " is not a valid Address", List.of(avp)));
                }
            }
            case UTF8_STRING, DIAMETER_IDENTITY, DIAMETER_URI -> {
                if (!avp.isValidUtf8()) {
                    failures.add(new DecodeFailure(ResultCode.INVALID_AVP_VALUE,
                            def.name() + " is not valid UTF-8", List.of(avp)));
                }
            }
            case GROUPED -> checkGroup(avp, def, failures, depth);
            default -> {
            }
        }
    }

    private void checkGroup(Avp avp, AvpDefinition def, List<DecodeFailure> failures, int depth) {
        if (depth > 16) {
            failures.add(new DecodeFailure(ResultCode.INVALID_AVP_VALUE,
                    def.name() + " nests grouped AVPs too deeply", List.of(avp)));
            return;
        }
        AvpDecoder.Result members = avp.decodeMembers();
        if (members.failure() != null) {
            failures.add(new DecodeFailure(ResultCode.INVALID_AVP_LENGTH,
                    "inside " + def.name() + ": " + members.failure().reason(), members.failure().failedAvps()));
            return;
        }
        if (def.equals(BaseAvps.FAILED_AVP)) {
            return; // Failed-AVP holds whatever the peer could not take: its members need not be valid.
        }
        for (Avp member : members.avps()) {
            checkAvp(member, failures, depth + 1);
        }
        List<GrammarRule> rules = dictionary.groupRules(def);
        if (!rules.isEmpty()) {
            checkGrammar(def.name(), rules, members.avps(), failures);
        }
    }

    private void checkGrammar(String where, List<GrammarRule> rules, List<Avp> avps, List<DecodeFailure> failures) {
        GrammarIndex index = indexes.get(rules);
        if (index == null) {
            index = new GrammarIndex(rules); // a grammar not from our dictionary: index it now
        }
        int[] counts = new int[rules.size()];
        Avp[] excess = null;
        Avp notAllowed = null;
        for (Avp avp : avps) {
            Integer i = index.ruleOf.get(avp.code(), avp.vendorId());
            if (i == null) {
                if (!index.wildcard && notAllowed == null) {
                    notAllowed = avp;
                }
                continue;
            }
            if (++counts[i] == rules.get(i).max() + 1L) {
                if (excess == null) {
                    excess = new Avp[rules.size()];
                }
                excess[i] = avp;
            }
        }
        List<Avp> missing = null;
        for (int i = 0; i < counts.length; i++) {
            GrammarRule rule = rules.get(i);
            if (rule.isWildcard()) {
                continue;
            }
            if (counts[i] < rule.min()) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(Avp.zeroFilled(rule.avp()));
            } else if (excess != null && excess[i] != null) {
                failures.add(new DecodeFailure(ResultCode.AVP_OCCURS_TOO_MANY_TIMES, rule.name() + " occurs "
                        + counts[i] + " times in " + where + ", at most " + rule.max() + " allowed", List.of(excess[i])));
            }
        }
        if (missing != null) {
            failures.add(new DecodeFailure(ResultCode.MISSING_AVP, where + " lacks "
                    + missing.stream().map(a -> dictionary.avp(a.key()).map(AvpDefinition::name).orElse("?")).toList(),
                    missing));
        }
        if (notAllowed != null) {
            failures.add(new DecodeFailure(ResultCode.AVP_NOT_ALLOWED,
                    "AVP " + notAllowed.key() + " is not allowed in " + where, List.of(notAllowed)));
        }
    }

    /** Which rule of a grammar names each AVP, so a message is checked in one pass over its AVPs. */
    private static final class GrammarIndex {
        final AvpCodeMap<Integer> ruleOf;
        final boolean wildcard;

        GrammarIndex(List<GrammarRule> rules) {
            Map<AvpCode, Integer> first = new HashMap<>();
            boolean any = false;
            for (int i = 0; i < rules.size(); i++) {
                GrammarRule rule = rules.get(i);
                if (rule.isWildcard()) {
                    any = true;
                } else {
                    first.putIfAbsent(rule.avp().avpCode(), i);
                }
            }
            ruleOf = AvpCodeMap.of(first);
            wildcard = any;
        }
    }

    /** Indexes every grammar of the dictionary once; read-only afterwards, so safe to share. */
    private static Map<List<GrammarRule>, GrammarIndex> index(Dictionary dictionary) {
        Map<List<GrammarRule>, GrammarIndex> all = new IdentityHashMap<>();
        for (CommandDefinition command : dictionary.commands()) {
            all.put(command.rules(), new GrammarIndex(command.rules()));
        }
        for (AvpDefinition avp : dictionary.avps()) {
            List<GrammarRule> rules = dictionary.groupRules(avp);
            if (!rules.isEmpty()) {
                all.put(rules, new GrammarIndex(rules));
            }
        }
        return all;
    }

    private static boolean isOtherFamily(Avp avp) {
        // Families other than IPv4/IPv6 (e.g. E.164, 8) are legal; only their length cannot be checked.
        byte[] d = avp.data();
        return d.length >= 2 && !(d[0] == 0 && (d[1] == 1 || d[1] == 2));
    }
}
