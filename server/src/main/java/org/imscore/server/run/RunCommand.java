package org.imscore.server.run;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.imscore.server.Lifetime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imscore run}: the IMS core until Ctrl-C. All four functions in this process by default, each on its own
 * sockets; {@code --role} runs only some of them (the others are found where the configuration says). The shutdown
 * hook stops SIP first, then the Cx connections, then the HSS, which lets running Cx requests commit.
 */
@Command(
  name = "run",
  mixinStandardHelpOptions = true,
  description = {
    "Run the IMS core: P-CSCF, I-CSCF, S-CSCF and HSS in one process (each on its own sockets), until Ctrl-C.",
    "Defaults: P-CSCF 127.0.0.1:5060, I-CSCF :4060, S-CSCF :6060, HSS Cx :3868, REST :8080, store under ./data."})
public final class RunCommand implements Callable<Integer> {

  static final Path DEFAULT_CONFIG = Path.of("imscore.yaml");

  @Spec
  CommandSpec spec;

  @Option(names = "--role", paramLabel = "ROLE", split = ",",
    description = "Run only these functions: pcscf, icscf, scscf, hss (repeat or separate with commas; "
      + "default: all four).")
  List<String> roles;

  @Option(names = "--config", paramLabel = "FILE",
    description = "YAML configuration (default: ./imscore.yaml when it exists; every key and default is in "
      + "imscore.example.yaml).")
  Path config;

  @Option(names = "--demo",
    description = "Provision two demo subscribers, alice and bob, with fixed credentials, and print them.")
  boolean demo;

  /** Until Ctrl-C; tests stop a running command through it. */
  final Lifetime lifetime = new Lifetime();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<Core.Function> functions;
    CoreConfig coreConfig;
    try {
      functions = functions(roles);
      coreConfig = loadConfig();
    } catch (IllegalArgumentException | CoreConfigFile.ConfigException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 2;
    }
    if (demo && !functions.contains(Core.Function.HSS)) {
      err.println("error: --demo provisions subscribers in the HSS; run it with the hss role");
      err.flush();
      return 2;
    }
    Core core;
    try {
      core = Core.start(coreConfig, functions);
    } catch (RuntimeException e) {
      err.println("error: cannot start: " + e.getMessage());
      err.flush();
      return 1;
    }
    lifetime.closeOnExit("imscore", core::close);
    out.println("imscore running, " + core.describe() + "; Ctrl-C stops");
    if (demo) {
      try {
        out.println("demo subscribers (AKA: K, OP, AMF; or SIP Digest MD5 with the password):");
        DemoSubscribers.provision(core.provisioning(), core.domain()).forEach(l -> out.println("  " + l));
      } catch (RuntimeException e) {
        err.println("error: cannot provision the demo subscribers: " + e.getMessage());
      }
    }
    out.flush();
    err.flush();
    lifetime.await();
    return 0;
  }

  private CoreConfig loadConfig() {
    if (config != null) {
      return CoreConfigFile.load(config);
    }
    return Files.isRegularFile(DEFAULT_CONFIG) ? CoreConfigFile.load(DEFAULT_CONFIG) : CoreConfig.defaults();
  }

  static Set<Core.Function> functions(List<String> names) {
    if (names == null || names.isEmpty()) {
      return EnumSet.allOf(Core.Function.class);
    }
    Set<Core.Function> set = EnumSet.noneOf(Core.Function.class);
    for (String name : names) {
      try {
        set.add(Core.Function.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--role " + name + ": expected pcscf, icscf, scscf or hss");
      }
    }
    return set;
  }
}
