package org.imscore.server.run;

import java.net.InetSocketAddress;
import org.imscore.diameter.codec.DiameterMessage;
import org.imscore.sip.message.SipMessage;

/**
 * A passive tap on every message the core's functions put on or take off the wire: SIP at each CSCF's transport,
 * Diameter Cx at each CSCF's connection to the HSS (so the HSS's own side is seen from its peers, each message once).
 * Called on event-loop threads: quick, non-blocking. {@link #NONE} is the default of {@link Core#start(CoreConfig)}.
 */
public interface CoreObserver {

  /** Whether the observing function sent or received the message. */
  enum Direction { SENT, RECEIVED }

  /** Observes nothing. */
  CoreObserver NONE = new CoreObserver() {
    @Override
    public void sip(Core.Function function, Direction direction, InetSocketAddress local, InetSocketAddress remote,
        SipMessage message) {
    }

    @Override
    public void cx(Core.Function cscf, Direction direction, DiameterMessage message) {
    }
  };

  /** A SIP message sent or received by {@code function} (a CSCF) at {@code local}, to or from {@code remote}. */
  void sip(Core.Function function, Direction direction, InetSocketAddress local, InetSocketAddress remote,
      SipMessage message);

  /** A Diameter message {@code cscf} sent to the HSS or received from it (CER and watchdogs included). */
  void cx(Core.Function cscf, Direction direction, DiameterMessage message);
}
