package org.imscore.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.imscore.server.cli.ApiClient.ApiException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code imscore subscriber ...}: provisioning through the REST API of a running imscore. */
@Command(
    name = "subscriber",
    mixinStandardHelpOptions = true,
    description = "Provision subscribers through the REST API of a running imscore.",
    subcommands = {
      SubscriberCommand.Add.class,
      SubscriberImport.class,
      SubscriberCommand.ListSubscribers.class,
      SubscriberCommand.Show.class,
      SubscriberCommand.Set.class,
      SubscriberCommand.Delete.class,
      SubscriberCommand.Deregister.class
    })
public final class SubscriberCommand implements Runnable {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The --api option every subcommand takes. */
  static final class ApiOption {
    @Option(
        names = "--api",
        paramLabel = "URL",
        defaultValue = "http://127.0.0.1:8080",
        description = "Base URL of the imscore REST API (default: ${DEFAULT-VALUE}).")
    String url;
  }

  /** Runs a call and turns an API failure into a message on stderr and exit code 1. */
  abstract static class ApiCall implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOption api;

    @Override
    public final Integer call() {
      try {
        return run(new ApiClient(api.url), spec.commandLine().getOut());
      } catch (ApiException e) {
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return 1;
      }
    }

    abstract int run(ApiClient client, PrintWriter out) throws ApiException;
  }

  static final class Keys {
    @Option(names = "--opc", paramLabel = "HEX", required = true, description = "Operator key OPc, 32 hex digits.")
    String opc;

    @Option(names = "--op", paramLabel = "HEX", required = true, description = "Operator key OP, 32 hex digits.")
    String op;
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a subscriber.")
  static final class Add extends ApiCall {
    @Option(names = "--impi", required = true, paramLabel = "ID", description = "Private identity, user@realm.")
    String impi;

    @Option(names = "--impu", required = true, paramLabel = "URI",
        description = "Public identity (sip:, sips: or tel: URI); repeat for more. All form one implicit registration set.")
    List<String> impus;

    @Option(names = "--k", required = true, paramLabel = "HEX", description = "Subscriber key K, 32 hex digits.")
    String k;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Keys keys;

    @Option(names = "--amf", paramLabel = "HEX", defaultValue = "8000", description = "AMF, 4 hex digits (default: ${DEFAULT-VALUE}).")
    String amf;

    @Option(names = "--sqn", paramLabel = "N", description = "SQN to start from (default 0).")
    Long sqn;

    @Option(names = "--password", paramLabel = "PW", description = "Password for SIP Digest (MD5) phones.")
    String password;

    @Override
    int run(ApiClient client, PrintWriter out) throws ApiException {
      ObjectNode body = JSON.createObjectNode();
      body.put("impi", impi).put("k", k).put("amf", amf);
      if (keys.opc != null) {
        body.put("opc", keys.opc);
      } else {
        body.put("op", keys.op);
      }
      if (sqn != null) {
        body.put("sqn", sqn);
      }
      if (password != null) {
        body.put("password", password);
      }
      body.set("publicIdentities", identities(impus));
      JsonNode created = client.send("POST", "/api/v1/subscribers", body);
      out.println("created " + created.get("impi").asText() + " with " + impusOf(created));
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List subscribers.")
  static final class ListSubscribers extends ApiCall {
    @Option(names = "--offset", defaultValue = "0", description = "Skip this many (default: ${DEFAULT-VALUE}).")
    int offset;

    @Option(names = "--limit", defaultValue = "100", description = "Show at most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    int run(ApiClient client, PrintWriter out) throws ApiException {
      JsonNode page = client.send("GET", "/api/v1/subscribers?offset=" + offset + "&limit=" + limit, null);
      for (JsonNode s : page.get("items")) {
        String scscf = s.hasNonNull("scscfName") ? s.get("scscfName").asText() : "-";
        out.println(s.get("impi").asText() + "  " + impusOf(s) + "  S-CSCF " + scscf);
      }
      int shown = page.get("items").size();
      long total = page.get("total").asLong();
      out.println(
          shown == 0
              ? "no subscribers" + (total > 0 ? " at offset " + offset + " of " + total : "")
              : "subscribers " + (offset + 1) + "-" + (offset + shown) + " of " + total);
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one subscriber as JSON.")
  static final class Show extends ApiCall {
    @Parameters(paramLabel = "IMPI", description = "Private identity.")
    String impi;

    @Override
    int run(ApiClient client, PrintWriter out) throws ApiException {
      try {
        out.println(JSON.writeValueAsString(client.send("GET", ApiClient.path(impi), null)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot print JSON", e);
      }
      return 0;
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true, description = "Change fields of a subscriber.")
  static final class Set extends ApiCall {
    @Parameters(paramLabel = "IMPI", description = "Private identity.")
    String impi;

    @Option(names = "--k", paramLabel = "HEX", description = "New K, 32 hex digits.")
    String k;

    @Option(names = "--opc", paramLabel = "HEX", description = "New OPc (replaces OP), 32 hex digits.")
    String opc;

    @Option(names = "--op", paramLabel = "HEX", description = "New OP (replaces OPc), 32 hex digits.")
    String op;

    @Option(names = "--amf", paramLabel = "HEX", description = "New AMF, 4 hex digits.")
    String amf;

    @Option(names = "--sqn", paramLabel = "N", description = "New SQN.")
    Long sqn;

    @Option(names = "--password", paramLabel = "PW", description = "New SIP Digest password; \"\" removes it.")
    String password;

    @Option(names = "--impu", paramLabel = "URI", description = "Replace the public identities; repeat for more.")
    List<String> impus;

    @Override
    int run(ApiClient client, PrintWriter out) throws ApiException {
      ObjectNode body = JSON.createObjectNode();
      putIf(body, "k", k);
      putIf(body, "opc", opc);
      putIf(body, "op", op);
      putIf(body, "amf", amf);
      putIf(body, "password", password);
      if (sqn != null) {
        body.put("sqn", sqn);
      }
      if (impus != null) {
        body.set("publicIdentities", identities(impus));
      }
      if (body.isEmpty()) {
        throw new ApiException("nothing to change: give at least one of --k, --opc, --op, --amf, --sqn, --password, --impu");
      }
      JsonNode changed = client.send("PATCH", ApiClient.path(impi), body);
      out.println("changed " + changed.get("impi").asText());
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a subscriber.")
  static final class Delete extends ApiCall {
    @Parameters(paramLabel = "IMPI", description = "Private identity.")
    String impi;

    @Override
    int run(ApiClient client, PrintWriter out) throws ApiException {
      client.send("DELETE", ApiClient.path(impi), null);
      out.println("deleted " + impi);
      return 0;
    }
  }

  @Command(name = "deregister", mixinStandardHelpOptions = true,
      description = "Deregister a subscriber administratively (the HSS tells its S-CSCF).")
  static final class Deregister extends ApiCall {
    @Parameters(paramLabel = "IMPI", description = "Private identity.")
    String impi;

    @Override
    int run(ApiClient client, PrintWriter out) throws ApiException {
      client.send("POST", ApiClient.path(impi) + "/deregister", null);
      out.println("deregistered " + impi);
      return 0;
    }
  }

  private static ArrayNode identities(List<String> uris) {
    ArrayNode list = JSON.createArrayNode();
    for (String uri : uris) {
      list.addObject().put("identity", uri);
    }
    return list;
  }

  private static String impusOf(JsonNode subscriber) {
    List<String> uris = new ArrayList<>();
    for (JsonNode p : subscriber.path("publicIdentities")) {
      uris.add(p.get("identity").asText() + " (" + p.path("state").asText("?") + ")");
    }
    return String.join(", ", uris);
  }

  private static void putIf(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }
}
