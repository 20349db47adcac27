package org.imscore.diameter.codec;

import org.imscore.diameter.dictionary.AvpDefinition;
import org.imscore.diameter.dictionary.Dictionaries;
import org.imscore.diameter.dictionary.Dictionary;

/**
 * The RFC 6733 AVPs code refers to by name, looked up once in the base dictionary (so flags and
 * types come from the data file, not from here).
 */
public final class BaseAvps {

    private BaseAvps() {
    }

    private static final Dictionary BASE = Dictionaries.base();

    public static final AvpDefinition USER_NAME = BASE.avp("User-Name");
    public static final AvpDefinition PROXY_STATE = BASE.avp("Proxy-State");
    public static final AvpDefinition HOST_IP_ADDRESS = BASE.avp("Host-IP-Address");
    public static final AvpDefinition AUTH_APPLICATION_ID = BASE.avp("Auth-Application-Id");
    public static final AvpDefinition ACCT_APPLICATION_ID = BASE.avp("Acct-Application-Id");
    public static final AvpDefinition VENDOR_SPECIFIC_APPLICATION_ID = BASE.avp("Vendor-Specific-Application-Id");
    public static final AvpDefinition SESSION_ID = BASE.avp("Session-Id");
    public static final AvpDefinition ORIGIN_HOST = BASE.avp("Origin-Host");
    public static final AvpDefinition SUPPORTED_VENDOR_ID = BASE.avp("Supported-Vendor-Id");
    public static final AvpDefinition VENDOR_ID = BASE.avp("Vendor-Id");
    public static final AvpDefinition FIRMWARE_REVISION = BASE.avp("Firmware-Revision");
    public static final AvpDefinition RESULT_CODE = BASE.avp("Result-Code");
    public static final AvpDefinition PRODUCT_NAME = BASE.avp("Product-Name");
    public static final AvpDefinition DISCONNECT_CAUSE = BASE.avp("Disconnect-Cause");
    public static final AvpDefinition AUTH_SESSION_STATE = BASE.avp("Auth-Session-State");
    public static final AvpDefinition ORIGIN_STATE_ID = BASE.avp("Origin-State-Id");
    public static final AvpDefinition FAILED_AVP = BASE.avp("Failed-AVP");
    public static final AvpDefinition PROXY_HOST = BASE.avp("Proxy-Host");
    public static final AvpDefinition ERROR_MESSAGE = BASE.avp("Error-Message");
    public static final AvpDefinition ROUTE_RECORD = BASE.avp("Route-Record");
    public static final AvpDefinition DESTINATION_REALM = BASE.avp("Destination-Realm");
    public static final AvpDefinition PROXY_INFO = BASE.avp("Proxy-Info");
    public static final AvpDefinition DESTINATION_HOST = BASE.avp("Destination-Host");
    public static final AvpDefinition ERROR_REPORTING_HOST = BASE.avp("Error-Reporting-Host");
    public static final AvpDefinition ORIGIN_REALM = BASE.avp("Origin-Realm");
    public static final AvpDefinition EXPERIMENTAL_RESULT = BASE.avp("Experimental-Result");
    public static final AvpDefinition EXPERIMENTAL_RESULT_CODE = BASE.avp("Experimental-Result-Code");
    public static final AvpDefinition INBAND_SECURITY_ID = BASE.avp("Inband-Security-Id");

    /** Auth-Session-State value NO_STATE_MAINTAINED (1), what every Cx message carries. */
    public static final int NO_STATE_MAINTAINED = 1;
}
