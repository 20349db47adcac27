package org.imscore.cscf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.imscore.cscf.cx.CxClient;
import org.imscore.cscf.cx.CxException;
import org.imscore.cscf.cx.CxFailure;
import org.imscore.cscf.cx.LocationInfoAnswer;
import org.imscore.cscf.cx.LocationInfoRequest;
import org.imscore.cscf.cx.MultimediaAuthAnswer;
import org.imscore.cscf.cx.MultimediaAuthRequest;
import org.imscore.cscf.cx.ServerAssignmentAnswer;
import org.imscore.cscf.cx.ServerAssignmentRequest;
import org.imscore.cscf.cx.UserAuthorizationAnswer;
import org.imscore.cscf.cx.UserAuthorizationRequest;

/**
 * The HSS side of Cx for role tests: answers come from functions the test sets, every request is recorded, and
 * stages complete at once so a whole flow runs on the test's thread.
 */
public final class ScriptedHss implements CxClient {

    public final List<UserAuthorizationRequest> uars = new ArrayList<>();
    public final List<MultimediaAuthRequest> mars = new ArrayList<>();
    public final List<ServerAssignmentRequest> sars = new ArrayList<>();
    public final List<LocationInfoRequest> lirs = new ArrayList<>();

    public Function<UserAuthorizationRequest, UserAuthorizationAnswer> onUar = r -> {
        throw new CxException(CxFailure.BACKEND_UNAVAILABLE, "no UAR script");
    };
    public Function<MultimediaAuthRequest, MultimediaAuthAnswer> onMar = r -> {
        throw new CxException(CxFailure.BACKEND_UNAVAILABLE, "no MAR script");
    };
    public Function<ServerAssignmentRequest, ServerAssignmentAnswer> onSar = r -> {
        throw new CxException(CxFailure.BACKEND_UNAVAILABLE, "no SAR script");
    };
    public Function<LocationInfoRequest, LocationInfoAnswer> onLir = r -> {
        throw new CxException(CxFailure.BACKEND_UNAVAILABLE, "no LIR script");
    };

    public static <Q, A> Function<Q, A> failing(CxFailure failure) {
        return r -> {
            throw new CxException(failure, "scripted");
        };
    }

    private static <Q, A> CompletionStage<A> answer(List<Q> log, Q request, Function<Q, A> script) {
        log.add(request);
        try {
            return CompletableFuture.completedFuture(script.apply(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<UserAuthorizationAnswer> userAuthorization(UserAuthorizationRequest request) {
        return answer(uars, request, onUar);
    }

    @Override
    public CompletionStage<MultimediaAuthAnswer> multimediaAuth(MultimediaAuthRequest request) {
        return answer(mars, request, onMar);
    }

    @Override
    public CompletionStage<ServerAssignmentAnswer> serverAssignment(ServerAssignmentRequest request) {
        return answer(sars, request, onSar);
    }

    @Override
    public CompletionStage<LocationInfoAnswer> locationInfo(LocationInfoRequest request) {
        return answer(lirs, request, onLir);
    }
}
