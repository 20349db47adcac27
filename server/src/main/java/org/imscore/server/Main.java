package org.imscore.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code imscore} command: one entry point, one subcommand per task. */
@Command(
    name = "imscore",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "An IMS core network: P-CSCF, I-CSCF, S-CSCF and HSS.",
    subcommands = {
      CommandLine.HelpCommand.class,
      org.imscore.server.cli.SubscriberCommand.class,
      org.imscore.server.cli.HssCommand.class,
      org.imscore.server.cli.ProxyCommand.class,
      org.imscore.server.run.RunCommand.class,
      org.imscore.server.demo.DemoCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Netty tracks 1 in 128 buffers for leaks, recording a stack trace for each: 0.7 % of the core's CPU under call
    // load, where every datagram takes a buffer. A leak repeats with its message, so 1 in 4,096 still finds one in a
    // running server; the tests run Netty's default.
    if (System.getProperty("io.netty.leakDetection.samplingInterval") == null) {
      System.setProperty("io.netty.leakDetection.samplingInterval", "4096");
    }
    // Every UDP read takes a 64 KiB buffer (room for the largest datagram) from Netty's pool and gives it back once
    // the datagram is copied out. A thread keeps buffers of up to 32 KiB for itself by default; a larger one went to
    // the shared arena and back on every read. Kept up to 64 KiB, a read takes the one the last read gave back.
    if (System.getProperty("io.netty.allocator.maxCachedBufferCapacity") == null) {
      System.setProperty("io.netty.allocator.maxCachedBufferCapacity", Integer.toString(64 * 1024));
    }
    System.exit(commandLine().execute(args));
  }

  /** The command tree, built once here so that tests run exactly what users run. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"imscore " + (version == null ? "development build" : version)};
    }
  }
}
