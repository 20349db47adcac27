package org.imscore.server;

import java.util.concurrent.CountDownLatch;

/**
 * How long a command's service runs: until Ctrl-C or SIGTERM, when a shutdown hook closes it, or until
 * {@link #stop()} is called from inside the process (as tests do), when {@link #await()} closes it. Either way
 * it is closed exactly once, so a store is never left half-written.
 */
public final class Lifetime {

  private final CountDownLatch stopped = new CountDownLatch(1);
  private Thread hook;
  private Runnable close;

  /** Closes {@code close} when the JVM is asked to exit; call before announcing that the service runs. */
  public synchronized void closeOnExit(String name, Runnable close) {
    this.close = close;
    this.hook = new Thread(() -> {
      close.run();
      stopped.countDown();
    }, name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Ends {@link #await()} from inside the process. */
  public void stop() {
    stopped.countDown();
  }

  /** Blocks until stopped; the service is closed, or being closed by the shutdown hook, when it returns. */
  public void await() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Thread installed;
    Runnable closing;
    synchronized (this) {
      installed = hook;
      closing = close;
    }
    if (installed == null) {
      return;
    }
    try {
      if (Runtime.getRuntime().removeShutdownHook(installed)) {
        closing.run(); // stopped from inside the process, not by a signal
      }
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is closing the service.
    }
  }
}
