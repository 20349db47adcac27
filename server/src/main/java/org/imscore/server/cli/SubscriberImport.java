package org.imscore.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.imscore.server.cli.ApiClient.ApiException;
import org.imscore.server.cli.SubscriberCsv.LineError;
import org.imscore.server.cli.SubscriberCsv.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code imscore subscriber import FILE.csv}: many subscribers at once, all or nothing. The whole file is read and
 * checked first (its syntax here, its values and what is provisioned already by the server, batch by batch with
 * {@code dryRun=true}); when any line is bad, the first errors are listed with their line numbers and nothing is
 * imported. Then the batches are created, each in one store transaction, with progress on stderr.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Create the subscribers of a CSV file: all of them, or none when any line is bad.",
      "",
      "The first line names the columns, in any order: impi, impu, k, op or opc (each line fills exactly one),"
          + " and optionally amf (default 8000), sqn (default 0), password (SIP Digest). impu holds one or more"
          + " public identities separated by spaces; they form one implicit registration set. Fields are separated"
          + " by commas; a field in double quotes may hold commas (a quote inside is written \"\"). Blank lines and"
          + " lines starting with # are skipped. Example, with K and OP of 32 hex digits each:",
      "  impi,impu,k,op,sqn",
      "  alice@ims.example.org,sip:alice@ims.example.org tel:+15550001,K,OP,",
      "  bob@ims.example.org,sip:bob@ims.example.org,K,OP,64",
      "",
      "Every line is checked before anything is written (syntax, hex values, identities, duplicates in the file and"
          + " in the HSS); the first errors are listed by line number. Then the subscribers are created in batches,"
          + " each batch in one transaction.",
      ""})
final class SubscriberImport extends SubscriberCommand.ApiCall {

  static final int MAX_BATCH = 1000;
  /** Below the REST API's 1 MiB limit on a request body. */
  static final int MAX_BATCH_CHARS = 512 * 1024;
  static final int ERRORS_SHOWN = 20;
  private static final long PROGRESS_EVERY_NANOS = 250_000_000L;
  private static final String BATCH_PATH = "/api/v1/subscribers";

  @Parameters(paramLabel = "FILE.csv", description = "The subscribers; - reads standard input.")
  String file;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
      description = "Subscribers per transaction, 1 to 1000 (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  int run(ApiClient client, PrintWriter out) throws ApiException {
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw new ParameterException(spec.commandLine(),
          "--batch-size must be 1 to " + MAX_BATCH + ", got " + batchSize);
    }
    PrintWriter err = spec.commandLine().getErr();
    SubscriberCsv.Parsed parsed = read();
    List<List<Row>> batches = batches(parsed.rows());
    int total = parsed.rows().size();

    long checkStart = System.nanoTime();
    List<LineError> errors = new ArrayList<>(parsed.errors());
    Progress progress = new Progress(err);
    int checked = 0;
    for (List<Row> batch : batches) {
      try {
        client.sendJson("POST", BATCH_PATH + "?dryRun=true", body(batch));
      } catch (ApiException e) {
        errors.addAll(problems(e, batch));
      }
      checked += batch.size();
      progress.report("checked", checked, total);
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparingInt(LineError::line));
      errors.stream().limit(ERRORS_SHOWN).forEach(e -> err.println("error: " + e));
      if (errors.size() > ERRORS_SHOWN) {
        err.println("... and " + (errors.size() - ERRORS_SHOWN) + " more");
      }
      err.println(errors.size() + " line" + (errors.size() == 1 ? " has" : "s have")
          + " errors; nothing was imported: fix them and run the import again");
      return 1;
    }
    if (total == 0) {
      out.println("nothing to import: " + file + " has a header but no subscriber lines");
      return 0;
    }
    double checkSeconds = (System.nanoTime() - checkStart) / 1e9;

    long start = System.nanoTime();
    int imported = 0;
    for (List<Row> batch : batches) {
      try {
        client.sendJson("POST", BATCH_PATH, body(batch));
      } catch (ApiException e) {
        // Checked a moment ago: someone provisioned the same identities since, or the store failed.
        int first = batch.get(0).line();
        problems(e, batch).stream().limit(ERRORS_SHOWN).forEach(p -> err.println("error: " + p));
        err.println("the batch of lines " + first + "-" + batch.get(batch.size() - 1).line()
            + " was refused, so it and the lines after it are not imported; the " + imported + " subscribers"
            + " before line " + first + " are");
        return 1;
      }
      imported += batch.size();
      progress.report("imported", imported, total);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf("imported %d subscribers from %s in %.1f s (%.0f/s), after checking them in %.1f s%n",
        imported, file, seconds, imported / Math.max(seconds, 1e-3), checkSeconds);
    return 0;
  }

  private SubscriberCsv.Parsed read() throws ApiException {
    try {
      if (file.equals("-")) {
        return SubscriberCsv.read(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
      }
      try (BufferedReader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        return SubscriberCsv.read(in);
      }
    } catch (NoSuchFileException e) {
      throw new ApiException(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new ApiException(file + " is not UTF-8 text: save it as UTF-8 CSV");
    } catch (IOException e) {
      throw new ApiException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Rows grouped into batches of at most --batch-size subscribers and {@link #MAX_BATCH_CHARS} of JSON. */
  private List<List<Row>> batches(List<Row> rows) {
    List<List<Row>> batches = new ArrayList<>();
    List<Row> current = new ArrayList<>();
    int chars = 0;
    for (Row row : rows) {
      if (!current.isEmpty() && (current.size() == batchSize || chars + row.json().length() > MAX_BATCH_CHARS)) {
        batches.add(current);
        current = new ArrayList<>();
        chars = 0;
      }
      current.add(row);
      chars += row.json().length() + 1;
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  private static String body(List<Row> batch) {
    StringBuilder json = new StringBuilder("[");
    for (Row row : batch) {
      json.append(json.length() > 1 ? "," : "").append(row.json());
    }
    return json.append(']').toString();
  }

  /** The server's problems of a refused batch, by line; any other failure of the call is passed on. */
  private static List<LineError> problems(ApiException e, List<Row> batch) throws ApiException {
    JsonNode answer = e.answer();
    if (answer == null || !answer.path("problems").isArray()) {
      throw e;
    }
    List<LineError> errors = new ArrayList<>();
    for (JsonNode problem : answer.get("problems")) {
      int index = problem.path("index").asInt(-1);
      int line = index >= 0 && index < batch.size() ? batch.get(index).line() : batch.get(0).line();
      errors.add(new LineError(line, problem.path("error").asText()));
    }
    return errors;
  }

  /** Progress lines on stderr, at most four a second, none for an import quicker than that. */
  private static final class Progress {
    private final PrintWriter err;
    private long last = System.nanoTime();

    Progress(PrintWriter err) {
      this.err = err;
    }

    void report(String verb, int done, int total) {
      long now = System.nanoTime();
      if (now - last >= PROGRESS_EVERY_NANOS) {
        last = now;
        err.printf("%s %d/%d (%d %%)%n", verb, done, total, 100L * done / Math.max(total, 1));
        err.flush();
      }
    }
  }
}
