package io.sqledge.docs;

import io.sqledge.config.ConfigSchema;
import io.sqledge.config.ConfigSchema.Entry;
import io.sqledge.config.ConfigSchema.Kind;
import io.sqledge.config.Key;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration reference of docs/configuration.md, made from the {@code @Key} declarations
 * ({@link ConfigSchema}): per key its type, default, allowed values, the property that sets it,
 * and its one line of meaning; then the embedded default as a YAML file.
 */
final class ConfigurationReference {

  static final GeneratedSection SECTION = new GeneratedSection("docs/configuration.md",
      "<!-- configuration reference: generated from the @Key declarations (DocsTest); edit those,"
          + " not this table -->\n", "<!-- end of the generated configuration reference -->\n");

  private static final Map<Kind, String> TYPES = Map.of(Kind.TEXT, "text", Kind.NUMBER, "integer",
      Kind.BOOLEAN, "boolean", Kind.TEXT_MAP, "map of texts", Kind.TEXT_LIST, "list of texts",
      Kind.FREE_FORM, "Kubernetes YAML", Kind.SETTINGS, "section", Kind.SETTINGS_LIST,
      "list of settings");

  private ConfigurationReference() {}

  static String markdown() {
    String rows = ConfigSchema.all().stream()
        .filter(entry -> entry.declaration() != null)
        .map(entry -> "| `" + entry.path() + "` | " + TYPES.get(entry.kind()) + " | "
            + shownDefault(entry) + " | " + allowed(entry) + " | " + property(entry) + " | "
            + entry.doc().replace("|", "\\|") + " |")
        .collect(Collectors.joining("\n"));
    return "| Key | Type | Default | Allowed | Property | Meaning |\n|---|---|---|---|---|---|\n"
        + rows + "\n\nThe embedded default, as the declarations make it:\n\n```yaml\n"
        + ConfigSchema.defaultsYaml() + "```\n";
  }

  /**
   * The property that sets the key: texts, numbers, booleans and lists (comma-separated); maps,
   * free-form values, whole sections and lists of settings, with their items' keys, only in the
   * file.
   */
  private static String property(Entry entry) {
    if (entry.path().contains("[]")) {
      return "file only"; // a key of a list's items
    }
    return switch (entry.kind()) {
      case TEXT, NUMBER, BOOLEAN, TEXT_LIST -> "`-Dsqledge." + entry.path() + "`";
      default -> "file only";
    };
  }

  /** The declared checks, in words. */
  private static String allowed(Entry entry) {
    List<String> allowed = ConfigSchema.allowed(entry);
    if (allowed.size() > 1) {
      return allowed.stream()
          .map(value -> value.isEmpty() ? "`\"\"`" : "`" + value + "`")
          .collect(Collectors.joining(", "));
    }
    Key key = entry.declaration();
    if (key.min() != Long.MIN_VALUE && key.max() != Long.MAX_VALUE) {
      return key.min() + " to " + key.max();
    }
    return key.min() != Long.MIN_VALUE ? "at least " + key.min() : "";
  }

  private static String shownDefault(Entry entry) {
    String value = entry.kind() == Kind.SETTINGS ? entry.declaration().value()
        : entry.defaultValue();
    return value.isEmpty() ? "`\"\"`" : "`" + value.replace("|", "\\|") + "`";
  }
}
