package org.imscore.testkit.sipp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code @NAME@} placeholders of a SIPp scenario before the run. SIPp 3.6.1 does not expand {@code [fieldN]}
 * or {@code [$var]} inside the {@code [authentication ...]} keyword (it writes the keyword out as text), so
 * credentials must stand in the scenario literally; everything else can still come from an injection file.
 */
public final class ScenarioTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z][A-Z0-9_]*)@");

  private ScenarioTemplate() {
  }

  /**
   * Writes {@code scenario} with every {@code @NAME@} replaced by {@code values.get("NAME")} to {@code target}.
   *
   * @throws IllegalArgumentException when the scenario names a placeholder {@code values} lacks
   */
  public static Path render(Path scenario, Map<String, String> values, Path target) {
    try {
      String text = Files.readString(scenario, StandardCharsets.ISO_8859_1);
      Matcher m = PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value = values.get(m.group(1));
        if (value == null) {
          throw new IllegalArgumentException(scenario.getFileName() + " needs a value for @" + m.group(1) + "@");
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      m.appendTail(out);
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.writeString(target, out, StandardCharsets.ISO_8859_1);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
