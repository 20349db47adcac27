package org.imscore.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the subscriber CSV of {@code imscore subscriber import} into REST API bodies, one per line, and every
 * problem it can see without the server: unknown or missing columns, a wrong number of fields, empty required
 * values, both or neither of op and opc, an sqn that is not a number, an IMPI or IMPU on two lines. Values
 * themselves (hex digits, URI syntax) are checked by the server, which also knows what is provisioned.
 *
 * <p>The format, also in the command's help:
 * <ul>
 * <li>a header line naming the columns in any order, case-insensitive: {@code impi}, {@code impu}, {@code k},
 *     {@code op} or {@code opc} (both columns may be present, each line fills exactly one), and optionally
 *     {@code amf} (default 8000), {@code sqn} (default 0), {@code password} (SIP Digest; empty for none). The
 *     names are those of {@code subscriber add};</li>
 * <li>fields separated by commas; a field in double quotes may hold commas, and {@code ""} in it stands for one
 *     quote (RFC 4180); spaces around unquoted fields are ignored;</li>
 * <li>{@code impu} holds one or more public identities separated by spaces (URIs have none, while {@code ;} and
 *     {@code ,} occur in them); they form one implicit registration set, like repeated {@code --impu};</li>
 * <li>blank lines and lines starting with {@code #} are skipped.</li>
 * </ul>
 */
final class SubscriberCsv {

  static final List<String> COLUMNS = List.of("impi", "impu", "k", "op", "opc", "amf", "sqn", "password");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One subscriber line: where it is, its identities, and its REST API body. */
  record Row(int line, String impi, List<String> impus, String json) {
  }

  /** A line that cannot be imported, and why. */
  record LineError(int line, String message) {

    @Override
    public String toString() {
      return "line " + line + ": " + message;
    }
  }

  /** The subscribers of a file and the problems found in it, each in line order. */
  record Parsed(List<Row> rows, List<LineError> errors) {
  }

  private SubscriberCsv() {
  }

  static Parsed read(BufferedReader in) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    Map<String, Integer> header = null;
    Map<String, Integer> impiLines = new HashMap<>();
    Map<String, Integer> impuLines = new HashMap<>();
    int lineNumber = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      if (lineNumber == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      List<String> fields;
      try {
        fields = fields(line);
      } catch (IllegalArgumentException e) {
        errors.add(new LineError(lineNumber, e.getMessage()));
        if (header == null) {
          return new Parsed(rows, errors);
        }
        continue;
      }
      if (header == null) {
        Optional<String> problem = Optional.empty();
        header = new LinkedHashMap<>();
        for (int i = 0; i < fields.size() && problem.isEmpty(); i++) {
          String name = fields.get(i).toLowerCase(Locale.ROOT);
          if (!COLUMNS.contains(name)) {
            problem = Optional.of("unknown column \"" + fields.get(i) + "\" in the header; columns are "
                + String.join(", ", COLUMNS));
          } else if (header.putIfAbsent(name, i) != null) {
            problem = Optional.of("column " + name + " is named twice in the header");
          }
        }
        for (String required : List.of("impi", "impu", "k")) {
          if (problem.isEmpty() && !header.containsKey(required)) {
            problem = Optional.of("the header has no column " + required
                + " (needed: impi, impu, k, and op or opc; the first line that is not blank or a # comment is"
                + " the header)");
          }
        }
        if (problem.isEmpty() && !header.containsKey("op") && !header.containsKey("opc")) {
          problem = Optional.of("the header has neither column op nor opc: give one of them");
        }
        if (problem.isPresent()) {
          errors.add(new LineError(lineNumber, problem.get()));
          return new Parsed(rows, errors);
        }
        continue;
      }
      if (fields.size() != header.size()) {
        errors.add(new LineError(lineNumber, fields.size() + " fields where the header names " + header.size()
            + " (" + String.join(",", header.keySet()) + ")"));
        continue;
      }
      Values values = new Values(header, fields);
      try {
        Row row = row(lineNumber, values);
        Optional<String> duplicate = duplicate(row, impiLines, impuLines);
        if (duplicate.isPresent()) {
          errors.add(new LineError(lineNumber, duplicate.get()));
        } else {
          rows.add(row);
        }
      } catch (IllegalArgumentException e) {
        errors.add(new LineError(lineNumber, e.getMessage()));
      }
    }
    if (header == null) {
      errors.add(new LineError(Math.max(lineNumber, 1),
          "no header line: the file must start with the column names, e.g. impi,impu,k,op"));
    }
    return new Parsed(rows, errors);
  }

  /** A line's fields by column name. */
  private record Values(Map<String, Integer> header, List<String> fields) {

    String get(String column) {
      Integer i = header.get(column);
      return i == null ? "" : fields.get(i);
    }

    String required(String column) {
      String value = get(column);
      if (value.isEmpty()) {
        throw new IllegalArgumentException(column + " is empty");
      }
      return value;
    }
  }

  private static Row row(int line, Values values) {
    String impi = values.required("impi");
    List<String> impus = List.of(values.required("impu").split("\\s+"));
    String k = values.required("k");
    String op = values.get("op");
    String opc = values.get("opc");
    if (op.isEmpty() == opc.isEmpty()) {
      throw new IllegalArgumentException(op.isEmpty()
          ? "neither op nor opc is given: fill one of them (32 hex digits)"
          : "both op and opc are given: keep one of them");
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("impi", impi).put("k", k);
    if (!op.isEmpty()) {
      body.put("op", op);
    } else {
      body.put("opc", opc);
    }
    String amf = values.get("amf");
    if (!amf.isEmpty()) {
      body.put("amf", amf);
    }
    String sqn = values.get("sqn");
    if (!sqn.isEmpty()) {
      try {
        body.put("sqn", Long.parseLong(sqn));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("sqn must be a whole number, got \"" + sqn + "\"");
      }
    }
    String password = values.get("password");
    if (!password.isEmpty()) {
      body.put("password", password);
    }
    ArrayNode identities = body.putArray("publicIdentities");
    impus.forEach(uri -> identities.addObject().put("identity", uri));
    return new Row(line, impi, impus, body.toString());
  }

  private static Optional<String> duplicate(Row row, Map<String, Integer> impiLines, Map<String, Integer> impuLines) {
    Integer earlier = impiLines.get(row.impi());
    if (earlier != null) {
      return Optional.of("impi " + row.impi() + " is already on line " + earlier + "; each subscriber once");
    }
    for (String impu : row.impus()) {
      earlier = impuLines.get(impu);
      if (earlier != null) {
        return Optional.of("impu " + impu + " is already on line " + earlier
            + "; a public identity belongs to one subscriber");
      }
    }
    impiLines.put(row.impi(), row.line());
    row.impus().forEach(impu -> impuLines.putIfAbsent(impu, row.line()));
    return Optional.empty();
  }

  /** Splits one line (RFC 4180 quoting, no line breaks inside fields). */
  static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (true) {
      boolean quoted = false;
      while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
        i++;
      }
      if (i < line.length() && line.charAt(i) == '"') {
        quoted = true;
        i++;
        while (true) {
          if (i >= line.length()) {
            throw new IllegalArgumentException("a quoted field is not closed: end it with \" (a quote inside is"
                + " written \"\")");
          }
          char c = line.charAt(i++);
          if (c != '"') {
            field.append(c);
          } else if (i < line.length() && line.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            break;
          }
        }
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
          i++;
        }
        if (i < line.length() && line.charAt(i) != ',') {
          throw new IllegalArgumentException("text after the closing quote of field " + (fields.size() + 1)
              + ": put the whole field in quotes");
        }
      } else {
        int end = line.indexOf(',', i);
        end = end < 0 ? line.length() : end;
        field.append(line, i, end);
        i = end;
        if (field.indexOf("\"") >= 0) {
          throw new IllegalArgumentException("a quote inside unquoted field " + (fields.size() + 1)
              + ": put the field in quotes and write the quote as \"\"");
        }
      }
      fields.add(quoted ? field.toString() : field.toString().strip());
      field.setLength(0);
      if (i >= line.length()) {
        return fields;
      }
      i++; // the comma
    }
  }
}
