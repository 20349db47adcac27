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

  /** The answer to {@code request}, a Cx request (UAR, MAR, SAR or LIR). */
  public DiameterMessage answer(DiameterMessage request) {
    DiameterMessage answer;
    try {
      answer = dispatch(request);
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
   * The answer to {@code request} if the store's read cache alone gives it ({@link HssStore#fromCache}): a UAR or
   * LIR for a subscriber read moments ago, a re-registration SAR that changes nothing, a request that fails
   * validation. Empty when the answer needs the database - a MAR always does, as it stores an SQN - or a failure
   * to answer with 5012; then {@link #answer} must be called, where blocking is allowed. Never blocks.
   */
  public Optional<DiameterMessage> answerFromCache(DiameterMessage request) {
    if (CxCommand.of(request).orElse(null) == CxCommand.MAR) {
      return Optional.empty();
    }
    Optional<DiameterMessage> answer;
    try {
      answer = store.fromCache(() -> dispatch(request));
    } catch (RuntimeException e) {
      return Optional.empty(); // answered, and logged, by answer()
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

  private DiameterMessage dispatch(DiameterMessage request) {
    if (!request.isRequest()) {
      return error(request, ResultCode.UNABLE_TO_COMPLY, "not a request", List.of());
    }
    List<DecodeFailure> failures = validator.validate(request);
    if (!failures.isEmpty()) {
      return ErrorAnswers.answer(request, failures.get(0), config.originHost(), config.originRealm());
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
