package org.imscore.server.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.imscore.cscf.scscf.NumberTable;

/**
 * Reads {@code imscore.yaml} into a {@link CoreConfig}: the file's keys are laid over the defaults, so a file names
 * only what it changes. A key the defaults do not have, a value of the wrong type, or a value out of range stops
 * the start with a {@link ConfigException} that names the key ({@code scscf.port}) and says what is wanted.
 */
public final class CoreConfigFile {

  /** Sections whose keys are free (names of the operator's choosing). */
  private static final List<String> FREE_KEYS = List.of("hosts", "scscf.numbers");

  private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  /** A configuration that cannot be used; the message says which key and what to fix. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }

  private CoreConfigFile() {
  }

  public static CoreConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** Parses YAML text; {@code source} names it in messages. */
  public static CoreConfig parse(String text, String source) {
    JsonNode given;
    try {
      given = YAML.readTree(text);
    } catch (IOException e) {
      throw new ConfigException(source + ": not valid YAML: " + firstLine(e.getMessage()));
    }
    ObjectNode merged = YAML.valueToTree(CoreConfig.defaults());
    if (given != null && !given.isMissingNode() && !given.isNull()) {
      if (!given.isObject()) {
        throw new ConfigException(source + ": expected a mapping of keys at the top level");
      }
      overlay(merged, (ObjectNode) given, "", source);
    }
    CoreConfig config;
    try {
      config = YAML.treeToValue(merged, CoreConfig.class);
    } catch (JsonMappingException e) {
      throw new ConfigException(source + ": bad value for '" + path(e) + "': " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(source + ": " + firstLine(e.getMessage()));
    }
    validate(config, source);
    return config;
  }

  private static void overlay(ObjectNode base, ObjectNode given, String prefix, String source) {
    Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix + field.getKey();
      JsonNode current = base.get(field.getKey());
      boolean free = FREE_KEYS.contains(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1));
      if (current == null && !free) {
        List<String> known = new ArrayList<>();
        base.fieldNames().forEachRemaining(n -> known.add(prefix + n));
        throw new ConfigException(source + ": unknown key '" + key + "' (known here: "
            + String.join(", ", known) + ")");
      }
      if (current != null && current.isObject()) {
        if (!field.getValue().isObject()) {
          throw new ConfigException(source + ": '" + key + "' must be a mapping of keys");
        }
        overlay((ObjectNode) current, (ObjectNode) field.getValue(), key + ".", source);
      } else {
        base.set(field.getKey(), field.getValue());
      }
    }
  }

  /** Ranges and forms Jackson cannot check. */
  static void validate(CoreConfig c, String source) {
    List<String> problems = new ArrayList<>();
    if (!c.domain().matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
      problems.add("'domain' " + c.domain() + " is not a domain name");
    }
    address(problems, "pcscf", c.pcscf().listen(), c.pcscf().port());
    address(problems, "icscf", c.icscf().listen(), c.icscf().port());
    address(problems, "scscf", c.scscf().listen(), c.scscf().port());
    address(problems, "hss", c.hss().listen(), c.hss().port());
    if (!isIp(c.hss().apiListen())) {
      problems.add("'hss.apiListen' " + c.hss().apiListen() + " is not an IP address");
    }
    port(problems, "hss.apiPort", c.hss().apiPort());
    CoreConfig.Scscf s = c.scscf();
    if (s.minExpires() < 1 || s.minExpires() > s.defaultExpires() || s.defaultExpires() > s.maxExpires()) {
      problems.add("'scscf.minExpires', 'scscf.defaultExpires', 'scscf.maxExpires' need 1 <= min <= default"
          + " <= max (have " + s.minExpires() + ", " + s.defaultExpires() + ", " + s.maxExpires() + ")");
    }
    if (s.expiryCheckSeconds() < 1) {
      problems.add("'scscf.expiryCheckSeconds' must be at least 1 (have " + s.expiryCheckSeconds() + ")");
    }
    if (s.branchTimeoutSeconds() < 1) {
      problems.add("'scscf.branchTimeoutSeconds' must be at least 1 (have " + s.branchTimeoutSeconds() + ")");
    }
    if (s.noAnswerSeconds() < 1) {
      problems.add("'scscf.noAnswerSeconds' must be at least 1 (have " + s.noAnswerSeconds() + ")");
    }
    try {
      NumberTable.of(s.numbers());
    } catch (IllegalArgumentException e) {
      problems.add("'scscf.numbers': " + e.getMessage());
    }
    if (c.hss().store() == CoreConfig.Store.FILE && c.hss().dataDir().isBlank()) {
      problems.add("'hss.dataDir' is empty; name a directory or set 'hss.store: memory'");
    }
    c.hosts().forEach((name, ip) -> {
      if (!isIp(ip)) {
        problems.add("'hosts." + name + "' " + ip + " is not an IP address");
      }
    });
    if (!problems.isEmpty()) {
      throw new ConfigException(source + ": " + String.join("; ", problems));
    }
  }

  private static void address(List<String> problems, String section, String listen, int port) {
    if (listen == null || !isIp(listen)) {
      problems.add("'" + section + ".listen' " + listen + " is not an IP address, e.g. 127.0.0.1");
    }
    port(problems, section + ".port", port);
  }

  private static void port(List<String> problems, String key, int port) {
    if (port < 0 || port > 65535) {
      problems.add("'" + key + "' " + port + " is not a port 0-65535");
    }
  }

  static boolean isIp(String s) {
    return s != null && (s.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")
        || (s.contains(":") && s.matches("[0-9a-fA-F:.]+")));
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
