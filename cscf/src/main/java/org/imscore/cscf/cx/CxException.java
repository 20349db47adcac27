package org.imscore.cscf.cx;

import java.util.concurrent.CompletionException;

/** A Cx request that did not succeed; {@link #failure()} says how to answer it. */
public final class CxException extends RuntimeException {

    private final CxFailure failure;

    public CxException(CxFailure failure, String message) {
        super(failure + ": " + message, null, false, false);
        this.failure = failure;
    }

    public CxFailure failure() {
        return failure;
    }

    /**
     * The failure behind a stage's exception: the {@link CxException} itself (unwrapped from a
     * {@link CompletionException}), or {@link CxFailure#BACKEND_ERROR} for anything else, since an unexpected
     * error in the Cx path is never the user's fault.
     */
    public static CxFailure failureOf(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof CxException cx ? cx.failure : CxFailure.BACKEND_ERROR;
    }
}
