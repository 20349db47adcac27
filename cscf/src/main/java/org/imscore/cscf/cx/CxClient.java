package org.imscore.cscf.cx;

import java.util.concurrent.CompletionStage;

/**
 * The Cx requests a CSCF makes towards the HSS (TS 29.228 §6.1, §6.3). Each stage completes with the answer on
 * success, or exceptionally with a {@link CxException} naming the {@link CxFailure}. Implementations must not
 * block the caller: the SIP transaction waits for the stage, like Kamailio suspends it.
 */
public interface CxClient {

    /** UAR/UAA (I-CSCF at REGISTER): may this user register here, and which S-CSCF serves it. */
    CompletionStage<UserAuthorizationAnswer> userAuthorization(UserAuthorizationRequest request);

    /** MAR/MAA (S-CSCF): authentication vectors, or resynchronisation with RAND||AUTS. */
    CompletionStage<MultimediaAuthAnswer> multimediaAuth(MultimediaAuthRequest request);

    /** SAR/SAA (S-CSCF): record or clear this S-CSCF for the user and fetch the user profile. */
    CompletionStage<ServerAssignmentAnswer> serverAssignment(ServerAssignmentRequest request);

    /** LIR/LIA (I-CSCF on a terminating request): which S-CSCF serves this public identity. */
    CompletionStage<LocationInfoAnswer> locationInfo(LocationInfoRequest request);
}
