package org.imscore.hss.cx;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Session-Id values for requests the HSS starts (RFC 6733 §8.8):
 * {@code <DiameterIdentity>;<high 32 bits>;<low 32 bits>}, the high part the start time so that ids
 * stay unique across restarts.
 */
public final class SessionIds {

  private final String originHost;
  private final long high;
  private final AtomicLong low = new AtomicLong();

  public SessionIds(String originHost, Clock clock) {
    this.originHost = originHost;
    this.high = clock.instant().getEpochSecond() & 0xFFFFFFFFL;
  }

  public String next() {
    return originHost + ";" + high + ";" + (low.incrementAndGet() & 0xFFFFFFFFL);
  }
}
