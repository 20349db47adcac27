package org.imscore.diameter.cx;

import org.imscore.diameter.dictionary.AvpDefinition;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.diameter.dictionary.Dictionary;

/** The Cx/Dx AVPs (TS 29.229 6.3), looked up once in the Cx dictionary data file. */
public final class CxAvps {

    private CxAvps() {
    }

    private static final Dictionary CX = Dictionaries.cx();

    public static final AvpDefinition VISITED_NETWORK_IDENTIFIER = CX.avp("Visited-Network-Identifier");
    public static final AvpDefinition PUBLIC_IDENTITY = CX.avp("Public-Identity");
    public static final AvpDefinition SERVER_NAME = CX.avp("Server-Name");
    public static final AvpDefinition SERVER_CAPABILITIES = CX.avp("Server-Capabilities");
    public static final AvpDefinition MANDATORY_CAPABILITY = CX.avp("Mandatory-Capability");
    public static final AvpDefinition OPTIONAL_CAPABILITY = CX.avp("Optional-Capability");
    public static final AvpDefinition USER_DATA = CX.avp("User-Data");
    public static final AvpDefinition SIP_NUMBER_AUTH_ITEMS = CX.avp("SIP-Number-Auth-Items");
    public static final AvpDefinition SIP_AUTHENTICATION_SCHEME = CX.avp("SIP-Authentication-Scheme");
    public static final AvpDefinition SIP_AUTHENTICATE = CX.avp("SIP-Authenticate");
    public static final AvpDefinition SIP_AUTHORIZATION = CX.avp("SIP-Authorization");
    public static final AvpDefinition SIP_AUTHENTICATION_CONTEXT = CX.avp("SIP-Authentication-Context");
    public static final AvpDefinition SIP_AUTH_DATA_ITEM = CX.avp("SIP-Auth-Data-Item");
    public static final AvpDefinition SIP_ITEM_NUMBER = CX.avp("SIP-Item-Number");
    public static final AvpDefinition SERVER_ASSIGNMENT_TYPE = CX.avp("Server-Assignment-Type");
    public static final AvpDefinition DEREGISTRATION_REASON = CX.avp("Deregistration-Reason");
    public static final AvpDefinition REASON_CODE = CX.avp("Reason-Code");
    public static final AvpDefinition REASON_INFO = CX.avp("Reason-Info");
    public static final AvpDefinition CHARGING_INFORMATION = CX.avp("Charging-Information");
    public static final AvpDefinition PRIMARY_EVENT_CHARGING_FUNCTION_NAME = CX.avp("Primary-Event-Charging-Function-Name");
    public static final AvpDefinition SECONDARY_EVENT_CHARGING_FUNCTION_NAME = CX.avp("Secondary-Event-Charging-Function-Name");
    public static final AvpDefinition PRIMARY_CHARGING_COLLECTION_FUNCTION_NAME = CX.avp("Primary-Charging-Collection-Function-Name");
    public static final AvpDefinition SECONDARY_CHARGING_COLLECTION_FUNCTION_NAME = CX.avp("Secondary-Charging-Collection-Function-Name");
    public static final AvpDefinition USER_AUTHORIZATION_TYPE = CX.avp("User-Authorization-Type");
    public static final AvpDefinition USER_DATA_ALREADY_AVAILABLE = CX.avp("User-Data-Already-Available");
    public static final AvpDefinition CONFIDENTIALITY_KEY = CX.avp("Confidentiality-Key");
    public static final AvpDefinition INTEGRITY_KEY = CX.avp("Integrity-Key");
    public static final AvpDefinition SUPPORTED_FEATURES = CX.avp("Supported-Features");
    public static final AvpDefinition FEATURE_LIST_ID = CX.avp("Feature-List-ID");
    public static final AvpDefinition FEATURE_LIST = CX.avp("Feature-List");
    public static final AvpDefinition SUPPORTED_APPLICATIONS = CX.avp("Supported-Applications");
    public static final AvpDefinition ASSOCIATED_IDENTITIES = CX.avp("Associated-Identities");
    public static final AvpDefinition ORIGINATING_REQUEST = CX.avp("Originating-Request");
    public static final AvpDefinition WILDCARDED_PUBLIC_IDENTITY = CX.avp("Wildcarded-Public-Identity");
    public static final AvpDefinition SIP_DIGEST_AUTHENTICATE = CX.avp("SIP-Digest-Authenticate");
    public static final AvpDefinition WILDCARDED_IMPU = CX.avp("Wildcarded-IMPU");
    public static final AvpDefinition UAR_FLAGS = CX.avp("UAR-Flags");
    public static final AvpDefinition LOOSE_ROUTE_INDICATION = CX.avp("Loose-Route-Indication");
    public static final AvpDefinition SCSCF_RESTORATION_INFO = CX.avp("SCSCF-Restoration-Info");
    public static final AvpDefinition PATH = CX.avp("Path");
    public static final AvpDefinition CONTACT = CX.avp("Contact");
    public static final AvpDefinition SUBSCRIPTION_INFO = CX.avp("Subscription-Info");
    public static final AvpDefinition ASSOCIATED_REGISTERED_IDENTITIES = CX.avp("Associated-Registered-Identities");
    public static final AvpDefinition MULTIPLE_REGISTRATION_INDICATION = CX.avp("Multiple-Registration-Indication");
    public static final AvpDefinition RESTORATION_INFO = CX.avp("Restoration-Info");
    public static final AvpDefinition SESSION_PRIORITY = CX.avp("Session-Priority");
    public static final AvpDefinition IDENTITY_WITH_EMERGENCY_REGISTRATION = CX.avp("Identity-with-Emergency-Registration");
    public static final AvpDefinition LIA_FLAGS = CX.avp("LIA-Flags");
    public static final AvpDefinition SAR_FLAGS = CX.avp("SAR-Flags");
    public static final AvpDefinition RTR_FLAGS = CX.avp("RTR-Flags");
    public static final AvpDefinition DIGEST_REALM = CX.avp("Digest-Realm");
    public static final AvpDefinition DIGEST_QOP = CX.avp("Digest-QoP");
    public static final AvpDefinition DIGEST_ALGORITHM = CX.avp("Digest-Algorithm");
    public static final AvpDefinition DIGEST_HA1 = CX.avp("Digest-HA1");
}
