package org.imscore.diameter.cx;

/** Cx/Dx code points (TS 29.229 sections 6.1 and 6.3, TS 29.230). */
public final class Cx {

    private Cx() {
    }

    /** Cx and Dx share this Application-Id. */
    public static final long APPLICATION_ID = 16777216L;
    /** 3GPP's Vendor-Id. */
    public static final int VENDOR_ID = 10415;

    public static final int USER_AUTHORIZATION = 300;
    public static final int SERVER_ASSIGNMENT = 301;
    public static final int LOCATION_INFO = 302;
    public static final int MULTIMEDIA_AUTH = 303;
    public static final int REGISTRATION_TERMINATION = 304;
    public static final int PUSH_PROFILE = 305;

    /** SIP-Authentication-Scheme values (TS 29.229 6.3.9, TS 33.203). */
    public static final String SCHEME_AKAV1_MD5 = "Digest-AKAv1-MD5";
    public static final String SCHEME_AKAV2_MD5 = "Digest-AKAv2-MD5";
    public static final String SCHEME_DIGEST = "SIP Digest";
    public static final String SCHEME_UNKNOWN = "Unknown";

    /** Feature-List-ID 1 bits of Cx (TS 29.229 7.2.1). */
    public static final long FEATURE_SHARED_IFC_SETS = 1L;
    public static final long FEATURE_ALIAS_INDICATION = 1L << 1;
    public static final long FEATURE_IMS_RESTORATION = 1L << 2;
}
