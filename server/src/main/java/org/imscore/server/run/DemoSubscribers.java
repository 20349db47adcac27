package org.imscore.server.run;

import java.util.ArrayList;
import java.util.List;
import org.imscore.hss.provisioning.ProvisioningService;
import org.imscore.hss.subscriber.AuthCredentials;
import org.imscore.hss.subscriber.PublicIdentity;
import org.imscore.hss.subscriber.SubscriberSpec;

/**
 * The two subscribers of {@code imscore run --demo}, with fixed credentials that work with SIPp 3.6.1: K and OP
 * contain none of the bytes SIPp mangles (0x00, 0x0a, 0x5b, the pair 0x5c 0x78), and each has a SIP Digest
 * password too, for phones without AKA.
 */
public final class DemoSubscribers {

  /** One demo subscriber: public identity {@code sip:USER@DOMAIN}, private identity {@code USER@DOMAIN}. */
  public record Demo(String user, String k, String op, String amf, String password) {

    public String impi(String domain) {
      return user + "@" + domain;
    }

    public String impu(String domain) {
      return "sip:" + user + "@" + domain;
    }

    public SubscriberSpec spec(String domain) {
      return new SubscriberSpec(impi(domain), new AuthCredentials(k, null, op, amf, password), 0,
          List.of(new PublicIdentity(impu(domain), false, 1, "default")), List.of());
    }
  }

  public static final Demo ALICE = new Demo("alice", "a1b2c3d4e5f60718293a4b5c6d7e8f91",
      "cdc202d5123e20f62b6d676ac72cb318", "8000", "alice-secret");
  public static final Demo BOB = new Demo("bob", "112233445566778899aabbccddeeff01",
      "cdc202d5123e20f62b6d676ac72cb318", "8000", "bob-secret");

  public static final List<Demo> ALL = List.of(ALICE, BOB);

  private DemoSubscribers() {
  }

  /**
   * Creates the demo subscribers that do not exist yet (a second {@code --demo} run on the same data keeps them).
   *
   * @return lines describing each subscriber's credentials, for the console
   */
  public static List<String> provision(ProvisioningService provisioning, String domain) {
    List<String> lines = new ArrayList<>();
    for (Demo d : ALL) {
      boolean existed = provisioning.find(d.impi(domain)).isPresent();
      if (!existed) {
        provisioning.create(d.spec(domain));
      }
      lines.add(String.format("%-6s IMPU %s  IMPI %s  K %s  OP %s  AMF %s  password %s%s", d.user(),
          d.impu(domain), d.impi(domain), d.k(), d.op(), d.amf(), d.password(),
          existed ? "  (already provisioned)" : ""));
    }
    return lines;
  }
}
