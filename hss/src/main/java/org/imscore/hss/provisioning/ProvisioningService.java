package org.imscore.hss.provisioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.imscore.hss.profile.ServiceProfile;
import org.imscore.hss.store.DuplicateIdentityException;
import org.imscore.hss.store.HssStore;
import org.imscore.hss.store.RegistrationChange;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.RegistrationState;
import org.imscore.hss.subscriber.Subscriber;
import org.imscore.hss.subscriber.SubscriberSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, reads, changes and deletes subscribers. Input is validated first; each change is one
 * store transaction, so a request that fails leaves nothing half-written. The listener hears of
 * committed changes only.
 */
public final class ProvisioningService {

  private static final Logger log = LoggerFactory.getLogger(ProvisioningService.class);

  public static final int MAX_PAGE = 1000;

  /** The most subscribers one batch may create (one transaction each). */
  public static final int MAX_BATCH = 1000;

  private final HssStore store;
  private final ProvisioningListener listener;

  public ProvisioningService(HssStore store, ProvisioningListener listener) {
    this.store = Objects.requireNonNull(store);
    this.listener = Objects.requireNonNull(listener);
  }

  public ProvisioningService(HssStore store) {
    this(store, ProvisioningListener.NONE);
  }

  /**
   * @throws ProvisioningException INVALID for bad values, CONFLICT when the IMPI or an IMPU exists
   */
  public Subscriber create(SubscriberSpec spec) {
    SubscriberSpec valid = SubscriberValidator.validate(withDefaultProfile(spec));
    try {
      Subscriber created = store.insert(valid);
      log.info("provisioned {} with {}", created.impi(), uris(created));
      return created;
    } catch (DuplicateIdentityException e) {
      throw ProvisioningException.conflict(e.identity());
    }
  }

  /**
   * Checks a batch as {@link #createAll} would, writing nothing: each subscriber is validated,
   * compared with the others of the batch and with the store.
   *
   * @return one problem per subscriber that cannot be created, in batch order; empty when all can
   * @throws ProvisioningException INVALID for an empty batch or one of more than {@link #MAX_BATCH}
   */
  public List<BatchProblem> check(List<SubscriberSpec> specs) {
    return prepare(specs).problems();
  }

  /**
   * Creates every subscriber of the batch in one store transaction, or none of them.
   *
   * @return how many were created
   * @throws BatchRefusedException naming each subscriber that cannot be created (a bad value, an
   *     identity given twice in the batch, or one already provisioned)
   * @throws ProvisioningException INVALID for an empty batch or one of more than {@link #MAX_BATCH}
   */
  public int createAll(List<SubscriberSpec> specs) {
    Prepared batch = prepare(specs);
    if (!batch.problems().isEmpty()) {
      throw new BatchRefusedException(specs.size(), batch.problems());
    }
    try {
      store.insertAll(batch.valid());
    } catch (DuplicateIdentityException e) {
      // Provisioned by someone else between the check and the insert.
      throw new BatchRefusedException(
          specs.size(),
          List.of(new BatchProblem(indexOf(batch.valid(), e.identity()), null, ProvisioningException.Kind.CONFLICT,
              ProvisioningException.conflict(e.identity()).getMessage())));
    }
    log.info(
        "provisioned {} subscribers in one batch, {} to {}",
        specs.size(), specs.get(0).impi(), specs.get(specs.size() - 1).impi());
    return specs.size();
  }

  /** @throws ProvisioningException NOT_FOUND */
  public Subscriber get(String impi) {
    return store.find(impi).orElseThrow(() -> ProvisioningException.notFound(impi));
  }

  public Optional<Subscriber> find(String impi) {
    return store.find(impi);
  }

  /** @throws ProvisioningException INVALID for a negative offset or a limit outside 1..1000 */
  public Page<Subscriber> list(int offset, int limit) {
    if (offset < 0) {
      throw ProvisioningException.invalid("offset must be 0 or more, got " + offset);
    }
    if (limit < 1 || limit > MAX_PAGE) {
      throw ProvisioningException.invalid("limit must be 1 to " + MAX_PAGE + ", got " + limit);
    }
    return new Page<>(store.list(offset, limit), store.count(), offset, limit);
  }

  /** Replaces everything provisioned (PUT); registration state and the S-CSCF stay. */
  public Subscriber replace(String impi, SubscriberSpec spec) {
    if (!impi.equals(spec.impi())) {
      throw ProvisioningException.invalid(
          "the impi in the body (" + spec.impi() + ") differs from the one addressed (" + impi
              + "); an IMPI cannot be renamed: delete and create instead");
    }
    SubscriberSpec valid = SubscriberValidator.validate(withDefaultProfile(spec));
    return change(impi, current -> valid);
  }

  /** Changes the fields the patch gives (PATCH). */
  public Subscriber patch(String impi, SubscriberPatch patch) {
    return change(impi, current -> SubscriberValidator.validate(withDefaultProfile(merge(current, patch))));
  }

  /** @return the deleted subscriber */
  public Subscriber delete(String impi) {
    Subscriber deleted = store.delete(impi).orElseThrow(() -> ProvisioningException.notFound(impi));
    log.info("deleted {}", impi);
    listener.deleted(deleted);
    return deleted;
  }

  /**
   * Administrative deregistration: every identity NOT_REGISTERED and no S-CSCF assigned. The
   * listener then tells the S-CSCF that served the subscriber (RTR, TS 29.228 §6.1.3).
   */
  public Subscriber deregister(String impi) {
    Subscriber before = get(impi);
    Subscriber after =
        store
            .changeRegistration(
                impi,
                current -> {
                  Map<String, RegistrationState> states = new HashMap<>();
                  current.publicIdentities()
                      .forEach(p -> states.put(p.uri(), RegistrationState.NOT_REGISTERED));
                  return new RegistrationChange(states, null);
                })
            .orElseThrow(() -> ProvisioningException.notFound(impi));
    log.info("deregistered {} administratively", impi);
    listener.deregistered(before);
    return after;
  }

  private Subscriber change(String impi, Function<Subscriber, SubscriberSpec> fn) {
    Subscriber[] before = new Subscriber[1];
    Subscriber after;
    try {
      after =
          store
              .update(
                  impi,
                  current -> {
                    before[0] = current;
                    return fn.apply(current);
                  })
              .orElseThrow(() -> ProvisioningException.notFound(impi));
    } catch (DuplicateIdentityException e) {
      throw ProvisioningException.conflict(e.identity());
    }
    log.info("changed {}", impi);
    listener.changed(before[0], after);
    return after;
  }

  /** A batch's validated subscribers (in batch order) and its problems, at most one per subscriber. */
  private record Prepared(List<SubscriberSpec> valid, List<BatchProblem> problems) {}

  private Prepared prepare(List<SubscriberSpec> specs) {
    if (specs.isEmpty()) {
      throw ProvisioningException.invalid("the batch is empty: give at least one subscriber");
    }
    if (specs.size() > MAX_BATCH) {
      throw ProvisioningException.invalid(
          "a batch holds at most " + MAX_BATCH + " subscribers, got " + specs.size() + ": split it");
    }
    Map<Integer, BatchProblem> problems = new TreeMap<>();
    List<SubscriberSpec> valid = new ArrayList<>(specs.size());
    Map<String, Integer> impis = new HashMap<>();
    Map<String, Integer> impus = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      SubscriberSpec spec = specs.get(i);
      SubscriberSpec checked;
      try {
        checked = SubscriberValidator.validate(withDefaultProfile(spec));
      } catch (ProvisioningException e) {
        problems.put(i, new BatchProblem(i, spec.impi(), ProvisioningException.Kind.INVALID, e.getMessage()));
        valid.add(null);
        continue;
      }
      valid.add(checked);
      Integer first = impis.putIfAbsent(checked.impi(), i);
      if (first != null) {
        problems.putIfAbsent(i, duplicate(i, checked, "impi " + checked.impi(), first));
      }
      for (PublicIdentity identity : checked.publicIdentities()) {
        first = impus.putIfAbsent(identity.uri(), i);
        if (first != null && first != i) {
          problems.putIfAbsent(i, duplicate(i, checked, "impu " + identity.uri(), first));
        }
      }
    }
    Set<String> taken = store.provisioned(impis.keySet(), impus.keySet());
    for (int i = 0; i < valid.size(); i++) {
      SubscriberSpec spec = valid.get(i);
      if (spec == null || taken.isEmpty()) {
        continue;
      }
      Set<String> identities = new LinkedHashSet<>();
      identities.add(spec.impi());
      spec.publicIdentities().forEach(p -> identities.add(p.uri()));
      for (String identity : identities) {
        if (taken.contains(identity)) {
          problems.putIfAbsent(i, new BatchProblem(i, spec.impi(), ProvisioningException.Kind.CONFLICT,
              ProvisioningException.conflict(identity).getMessage()));
          break;
        }
      }
    }
    return new Prepared(valid, List.copyOf(problems.values()));
  }

  private static BatchProblem duplicate(int index, SubscriberSpec spec, String what, int first) {
    return new BatchProblem(index, spec.impi(), ProvisioningException.Kind.INVALID,
        what + " is given twice in the batch: also by item " + first);
  }

  private static int indexOf(List<SubscriberSpec> specs, String identity) {
    for (int i = 0; i < specs.size(); i++) {
      SubscriberSpec spec = specs.get(i);
      if (spec.impi().equals(identity)
          || spec.publicIdentities().stream().anyMatch(p -> p.uri().equals(identity))) {
        return i;
      }
    }
    return 0;
  }

  private static SubscriberSpec merge(Subscriber current, SubscriberPatch patch) {
    AuthCredentials auth = current.auth();
    String opc = auth.opc();
    String op = auth.op();
    if (patch.opc() != null && patch.op() != null) {
      throw ProvisioningException.invalid("give either opc or op, not both");
    }
    if (patch.opc() != null) {
      opc = patch.opc();
      op = null;
    } else if (patch.op() != null) {
      op = patch.op();
      opc = null;
    }
    String password = auth.password();
    if (patch.password() != null) {
      password = patch.password().isEmpty() ? null : patch.password();
    }
    AuthCredentials merged =
        new AuthCredentials(
            patch.k() != null ? patch.k() : auth.k(),
            opc,
            op,
            patch.amf() != null ? patch.amf() : auth.amf(),
            password);
    return new SubscriberSpec(
        current.impi(),
        merged,
        patch.sqn() != null ? patch.sqn() : current.sqn(),
        patch.publicIdentities() != null ? patch.publicIdentities() : current.publicIdentities(),
        patch.serviceProfiles() != null ? patch.serviceProfiles() : current.serviceProfiles());
  }

  /** Adds an empty "default" service profile when identities name it and none was given. */
  private static SubscriberSpec withDefaultProfile(SubscriberSpec spec) {
    boolean named =
        spec.publicIdentities().stream()
            .anyMatch(p -> p.profile().equals(ServiceProfile.DEFAULT_NAME));
    boolean given =
        spec.serviceProfiles().stream().anyMatch(p -> p.name().equals(ServiceProfile.DEFAULT_NAME));
    if (!named || given) {
      return spec;
    }
    List<ServiceProfile> profiles = new ArrayList<>(spec.serviceProfiles());
    profiles.add(ServiceProfile.empty(ServiceProfile.DEFAULT_NAME));
    return new SubscriberSpec(spec.impi(), spec.auth(), spec.sqn(), spec.publicIdentities(), profiles);
  }

  private static List<String> uris(Subscriber subscriber) {
    return subscriber.publicIdentities().stream().map(PublicIdentity::uri).toList();
  }
}
