package org.imscore.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.imscore.server.run.Core;
import org.imscore.server.run.CoreConfig;
import org.imscore.testkit.ue.Call;
import org.imscore.testkit.ue.TestUe;
import org.junit.jupiter.api.Test;

/**
 * Call set-up time through the all-in-one core on loopback: 100 calls, one after another, from one registered test
 * UE to another (INVITE sent to 200 received at the caller: five SIP hops each way and one LIR), each hung up
 * before the next. The figures are printed, not asserted: speed is judged on a quiet machine, not in a unit test.
 */
class CallSetupTimeTest {

  private static final int CALLS = 100;

  @Test
  void printsTheMedianSetUpTimeOfAHundredCalls() {
    try (Core core = Core.start(CoreConfig.ephemeral()); CallFixture users = new CallFixture(core)) {
      TestUe alice = users.registered(CallFixture.unique("alice"));
      String b = CallFixture.unique("bob");
      TestUe bob = users.registered(b);
      List<Long> micros = new ArrayList<>();
      for (int i = 0; i < CALLS + 5; i++) {
        long t0 = System.nanoTime();
        Call call = alice.call(users.impu(b));
        long took = (System.nanoTime() - t0) / 1_000;
        assertThat(call.response().statusCode()).isEqualTo(200);
        assertThat(call.hangUp().statusCode()).isEqualTo(200);
        bob.nextIncomingCall(java.time.Duration.ofSeconds(5));
        if (i >= 5) { // the first calls warm the JIT up
          micros.add(took);
        }
      }
      Collections.sort(micros);
      System.out.printf("call set-up time over %d calls (INVITE to 200 at the caller, loopback): median %.2f ms,"
              + " p90 %.2f ms, min %.2f ms, max %.2f ms%n", micros.size(), micros.get(micros.size() / 2) / 1000.0,
          micros.get(micros.size() * 9 / 10) / 1000.0, micros.get(0) / 1000.0,
          micros.get(micros.size() - 1) / 1000.0);
    }
  }
}
