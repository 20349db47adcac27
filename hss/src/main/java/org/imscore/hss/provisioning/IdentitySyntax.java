package org.imscore.hss.provisioning;

import java.util.regex.Pattern;

/**
 * Syntax checks for identities, strict enough to keep typing errors out of the store and loose
 * enough for every form real subscribers use. Not a SIP parser: the HSS does not speak SIP.
 */
public final class IdentitySyntax {

  // RFC 3261 §25.1 hostport: a host name, an IPv4 address or a bracketed IPv6 reference.
  private static final String HOST =
      "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?"
          + "|\\[[0-9A-Fa-f:.]+\\])";
  // userinfo: unreserved, escaped and user-unreserved characters, optional ":password".
  private static final String USERINFO = "[A-Za-z0-9\\-_.!~*'()%&=+$,;?/:]+@";
  private static final String PARAMS = "(?:;[A-Za-z0-9\\-_.!~*'()%\\[\\]/:&+$=]+)*";
  private static final String HEADERS = "(?:\\?[A-Za-z0-9\\-_.!~*'()%\\[\\]/:&+$=?]+)?";
  private static final Pattern SIP_URI =
      Pattern.compile("sips?:(?:" + USERINFO + ")?" + HOST + "(?::\\d{1,5})?" + PARAMS + HEADERS);

  // RFC 3966: global numbers (+ digits with visual separators) or local numbers that need a
  // phone-context parameter.
  private static final Pattern TEL_URI =
      Pattern.compile(
          "tel:(?:\\+[0-9().-]*[0-9][0-9().-]*"
              + "|[0-9A-Fa-f*#().-]*[0-9A-Fa-f*#][0-9A-Fa-f*#().-]*)"
              + "(?:;[A-Za-z0-9\\-_.!~*'()%\\[\\]/:&+$=]+)*");

  // TS 23.003 §13.3: the IMPI takes the form of a NAI, username@realm (RFC 4282: no '/', '?' or
  // '#' in the username, which also keeps it usable as one URL path segment).
  private static final Pattern NAI = Pattern.compile("[^\\s@/?#]+@" + HOST);

  private IdentitySyntax() {}

  public static boolean isPublicIdentity(String uri) {
    return uri != null
        && uri.length() <= 512
        && (SIP_URI.matcher(uri).matches() || TEL_URI.matcher(uri).matches());
  }

  public static boolean isSipUri(String uri) {
    return uri != null && uri.length() <= 512 && SIP_URI.matcher(uri).matches();
  }

  public static boolean isPrivateIdentity(String impi) {
    return impi != null && impi.length() <= 255 && NAI.matcher(impi).matches();
  }
}
