package org.imscore.hss.cx;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.imscore.aka.AuthenticationCenter;
import org.imscore.diameter.codec.Avp;
import org.imscore.diameter.codec.BaseAvps;
import org.imscore.diameter.codec.DecodeFailure;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.diameter.codec.ErrorAnswers;
import org.imscore.diameter.codec.MessageValidator;
import org.imscore.diameter.codec.ResultCode;
import org.imscore.diameter.cx.CxAvps;
import org.imscore.diameter.cx.CxCommand;
import org.imscore.diameter.cx.CxResult;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.hss.store.HssStore;
import org.imscore.hss.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HSS side of Cx as plain Java: a decoded request in, its answer out (TS 29.228 §6, TS 29.229
 * §6.1). Requests that break the dictionary's grammar are answered with the base Result-Code and
 * Failed-AVP the validator names; a store failure is answered 5012 DIAMETER_UNABLE_TO_COMPLY.
 * Never throws. Safe to call from several threads: the store serialises work on one subscriber.
 *
 * <p>Validation happens once: {@link #answer} checks a request against the Cx dictionary, for callers that hand in
 * requests of their own making; {@link #answerValidated} and {@link #answerFromCache} take a request that a
 * {@link org.imscore.diameter.peer.DiameterNode} with the Cx dictionary decoded - its codec validated it, and the
 * node answered it itself had it failed.
 */
public final class CxHandler {

  private static final Logger log = LoggerFactory.getLogger(CxHandler.class);

  private final CxConfig config;
  private final HssStore store;
  private final MessageValidator validator = new MessageValidator(Dictionaries.cx());
  private final UserAuthorization userAuthorization;
  private final MultimediaAuth multimediaAuth;
  private final ServerAssignment serverAssignment;
  private final LocationInfo locationInfo;

  public CxHandler(HssStore store, CxConfig config, AuthenticationCenter authenticationCenter) {
    this.config = Objects.requireNonNull(config);
    this.store = Objects.requireNonNull(store);
    this.userAuthorization = new UserAuthorization(store, config);
    this.multimediaAuth = new MultimediaAuth(store, config, authenticationCenter);
    this.serverAssignment = new ServerAssignment(store, config);
    this.locationInfo = new LocationInfo(store, config);
  }

  public CxConfig config() {
    return config;
  }

  /** The answer to {@code request}, a Cx request (UAR, MAR, SAR or LIR), checked against the Cx dictionary first. */
  public DiameterMessage answer(DiameterMessage request) {
    return answer(request, true);
  }

  /**
   * As {@link #answer}, for a request that already passed the Cx dictionary's validation: one a
   * {@link org.imscore.diameter.peer.DiameterNode} with that dictionary received.
   */
  public DiameterMessage answerValidated(DiameterMessage request) {
    return answer(request, false);
  }

  private DiameterMessage answer(DiameterMessage request, boolean validate) {
    DiameterMessage answer;
    try {
      answer = dispatch(request, validate);
    } catch (StoreException e) {
      log.error("Cx {} failed in the subscriber store", request.commandCode(), e);
      answer = error(request, ResultCode.UNABLE_TO_COMPLY, "subscriber store unavailable", List.of());
    } catch (RuntimeException e) {
      log.error("Cx {} failed", request.commandCode(), e);
      answer = error(request, ResultCode.UNABLE_TO_COMPLY, "internal error", List.of());
    }
    logged(request, answer);
    return answer;
  }

  /**
   * The answer to {@code request}, a request that passed validation as for {@link #answerValidated}, if the store's
   * read cache alone gives it ({@link HssStore#fromCache}): a UAR or LIR for a subscriber read moments ago, a
   * re-registration SAR that changes nothing, a MAR whose SQNs stay under the mark the store already holds (see
   * {@link HssStore#authenticate}). Empty when the answer needs the database - a subscriber not cached, a MAR that
   * must store a new mark or assign the S-CSCF, a resynchronisation - or a failure to answer with 5012; then
   * {@link #answerValidated} must be called, where blocking is allowed. Never blocks.
   */
  public Optional<DiameterMessage> answerFromCache(DiameterMessage request) {
    Optional<DiameterMessage> answer;
    try {
      answer = store.fromCache(() -> dispatch(request, false));
    } catch (RuntimeException e) {
      return Optional.empty(); // answered, and logged, by answerValidated()
    }
    answer.ifPresent(a -> logged(request, a));
    return answer;
  }

  private void logged(DiameterMessage request, DiameterMessage answer) {
    // The arguments read five AVPs; a core under load logs at WARN, so they are read only when the line is written.
    if (!log.isInfoEnabled()) {
      return;
    }
    log.info(
        "{} {} {} from {} -> {}",
        CxCommand.of(request).map(Enum::name).orElse("command " + request.commandCode()),
        request.utf8(BaseAvps.USER_NAME).orElse("-"),
        request.utf8(CxAvps.PUBLIC_IDENTITY).orElse("-"),
        request.originHost().orElse("?"),
        CxResult.from(answer).map(Object::toString).orElse("no result"));
    log.debug("Cx request {}\nanswer {}", request, answer);
  }

  private DiameterMessage dispatch(DiameterMessage request, boolean validate) {
    if (!request.isRequest()) {
      return error(request, ResultCode.UNABLE_TO_COMPLY, "not a request", List.of());
    }
    if (validate) {
      List<DecodeFailure> failures = validator.validate(request);
      if (!failures.isEmpty()) {
        return ErrorAnswers.answer(request, failures.get(0), config.originHost(), config.originRealm());
      }
    }
    CxCommand command = CxCommand.of(request).orElse(null);
    if (command == null) {
      return error(request, ResultCode.COMMAND_UNSUPPORTED, "not a Cx command", List.of());
    }
    return switch (command) {
      case UAR -> userAuthorization.answer(request);
      case MAR -> multimediaAuth.answer(request);
      case SAR -> serverAssignment.answer(request);
      case LIR -> locationInfo.answer(request);
      default ->
          error(request, ResultCode.COMMAND_UNSUPPORTED, command + " is not served by an HSS", List.of());
    };
  }

  private DiameterMessage error(
      DiameterMessage request, int resultCode, String message, List<Avp> failed) {
    return ErrorAnswers.answer(request, resultCode, message, failed, config.originHost(), config.originRealm());
  }
}
