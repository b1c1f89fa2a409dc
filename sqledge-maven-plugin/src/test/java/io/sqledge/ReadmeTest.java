package io.sqledge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sqledge.config.ConfigSchema;
import io.sqledge.config.ConfigSchema.Entry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Holds the README's configuration reference to the {@code @Key} declarations: the table and the
 * embedded default between the markers are exactly what the declarations make of them. After a
 * change to a declaration, {@code ./mvnw -pl sqledge-maven-plugin test -Dtest=ReadmeTest
 * -Dsqledge.readme.update=true} rewrites that part of the README.
 */
class ReadmeTest {

  static final String BEGIN = "<!-- configuration reference: generated from the @Key"
      + " declarations (ReadmeTest); edit those, not this table -->\n";
  static final String END = "<!-- end of the generated configuration reference -->\n";

  @Test
  void theConfigurationReferenceIsTheDeclarations() throws Exception {
    new ReadmeSection(BEGIN, END).holdTo(reference(), "the @Key declarations");
  }

  @Test
  void everyValueKeyHasARowWithItsDocumentation() {
    String table = reference();
    List<Entry> keys = ConfigSchema.values();
    assertTrue(keys.size() >= 55, "found only " + keys.size() + " keys");
    for (Entry key : keys) {
      assertTrue(!key.doc().isBlank(), key.path() + " has no documentation");
      assertTrue(table.contains("| `" + key.path() + "` |"), key.path() + " has no row");
    }
  }

  /** The table, then the embedded default as a YAML file. */
  static String reference() {
    String rows = ConfigSchema.all().stream()
        .filter(entry -> entry.declaration() != null)
        .map(entry -> "| `" + entry.path() + "` | " + shownDefault(entry) + " | "
            + (entry.doc() + constraints(entry)).replace("|", "\\|") + " |")
        .collect(Collectors.joining("\n"));
    return "| Key | Default | Meaning |\n|---|---|---|\n" + rows + "\n\n"
        + "The embedded default, as the declarations make it:\n\n```yaml\n"
        + ConfigSchema.defaultsYaml() + "```\n";
  }

  /** The declared checks, in words. */
  private static String constraints(Entry entry) {
    List<String> allowed = ConfigSchema.allowed(entry);
    if (allowed.size() > 1) {
      return " One of " + allowed.stream()
          .map(value -> value.isEmpty() ? "`\"\"`" : "`" + value + "`")
          .collect(Collectors.joining(", ")) + ".";
    }
    var key = entry.declaration();
    if (key.min() != Long.MIN_VALUE && key.max() != Long.MAX_VALUE) {
      return " From " + key.min() + " to " + key.max() + ".";
    }
    return key.min() != Long.MIN_VALUE ? " At least " + key.min() + "." : "";
  }

  private static String shownDefault(Entry entry) {
    String value = entry.kind() == ConfigSchema.Kind.SETTINGS ? entry.declaration().value()
        : entry.defaultValue();
    return value.isEmpty() ? "`\"\"`" : "`" + value.replace("|", "\\|") + "`";
  }
}
